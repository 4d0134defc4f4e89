"""Queries and writes. The only module that builds SQL; it decides no rule and returns domain objects.

`Store.read()` and `Store.write()` give a `Repo` bound to one short session; `write()` starts with
BEGIN IMMEDIATE on SQLite and bumps the `revision` counter that other terminals watch.
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, Table, case, func, select, text, type_coerce, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.types import NullType

from relmgr_tui.domain.errors import (
    AlreadyExists,
    DatabaseError,
    InvalidInput,
    NotFound,
    ReadOnlyMode,
    StaleWrite,
    UnreadableRow,
)
from relmgr_tui.domain.model import (
    BOARD_STATES,
    Attendee,
    Condition,
    Decision,
    Event,
    Phase,
    Release,
    ReleaseDetail,
    ReleaseState,
)
from relmgr_tui.store import location
from relmgr_tui.store.board_query import ONE_RELEASE, BoardRow, board_rows
from relmgr_tui.store.rows import (
    to_attendee,
    to_condition,
    to_decision,
    to_event,
    to_item,
    to_release,
    to_risk,
    to_step,
)
from relmgr_tui.store.engine import (
    WRITE_OPTION,
    Target,
    describe_failure,
    empty_engine,
    open_engine,
    parse_target,
)
from relmgr_tui.store.location import Missing
from relmgr_tui.store.tables import (
    ChecklistItemRow,
    DecisionAttendeeRow,
    DecisionConditionRow,
    DecisionRow,
    EventRow,
    MetaRow,
    ReleaseRow,
    RiskRow,
    RollbackStepRow,
)

if TYPE_CHECKING:
    from relmgr_tui.store.creation import Created

_BOARD_STATE_VALUES = [s.value for s in BOARD_STATES]


ROW_NAMES = {
    ReleaseRow: "release",
    ChecklistItemRow: "checklist item",
    RiskRow: "risk",
    RollbackStepRow: "rollback step",
}

READERS: dict[type, Callable[[Any], Any]] = {
    ReleaseRow: to_release,
    ChecklistItemRow: to_item,
    RiskRow: to_risk,
    RollbackStepRow: to_step,
    DecisionRow: to_decision,
    DecisionAttendeeRow: to_attendee,
    DecisionConditionRow: to_condition,
    EventRow: to_event,
}
"""Each table's checked conversion: what tells a row this relmgr cannot read, naming it."""


def _raw_columns(model: type) -> list[Any]:
    """The model's columns as the driver returns them, for the checked conversions in rows.py: SQLAlchemy's
    own conversion of a malformed date fails before anything can say which row holds it."""
    return [type_coerce(column, NullType()).label(column.name) for column in model.__table__.c]


class Repo:
    """Queries and writes on one session (one transaction)."""

    def __init__(self, session: Session, check_versions: bool = True) -> None:
        self.session = session
        self.check_versions = check_versions
        self.skipped: list[str] = []
        """The rows a listing left out because this relmgr cannot read them, each as its problem."""

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
        if self.check_versions and expected_version is not None and row.row_version != expected_version:
            raise self.stale(name, getattr(row, "release_id", None) or getattr(row, "id", None))
        return row

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
        change = f"{last.action}" + (f" to {last.new!r}" if last.new else "")
        return StaleWrite(
            f"This {name} was changed in another terminal by {last.who} ({change}): reload to see it,"
            " or keep editing and save again.",
            changed_by=last.who,
            change=change,
        )

    def add(self, row: Any) -> Any:
        self.session.add(row)
        self.session.flush()
        return row

    def delete(self, row: Any) -> None:
        self.session.delete(row)
        self.session.flush()

    def flush(self) -> None:
        self.session.flush()

    # -- releases ------------------------------------------------------------------------------

    def release_by_version(self, version: str) -> ReleaseRow:
        """The release of that version, typed in any case; the exact spelling wins where an older database
        holds two that differ only in case."""
        rows = self.entities(select(ReleaseRow).where(func.lower(ReleaseRow.version) == version.lower()))
        exact = [row for row in rows if row.version == version]
        if len(exact) == 1 or len(rows) == 1:
            row = (exact or rows)[0]
            READERS[ReleaseRow](row)
            return row
        if not rows:
            raise NotFound(f"No release {version!r}: `relmgr list --all` shows the versions there are.")
        spellings = " and ".join(sorted(row.version for row in rows))
        raise InvalidInput(f"{version!r} could be {spellings}: type the version exactly as listed", field="version")

    def version_holder(self, version: str, except_id: int | None = None) -> ReleaseRow | None:
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
        return rows[0] if rows else None

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
            .order_by(ReleaseRow.updated_at.desc(), ReleaseRow.id.desc())
        )
        return self.readable(ReleaseRow, query)

    def detail(self, release_id: int) -> ReleaseDetail:
        row = self.get(ReleaseRow, release_id)
        items = self.entities(
            select(ChecklistItemRow)
            .where(ChecklistItemRow.release_id == release_id)
            .order_by(ChecklistItemRow.phase, ChecklistItemRow.position, ChecklistItemRow.id)
        )
        risks = self.entities(select(RiskRow).where(RiskRow.release_id == release_id).order_by(RiskRow.id))
        steps = self.entities(
            select(RollbackStepRow)
            .where(RollbackStepRow.release_id == release_id)
            .order_by(RollbackStepRow.position, RollbackStepRow.id)
        )
        phase_order = {p.value: p.index for p in Phase}
        return ReleaseDetail(
            release=to_release(row),
            items=tuple(sorted((to_item(i) for i in items), key=lambda i: (phase_order[i.phase], i.position, i.id))),
            risks=tuple(to_risk(r) for r in risks),
            steps=tuple(to_step(s) for s in steps),
            decisions=tuple(self.decisions(release_id)),
        )

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
            "events": count(EventRow),
        }

    # -- the board: five queries, whatever the number of cards ------------------------------------

    def board(self, release_id: int | None = None) -> list[BoardRow]:
        """Every card of the board, or just the card of `release_id` (after a change to it)."""

        def execute(sql: str, params: dict[str, Any]) -> list[Any]:
            return self.session.execute(text(sql), params).all()

        if release_id is None:
            rows, skipped = board_rows(execute)
        else:
            rows, skipped = board_rows(execute, ONE_RELEASE, {"release_id": release_id})
        self.skipped += skipped
        return rows

    # -- checklist, risks, rollback --------------------------------------------------------------

    def items(self, release_id: int, phase: Phase) -> list[ChecklistItemRow]:
        return self.entities(
            select(ChecklistItemRow)
            .where(ChecklistItemRow.release_id == release_id, ChecklistItemRow.phase == phase.value)
            .order_by(ChecklistItemRow.position, ChecklistItemRow.id)
        )

    def steps(self, release_id: int) -> list[RollbackStepRow]:
        return self.entities(
            select(RollbackStepRow)
            .where(RollbackStepRow.release_id == release_id)
            .order_by(RollbackStepRow.position, RollbackStepRow.id)
        )

    def add_items(self, rows: Sequence[ChecklistItemRow]) -> None:
        self.session.add_all(rows)
        self.session.flush()

    # -- decisions -----------------------------------------------------------------------------

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

    def add_decision(self, decision: Decision) -> int:
        row = self.add(
            DecisionRow(
                release_id=decision.release_id,
                gate=decision.gate.value,
                outcome=decision.outcome.value,
                rationale=decision.rationale,
                override_reason=decision.override_reason,
                decided_at=decision.decided_at,
                decided_by=decision.decided_by,
                evidence_revision=decision.evidence_revision,
                gate_snapshot=json.dumps(list(decision.gate_snapshot)),
            )
        )
        self.session.add_all(
            DecisionAttendeeRow(decision_id=row.id, position=n, name=a.name, function=a.function, vote=a.vote.value)
            for n, a in enumerate(decision.attendees)
        )
        self.session.add_all(
            DecisionConditionRow(decision_id=row.id, position=n, text=c.text, owner=c.owner, deadline=c.deadline)
            for n, c in enumerate(decision.conditions)
        )
        self.session.flush()
        return row.id

    def restore(self, detail: ReleaseDetail) -> ReleaseRow:
        """Insert a deleted release and everything under it again, with the ids it had."""
        r = detail.release
        row = self.add(ReleaseRow(
            id=r.id, version=r.version, title=r.title, kind=r.kind.value, methodology=r.methodology.value,
            phase=r.phase.value, state=r.state.value, owner=r.owner, target_date=r.target_date, summary=r.summary,
            created_at=r.created_at, updated_at=r.updated_at, evidence_revision=r.evidence_revision))
        self.session.add_all(ChecklistItemRow(
            id=i.id, release_id=r.id, phase=i.phase.value, position=i.position, text=i.text, required=i.required,
            done=i.done, done_by=i.done_by, done_at=i.done_at, owner=i.owner, note=i.note) for i in detail.items)
        self.session.add_all(RiskRow(
            id=k.id, release_id=r.id, title=k.title, description=k.description, category=k.category,
            likelihood=k.likelihood, impact=k.impact, owner=k.owner, response=k.response.value,
            mitigation=k.mitigation, contingency=k.contingency, status=k.status.value,
            outcome=k.outcome.value if k.outcome else None, last_reviewed=k.last_reviewed) for k in detail.risks)
        self.session.add_all(RollbackStepRow(
            id=s.id, release_id=r.id, position=s.position, action=s.action, command=s.command, owner=s.owner,
            expected_minutes=s.expected_minutes, status=s.status.value, last_rehearsed_at=s.last_rehearsed_at)
            for s in detail.steps)
        self.session.flush()
        for decision in reversed(detail.decisions):
            self.add_decision(decision)
        if self.session.get_bind().dialect.name == "postgresql":
            for model in (ReleaseRow, ChecklistItemRow, RiskRow, RollbackStepRow):
                self._catch_up_id_sequence(model)
        return row

    # -- audit log -----------------------------------------------------------------------------

    def record(self, event: Event) -> None:
        self.session.add(
            EventRow(
                at=event.at,
                who=event.who,
                release_id=event.release_id,
                release_version=event.release_version,
                action=event.action,
                old=event.old,
                new=event.new,
                reason=event.reason,
            )
        )

    def events(self, release_id: int | None = None, limit: int = 500) -> list[Event]:
        query = select(EventRow).order_by(EventRow.id.desc()).limit(limit)
        if release_id is not None:
            query = query.where(EventRow.release_id == release_id)
        return [to_event(r) for r in self.entities(query)]

    def last_event(self, release_id: int) -> Event | None:
        events = self.events(release_id, limit=1)
        return events[0] if events else None

    def bump_evidence(self, release_id: int, when: datetime) -> None:
        """Raise the release's evidence revision without touching its row_version: a tick must not
        make a colleague's open release form look stale."""
        self.session.execute(
            update(ReleaseRow)
            .where(ReleaseRow.id == release_id)
            .values(evidence_revision=ReleaseRow.evidence_revision + 1, updated_at=when)
            .execution_options(synchronize_session=False)
        )

    def schema_revision(self) -> str:
        return self.session.execute(text("SELECT version_num FROM alembic_version")).scalar_one()

    # -- change marker -------------------------------------------------------------------------

    def bump_revision(self) -> None:
        self.session.execute(
            update(MetaRow)
            .where(MetaRow.key == "revision")
            .values(value=MetaRow.value + 1)
            .execution_options(synchronize_session=False)
        )

    def revision(self) -> int:
        return self.session.execute(select(MetaRow.value).where(MetaRow.key == "revision")).scalar_one_or_none() or 0

    # -- bulk (demo data) ----------------------------------------------------------------------

    def bulk_insert(self, model: type, rows: list[dict]) -> None:
        """Insert many plain rows through one executemany: the demo generator's fast path."""
        if not rows:
            return
        connection = self.session.connection()
        if connection.dialect.name == "sqlite":
            _executemany_sqlite(connection, model.__table__, rows)
        else:
            connection.execute(model.__table__.insert(), rows)
            if "id" in rows[0]:
                self._catch_up_id_sequence(model)

    def _catch_up_id_sequence(self, model: type) -> None:
        """Rows inserted with explicit ids leave PostgreSQL's id sequence behind: move it past them."""
        table = model.__table__
        self.session.execute(
            select(func.setval(func.pg_get_serial_sequence(table.name, "id"), select(func.max(table.c.id)).scalar_subquery()))
        )

    def max_id(self, model: type) -> int:
        return self.session.execute(select(func.max(model.id))).scalar() or 0

    def existing_versions(self) -> set[str]:
        return set(self.session.execute(select(ReleaseRow.version)).scalars())

    def current_user(self) -> str:
        """The database role on PostgreSQL (the audit log's 'who' for a shared database)."""
        return self.session.execute(text("SELECT current_user")).scalar_one()


def _executemany_sqlite(connection: Connection, table: Table, rows: list[dict]) -> None:
    """Each value goes through its column's own bind processor, so it is stored exactly as the ORM stores
    it, and then straight to the driver: SQLAlchemy's per-row parameter handling costs more than the
    insert itself. Values repeat a lot (flags, shared timestamps), so each distinct one is processed once.
    """
    dialect = connection.dialect
    compiled = table.insert().compile(dialect=dialect, column_keys=list(rows[0]))
    columns = []
    for key in compiled.positiontup:
        values = map(itemgetter(key), rows)
        process = table.c[key].type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            processed = {value: process(value) for value in set(values)}
            values = map(processed.__getitem__, map(itemgetter(key), rows))
        columns.append(values)
    connection.exec_driver_sql(compiled.string, list(zip(*columns)))


class Store:
    """A database connection factory handing out one short transaction at a time.

    A SQLite database that does not exist yet reads as empty (an empty one in memory) and is created by
    the first write, when the store may create it: nothing is created until relmgr writes.
    """

    def __init__(
        self, engine: Engine, target: Target, read_only: bool = False, *, exists: bool = True,
        creates: bool = False, now: datetime | None = None, side_files: set[Path] | None = None,
    ) -> None:
        """`side_files`: those beside a read-only SQLite file before it was opened; `close` removes new ones."""
        self.target = target
        self.read_only = read_only
        self.exists = exists
        self._creates = creates
        self._creating = threading.Lock()
        self._now = now
        self._use(engine)
        self._own_revisions: set[int] = set()
        self._overwriting = False
        self._side_files = side_files

    @classmethod
    def open(
        cls, value: str, *, read_only: bool = False, now: datetime | None = None, missing: Missing = Missing.CREATE
    ) -> Store:
        """The database at `value`; `missing` says what a SQLite path with no database at it gives."""
        from relmgr_tui.store.creation import may_create

        target = parse_target(value)
        if target.path is None or location.database_exists(target.path):
            side_files = location.existing_side_files(target.path) if read_only and target.path else None
            try:
                engine = open_engine(target, read_only=read_only, now=now)
            except DatabaseError:
                if side_files is not None:
                    location.clear_new_side_files(target.path, side_files)
                raise
            return cls(engine, target, read_only, side_files=side_files)
        creates = may_create(target.path, missing, read_only)
        store = cls(empty_engine(), target, read_only, exists=False, creates=creates, now=now)
        if missing is Missing.CREATE:
            store._create()
        return store

    def _use(self, engine: Engine) -> None:
        self.engine = engine
        self._write_engine = engine.execution_options(**{WRITE_OPTION: True})

    def _create(self) -> Created | None:
        """Create the database that does not exist yet (see store/creation.py)."""
        from relmgr_tui.store.creation import create_sqlite

        assert self.target.path is not None
        if not self._creates:
            raise location.no_database(self.target.path)
        with self._creating:  # two first writes from two threads: one creates, the other uses it
            if self.exists:
                return None
            engine, created = create_sqlite(self.target, self._now)
            self.engine.dispose()
            self._use(engine)
            self.exists = True
            return created

    def _take_back(self, created: Created) -> None:
        """The first write failed: remove the database it created, and read as empty again."""
        self.engine.dispose()
        created.undo()
        self._use(empty_engine())
        self.exists = False

    @property
    def url(self) -> str:
        return self.target.display()

    @property
    def is_sqlite(self) -> bool:
        return self.target.is_sqlite

    @contextmanager
    def read(self) -> Iterator[Repo]:
        try:
            with Session(self.engine, expire_on_commit=False) as session, session.begin():
                yield Repo(session)
        except SQLAlchemyError as exc:
            raise describe_failure(exc, self.target, read_only=self.read_only) from None

    @contextmanager
    def write(self) -> Iterator[Repo]:
        """One write transaction: everything inside commits together, or nothing does.

        The first write to a database that does not exist yet creates it; if that write fails, the
        database it created is removed again.
        """
        if self.read_only:
            raise ReadOnlyMode("relmgr is in read-only mode: nothing was changed. Restart it without --read-only.")
        created = None if self.exists else self._create()
        try:
            with self._transaction() as repo:
                yield repo
        except BaseException:
            if created is not None:
                self._take_back(created)
            raise

    @contextmanager
    def _transaction(self) -> Iterator[Repo]:
        try:
            with Session(self._write_engine, expire_on_commit=False) as session, session.begin():
                repo = Repo(session, check_versions=not self._overwriting)
                yield repo
                repo.bump_revision()
                written = repo.revision()
            self._own_revisions.add(written)
        except StaleDataError:
            raise StaleWrite("This was changed in another terminal while you saved: reload to see it.") from None
        except IntegrityError as exc:
            message = str(exc.orig).lower()
            if "unique" in message and "version" in message:
                raise AlreadyExists("A release with that version exists already: choose another version.") from None
            raise describe_failure(exc, self.target) from None
        except OperationalError as exc:
            raise describe_failure(exc, self.target) from None
        except SQLAlchemyError as exc:
            raise describe_failure(exc, self.target) from None

    def revision(self) -> int:
        with self.read() as repo:
            return repo.revision()

    def changed_elsewhere(self, since: int) -> tuple[int, bool]:
        """(current revision, whether any write after `since` came from another process)."""
        current = self.revision()
        others = any(r not in self._own_revisions for r in range(since + 1, current + 1))
        self._own_revisions = {r for r in self._own_revisions if r > current}
        return current, others

    @contextmanager
    def overwriting(self) -> Iterator[None]:
        """Save over a colleague's change on purpose (the user chose it after a conflict message)."""
        self._overwriting = True
        try:
            yield
        finally:
            self._overwriting = False

    @staticmethod
    def same_place(store: Store, other: str) -> bool:
        """Whether the database `other` (a path or URL) is the one `store` has open."""
        target = parse_target(other)
        if store.target.path is not None or target.path is not None:
            return store.target.path == target.path
        return store.target.url.render_as_string(hide_password=True) == target.url.render_as_string(hide_password=True)

    def backup(self, destination: str, *, force: bool = False) -> Path:
        """Copy the database to `destination` (see store/backup.py); returns where it went."""
        from relmgr_tui.store.backup import backup_to

        if self.target.path is None:
            raise DatabaseError("`relmgr backup` copies SQLite files; back up PostgreSQL with pg_dump.")
        return backup_to(self.target.path, destination, force=force)

    def close(self) -> None:
        self.engine.dispose()
        if self._side_files is not None and self.target.path is not None:
            location.clear_new_side_files(self.target.path, self._side_files)
