"""Alembic: from nothing to the head, and the migrated schema equals the table models."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

from relmgr_tui.store import tables  # noqa: F401  (registers the tables)
from relmgr_tui.store.migrate import script_revisions
from relmgr_tui.store.migrations import HEAD, REVISIONS
from relmgr_tui.store.repo import Store

TABLES = {
    "alembic_version", "release", "checklist_item", "risk", "rollback_step", "decision", "decision_attendee",
    "decision_condition", "event", "meta", "scope_item", "review", "review_action", "milestone", "change_freeze",
    "signoff",
}


def test_known_revisions_match_the_files_in_versions() -> None:
    assert list(REVISIONS) == script_revisions()
    assert HEAD == REVISIONS[-1]
    versions = Path(__file__).parents[2] / "relmgr_tui" / "store" / "migrations" / "versions"
    assert len(list(versions.glob("*.py"))) == len(REVISIONS)


def test_migration_from_an_empty_database_reaches_head(empty_backend: str) -> None:
    store = Store.open(empty_backend)
    try:
        with store.read() as repo:
            assert repo.schema_revision() == HEAD
            assert repo.revision() == 0, "the change marker starts at zero"
            assert repo.counts()["releases"] == 0
        with store.engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) == TABLES
    finally:
        store.close()


def test_migrated_schema_matches_the_table_models(empty_backend: str) -> None:
    store = Store.open(empty_backend)
    try:
        with store.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, SQLModel.metadata) == []
    finally:
        store.close()


def test_opening_a_current_database_again_changes_nothing(backend: str, db_contents) -> None:
    first = Store.open(backend)
    before = db_contents(first)
    Store.open(backend).close()
    assert db_contents(first) == before
    with first.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    first.close()
