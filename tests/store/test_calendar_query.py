"""The calendar reads a few weeks through the window and target-date indexes, never the whole release table.

SQLite's planner has no table statistics (relmgr runs no ANALYZE), so what it picks is decided by the
statement alone: these tests read the plan of every release query `Service.calendar` and the gate's
neighbours run, on an empty database (the plan does not depend on the rows).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from pathlib import Path

import pytest
from sqlalchemy import event

from relmgr_tui.domain import templates
from relmgr_tui.domain.schedule import parse_window
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """SQLite only: PostgreSQL plans from its statistics (and has no EXPLAIN QUERY PLAN)."""
    store = Store.open(str(tmp_path / "relmgr.db"))
    yield store
    store.close()


@pytest.fixture
def service(store: Store, clock) -> Service:
    return Service(store, templates.builtin(), who="alice", clock=clock, remember=False)


@contextmanager
def release_queries(store: Store) -> Iterator[list[tuple[str, object]]]:
    """The statements (and their parameters) run against the release table inside the block."""
    seen: list[tuple[str, object]] = []

    def note(_conn, _cursor, statement, parameters, _context, _many) -> None:
        if "FROM release" in statement and statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", note)


def plans(store: Store, queries: list[tuple[str, object]]) -> list[str]:
    with store.engine.connect() as connection:
        return [" ".join(row[-1] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params))
                for sql, params in queries]


def test_the_calendar_reads_its_weeks_through_the_window_and_target_date_indexes(service: Service,
                                                                                   store: Store) -> None:
    service.create_release("1.0.0", target_date="2026-12-16")  # a database with its schema and a row

    with release_queries(store) as queries:
        service.calendar(date(2026, 12, 14), date(2026, 12, 27))

    found = plans(store, queries)
    assert len(found) == 2, found
    assert "USING INDEX ix_release_window_start (window_start>? AND window_start<?)" in found[0]
    assert "INDEX ix_release_target_date (target_date>? AND target_date<?)" in found[1]


def test_the_gate_reads_the_neighbouring_windows_through_the_window_index(service: Service, store: Store) -> None:
    release = service.create_release("1.0.0")
    service.set_window(release.id, None, parse_window("2026-12-14 22:00/2026-12-15 01:00", "UTC"))

    with release_queries(store) as queries:
        service.detail(release.id)

    neighbours = plans(store, [(sql, params) for sql, params in queries if "window_start >=" in sql])
    assert neighbours and all("USING INDEX ix_release_window_start (window_start>? AND window_start<?)" in plan
                              for plan in neighbours), neighbours
