"""Use cases: the only thing the UI and the CLI call.

Each public method loads what it needs, applies the domain rules, writes, and records one audit event, in
one transaction. Methods that change an existing row take the `row_version` the caller last saw: if the
row changed since, StaleWrite is raised and nothing is written.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from relmgr_tui.clock import Clock, utc_now
from relmgr_tui.domain import gates, validation
from relmgr_tui.domain.card import Card
from relmgr_tui.domain.errors import GateBlocked, InvalidInput, NotFound
from relmgr_tui.domain.gates import GateReport
from relmgr_tui.domain.model import (
    BOARD_STATES,
    Attendee,
    ChecklistItem,
    Condition,
    Decision,
    Event,
    Methodology,
    Outcome,
    Phase,
    Release,
    ReleaseDetail,
    ReleaseKind,
    ReleaseState,
    Risk,
    RiskOutcome,
    RiskResponse,
    RiskStatus,
    RollbackStep,
    StepStatus,
)
from relmgr_tui.domain.risk import RiskBand, check_rating
from relmgr_tui.domain.templates import TemplateSet
from relmgr_tui.store.repo import Repo, Store
from relmgr_tui.store.rows import to_item, to_release, to_risk, to_step
from relmgr_tui.store.tables import (
    ChecklistItemRow,
    ReleaseRow,
    RiskRow,
    RollbackStepRow,
)

_RELEASE_FIELDS = ("version", "title", "kind", "methodology", "owner", "target_date", "summary")
_ITEM_FIELDS = ("text", "required", "owner", "note")
_RISK_FIELDS = (
    "title", "description", "category", "likelihood", "impact", "owner", "response", "mitigation",
    "contingency", "status",
)
_STEP_FIELDS = ("action", "command", "owner", "expected_minutes")


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if hasattr(value, "value"):
        return str(value.value)
    return str(value)


def _apply(row: Any, changes: dict[str, Any]) -> tuple[str, str]:
    """Set the changed attributes on `row`; return 'field: old; ...' and 'field: new; ...' for the log."""
    old, new = [], []
    for name, value in changes.items():
        stored = value.value if hasattr(value, "value") else value
        if getattr(row, name) != stored:
            old.append(f"{name}: {_show(getattr(row, name))}")
            new.append(f"{name}: {_show(stored)}")
            setattr(row, name, stored)
    return "; ".join(old), "; ".join(new)


def _checked_attendee(attendee: Attendee) -> Attendee:
    name = validation.name_field(attendee.name, "attendee name", "attendees")
    return Attendee(name, validation.name_field(attendee.function, "attendee function", "attendees"), attendee.vote)


def _checked_condition(condition: Condition) -> Condition:
    text = validation.bounded_text(condition.text, "condition", validation.MAX_TEXT, "conditions")
    return Condition(text, validation.name_field(condition.owner, "condition owner", "conditions"), condition.deadline)


class Service:
    def __init__(
        self,
        store: Store,
        templates: TemplateSet,
        *,
        who: str | None = None,
        clock: Clock = utc_now,
        blocking_band: RiskBand = RiskBand.CRITICAL,
        default_methodology: Methodology = Methodology.WATERFALL,
    ) -> None:
        self.store = store
        self.templates = templates
        self.clock = clock
        self.blocking_band = blocking_band
        self.default_methodology = default_methodology
        self.who = who or self._default_who()
        self._marker = ""
        self._skipped: dict[str, None] = {}

    def _default_who(self) -> str:
        if not self.store.is_sqlite:
            with self.store.read() as repo:
                return repo.current_user()
        try:
            return getpass.getuser()
        except (KeyError, OSError):
            return "unknown"

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    # -- helpers ---------------------------------------------------------------------------------

    def _event(self, release: ReleaseRow | Release | None, action: str, old: str = "", new: str = "",
               reason: str = "") -> Event:
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
    def marked(self, marker: str) -> Iterator[None]:
        """Label the audit events written inside (e.g. "undo"), so the log tells an undo from a change."""
        self._marker = marker
        try:
            yield
        finally:
            self._marker = ""

    @staticmethod
    def _refuse_taken(repo: Repo, version: str, except_id: int | None = None) -> None:
        """Versions are unique without regard to case: `V3.0` beside `v3.0` would be read as the same."""
        holder = repo.version_holder(version, except_id)
        if holder is not None:
            phase = next((p.label for p in Phase if p.value == holder.phase), holder.phase)
            raise InvalidInput(f"version {version!r} is taken by {holder.version} ({phase}): choose another",
                               field="version")

    def _touch_evidence(self, repo: Repo, release: ReleaseRow) -> None:
        """Checklist, risks or rollback changed: any go/no-go taken before is now stale."""
        repo.bump_evidence(release.id, self.clock())

    # -- reads -------------------------------------------------------------------------------------

    def board(self) -> list[Card]:
        return self._cards()

    def skipped_rows(self) -> tuple[str, ...]:
        """Every release a listing has left out so far because this relmgr cannot read it, as its problem
        ("release 7: phase 'launch' is not one this relmgr knows"), for the front end to say once."""
        return tuple(self._skipped)

    @contextmanager
    def _listing(self) -> Iterator[Repo]:
        """A read whose rows this relmgr cannot read are left out and noted in `skipped_rows`."""
        with self.store.read() as repo:
            yield repo
        self._skipped.update(dict.fromkeys(repo.skipped))

    def card(self, release_id: int) -> Card | None:
        """One release's card, or None once it has left the board (released, cancelled, deleted)."""
        cards = self._cards(release_id)
        return cards[0] if cards else None

    def _cards(self, release_id: int | None = None) -> list[Card]:
        with self._listing() as repo:
            rows = repo.board(release_id)
        return [Card.judge(row.release, row.done, row.total, row.evidence, self.blocking_band) for row in rows]

    def archive(self) -> list[Release]:
        with self._listing() as repo:
            return repo.archived_releases()

    def releases(self, phase: Phase | None = None, include_archived: bool = False) -> list[Release]:
        with self._listing() as repo:
            return repo.releases(None if include_archived else BOARD_STATES, phase)

    def releases_with_progress(
        self, phase: Phase | None = None, include_archived: bool = False
    ) -> list[tuple[Release, int, int]]:
        """The releases of `relmgr list`, each with (done, total) of its current phase's checklist."""
        states = None if include_archived else BOARD_STATES
        with self._listing() as repo:
            releases = repo.releases(states, phase)
            progress = repo.progress(states, phase)
        return [(release, *progress.get(release.id, (0, 0))) for release in releases]

    def release(self, version: str) -> Release:
        with self.store.read() as repo:
            return to_release(repo.release_by_version(version))

    def detail(self, release_id: int) -> ReleaseDetail:
        with self.store.read() as repo:
            return repo.detail(release_id)

    def detail_by_version(self, version: str) -> ReleaseDetail:
        with self.store.read() as repo:
            return repo.detail(repo.release_by_version(version).id)

    def gate_report(self, detail: ReleaseDetail) -> GateReport:
        return gates.report_for(detail, self.blocking_band)

    def activity(self, release_id: int, limit: int = 500) -> list[Event]:
        with self.store.read() as repo:
            return repo.events(release_id, limit)

    def revision(self) -> int:
        return self.store.revision()

    def changed_elsewhere(self, since: int) -> tuple[int, bool]:
        """(current revision, whether another process wrote after `since`): the live-refresh check."""
        return self.store.changed_elsewhere(since)

    def overwriting(self):
        """Save over a colleague's newer version on purpose, after the user saw the conflict."""
        return self.store.overwriting()

    def enter_read_only(self) -> None:
        """Presenter mode: refuse every write from now on (leaving it takes a restart)."""
        self.store.read_only = True

    def info(self) -> dict[str, Any]:
        with self.store.read() as repo:
            counts = repo.counts()
            revision = repo.schema_revision()
        return {"database": self.store.url, "schema_revision": revision, "counts": counts}

    # -- releases --------------------------------------------------------------------------------

    def create_release(
        self,
        version: str,
        title: str = "",
        kind: ReleaseKind | str = ReleaseKind.MINOR,
        methodology: Methodology | str | None = None,
        owner: str = "",
        target_date: date | str | None = None,
        summary: str = "",
    ) -> Release:
        version = validation.version(version)
        kind = validation.choice(ReleaseKind, kind, "kind")
        methodology = validation.choice(Methodology, methodology or self.default_methodology, "methodology")
        target = validation.optional_date(target_date)
        now = self.clock()
        with self.store.write() as repo:
            self._refuse_taken(repo, version)
            row = repo.add(
                ReleaseRow(
                    version=version,
                    title=validation.bounded_text(title, "title", validation.MAX_TITLE),
                    kind=kind.value,
                    methodology=methodology.value,
                    phase=Phase.PLANNING.value,
                    state=ReleaseState.ACTIVE.value,
                    owner=validation.name_field(owner, "release owner", "owner"),
                    target_date=target,
                    summary=validation.bounded_text(summary, "summary"),
                    created_at=now,
                    updated_at=now,
                )
            )
            repo.add_items(
                [
                    ChecklistItemRow(release_id=row.id, phase=phase.value, position=n, text=t.text, required=t.required)
                    for phase, items in self.templates.for_kind(kind).items()
                    for n, t in enumerate(items, start=1)
                ]
            )
            repo.record(self._event(row, "release.create", new=f"{kind.value} {methodology.value}"))
            return to_release(row)

    def edit_release(self, release_id: int, expected_version: int | None, **changes: Any) -> Release:
        unknown = set(changes) - set(_RELEASE_FIELDS)
        if unknown:
            raise InvalidInput(f"cannot edit {', '.join(sorted(unknown))} of a release")
        clean: dict[str, Any] = {}
        for name, value in changes.items():
            if name == "version":
                clean[name] = validation.version(value)
            elif name == "kind":
                clean[name] = validation.choice(ReleaseKind, value, "kind")
            elif name == "methodology":
                clean[name] = validation.choice(Methodology, value, "methodology")
            elif name == "target_date":
                clean[name] = validation.optional_date(value)
            elif name == "title":
                clean[name] = validation.bounded_text(value, "title", validation.MAX_TITLE)
            elif name == "owner":
                clean[name] = validation.name_field(value, "release owner", "owner")
            else:
                clean[name] = validation.bounded_text(value, name)
        with self.store.write() as repo:
            row = repo.get(ReleaseRow, release_id, expected_version)
            if clean.get("version", row.version) != row.version:
                self._refuse_taken(repo, clean["version"], row.id)
            old, new = _apply(row, clean)
            if old or new:
                row.updated_at = self.clock()
                repo.flush()
                repo.record(self._event(row, "release.edit", old, new))
            return to_release(row)

    def set_state(self, release_id: int, state: ReleaseState | str, reason: str = "",
                  expected_version: int | None = None) -> Release:
        """Hold, resume, cancel, or mark a deployed release rolled back."""
        state = validation.choice(ReleaseState, state, "state")
        with self.store.write() as repo:
            row = repo.get(ReleaseRow, release_id, expected_version)
            old = row.state
            if old == state.value:
                return to_release(row)
            row.state = state.value
            row.updated_at = self.clock()
            repo.flush()
            repo.record(self._event(row, "release.state", old, state.value, reason.strip()))
            return to_release(row)

    def delete_release(self, release_id: int, expected_version: int | None = None) -> Release:
        """Delete the release and everything under it; its audit events stay. Returns what was deleted."""
        with self.store.write() as repo:
            row = repo.get(ReleaseRow, release_id, expected_version)
            deleted = to_release(row)
            event = self._event(row, "release.delete", old=f"{row.version} {row.title}".strip())
            repo.delete(row)
            repo.record(event)
            return deleted

    # -- phases --------------------------------------------------------------------------------

    def advance(self, release_id: int, reason: str = "", expected_version: int | None = None) -> Release:
        """Move one phase forward through the gate; leaving Deploying marks the release released.

        Waterfall: any blocker refuses the move. Agile: blockers can be overridden with a written reason,
        which goes into the audit log.
        """
        reason = reason.strip()
        with self.store.write() as repo:
            row = repo.get(ReleaseRow, release_id, expected_version)
            report = gates.report_for(repo.detail(row.id), self.blocking_band)
            if not report.open:
                if not report.overridable:
                    raise GateBlocked(report, f"{row.version} cannot leave {report.phase.label}: " + "; ".join(report.blockers))
                if not reason:
                    raise GateBlocked(
                        report,
                        f"{row.version} has {len(report.blockers)} blocker(s); agile releases may override"
                        " with a written reason (--reason).",
                    )
            old_phase = Phase(row.phase)
            row.updated_at = self.clock()
            if old_phase.next is None:
                row.state = ReleaseState.RELEASED.value
                new = "released"
            else:
                row.phase = old_phase.next.value
                new = old_phase.next.value
            repo.flush()
            action = "release.override" if not report.open else "release.advance"
            logged_reason = reason
            if not report.open:
                logged_reason = f"{reason} (overrode: {'; '.join(report.blockers)})"
            repo.record(self._event(row, action, old_phase.value, new, logged_reason))
            return to_release(row)

    def move_back(self, release_id: int, reason: str = "", expected_version: int | None = None) -> Release:
        with self.store.write() as repo:
            row = repo.get(ReleaseRow, release_id, expected_version)
            phase = Phase(row.phase)
            if not ReleaseState(row.state).on_board:
                raise InvalidInput(f"{row.version} is {ReleaseState(row.state).label}: it no longer moves between phases")
            if phase.previous is None:
                raise InvalidInput(f"{row.version} is in Planning, the first phase: it cannot move back")
            row.phase = phase.previous.value
            row.updated_at = self.clock()
            repo.flush()
            repo.record(self._event(row, "release.back", phase.value, phase.previous.value, reason.strip()))
            return to_release(row)

    # -- checklist -----------------------------------------------------------------------------

    def set_done(self, item_id: int, done: bool, expected_version: int | None = None) -> ChecklistItem:
        with self.store.write() as repo:
            item = repo.get(ChecklistItemRow, item_id, expected_version)
            release = repo.get(ReleaseRow, item.release_id)
            if item.done == done:
                return to_item(item)
            item.done = done
            item.done_by = self.who if done else ""
            item.done_at = self.clock() if done else None
            repo.flush()
            self._touch_evidence(repo, release)
            repo.record(self._event(release, "item.tick" if done else "item.untick", new=item.text))
            return to_item(item)

    def find_item(self, version: str, ref: str, phase: Phase | None = None) -> ChecklistItem:
        """An item by its number in the phase (1-based) or by a unique piece of its text."""
        if not ref.strip():
            # An empty piece of text is contained in every item: it would pick the only item of a phase.
            raise InvalidInput("give the item's number in its phase or a piece of its text", field="item")
        with self.store.read() as repo:
            release = repo.release_by_version(version)
            phase = phase or Phase(release.phase)
            items = [to_item(r) for r in repo.items(release.id, phase)]
        ref = ref.strip()
        if ref.isascii() and ref.isdigit():  # '²' and '٣' are digits to Python, and text to a person
            numbered = {str(number): item for number, item in enumerate(items, start=1)}
            if ref.lstrip("0") in numbered:
                return numbered[ref.lstrip("0")]
            raise NotFound(f"{version} has {len(items)} {phase.label} items; there is no item {ref}")
        matches = [i for i in items if ref.lower() in i.text.lower()]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise NotFound(f"no {phase.label} item of {version} contains {ref!r}; `relmgr show {version}` lists them")
        raise InvalidInput(
            f"{ref!r} matches {len(matches)} {phase.label} items of {version}: use more words or the item number"
        )

    def add_item(self, release_id: int, phase: Phase | str, text: str, required: bool = True,
                 owner: str = "") -> ChecklistItem:
        phase = validation.choice(Phase, phase, "phase")
        text = validation.required_text(text, "item text", 500)
        with self.store.write() as repo:
            release = repo.get(ReleaseRow, release_id)
            existing = repo.items(release_id, phase)
            position = max((i.position for i in existing), default=0) + 1
            item = repo.add(
                ChecklistItemRow(release_id=release_id, phase=phase.value, position=position, text=text,
                                 required=required, owner=validation.name_field(owner, "item owner", "owner"))
            )
            self._touch_evidence(repo, release)
            repo.record(self._event(release, "item.add", new=f"{phase.value}: {text}"))
            return to_item(item)

    def edit_item(self, item_id: int, expected_version: int | None, **changes: Any) -> ChecklistItem:
        unknown = set(changes) - set(_ITEM_FIELDS)
        if unknown:
            raise InvalidInput(f"cannot edit {', '.join(sorted(unknown))} of a checklist item")
        if "text" in changes:
            changes["text"] = validation.required_text(changes["text"], "item text", 500)
        if "owner" in changes:
            changes["owner"] = validation.name_field(changes["owner"], "item owner", "owner")
        if "note" in changes:
            changes["note"] = validation.bounded_text(changes["note"], "note")
        with self.store.write() as repo:
            item = repo.get(ChecklistItemRow, item_id, expected_version)
            release = repo.get(ReleaseRow, item.release_id)
            old, new = _apply(item, changes)
            if old or new:
                repo.flush()
                self._touch_evidence(repo, release)
                repo.record(self._event(release, "item.edit", old, new))
            return to_item(item)

    def remove_item(self, item_id: int, expected_version: int | None = None) -> None:
        with self.store.write() as repo:
            item = repo.get(ChecklistItemRow, item_id, expected_version)
            release = repo.get(ReleaseRow, item.release_id)
            event = self._event(release, "item.remove", old=f"{item.phase}: {item.text}")
            repo.delete(item)
            self._touch_evidence(repo, release)
            repo.record(event)

    def move_item(self, item_id: int, offset: int) -> ChecklistItem:
        """Swap the item with its neighbour `offset` places away (-1 up, +1 down) in its phase."""
        with self.store.write() as repo:
            item = repo.get(ChecklistItemRow, item_id)
            release = repo.get(ReleaseRow, item.release_id)
            siblings = repo.items(item.release_id, Phase(item.phase))
            if self._reorder(siblings, item, offset):
                self._touch_evidence(repo, release)
                repo.record(self._event(release, "item.move", new=f"{item.text} -> position {item.position}"))
            return to_item(item)

    @staticmethod
    def _reorder(siblings: list[Any], row: Any, offset: int) -> bool:
        index = next(i for i, s in enumerate(siblings) if s.id == row.id)
        target = index + offset
        if not 0 <= target < len(siblings):
            return False
        siblings.insert(target, siblings.pop(index))
        for position, sibling in enumerate(siblings, start=1):
            if sibling.position != position:
                sibling.position = position
        return True

    # -- risks ---------------------------------------------------------------------------------

    def add_risk(self, release_id: int, title: str, likelihood: int | str, impact: int | str, *,
                 description: str = "", category: str = "", owner: str = "",
                 response: RiskResponse | str = RiskResponse.REDUCE, mitigation: str = "",
                 contingency: str = "") -> Risk:
        values = self._risk_values(
            {"title": title, "likelihood": likelihood, "impact": impact, "description": description,
             "category": category, "owner": owner, "response": response, "mitigation": mitigation,
             "contingency": contingency}
        )
        with self.store.write() as repo:
            release = repo.get(ReleaseRow, release_id)
            risk = repo.add(RiskRow(release_id=release_id, last_reviewed=self.clock(), **values))
            self._touch_evidence(repo, release)
            repo.record(self._event(release, "risk.add", new=f"{risk.title} (L{risk.likelihood} x I{risk.impact})"))
            return to_risk(risk)

    @staticmethod
    def _risk_values(changes: dict[str, Any]) -> dict[str, Any]:
        unknown = set(changes) - set(_RISK_FIELDS)
        if unknown:
            raise InvalidInput(f"cannot edit {', '.join(sorted(unknown))} of a risk")
        clean: dict[str, Any] = {}
        for name, value in changes.items():
            if name == "title":
                clean[name] = validation.required_text(value, "risk title")
            elif name in ("likelihood", "impact"):
                clean[name] = check_rating(name, value)
            elif name == "response":
                clean[name] = validation.choice(RiskResponse, value, "response").value
            elif name == "status":
                clean[name] = validation.choice(RiskStatus, value, "status").value
            elif name in ("owner", "category"):
                clean[name] = validation.name_field(value, f"risk {name}", name)
            else:
                clean[name] = validation.bounded_text(value, name)
        return clean

    def edit_risk(self, risk_id: int, expected_version: int | None, **changes: Any) -> Risk:
        clean = self._risk_values(changes)
        with self.store.write() as repo:
            risk = repo.get(RiskRow, risk_id, expected_version)
            release = repo.get(ReleaseRow, risk.release_id)
            old, new = _apply(risk, clean)
            if old or new:
                risk.last_reviewed = self.clock()
                repo.flush()
                self._touch_evidence(repo, release)
                repo.record(self._event(release, "risk.edit", old, new))
            return to_risk(risk)

    def close_risk(self, risk_id: int, outcome: RiskOutcome | str, expected_version: int | None = None,
                   note: str = "") -> Risk:
        outcome = validation.choice(RiskOutcome, outcome, "outcome")
        with self.store.write() as repo:
            risk = repo.get(RiskRow, risk_id, expected_version)
            release = repo.get(ReleaseRow, risk.release_id)
            old = risk.status
            risk.status = (RiskStatus.OCCURRED if outcome is RiskOutcome.OCCURRED else RiskStatus.CLOSED).value
            risk.outcome = outcome.value
            risk.last_reviewed = self.clock()
            repo.flush()
            self._touch_evidence(repo, release)
            repo.record(self._event(release, "risk.close", old, f"{risk.status} ({outcome.value}): {risk.title}",
                                    note.strip()))
            return to_risk(risk)

    # -- rollback plan -------------------------------------------------------------------------

    def add_step(self, release_id: int, action: str, command: str = "", owner: str = "",
                 expected_minutes: int | str = 5) -> RollbackStep:
        values = self._step_values({"action": action, "command": command, "owner": owner,
                                    "expected_minutes": expected_minutes})
        with self.store.write() as repo:
            release = repo.get(ReleaseRow, release_id)
            position = max((s.position for s in repo.steps(release_id)), default=0) + 1
            step = repo.add(RollbackStepRow(release_id=release_id, position=position, **values))
            self._touch_evidence(repo, release)
            repo.record(self._event(release, "step.add", new=step.action))
            return to_step(step)

    @staticmethod
    def _step_values(changes: dict[str, Any]) -> dict[str, Any]:
        unknown = set(changes) - set(_STEP_FIELDS)
        if unknown:
            raise InvalidInput(f"cannot edit {', '.join(sorted(unknown))} of a rollback step")
        clean: dict[str, Any] = {}
        for name, value in changes.items():
            if name == "action":
                clean[name] = validation.required_text(value, "step action", 500)
            elif name == "expected_minutes":
                clean[name] = validation.minutes(value)
            elif name == "owner":
                clean[name] = validation.name_field(value, "step owner", "owner")
            else:
                clean[name] = validation.bounded_text(value, name)
        return clean

    def edit_step(self, step_id: int, expected_version: int | None, **changes: Any) -> RollbackStep:
        clean = self._step_values(changes)
        with self.store.write() as repo:
            step = repo.get(RollbackStepRow, step_id, expected_version)
            release = repo.get(ReleaseRow, step.release_id)
            # Compare fields, not the log text: "owner: transaction team" contains "action".
            what_it_does = any(getattr(step, name) != clean[name] for name in ("action", "command") if name in clean)
            old, new = _apply(step, clean)
            if old or new:
                if step.status == StepStatus.REHEARSED.value and what_it_does:
                    step.status = StepStatus.PENDING.value  # a changed step must be rehearsed again
                repo.flush()
                self._touch_evidence(repo, release)
                repo.record(self._event(release, "step.edit", old, new))
            return to_step(step)

    def set_step_status(self, step_id: int, status: StepStatus | str,
                        expected_version: int | None = None) -> RollbackStep:
        status = validation.choice(StepStatus, status, "status")
        with self.store.write() as repo:
            step = repo.get(RollbackStepRow, step_id, expected_version)
            release = repo.get(ReleaseRow, step.release_id)
            old = step.status
            step.status = status.value
            if status is StepStatus.REHEARSED:
                step.last_rehearsed_at = self.clock()
            repo.flush()
            self._touch_evidence(repo, release)
            repo.record(self._event(release, f"step.{status.value}", old, f"{status.value}: {step.action}"))
            return to_step(step)

    def rehearse_step(self, step_id: int, expected_version: int | None = None) -> RollbackStep:
        return self.set_step_status(step_id, StepStatus.REHEARSED, expected_version)

    def move_step(self, step_id: int, offset: int) -> RollbackStep:
        with self.store.write() as repo:
            step = repo.get(RollbackStepRow, step_id)
            release = repo.get(ReleaseRow, step.release_id)
            if self._reorder(repo.steps(step.release_id), step, offset):
                self._touch_evidence(repo, release)
                repo.record(self._event(release, "step.move", new=f"{step.action} -> position {step.position}"))
            return to_step(step)

    def remove_step(self, step_id: int, expected_version: int | None = None) -> None:
        with self.store.write() as repo:
            step = repo.get(RollbackStepRow, step_id, expected_version)
            release = repo.get(ReleaseRow, step.release_id)
            event = self._event(release, "step.remove", old=step.action)
            repo.delete(step)
            self._touch_evidence(repo, release)
            repo.record(event)

    # -- go/no-go ------------------------------------------------------------------------------

    def record_decision(
        self,
        release_id: int,
        outcome: Outcome | str,
        attendees: Sequence[Attendee],
        rationale: str,
        conditions: Sequence[Condition] = (),
        override_reason: str = "",
    ) -> Decision:
        """Record the decision on the gate out of the release's current phase, with the gate snapshot."""
        outcome = validation.choice(Outcome, outcome, "outcome")
        rationale = validation.required_text(rationale, "rationale", validation.MAX_TEXT)
        attendees = tuple(_checked_attendee(a) for a in attendees if a.name.strip())
        if not attendees:
            raise InvalidInput("a decision needs at least one attendee with a name and a vote", field="attendees")
        conditions = tuple(_checked_condition(c) for c in conditions if c.text.strip())
        if outcome is Outcome.CONDITIONAL_GO and not conditions:
            raise InvalidInput("a conditional GO needs at least one condition with an owner", field="conditions")
        unowned = next((c for c in conditions if not c.owner.strip()), None)
        if unowned is not None:
            raise InvalidInput(f"every condition needs an owner: {unowned.text.strip()!r} has none", field="conditions")
        with self.store.write() as repo:
            release = repo.get(ReleaseRow, release_id)
            blockers = gates.blockers_besides_decision(repo.detail(release_id), self.blocking_band)
            if outcome.permits_deploy and blockers and not override_reason.strip():
                raise InvalidInput(
                    f"the gate still has {len(blockers)} blocker(s): a {outcome.label} needs a written reason",
                    field="override_reason",
                )
            decision = Decision(
                id=0,
                release_id=release_id,
                gate=Phase(release.phase),
                outcome=outcome,
                rationale=rationale,
                decided_at=self.clock(),
                decided_by=self.who,
                evidence_revision=release.evidence_revision,
                attendees=attendees,
                conditions=conditions,
                override_reason=override_reason.strip(),
                gate_snapshot=blockers,
            )
            decision_id = repo.add_decision(decision)
            repo.record(self._event(release, "decision.record", new=f"{outcome.label} on {release.phase}",
                                    reason=override_reason.strip()))
            return replace(decision, id=decision_id)

    # -- single rows, and putting rows back (what undo needs) --------------------------------------

    def release_by_id(self, release_id: int) -> Release:
        with self.store.read() as repo:
            return to_release(repo.get(ReleaseRow, release_id))

    def item(self, item_id: int) -> ChecklistItem:
        with self.store.read() as repo:
            return to_item(repo.get(ChecklistItemRow, item_id))

    def risk(self, risk_id: int) -> Risk:
        with self.store.read() as repo:
            return to_risk(repo.get(RiskRow, risk_id))

    def step(self, step_id: int) -> RollbackStep:
        with self.store.read() as repo:
            return to_step(repo.get(RollbackStepRow, step_id))

    def restore_release(self, detail: ReleaseDetail) -> Release:
        """Put a deleted release back, with its own ids, checklists, risks, rollback plan and decisions."""
        with self.store.write() as repo:
            if repo.version_holder(detail.release.version) is not None:
                raise InvalidInput(f"release {detail.release.version} exists again: it cannot be restored")
            row = repo.restore(detail)
            repo.record(self._event(row, "release.restore", new=f"{row.version} {row.title}".strip()))
            return to_release(row)

    def restore_item(self, item: ChecklistItem) -> ChecklistItem:
        with self.store.write() as repo:
            release = repo.get(ReleaseRow, item.release_id)
            row = repo.add(ChecklistItemRow(
                id=item.id, release_id=item.release_id, phase=item.phase.value, position=item.position,
                text=item.text, required=item.required, done=item.done, done_by=item.done_by,
                done_at=item.done_at, owner=item.owner, note=item.note))
            self._touch_evidence(repo, release)
            repo.record(self._event(release, "item.restore", new=f"{item.phase.value}: {item.text}"))
            return to_item(row)

    def restore_step(self, step: RollbackStep) -> RollbackStep:
        with self.store.write() as repo:
            release = repo.get(ReleaseRow, step.release_id)
            row = repo.add(RollbackStepRow(
                id=step.id, release_id=step.release_id, position=step.position, action=step.action,
                command=step.command, owner=step.owner, expected_minutes=step.expected_minutes,
                status=step.status.value, last_rehearsed_at=step.last_rehearsed_at))
            self._touch_evidence(repo, release)
            repo.record(self._event(release, "step.restore", new=step.action))
            return to_step(row)

    def restore_phase(self, release_id: int, phase: Phase, state: ReleaseState,
                      expected_version: int | None = None) -> Release:
        """Put a release back in a phase and state it was in (undo of a move), without the gate."""
        with self.store.write() as repo:
            row = repo.get(ReleaseRow, release_id, expected_version)
            old = f"{row.phase} {row.state}"
            row.phase, row.state = phase.value, state.value
            row.updated_at = self.clock()
            repo.flush()
            repo.record(self._event(row, "release.phase", old, f"{phase.value} {state.value}"))
            return to_release(row)

    def remove_risk(self, risk_id: int, expected_version: int | None = None) -> None:
        """For a risk entered by mistake; a real risk is closed with an outcome, which keeps its story."""
        with self.store.write() as repo:
            risk = repo.get(RiskRow, risk_id, expected_version)
            release = repo.get(ReleaseRow, risk.release_id)
            event = self._event(release, "risk.remove", old=risk.title)
            repo.delete(risk)
            self._touch_evidence(repo, release)
            repo.record(event)

    def restore_risk(self, risk: Risk) -> Risk:
        with self.store.write() as repo:
            release = repo.get(ReleaseRow, risk.release_id)
            row = repo.add(RiskRow(
                id=risk.id, release_id=risk.release_id, title=risk.title, description=risk.description,
                category=risk.category, likelihood=risk.likelihood, impact=risk.impact, owner=risk.owner,
                response=risk.response.value, mitigation=risk.mitigation, contingency=risk.contingency,
                status=risk.status.value, outcome=risk.outcome.value if risk.outcome else None,
                last_reviewed=risk.last_reviewed))
            self._touch_evidence(repo, release)
            repo.record(self._event(release, "risk.restore", new=risk.title))
            return to_risk(row)

    def reopen_risk(self, risk_id: int, status: RiskStatus, expected_version: int | None = None) -> Risk:
        with self.store.write() as repo:
            risk = repo.get(RiskRow, risk_id, expected_version)
            release = repo.get(ReleaseRow, risk.release_id)
            old = risk.status
            risk.status, risk.outcome = status.value, None
            repo.flush()
            self._touch_evidence(repo, release)
            repo.record(self._event(release, "risk.reopen", old, f"{status.value}: {risk.title}"))
            return to_risk(risk)

    def last_attendees(self, release_id: int) -> tuple[Attendee, ...]:
        """The attendees of the release's last meeting, so they need not be typed twice."""
        with self.store.read() as repo:
            decisions = repo.decisions(release_id)
        return decisions[0].attendees if decisions else ()
