"""Alembic runs this with an open connection in config.attributes (see store/migrate.py)."""

from alembic import context
from sqlmodel import SQLModel

from relmgr_tui.store import tables  # noqa: F401  (registers the tables on SQLModel.metadata)

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
