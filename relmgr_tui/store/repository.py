"""Writes: what one write transaction can change, taking and returning domain objects.

The service decides; the repo loads, checks the row_version the caller saw, changes and flushes. No ORM
row leaves the store.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import fields
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from relmgr_tui.domain.model import (
    ChecklistItem,
    Decision,
    Event,
    Phase,
    Release,
    ReleaseDetail,
    Risk,
    RollbackStep,
    ScopeItem,
    Window,
    Signoff,
)
from relmgr_tui.domain.review import Review, ReviewAction
from relmgr_tui.domain.schedule import Freeze
from relmgr_tui.store.bulk import BulkLoader
from relmgr_tui.store.listener import announcement
from relmgr_tui.store.reading import READERS, Reader
from relmgr_tui.store.tables import (
    ChecklistItemRow,
    DecisionAttendeeRow,
    DecisionConditionRow,
    DecisionRow,
    EventRow,
    FreezeRow,
    MetaRow,
    MilestoneRow,
    ReleaseRow,
    ReviewActionRow,
    ReviewRow,
    RiskRow,
    RollbackStepRow,
    ScopeItemRow,
    SignoffRow,
)

T = TypeVar("T", Release, ChecklistItem, Risk, RollbackStep, ScopeItem, Review, ReviewAction, Freeze, Signoff)

MODELS: dict[type, type] = {
    Release: ReleaseRow,
    ChecklistItem: ChecklistItemRow,
    Risk: RiskRow,
    RollbackStep: RollbackStepRow,
    ScopeItem: ScopeItemRow,
    Review: ReviewRow,
    ReviewAction: ReviewActionRow,
    Freeze: FreezeRow,
    Signoff: SignoffRow,
}
"""The table behind each domain type the service changes."""

KINDS: dict[type, type] = {table: kind for kind, table in MODELS.items()}

RowKey = tuple[type, int]
"""A versioned row by its domain type and id."""

Versions = dict[RowKey, tuple["int | None", "int | None"]]
"""Rows a transaction changed: each one's row_version before and after (None: the row did not exist)."""


def stored(value: Any) -> Any:
    """A domain value as its column holds it (an enum as its value)."""
    return value.value if isinstance(value, Enum) else value


def _window_columns(window: Window | None) -> dict[str, Any]:
    """A release's `window` as its three columns."""
    if window is None:
        return {"window_start": None, "window_end": None, "window_zone": None}
    return {"window_start": window.start, "window_end": window.end, "window_zone": window.zone}


def _column_values(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Domain field values as column values: an enum as its value, a window as its three columns."""
    values: dict[str, Any] = {}
    for name, value in changes.items():
        if name == "window":
            values.update(_window_columns(value))
        elif name == "exempt_kinds":
            values[name] = ",".join(sorted(stored(kind) for kind in value))
        else:
            values[name] = stored(value)
    return values


def _fields(obj: Any) -> list[tuple[str, Any]]:
    return [(field.name, getattr(obj, field.name)) for field in fields(obj)]


def _columns(obj: Any) -> dict[str, Any]:
    """A domain object's fields as column values, row_version left to the database (and a review's
    actions to their own rows)."""
    return _column_values({name: value for name, value in _fields(obj) if name not in ("row_version", "actions")})


class Repo(Reader):
    """Reads and writes on one session (one transaction)."""

    def __init__(self, session: Session, check_versions: bool = True) -> None:
        super().__init__(session, check_versions)
        self._seen: dict[RowKey, tuple[int | None, Any]] = {}
        self._gone: set[RowKey] = set()
        self._releases: set[int] | None = set()
        """The releases this transaction changed (their events and evidence), None once it changed something
        of no one release (a freeze): see `changed_releases`."""

    def get(self, model: type, row_id: int, expected_version: int | None = None) -> Any:
        return self._watch(super().get(model, row_id, expected_version))

    def versions(self) -> Versions:
        """The rows this transaction changed, with their row_version before and after: undo moves the
        inverses of older changes along with the versions its own writes leave."""
        self.session.flush()
        changes: Versions = {}
        for key, (before, row) in self._seen.items():
            after = None if key in self._gone else row.row_version
            if before != after:
                changes[key] = (before, after)
        return changes

    def _watch(self, row: Any, new: bool = False) -> Any:
        """Note the row's row_version as this transaction found it (None for a row it inserts)."""
        kind = KINDS.get(type(row))
        if kind is not None:
            self._seen.setdefault((kind, row.id), (None if new else row.row_version, row))
        return row

    def _watch_new(self, rows: Iterable[Any]) -> None:
        for row in rows:
            self._watch(row, new=True)

    def one(self, kind: type[T], row_id: int, expected_version: int | None = None) -> T:
        """The object for change: NotFound if gone, StaleWrite if it changed since `expected_version`."""
        model = MODELS[kind]
        return READERS[model](self.get(model, row_id, expected_version))

    def release(self, release_id: int, expected_version: int | None = None) -> Release:
        return self.one(Release, release_id, expected_version)

    def update(self, kind: type[T], row_id: int, changes: Mapping[str, Any]) -> T:
        """Set the fields that differ; the row_version goes up once if any did. Returns the object after."""
        model = MODELS[kind]
        row = self.get(model, row_id)
        for name, value in _column_values(changes).items():
            if getattr(row, name) != value:
                setattr(row, name, value)
        self.session.flush()
        return READERS[model](row)

    def insert(self, kind: type[T], values: Mapping[str, Any]) -> T:
        """A new row; the database gives its id."""
        model = MODELS[kind]
        row = model(**_column_values(values))
        self.session.add(row)
        self.session.flush()
        return READERS[model](self._watch(row, new=True))

    def put_back(self, obj: T) -> T:
        """Insert a deleted object again, with the id it had (undo of a removal)."""
        model = MODELS[type(obj)]
        row = model(**_columns(obj))
        self.session.add(row)
        self.session.flush()
        return READERS[model](self._watch(row, new=True))

    def remove(self, kind: type[T], row_id: int, expected_version: int | None = None) -> T:
        """Delete the row (its children go with it); returns what it held."""
        model = MODELS[kind]
        row = self.get(model, row_id, expected_version)
        deleted = READERS[model](row)
        self._gone.add((kind, row_id))
        if model is ReleaseRow:
            self._gone.update(self._watch_children(row_id))
        self.session.delete(row)
        self.session.flush()
        return deleted

    def move(self, kind: type[T], row_id: int, offset: int, expected_version: int | None = None) -> tuple[T, bool]:
        """Swap the item or step with its neighbour `offset` places away; (it after, whether it moved)."""
        model = MODELS[kind]
        row = self.get(model, row_id, expected_version)
        siblings = (self._item_rows(row.release_id, Phase(row.phase)) if model is ChecklistItemRow
                    else self._step_rows(row.release_id))
        for sibling in siblings:
            self._watch(sibling)
        index = next(i for i, s in enumerate(siblings) if s.id == row.id)
        target = index + offset
        if not 0 <= target < len(siblings):
            return READERS[model](row), False
        siblings.insert(target, siblings.pop(index))
        for position, sibling in enumerate(siblings, start=1):
            if sibling.position != position:
                sibling.position = position
        self.session.flush()
        return READERS[model](row), True

    def _watch_children(self, release_id: int) -> list[RowKey]:
        """The release's items, risks, steps, scope, review and sign-offs, which the database deletes with it."""
        keys = []
        for model in (ChecklistItemRow, RiskRow, RollbackStepRow, ScopeItemRow, ReviewRow, SignoffRow):
            for child in self.entities(select(model).where(model.release_id == release_id)):
                self._watch(child)
                keys.append((KINDS[model], child.id))
        actions = select(ReviewActionRow).join(ReviewRow).where(ReviewRow.release_id == release_id)
        for action in self.entities(actions):
            self._watch(action)
            keys.append((ReviewAction, action.id))
        return keys

    def add(self, row: object) -> object:
        self.session.add(row)
        self.session.flush()
        return row

    def add_items(self, items: list[Mapping[str, Any]]) -> None:
        """A new release's checklists from its templates, in one flush."""
        rows = [ChecklistItemRow(**{k: stored(v) for k, v in values.items()}) for values in items]
        self.session.add_all(rows)
        self.session.flush()
        self._watch_new(rows)

    def add_scope_items(self, items: list[Mapping[str, Any]]) -> list[int]:
        """Many new scope items in one executemany (an import of thousands); returns their ids, in order.
        Not watched for undo versions: their undo removes them by id, as the import left them."""
        if not items:
            return []
        table = ScopeItemRow.__table__
        rows = [{name: stored(value) for name, value in values.items()} for values in items]
        self.session.execute(table.insert(), rows)
        keys = [row["key"] for row in rows]
        release_id = rows[0]["release_id"]
        query = select(table.c.key, table.c.id).where(table.c.release_id == release_id)
        ids = {key: item_id for key, item_id in self.session.execute(query)}
        return [ids[key] for key in keys]

    def update_scope_items(self, changes: list[Mapping[str, Any]]) -> None:
        """Many scope items changed in one executemany: each mapping holds `id` and the new values of the
        same columns; each row's row_version goes up by one."""
        if not changes:
            return
        table = ScopeItemRow.__table__
        columns = [name for name in changes[0] if name != "id"]
        statement = (update(table).where(table.c.id == bindparam("_id"))
                     .values({**{name: bindparam(f"_{name}") for name in columns},
                              "row_version": table.c.row_version + 1}))
        self.session.execute(statement, [{f"_{name}": stored(value) for name, value in change.items()}
                                         for change in changes])

    # -- decisions, and a deleted release put back ----------------------------------------------

    def add_decision(self, decision: Decision, keep_id: bool = False) -> int:
        """`keep_id`: a deleted release put back keeps its decisions' ids (PostgreSQL's sequence moved on)."""
        row = self.add(
            DecisionRow(
                id=decision.id if keep_id else None,
                release_id=decision.release_id,
                gate=decision.gate.value,
                outcome=decision.outcome.value,
                rationale=decision.rationale,
                override_reason=decision.override_reason,
                decided_at=decision.decided_at,
                decided_by=decision.decided_by,
                evidence_revision=decision.evidence_revision,
                gate_snapshot=json.dumps(list(decision.gate_snapshot)),
                used_at=decision.used_at,
                review_started_at=decision.review_started_at,
                review_ended_at=decision.review_ended_at,
                driver=decision.driver,
            )
        )
        self.session.add_all(
            DecisionAttendeeRow(decision_id=row.id, position=n, name=a.name, function=a.function, vote=a.vote.value)
            for n, a in enumerate(decision.attendees)
        )
        self.session.add_all(
            DecisionConditionRow(decision_id=row.id, position=n, text=c.text, owner=c.owner, deadline=c.deadline,
                                 met_by=c.met_by, met_at=c.met_at, met_note=c.met_note)
            for n, c in enumerate(decision.conditions)
        )
        self.session.flush()
        return row.id

    def restore(self, detail: ReleaseDetail) -> Release:
        """Insert a deleted release and everything under it again, with the ids it had."""
        r = detail.release
        row = self.add(ReleaseRow(
            id=r.id, version=r.version, title=r.title, kind=r.kind.value, methodology=r.methodology.value,
            phase=r.phase.value, state=r.state.value, owner=r.owner, target_date=r.target_date, summary=r.summary,
            created_at=r.created_at, updated_at=r.updated_at, evidence_revision=r.evidence_revision,
            state_reason=r.state_reason, state_changed_at=r.state_changed_at, hold_until=r.hold_until,
            released_at=r.released_at, closed_at=r.closed_at, **_window_columns(r.window)))
        children: list[Any] = [ChecklistItemRow(
            id=i.id, release_id=r.id, phase=i.phase.value, position=i.position, text=i.text, required=i.required,
            done=i.done, done_by=i.done_by, done_at=i.done_at, owner=i.owner, note=i.note, rule=i.rule,
            early=i.early, from_template=i.from_template,
            evidence_url=i.evidence_url, evidence_note=i.evidence_note)
            for i in detail.items]
        children += [RiskRow(
            id=k.id, release_id=r.id, title=k.title, description=k.description, category=k.category,
            likelihood=k.likelihood, impact=k.impact, owner=k.owner, response=k.response.value,
            mitigation=k.mitigation, contingency=k.contingency, status=k.status.value,
            outcome=k.outcome.value if k.outcome else None, last_reviewed=k.last_reviewed,
            accepted_by=k.accepted_by, accepted_reason=k.accepted_reason) for k in detail.risks]
        children += [RollbackStepRow(
            id=s.id, release_id=r.id, position=s.position, action=s.action, command=s.command, owner=s.owner,
            expected_minutes=s.expected_minutes, status=s.status.value, last_rehearsed_at=s.last_rehearsed_at)
            for s in detail.steps]
        children += [ScopeItemRow(**_columns(item)) for item in detail.scope]
        children += [SignoffRow(**_columns(s)) for s in detail.signoffs]
        self.session.add_all(children)
        self.session.flush()
        self._watch(row, new=True)
        self._watch_new(children)
        for decision in reversed(detail.decisions):
            self.add_decision(decision, keep_id=True)
        if detail.review is not None:
            self.put_back_review(detail.review)
        for milestone in detail.milestones:
            self.set_milestone(r.id, milestone.phase, milestone.planned)
        if self.session.get_bind().dialect.name == "postgresql":
            for model in (ReleaseRow, ChecklistItemRow, RiskRow, RollbackStepRow, ScopeItemRow, SignoffRow):
                self._catch_up_id_sequence(model)
        return READERS[ReleaseRow](row)

    def put_back_review(self, review: Review) -> Review:
        """Insert a removed review and its actions again, with the ids they had."""
        self.put_back(review)
        for action in review.actions:
            self.put_back(action)
        if self.session.get_bind().dialect.name == "postgresql":
            for model in (ReviewRow, ReviewActionRow):
                self._catch_up_id_sequence(model)
        return review

    def _catch_up_id_sequence(self, model: type) -> None:
        """Rows inserted with explicit ids leave PostgreSQL's id sequence behind: move it past them."""
        table = model.__table__
        self.session.execute(
            select(func.setval(func.pg_get_serial_sequence(table.name, "id"), select(func.max(table.c.id)).scalar_subquery()))
        )

    def set_decision_used(self, decision_id: int, when: datetime | None) -> None:
        """Mark the decision as having authorised its move (None: the move was undone)."""
        self.session.execute(update(DecisionRow).where(DecisionRow.id == decision_id).values(used_at=when)
                             .execution_options(synchronize_session=False))

    def carry_decision(self, decision_id: int, evidence_revision: int) -> None:
        """Keep a waterfall GO current across a change that only cleared the blockers it was taken over."""
        self.session.execute(update(DecisionRow).where(DecisionRow.id == decision_id)
                             .values(evidence_revision=evidence_revision)
                             .execution_options(synchronize_session=False))

    def carry_signoffs(self, release_id: int, evidence_revision: int) -> None:
        """Keep the sign-offs current at `evidence_revision` current across a change to the sign-offs
        themselves: one role signing must not make the others stale."""
        self.session.execute(update(SignoffRow)
                             .where(SignoffRow.release_id == release_id, SignoffRow.evidence_revision == evidence_revision)
                             .values(evidence_revision=evidence_revision + 1)
                             .execution_options(synchronize_session=False))
        for row in self.session.identity_map.values():
            if isinstance(row, SignoffRow) and row.release_id == release_id:
                self.session.expire(row, ["evidence_revision"])

    def set_condition_met(self, decision_id: int, position: int, who: str, when: datetime | None, note: str) -> None:
        self.session.execute(
            update(DecisionConditionRow)
            .where(DecisionConditionRow.decision_id == decision_id, DecisionConditionRow.position == position)
            .values(met_by=who, met_at=when, met_note=note)
            .execution_options(synchronize_session=False))

    # -- the schedule ---------------------------------------------------------------------------

    def set_milestone(self, release_id: int, phase: Phase, planned: date | None) -> None:
        """Plan the end of `phase` on `planned` (None: no plan)."""
        self.session.execute(delete(MilestoneRow).where(MilestoneRow.release_id == release_id,
                                                        MilestoneRow.phase == phase.value)
                             .execution_options(synchronize_session=False))
        if planned is not None:
            self.session.add(MilestoneRow(release_id=release_id, phase=phase.value, planned=planned))
        self.session.flush()

    # -- audit log and change markers -----------------------------------------------------------

    def record(self, event: Event) -> None:
        self.session.add(EventRow(**{name: value for name, value in _fields(event) if name != "id"}))
        self._note_release(event.release_id)

    def _note_release(self, release_id: int | None) -> None:
        if self._releases is not None:
            self._releases = None if release_id is None else self._releases | {release_id}

    def changed_releases(self) -> frozenset[int] | None:
        """The releases whose cards this transaction may have changed, or None when it cannot say: it
        changed something of no one release (a freeze covers many) or recorded no event (the demo's load)."""
        return frozenset(self._releases) if self._releases else None

    def bump_evidence(self, release_id: int, when: datetime) -> None:
        """Raise the release's evidence revision without touching its row_version: a tick must not
        make a colleague's open release form look stale."""
        self._note_release(release_id)
        self.session.execute(
            update(ReleaseRow)
            .where(ReleaseRow.id == release_id)
            .values(evidence_revision=ReleaseRow.evidence_revision + 1, updated_at=when)
            .execution_options(synchronize_session=False)
        )
        row = self.session.get(ReleaseRow, release_id, populate_existing=False)
        if row is not None:
            self.session.expire(row, ["evidence_revision", "updated_at"])

    def bump_revision(self) -> None:
        self.session.execute(
            update(MetaRow)
            .where(MetaRow.key == "revision")
            .values(value=MetaRow.value + 1)
            .execution_options(synchronize_session=False)
        )

    def announce(self, channel: str, revision: int) -> None:
        """PostgreSQL: NOTIFY listeners of `revision`, after the releases it changed when it can say
        (store/listener.py, `announcements`); the server delivers both only if the transaction commits,
        in the order sent."""
        notes = [announcement(revision, self.changed_releases()), str(revision)]
        self.session.execute(select(*(func.pg_notify(channel, note) for note in notes if note)))

    def bulk(self) -> BulkLoader:
        """The demo generator's fast path: plain rows by table name, one executemany per table."""
        return BulkLoader(self.session, self._catch_up_id_sequence)
