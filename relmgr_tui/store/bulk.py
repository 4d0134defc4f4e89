"""The demo generator's fast path: many plain rows per table, one executemany each, in one transaction."""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from relmgr_tui.store.tables import (
    ChecklistItemRow,
    DecisionAttendeeRow,
    DecisionConditionRow,
    DecisionRow,
    EventRow,
    FreezeRow,
    MilestoneRow,
    ReleaseRow,
    ReviewActionRow,
    ReviewRow,
    RiskRow,
    RollbackStepRow,
    ScopeItemRow,
    SignoffRow,
)

MODELS = {model.__tablename__: model for model in (
    ReleaseRow, ChecklistItemRow, RiskRow, RollbackStepRow, DecisionRow, DecisionAttendeeRow,
    DecisionConditionRow, ReviewRow, ReviewActionRow, EventRow, MilestoneRow, FreezeRow, SignoffRow,
    ScopeItemRow,
)}
"""What a bulk load may fill, by table name."""


class BulkLoader:
    """Plain dicts, keyed by column, into tables named as in TABLES; ids may be given."""

    def __init__(self, session: Session, catch_up_ids: Callable[[Any], None]) -> None:
        self.session = session
        self._catch_up_ids = catch_up_ids

    def existing_versions(self) -> set[str]:
        return set(self.session.execute(select(ReleaseRow.version)).scalars())

    def freeze_names(self) -> set[str]:
        return set(self.session.execute(select(FreezeRow.name)).scalars())

    def next_ids(self) -> dict[str, int]:
        """The first free id of each table, for rows inserted with ids of their own."""
        return {name: (self.session.execute(select(func.max(model.id))).scalar() or 0) + 1
                for name, model in MODELS.items()}

    def insert(self, table: str, rows: list[dict]) -> None:
        if not rows:
            return
        model = MODELS[table]
        connection = self.session.connection()
        if connection.dialect.name == "sqlite":
            _executemany_sqlite(connection, model.__table__, rows)
        else:
            connection.execute(model.__table__.insert(), rows)
            if "id" in rows[0]:
                self._catch_up_ids(model)


def _executemany_sqlite(connection: Connection, table: Table, rows: list[dict]) -> None:
    """Each value goes through its column's own bind processor, so it is stored exactly as the ORM stores
    it, and then straight to the driver: SQLAlchemy's per-row parameter handling costs more than the
    insert itself. Values repeat a lot (flags, shared timestamps), so each distinct one is processed once.
    """
    dialect = connection.dialect
    compiled = table.insert().compile(dialect=dialect, column_keys=list(rows[0]))
    columns = []
    for key in compiled.positiontup:
        if key not in rows[0]:  # a column the caller left to its default, e.g. one added since it was written
            columns.append([_scalar_default(table.c[key])] * len(rows))
            continue
        values = map(itemgetter(key), rows)
        process = table.c[key].type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            processed = {value: process(value) for value in set(values)}
            values = map(processed.__getitem__, map(itemgetter(key), rows))
        columns.append(values)
    connection.exec_driver_sql(compiled.string, list(zip(*columns)))




def _scalar_default(column) -> Any:
    default = column.default
    if default is None or not default.is_scalar:
        raise ValueError(f"bulk insert into {column.table.name}: give {column.name}, it has no plain default")
    return default.arg
