"""The schedule's use cases: the calendar, deployment windows, milestones and change freezes (issue #15).

A window and the milestones are part of what a go/no-go meeting saw: changing one `touch`es the release,
so an unused decision taken before goes stale. Freezes belong to no release; their events name none.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from relmgr_tui.domain import validation
from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import Phase, Release, ReleaseKind
from relmgr_tui.domain.schedule import (
    DEFAULT_EXEMPT,
    MAX_FREEZE_NAME,
    CalendarSpan,
    Freeze,
    Window,
    checked_window,
    exempt_text,
    planned_milestone,
    span_bounds,
    window_text,
    zone_named,
)
from relmgr_tui.service.base import UseCases, public_holidays
from relmgr_tui.service.undo import undoable

FREEZE_FIELDS = ("name", "starts", "ends", "reason", "exempt_kinds", "zone")
LONGEST_SPAN = timedelta(days=366)
"""The calendar reads at most a year at once."""


def _freeze_text(freeze: Freeze) -> str:
    """A freeze as the audit log writes it: name, dates in its zone, exempt kinds."""
    reason = f"; reason: {freeze.reason}" if freeze.reason else ""
    return f"{freeze.name}: {freeze.dates_text()} {freeze.zone} (exempt: {exempt_text(freeze.exempt_kinds)}){reason}"


def _clean_freeze(values: dict[str, Any]) -> dict[str, Any]:
    clean = dict(values)
    if "name" in clean:
        clean["name"] = validation.required_text(clean["name"], "freeze name", MAX_FREEZE_NAME)
    if "reason" in clean:
        clean["reason"] = validation.bounded_text(clean["reason"], "reason")
    if "zone" in clean:
        clean["zone"] = zone_named(clean["zone"]).key
    if "exempt_kinds" in clean:
        clean["exempt_kinds"] = frozenset(validation.choice(ReleaseKind, k, "exempt kind")
                                          for k in clean["exempt_kinds"])
    return clean


def _check_freeze_dates(starts: datetime, ends: datetime) -> None:
    if starts.tzinfo is None or ends.tzinfo is None:
        raise InvalidInput("a freeze's start and end need a time zone")
    if ends <= starts:
        raise InvalidInput(f"the freeze ends ({ends:%Y-%m-%d %H:%M} UTC) before it starts"
                           f" ({starts:%Y-%m-%d %H:%M} UTC): give the start first", field="starts")


class Schedule(UseCases):
    # -- reads ---------------------------------------------------------------------------------

    def calendar(self, first_day: date, last_day: date) -> CalendarSpan:
        """The releases placed from first_day to last_day (days in the user's zone), read through the window
        and target-date indexes; with the freezes and public holidays of those days."""
        if last_day < first_day:
            raise InvalidInput(f"the calendar ends ({last_day}) before it starts ({first_day})")
        if last_day - first_day > LONGEST_SPAN:
            raise InvalidInput("the calendar shows at most a year at once: ask for fewer weeks")
        start, end = span_bounds(first_day, last_day, self.timezone)
        with self._store.read() as repo:
            entries = repo.scheduled(start, end, first_day, last_day)
            freezes = repo.freezes_over(start, end)
        return CalendarSpan(first_day, last_day, tuple(entries), tuple(freezes),
                            public_holidays(self.holiday_country, first_day, last_day), self.timezone.key)

    def freezes(self) -> list[Freeze]:
        with self._store.read() as repo:
            return repo.freezes()

    def freeze(self, name: str) -> Freeze:
        """The freeze of that name, in any case; NotFound naming `relmgr freeze list` otherwise."""
        with self._store.read() as repo:
            return repo.freeze_by_name(name)

    # -- releases: window and milestones -------------------------------------------------------

    @undoable
    def set_window(self, release_id: int, expected_version: int | None, window: Window | None) -> Release:
        """Set (None: clear) the deployment window; a go/no-go meeting saw it, so an unused decision goes stale."""
        if window is not None:
            window = checked_window(window.start, window.end, window.zone)
        with self.unit() as unit:
            before = unit.repo.release(release_id, expected_version)
            if before.window == window:
                return before
            unit.touch(before, changed="release")
            after = unit.repo.update(Release, release_id, {"window": window, "updated_at": self.clock()})
            unit.event(after, "release.window", window_text(before.window) if before.window else "",
                       window_text(window) if window else "")
            old = before.window
            unit.undo_by(f"window of {after.version}", lambda s, v: s.set_window(release_id, v, old), after)
            return after

    @undoable
    def set_milestone(self, release_id: int, phase: Phase | str, planned: date | str | None) -> Release:
        """Plan the end of `phase` on `planned` (None: no plan); the meeting saw it, so it makes decisions stale."""
        phase = validation.choice(Phase, phase, "phase")
        planned = validation.optional_date(planned, f"{phase.value} milestone")
        with self.unit() as unit:
            release = unit.repo.release(release_id)
            old = planned_milestone(unit.repo.milestones(release_id), phase)
            if old == planned:
                return release
            unit.touch(release, changed="release")
            unit.repo.set_milestone(release_id, phase, planned)
            unit.event(release, "release.milestone", f"{phase.value}: {old or 'none'}",
                       f"{phase.value}: {planned or 'none'}")
            unit.undo_by(f"{phase.value} milestone of {release.version}",
                         lambda s, v: s.set_milestone(release_id, phase, old))
            return unit.repo.release(release_id)

    # -- change freezes ------------------------------------------------------------------------

    @undoable
    def add_freeze(self, name: str, starts: datetime, ends: datetime, reason: str = "",
                   exempt: frozenset[ReleaseKind] = DEFAULT_EXEMPT, zone: str = "") -> Freeze:
        """`zone`: the IANA zone the dates were given in, which shows them (default: the user's)."""
        clean = _clean_freeze({"name": name, "reason": reason, "exempt_kinds": exempt,
                               "zone": zone or self.timezone.key})
        _check_freeze_dates(starts, ends)
        with self.unit() as unit:
            self._refuse_taken_name(unit.repo, clean["name"])
            freeze = unit.repo.insert(Freeze, {**clean, "starts": starts, "ends": ends})
            unit.event(None, "freeze.add", new=_freeze_text(freeze), reason=freeze.reason)
            unit.undo_by(f"add freeze '{freeze.name}'", lambda s, v: s.remove_freeze(freeze.id, v), freeze)
            return freeze

    @undoable
    def edit_freeze(self, freeze_id: int, expected_version: int | None, **changes: Any) -> Freeze:
        unknown = set(changes) - set(FREEZE_FIELDS)
        if unknown:
            raise InvalidInput(f"cannot edit {', '.join(sorted(unknown))} of a freeze")
        clean = _clean_freeze(changes)
        with self.unit() as unit:
            before = unit.repo.one(Freeze, freeze_id, expected_version)
            diff = {name: value for name, value in clean.items() if getattr(before, name) != value}
            if not diff:
                return before
            if "name" in diff:
                self._refuse_taken_name(unit.repo, diff["name"], freeze_id)
            _check_freeze_dates(diff.get("starts", before.starts), diff.get("ends", before.ends))
            after = unit.repo.update(Freeze, freeze_id, diff)
            unit.event(None, "freeze.edit", _freeze_text(before), _freeze_text(after))
            old = {name: getattr(before, name) for name in diff}
            unit.undo_by(f"edit freeze '{after.name}'", lambda s, v: s.edit_freeze(freeze_id, v, **old), after)
            return after

    @undoable
    def remove_freeze(self, freeze_id: int, expected_version: int | None = None) -> None:
        with self.unit() as unit:
            removed = unit.repo.remove(Freeze, freeze_id, expected_version)
            unit.event(None, "freeze.remove", old=_freeze_text(removed))
            unit.undo_by(f"remove freeze '{removed.name}'", lambda s, v: s.restore_freeze(removed))

    @undoable
    def restore_freeze(self, freeze: Freeze) -> Freeze:
        """Put a removed freeze back, with its id."""
        with self.unit() as unit:
            self._refuse_taken_name(unit.repo, freeze.name)
            restored = unit.repo.put_back(replace(freeze, row_version=1))
            unit.event(None, "freeze.restore", new=_freeze_text(restored))
            unit.undo_by(f"put back freeze '{restored.name}'", lambda s, v: s.remove_freeze(restored.id, v),
                         restored)
            return restored

    @staticmethod
    def _refuse_taken_name(repo: Any, name: str, except_id: int | None = None) -> None:
        taken = [f for f in repo.freezes() if f.name.lower() == name.lower() and f.id != except_id]
        if taken:
            raise InvalidInput(f"a change freeze named {taken[0].name!r} exists already: choose another name",
                               field="name")
