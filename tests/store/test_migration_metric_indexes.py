"""0010_metric_indexes on a database made at 0005: every row kept, and the audit log indexed by action and
time (what store/metrics.py looks rollbacks and moves up by), on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.pool import NullPool

from relmgr_tui.store.migrations import HEAD
from relmgr_tui.store.repo import Store
from tests.store.migration_support import database_at


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_database(request: pytest.FixtureRequest, db_path: Path) -> str:
    """A database with no tables: a new SQLite file, or the worker's PostgreSQL database emptied."""
    if request.param == "sqlite":
        return str(db_path)
    url = request.getfixturevalue("pg_backend")
    engine = create_engine(url, poolclass=NullPool)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


def _make_0005_database(url: str) -> None:
    with database_at(url, "0005_tick_evidence") as connection:
        connection.execute(text(
            "INSERT INTO release (id, version, title, kind, methodology, phase, state, owner, summary, created_at,"
            " updated_at, evidence_revision) VALUES (1, '3.0.0', 'Ledger', 'minor', 'waterfall', 'building',"
            " 'active', 'ana', '', '2026-09-01 09:00:00+00', '2026-09-03 09:00:00+00', 4)"))
        for at, action, old, new in (("2026-09-01 09:00:00+00", "release.create", "", "minor waterfall"),
                                     ("2026-09-03 09:00:00+00", "release.advance", "planning", "building")):
            connection.execute(text(
                "INSERT INTO event (at, who, release_id, release_version, action, old, new, reason)"
                " VALUES (:at, 'ana', 1, '3.0.0', :action, :old, :new, '')"),
                {"at": at, "action": action, "old": old, "new": new})


def test_upgrade_from_0005_keeps_every_row_and_indexes_the_log(empty_database: str) -> None:
    url = empty_database if "://" in empty_database else f"sqlite:///{empty_database}"
    _make_0005_database(url)
    store = Store.open(empty_database)
    try:
        with store.read() as repo:
            assert repo.schema_revision() == HEAD == "0010_metric_indexes"
            assert repo.counts()["events"] == 2
            assert repo.release_by_version("3.0.0").title == "Ledger"
        indexes = {index["name"]: index["column_names"] for index in inspect(store.engine).get_indexes("event")}
        assert indexes["ix_event_action_at"] == ["action", "at"]
    finally:
        store.close()
