"""What every use case shares: the settings, and the unit of work each write runs in.

A write use case is declared `@undoable` or `@not_undoable("because ...")` (service/undo.py). It opens
one `unit()`: one store transaction that carries who and when, records the audit event, bumps the
release's evidence, and takes the inverse the use case computes from the values it replaces.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from relmgr_tui.clock import Clock, utc_now
from relmgr_tui.domain import gates, lifecycle, rules
from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import (
    ChecklistItem, Event, Methodology, Phase, Release, ReleaseDetail, Risk, RollbackStep, ScopeItem, Severity)
from relmgr_tui.domain.review import Review, ReviewAction
from relmgr_tui.domain.schedule import window_days
from relmgr_tui.domain.risk import RiskBand
from relmgr_tui.domain.templates import TemplateSet
from relmgr_tui.service.undo import History, Inverse, Step

if TYPE_CHECKING:
    from relmgr_tui.store.repo import Repo, Store


Versioned = Release | ChecklistItem | Risk | RollbackStep | ScopeItem | Review | ReviewAction
"""A row that carries a row_version."""


def show(value: Any) -> str:
    """A value as the audit log writes it."""
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if hasattr(value, "value"):
        return str(value.value)
    return str(value)


def stored(value: Any) -> Any:
    return value.value if hasattr(value, "value") else value


def changed(before: Any, changes: dict[str, Any]) -> dict[str, Any]:
    """The changes that differ from `before`, in the order given."""
    return {name: value for name, value in changes.items() if stored(getattr(before, name)) != stored(value)}


def log_text(before: Any, diff: dict[str, Any]) -> tuple[str, str]:
    """'field: old; ...' and 'field: new; ...' for the audit log."""
    return ("; ".join(f"{name}: {show(getattr(before, name))}" for name in diff),
            "; ".join(f"{name}: {show(value)}" for name, value in diff.items()))


@lru_cache(maxsize=16)
def _country_holidays(country: str, years: tuple[int, ...]) -> dict[date, str]:
    import holidays  # only when `holidays` is set in config.toml

    return dict(holidays.country_holidays(country, years=years))


def public_holidays(country: str, first_day: date, last_day: date) -> tuple[tuple[date, str], ...]:
    """The public holidays of `country` (a `holidays` package code) from first_day to last_day."""
    if not country:
        return ()
    found = _country_holidays(country, tuple(range(first_day.year, last_day.year + 1)))
    return tuple(sorted((day, name) for day, name in found.items() if first_day <= day <= last_day))


class Unit:
    """One write transaction of one use case."""

    def __init__(self, repo: Repo, service: UseCases) -> None:
        self.repo = repo
        self._service = service
        self.release: Release | None = None
        """The release this change concerns (the one its audit event names)."""

    def event(self, release: Release | None, action: str, old: str = "", new: str = "", reason: str = "") -> None:
        self.repo.record(self._service.event(release, action, old, new, reason))
        self._service._changed = True
        self.release = release or self.release

    def touch(self, release: Release, clearing: bool = False, changed: str = "") -> None:
        """What the go/no-go meeting saw changed: an unused decision taken before is now stale.

        `clearing`: the change cleared a blocker (a tick, a rehearsal, a closed or accepted risk, an approval).
        A waterfall "GO once these blockers are cleared" stays current across it while no blocker appeared
        that the meeting did not list. `changed`: the part of the release written ("items", "risks", "steps",
        "signoffs"); a change to the sign-offs leaves the other sign-offs current."""
        self.repo.bump_evidence(release.id, self._service.clock())
        if changed == "signoffs":
            self.repo.carry_signoffs(release.id, release.evidence_revision)
        if clearing:
            self._carry_pending_go(release)
        self.follow_rules(release.id, changed)

    def follow_rules(self, release_id: int, changed: str = "") -> None:
        """Tick or untick the rule-linked items of the release as the evidence now stands. Only the rules
        the change can affect are asked, each reading only its part: a tick on a release with 500 items
        and 200 risks must not read them all again."""
        items = self.repo.detail(release_id, frozenset({"items"}), rule_items_only=True).items
        items = [item for item in items if rules.affected_by(item.rule, changed)]
        if not items:
            return
        detail = self.repo.detail(release_id, frozenset(filter(None, (rules.READS.get(item.rule) for item in items))))
        now = self._service.clock()
        for item in items:
            met, _ = rules.evaluate(item.rule, detail, self._service.blocking_band)
            if met != item.done:
                self.repo.update(ChecklistItem, item.id, {
                    "done": met, "done_by": rules.RULE_AUTHOR if met else "", "done_at": now if met else None})

    def _carry_pending_go(self, release: Release) -> None:
        if release.phase is not Phase.PREPARING or release.methodology is not Methodology.WATERFALL:
            return
        detail = self.repo.detail(release.id)
        decision = gates.latest_gate_decision(detail)
        if (decision is None or decision.used or not decision.gate_snapshot or not decision.outcome.permits_deploy
                or decision.evidence_revision != release.evidence_revision):
            return
        service = self._service
        if gates.within_snapshot(gates.blockers_besides_decision(detail, service.blocking_band, service.blocking_bug,
                                                               service.templates.signoffs),
                                 decision.gate_snapshot):
            self.repo.carry_decision(decision.id, release.evidence_revision + 1)

    def undo_by(self, label: str, back: Step, row: Versioned | None = None, forth: Step | None = None) -> None:
        """The inverse of this change, computed here from the values it replaced; `back` expects the
        row_version the change left to `row` (the row as the change left it), so that undo refuses to
        revert a colleague's later change."""
        target = (type(row), row.id) if row is not None else None
        self._service._made = Inverse(label, back, row.row_version if row else None, forth, target)

    def undo_lifecycle(self, label: str, before: Release, after: Release, again: Step,
                       steps: Sequence[RollbackStep] = (), unuse_decision: int | None = None) -> None:
        """Undo of a phase move or a state change: put phase, state, reason and dates (and the rollback
        steps' statuses) back, without the gate; `again` (redo) makes the change again, through it.
        `unuse_decision`: the decision the undone move used, which then authorises the move again."""
        old, statuses = lifecycle.values_of(before), {s.id: s.status for s in steps}
        self.undo_by(label, lambda s, v: s.restore_lifecycle(before.id, old, statuses, v, unuse_decision),
                     after, again)


class UseCases:
    def __init__(
        self,
        store: Store,
        templates: TemplateSet,
        *,
        who: str | None = None,
        clock: Clock = utc_now,
        blocking_band: RiskBand = RiskBand.CRITICAL,
        blocking_bug: Severity = Severity.CRITICAL,
        default_methodology: Methodology = Methodology.WATERFALL,
        remember: bool = True,
        rollback_window_days: int = 30,
        timezone: ZoneInfo | None = None,
        holiday_country: str = "",
        identity: str | None = None,
        allow_self_signoff: bool = False,
    ) -> None:
        """`remember`: keep this terminal's changes for undo (the command line does not). `timezone`: the
        user's (times are shown and typed in it; default UTC); `holiday_country`: config.toml's `holidays`.
        `identity`: who this process is as the store vouches for it (`Store.identity()`, the default), which
        sign-offs record; `who`, the audit log's name, defaults to it."""
        self._store = store
        self.templates = templates
        self.clock = clock
        self.blocking_band = blocking_band
        self.blocking_bug = blocking_bug
        """Open bugs of this severity or worse block Deploying (config.toml's blocking_bug_severity)."""
        self.default_methodology = default_methodology
        self.rollback_window_days = rollback_window_days
        self.timezone = timezone or ZoneInfo("UTC")
        self.holiday_country = holiday_country
        self.identity = identity or store.identity()
        self.who = who or self.identity
        self.allow_self_signoff = allow_self_signoff
        self.history: History | None = History() if remember else None
        self._marker = ""
        self._writing = 0
        self._made: Inverse | None = None
        self._changed = False
        self.origin = ""
        """Where the app's writes come from now (see `made_from`)."""

    def event(self, release: Release | None, action: str, old: str = "", new: str = "", reason: str = "") -> Event:
        return Event(
            id=0,
            at=self.clock(),
            who=self.who,
            release_id=release.id if release else None,
            release_version=release.version if release else "",
            action=action,
            old=old,
            new=new,
            reason=f"{self._marker} ({reason})" if self._marker and reason else (reason or self._marker),
        )

    @contextmanager
    def unit(self) -> Iterator[Unit]:
        """The one transaction of a write use case."""
        if not self._writing:
            raise RuntimeError("a write use case must be declared @undoable or @not_undoable(...)")
        with self._store.write() as repo:
            unit = Unit(repo, self)
            yield unit
            if self._made is not None and self.history is not None:  # only a remembered change needs these
                about = unit.release
                self._made = replace(self._made, rows=repo.versions(), origin=self.origin,
                                     release_id=about.id if about else None, release_version=about.version if about else "")

    def _run_write(self, method: Callable[..., Any], undoable: bool, args: tuple, kwargs: dict) -> Any:
        outer = not self._writing
        if outer:
            self._made, self._changed = None, False
        self._writing += 1
        try:
            result = method(self, *args, **kwargs)
        finally:
            self._writing -= 1
        if outer and undoable:
            if self._changed and self._made is None:
                raise RuntimeError(f"{method.__name__} changed data but recorded no inverse")
            if self._made is not None and self.history is not None and not self._marker:
                self.history.push(self._made)
        return result

    def with_holidays(self, detail: ReleaseDetail) -> ReleaseDetail:
        """The detail with the public holidays its deployment window falls on (config.toml's `holidays`)."""
        window = detail.release.window
        if window is None or not self.holiday_country:
            return detail
        days = window_days(window)
        found = public_holidays(self.holiday_country, days[0], days[-1])
        return replace(detail, holidays=tuple((day, name) for day, name in found if day in days))

    # -- undo and redo ---------------------------------------------------------------------------

    def undo(self) -> str:
        """Take back this terminal's newest change; returns "Undid: <what>"."""
        return self._replay("undo")

    def redo(self) -> str:
        return self._replay("redo")

    def next_change(self, marker: str) -> Inverse | None:
        """What `undo()` ("undo") or `redo()` ("redo") would replay now, to name it before doing it."""
        return self.history.peek(marker) if self.history is not None else None

    @contextmanager
    def made_from(self, origin: str) -> Iterator[None]:
        """The changes made inside remember where in the app they were made ("board", ...)."""
        self.origin = origin
        try:
            yield
        finally:
            self.origin = ""

    def _replay(self, marker: str) -> str:
        if self.history is None:
            raise InvalidInput(f"nothing to {marker} in this terminal")
        return self.history.replay(marker, lambda change: self._replayed(marker, change))

    def _replayed(self, marker: str, change: Inverse) -> Inverse | None:
        with self.marked(marker):
            self._made = None
            change.back(self, change.version)
            return self._made

    @contextmanager
    def marked(self, marker: str) -> Iterator[None]:
        """Label the audit events written inside (e.g. "undo"), so the log tells an undo from a change."""
        self._marker = marker
        try:
            yield
        finally:
            self._marker = ""

    @contextmanager
    def unrecorded(self) -> Iterator[None]:
        """Writes inside are not remembered for undo (test fixtures seeding data)."""
        history, self.history = self.history, None
        try:
            yield
        finally:
            self.history = history
