"""A database stopped at an older schema revision, for the upgrade tests to seed the rows they keep."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from alembic import command
from sqlalchemy import Connection, create_engine
from sqlalchemy.pool import NullPool

from relmgr_tui.store.migrate import alembic_config


@contextmanager
def database_at(url: str, revision: str) -> Iterator[Connection]:
    """Migrate the database at `url` up to `revision` only, and hand over the connection of that transaction:
    what the test inserts is committed with the old schema, as an older relmgr left it."""
    engine = create_engine(url, poolclass=NullPool)
    config = alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            yield connection
    finally:
        engine.dispose()
