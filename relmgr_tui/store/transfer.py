"""Copy every row of one relmgr database into another (SQLite <-> PostgreSQL), in one transaction.

Ids are kept, so audit events still point at their releases. The target must hold no releases; the
copy is checked table by table (row counts) before it commits, and rolled back whole if any differ. A
new target file is created by the copy's write and removed again if the copy fails.
"""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlmodel import SQLModel

from relmgr_tui.domain.errors import DatabaseError
from relmgr_tui.store import tables
from relmgr_tui.store.location import Missing
from relmgr_tui.store.repo import Store

CHUNK = 5000
SKIPPED = {"meta"}
"""The revision counter is the target's own: it goes up by one with the copy, like any write."""


def copied_tables() -> list:
    return [t for t in SQLModel.metadata.sorted_tables if t.name not in SKIPPED]


def copy_database(source: str, target: str) -> dict[str, int]:
    """`relmgr copy`: every row of `source` into the empty database `target`, checked, in one transaction.

    The source is opened read-only, so a copy can never change it; it must exist.
    """
    origin = Store.open(source, read_only=True, missing=Missing.REFUSE)
    try:
        if Store.same_place(origin, target):
            raise DatabaseError("--from and --to name the same database: copy into another one.")
        destination = Store.open(target, missing=Missing.CREATE_ON_WRITE)
        try:
            return copy_all(origin, destination)
        finally:
            destination.close()
    finally:
        origin.close()


def copy_all(source: Store, target: Store) -> dict[str, int]:
    """Copy `source` into the empty `target`; returns the number of rows per table."""
    counts: dict[str, int] = {}
    with source.read() as reader, target.write() as writer:
        existing = writer.session.execute(select(func.count()).select_from(tables.ReleaseRow)).scalar_one()
        if existing:
            raise DatabaseError(
                f"{target.url} already holds {existing} releases: copy into an empty database"
                " (a new file, or a new PostgreSQL database) so nothing is mixed or overwritten."
            )
        source_conn, target_conn = reader.session.connection(), writer.session.connection()
        refuses_nul = target_conn.dialect.name == "postgresql"
        for table in copied_tables():
            result = source_conn.execute(select(table).order_by(*table.primary_key.columns))
            while rows := result.mappings().fetchmany(CHUNK):
                if refuses_nul:
                    _refuse_nul(table, rows, source)
                target_conn.execute(table.insert(), [dict(r) for r in rows])
            expected = source_conn.execute(select(func.count()).select_from(table)).scalar_one()
            copied = target_conn.execute(select(func.count()).select_from(table)).scalar_one()
            if copied != expected:
                raise DatabaseError(
                    f"copy check failed for {table.name}: {expected} rows in {source.url}, {copied} in"
                    f" {target.url}; nothing was written."
                )
            counts[table.name] = copied
        if target_conn.dialect.name == "postgresql":
            _catch_up_sequences(target_conn)
    return counts


def _refuse_nul(table, rows, source: Store) -> None:
    """PostgreSQL cannot store a NUL character in text: name the row and the column instead of failing."""
    for row in rows:
        for column, value in row.items():
            if isinstance(value, str) and "\x00" in value:
                key = ", ".join(f"{c.name} {row[c.name]}" for c in table.primary_key.columns)
                raise DatabaseError(
                    f"{table.name} {key} holds a NUL character in {column}, which PostgreSQL cannot store:"
                    f" remove it from that text in {source.url} and copy again; nothing was copied."
                )


def _catch_up_sequences(connection) -> None:
    """Explicit ids leave PostgreSQL's sequences behind: move each past the largest id copied."""
    for table in copied_tables():
        if "id" in table.c:
            connection.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'),"
                f" COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
            ))
