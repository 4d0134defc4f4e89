"""Reads: the queries of one session, each returning domain objects (or, for `get`, the row to change).

`Repo` in repository.py adds the writes. A row holding a value this relmgr cannot read raises
UnreadableRow naming it; a listing leaves it out and notes it in `skipped` instead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, case, func, select, text, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from relmgr_tui.domain.errors import InvalidInput, NotFound, StaleWrite, UnreadableRow
from relmgr_tui.domain.model import (
    BOARD_STATES,
    Attendee,
    ChecklistItem,
    Condition,
    Decision,
    Event,
    Phase,
    Release,
    ReleaseDetail,
    ReleaseState,
    RollbackStep,
    ScopeItem,
    ScopeStatus,
    ScopeType,
    Severity,
    Signoff,
)
from relmgr_tui.domain.event_words import MOVES, in_words
from relmgr_tui.domain.review import Review, ReviewAction
from relmgr_tui.domain.schedule import CalendarEntry, Freeze, Milestone
from relmgr_tui.store import calendar_query
from relmgr_tui.store.board_query import ONE_RELEASE, BoardRow, board_rows
from relmgr_tui.store.rows import (
    to_attendee,
    to_condition,
    to_decision,
    to_event,
    to_freeze,
    to_item,
    to_milestone,
    to_release,
    to_review,
    to_review_action,
    to_risk,
    to_scope_item,
    to_signoff,
    to_step,
)
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

_BOARD_STATE_VALUES = [s.value for s in BOARD_STATES]


ROW_NAMES = {
    ReleaseRow: "release",
    ChecklistItemRow: "checklist item",
    RiskRow: "risk",
    RollbackStepRow: "rollback step",
    ScopeItemRow: "scope item",
    ReviewRow: "review",
    ReviewActionRow: "review action",
    FreezeRow: "change freeze",
    SignoffRow: "sign-off",
}

READERS: dict[type, Callable[[Any], Any]] = {
    ReleaseRow: to_release,
    ChecklistItemRow: to_item,
    RiskRow: to_risk,
    RollbackStepRow: to_step,
    ScopeItemRow: to_scope_item,
    SignoffRow: to_signoff,
    DecisionRow: to_decision,
    DecisionAttendeeRow: to_attendee,
    DecisionConditionRow: to_condition,
    EventRow: to_event,
    ReviewRow: to_review,
    ReviewActionRow: to_review_action,
    MilestoneRow: to_milestone,
    FreezeRow: to_freeze,
}
"""Each table's checked conversion: what tells a row this relmgr cannot read, naming it."""


def _raw_columns(model: type) -> list[Any]:
    """The model's columns as the driver returns them, for the checked conversions in rows.py: SQLAlchemy's
    own conversion of a malformed date fails before anything can say which row holds it."""
    return [type_coerce(column, NullType()).label(column.name) for column in model.__table__.c]


WHOLE = frozenset({"items", "risks", "steps", "decisions", "scope", "review", "signoffs"})
"""Every part of a release's detail."""


class Reader:
    """Queries on one session (one transaction)."""

    def __init__(self, session: Session, check_versions: bool = True) -> None:
        self.session = session
        self.check_versions = check_versions
        self.skipped: list[str] = []
        """The rows a listing left out because this relmgr cannot read them, each as its problem."""
        self._held: list[Any] = []
        """Rows loaded for change, held for the transaction: the session keeps only weak references, and a
        row it forgot is read again on its next use, showing a colleague's commit instead of failing the
        row_version check (a check that read "not done" would then record a tick that changed nothing)."""

    # -- generic -------------------------------------------------------------------------------

    def get(self, model: type, row_id: int, expected_version: int | None = None) -> Any:
        """Load a row for change; NotFound if it is gone, StaleWrite if it changed since it was read,
        UnreadableRow if it holds a value this relmgr does not know."""
        try:
            row = self.session.get(model, row_id)
        except (ValueError, TypeError):
            self._name_unreadable(select(model).where(model.id == row_id))
            raise
        name = ROW_NAMES.get(model, model.__name__)
        if row is None:
            raise NotFound(f"That {name} no longer exists: it was deleted, perhaps in another terminal.")
        READERS[model](row)
        self._held.append(row)
        if self.check_versions and expected_version is not None and row.row_version != expected_version:
            raise self.stale(name, None if model is FreezeRow else self._release_of(row))
        return row

    def _release_of(self, row: Any) -> int | None:
        """The id of the release a row belongs to (a review action's, through its review)."""
        if isinstance(row, ReleaseRow):
            return row.id
        if isinstance(row, ReviewActionRow):
            review = self.session.get(ReviewRow, row.review_id)
            return review.release_id if review is not None else None
        return getattr(row, "release_id", None)

    def entities(self, query: Select) -> list[Any]:
        """The ORM rows `query` selects; a stored value SQLAlchemy cannot convert raises UnreadableRow."""
        try:
            return list(self.session.execute(query).scalars())
        except (ValueError, TypeError):
            self._name_unreadable(query)
            raise

    def _name_unreadable(self, query: Select) -> None:
        """Read the rows of `query` again as the driver gives them and raise UnreadableRow for the first
        one the checked conversion refuses (the caller re-raises its error if none is found)."""
        model = query.column_descriptions[0]["entity"]
        for values in self.session.execute(query.with_only_columns(*_raw_columns(model))):
            READERS[model](values._mapping)

    def readable(self, model: type, query: Select) -> list[Any]:
        """The domain objects of the rows `query` selects (as `_raw_columns`), leaving out and noting in
        `skipped` each row this relmgr cannot read: one bad row must not hide the others."""
        read = READERS[model]
        objects = []
        for values in self.session.execute(query):
            try:
                objects.append(read(values._mapping))
            except UnreadableRow as exc:
                self.skipped.append(exc.problem)
        return objects

    def stale(self, name: str, release_id: int | None) -> StaleWrite:
        last = self.last_event(release_id) if release_id else None
        if last is None:
            return StaleWrite(f"This {name} was changed in another terminal: reload to see the change.")
        change = in_words(last) + (f" {last.new!r}" if last.new and last.action not in MOVES else "")
        return StaleWrite(
            f"This {name} was changed in another terminal by {last.who} ({change}): reload to see it,"
            " or keep editing and save again.",
            changed_by=last.who,
            change=change,
        )

    # -- releases ------------------------------------------------------------------------------

    def release_by_version(self, version: str) -> Release:
        """The release of that version, typed in any case; the exact spelling wins where an older database
        holds two that differ only in case."""
        rows = self.entities(select(ReleaseRow).where(func.lower(ReleaseRow.version) == version.lower()))
        exact = [row for row in rows if row.version == version]
        if len(exact) == 1 or len(rows) == 1:
            return READERS[ReleaseRow]((exact or rows)[0])
        if not rows:
            raise NotFound(f"No release {version!r}: `relmgr list --all` shows the versions there are.")
        spellings = " and ".join(sorted(row.version for row in rows))
        raise InvalidInput(f"{version!r} could be {spellings}: type the version exactly as listed", field="version")

    def version_holder(self, version: str, except_id: int | None = None) -> Release | None:
        """The release whose version equals `version` without regard to case, if any.

        On PostgreSQL a transaction lock on the lower-case version holds a second writer of `V3.0` until the
        first writer of `v3.0` commits, so that the check sees it: the unique index minds case, we do not.
        """
        if self.session.get_bind().dialect.name == "postgresql":
            self.session.execute(select(func.pg_advisory_xact_lock(func.hashtext(version.lower()))))
        query = select(ReleaseRow).where(func.lower(ReleaseRow.version) == version.lower())
        if except_id is not None:
            query = query.where(ReleaseRow.id != except_id)
        rows = self.entities(query.order_by(ReleaseRow.id))
        return to_release(rows[0]) if rows else None

    def releases(
        self, states: Sequence[ReleaseState] | None = None, phase: Phase | None = None
    ) -> list[Release]:
        # Plain rows, not ORM entities: three times cheaper for the two thousand cards of a board.
        query = select(*_raw_columns(ReleaseRow))
        if states is not None:
            query = query.where(ReleaseRow.state.in_([s.value for s in states]))
        if phase is not None:
            query = query.where(ReleaseRow.phase == phase.value)
        query = query.order_by(ReleaseRow.target_date.is_(None), ReleaseRow.target_date, ReleaseRow.version)
        return self.readable(ReleaseRow, query)

    def progress(
        self, states: Sequence[ReleaseState] | None = None, phase: Phase | None = None
    ) -> dict[int, tuple[int, int]]:
        """(done, total) of each release's checklist in its current phase: one grouped query."""
        query = (
            select(ChecklistItemRow.release_id, func.sum(case((ChecklistItemRow.done, 1), else_=0)), func.count())
            .join(ReleaseRow, (ReleaseRow.id == ChecklistItemRow.release_id) & (ReleaseRow.phase == ChecklistItemRow.phase))
            .group_by(ChecklistItemRow.release_id)
        )
        if states is not None:
            query = query.where(ReleaseRow.state.in_([s.value for s in states]))
        if phase is not None:
            query = query.where(ReleaseRow.phase == phase.value)
        return {release_id: (int(done), total) for release_id, done, total in self.session.execute(query)}

    def archived_releases(self) -> list[Release]:
        query = (
            select(*_raw_columns(ReleaseRow))
            .where(ReleaseRow.state.not_in(_BOARD_STATE_VALUES))
            .order_by(func.coalesce(ReleaseRow.closed_at, ReleaseRow.updated_at).desc(), ReleaseRow.id.desc())
        )
        return self.readable(ReleaseRow, query)

    def detail(self, release_id: int, parts: frozenset[str] = WHOLE, rule_items_only: bool = False) -> ReleaseDetail:
        """The release and its records; `parts` names those to read (the others are left empty), so a
        rule that reads only the risks does not pay for 500 checklist items."""
        row = self.get(ReleaseRow, release_id)
        items = risks = steps = ()
        if "items" in parts:
            query = select(ChecklistItemRow).where(ChecklistItemRow.release_id == release_id)
            if rule_items_only:
                query = query.where(ChecklistItemRow.rule != "")
            items = self.entities(query.order_by(ChecklistItemRow.phase, ChecklistItemRow.position,
                                                 ChecklistItemRow.id))
        if "risks" in parts:
            risks = self.entities(select(RiskRow).where(RiskRow.release_id == release_id).order_by(RiskRow.id))
        if "steps" in parts:
            steps = self.entities(
                select(RollbackStepRow)
                .where(RollbackStepRow.release_id == release_id)
                .order_by(RollbackStepRow.position, RollbackStepRow.id)
            )
        phase_order = {p.value: p.index for p in Phase}
        release = to_release(row)
        return ReleaseDetail(
            release=release,
            items=tuple(sorted((to_item(i) for i in items), key=lambda i: (phase_order[i.phase], i.position, i.id))),
            risks=tuple(to_risk(r) for r in risks),
            steps=tuple(to_step(s) for s in steps),
            decisions=tuple(self.decisions(release_id)) if "decisions" in parts else (),
            scope=tuple(self.scope(release_id)) if "scope" in parts else (),
            review=self.review(release_id) if "review" in parts else None,
            milestones=self.milestones(release_id),
            **self._around_window(release),
            signoffs=tuple(self.signoffs(release_id)) if "signoffs" in parts else (),
        )

    def _around_window(self, release: Release) -> dict[str, Any]:
        """The freezes and the other releases' windows that overlap the release's window (none without one)."""
        window = release.window
        if window is None:
            return {}
        others = self.windows_overlapping(window.start, window.end)
        return {"freezes": tuple(self.freezes_over(window.start, window.end)),
                "neighbours": tuple(e for e in others if e.release_id != release.id)}

    def counts(self) -> dict[str, int]:
        def count(model: type) -> int:
            return self.session.execute(select(func.count()).select_from(model)).scalar_one()

        by_state = dict(
            self.session.execute(select(ReleaseRow.state, func.count()).group_by(ReleaseRow.state)).all()
        )
        return {
            "releases": count(ReleaseRow),
            **{f"releases_{s.value}": by_state.get(s.value, 0) for s in ReleaseState},
            "checklist_items": count(ChecklistItemRow),
            "risks": count(RiskRow),
            "rollback_steps": count(RollbackStepRow),
            "decisions": count(DecisionRow),
            "scope_items": count(ScopeItemRow),
            "events": count(EventRow),
        }

    # -- the schedule ---------------------------------------------------------------------------

    def milestones(self, release_id: int) -> tuple[Milestone, ...]:
        rows = self.entities(select(MilestoneRow).where(MilestoneRow.release_id == release_id))
        return tuple(sorted((to_milestone(row) for row in rows), key=lambda m: m.phase.index))

    def freezes(self) -> list[Freeze]:
        return self.readable(FreezeRow, select(*_raw_columns(FreezeRow)).order_by(FreezeRow.starts, FreezeRow.id))

    def freeze_by_name(self, name: str) -> Freeze:
        rows = self.entities(select(FreezeRow).where(func.lower(FreezeRow.name) == name.strip().lower()))
        if not rows:
            raise NotFound(f"No change freeze {name!r}: `relmgr freeze list` shows the freezes there are.")
        return to_freeze(rows[0])

    def windows_overlapping(self, start: datetime, end: datetime) -> list[CalendarEntry]:
        """The releases (on the board or released) whose window overlaps [start, end), by the window index."""
        return calendar_query.entries(self.session, calendar_query.windows_query(start, end), calendar_query.shown,
                                      self.skipped)

    def scheduled(self, start: datetime, end: datetime, first_day: date, last_day: date) -> list[CalendarEntry]:
        """The calendar's releases: windows overlapping [start, end), and, without a window, target dates in
        first_day..last_day. Two index range reads (window start, target date), never the whole table."""
        windowed = self.windows_overlapping(start, end)
        dated = calendar_query.entries(self.session, calendar_query.dated_query(first_day, last_day),
                                       calendar_query.shown_undated, self.skipped)
        return sorted(windowed + dated, key=calendar_query.entry_order)

    def freezes_over(self, start: datetime, end: datetime) -> list[Freeze]:
        """The freezes in force at some moment of [start, end) (there are a handful: read them all)."""
        return [f for f in self.freezes() if f.overlaps(start, end)]

    # -- the board: a handful of queries, whatever the number of cards ------------------------------------

    def board(self, release_id: int | None = None, signoff_rules: Mapping[str, tuple[str, ...]] = {}) -> list[BoardRow]:
        """Every card of the board, or just the card of `release_id` (after a change to it); `signoff_rules`:
        the roles the templates ask to sign off, by move."""

        def execute(sql: str, params: dict[str, Any]) -> list[Any]:
            return self.session.execute(text(sql), params).all()

        if release_id is None:
            rows, skipped = board_rows(execute, signoff_rules=signoff_rules)
        else:
            rows, skipped = board_rows(execute, ONE_RELEASE, {"release_id": release_id}, signoff_rules)
        self.skipped += skipped
        return rows

    # -- checklist, rollback, decisions, audit log ---------------------------------------------

    def items(self, release_id: int, phase: Phase) -> list[ChecklistItem]:
        return [to_item(row) for row in self._item_rows(release_id, phase)]

    def steps(self, release_id: int) -> list[RollbackStep]:
        return [to_step(row) for row in self._step_rows(release_id)]

    def _item_rows(self, release_id: int, phase: Phase) -> list[ChecklistItemRow]:
        return self.entities(
            select(ChecklistItemRow)
            .where(ChecklistItemRow.release_id == release_id, ChecklistItemRow.phase == phase.value)
            .order_by(ChecklistItemRow.position, ChecklistItemRow.id)
        )

    def _step_rows(self, release_id: int) -> list[RollbackStepRow]:
        return self.entities(
            select(RollbackStepRow)
            .where(RollbackStepRow.release_id == release_id)
            .order_by(RollbackStepRow.position, RollbackStepRow.id)
        )

    def scope(self, release_id: int) -> list[ScopeItem]:
        """The release's scope items, by key. A release may hold thousands: plain rows, built straight into
        items; only when one holds a value this relmgr does not know are they read again through the
        checked conversion, which names that row."""
        query = (select(*_raw_columns(ScopeItemRow)).where(ScopeItemRow.release_id == release_id)
                 .order_by(ScopeItemRow.key, ScopeItemRow.id))
        rows = self.session.execute(query).all()
        try:
            return [ScopeItem(row.id, row.release_id, row.key, row.title, ScopeType(row.type), ScopeStatus(row.status),
                              Severity(row.severity) if row.severity else None, row.url, row.row_version)
                    for row in rows]
        except ValueError:
            return [to_scope_item(row._mapping) for row in rows]

    def decisions(self, release_id: int) -> list[Decision]:
        rows = self.entities(
            select(DecisionRow).where(DecisionRow.release_id == release_id).order_by(DecisionRow.id.desc())
        )
        if not rows:
            return []
        ids = [r.id for r in rows]
        attendees: dict[int, list[Attendee]] = defaultdict(list)
        for a in self.entities(
            select(DecisionAttendeeRow)
            .where(DecisionAttendeeRow.decision_id.in_(ids))
            .order_by(DecisionAttendeeRow.position)
        ):
            attendees[a.decision_id].append(to_attendee(a))
        conditions: dict[int, list[Condition]] = defaultdict(list)
        for c in self.entities(
            select(DecisionConditionRow)
            .where(DecisionConditionRow.decision_id.in_(ids))
            .order_by(DecisionConditionRow.position)
        ):
            conditions[c.decision_id].append(to_condition(c))
        return [to_decision(r, attendees[r.id], conditions[r.id]) for r in rows]

    # -- post-release reviews ------------------------------------------------------------------

    def review(self, release_id: int) -> Review | None:
        """The release's review with its actions in the order they are numbered, or None."""
        rows = self.entities(select(ReviewRow).where(ReviewRow.release_id == release_id))
        if not rows:
            return None
        actions = self.entities(select(ReviewActionRow).where(ReviewActionRow.review_id == rows[0].id)
                                .order_by(ReviewActionRow.position, ReviewActionRow.id))
        return to_review(rows[0], [to_review_action(a) for a in actions])

    def review_by_id(self, review_id: int) -> Review:
        return self.review(self.get(ReviewRow, review_id).release_id)

    def review_actions_due_count(self, before: date) -> int:
        """Open review actions due before `before` (overdue on that day): one count on an index."""
        query = (select(func.count()).select_from(ReviewActionRow)
                 .where(ReviewActionRow.done.is_(False), ReviewActionRow.due < before))
        return self.session.execute(query).scalar_one()

    def review_actions_due(self, by: date) -> list[tuple[str, ReviewAction]]:
        """Open review actions due on or before `by`, each with its release's version, soonest first."""
        query = (select(ReleaseRow.version, ReviewActionRow)
                 .join(ReviewRow, ReviewRow.id == ReviewActionRow.review_id)
                 .join(ReleaseRow, ReleaseRow.id == ReviewRow.release_id)
                 .where(ReviewActionRow.done.is_(False), ReviewActionRow.due <= by)
                 .order_by(ReviewActionRow.due, ReleaseRow.version, ReviewActionRow.position))
        return [(version, to_review_action(action)) for version, action in self.session.execute(query)]

    def signoffs(self, release_id: int) -> list[Signoff]:
        return [to_signoff(row) for row in self.entities(
            select(SignoffRow).where(SignoffRow.release_id == release_id).order_by(SignoffRow.move, SignoffRow.id))]

    def signoff(self, release_id: int, move: str, role: str) -> Signoff | None:
        rows = self.entities(select(SignoffRow).where(
            SignoffRow.release_id == release_id, SignoffRow.move == move, SignoffRow.role == role))
        return to_signoff(rows[0]) if rows else None

    def events(self, release_id: int | None = None, limit: int = 500) -> list[Event]:
        query = select(EventRow).order_by(EventRow.id.desc()).limit(limit)
        if release_id is not None:
            query = query.where(EventRow.release_id == release_id)
        return [to_event(r) for r in self.entities(query)]

    def log(self, release_id: int | None = None, since: datetime | None = None,
            before_id: int | None = None) -> list[Event]:
        """Every event (of one release; at or after `since`; with an id below `before_id`), oldest first."""
        query = select(EventRow).order_by(EventRow.id)
        if release_id is not None:
            query = query.where(EventRow.release_id == release_id)
        if since is not None:
            query = query.where(EventRow.at >= since)
        if before_id is not None:
            query = query.where(EventRow.id < before_id)
        return [to_event(r) for r in self.entities(query)]

    def last_event(self, release_id: int) -> Event | None:
        events = self.events(release_id, limit=1)
        return events[0] if events else None

    def schema_revision(self) -> str:
        return self.session.execute(text("SELECT version_num FROM alembic_version")).scalar_one()

    def revision(self) -> int:
        return self.session.execute(select(MetaRow.value).where(MetaRow.key == "revision")).scalar_one_or_none() or 0

    def current_user(self) -> str:
        """The database role on PostgreSQL (the audit log's 'who' for a shared database)."""
        return self.session.execute(text("SELECT current_user")).scalar_one()


