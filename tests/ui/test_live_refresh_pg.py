"""PostgreSQL: another terminal's change reaches the screen through LISTEN/NOTIFY, an idle app sends no
query at all, and a dropped server connection is said, refuses writes, and heals by itself."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import NullPool

from relmgr_tui.domain import templates
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store
from relmgr_tui import backoff
from relmgr_tui.ui.change_listen import ListenSource
from relmgr_tui.ui.change_poll import PollSource
from relmgr_tui.ui.change_watcher import REFUSED
from tests.conftest import pg_url
from tests.ui.helpers import make_app, screen_text, wait_for
from tests.ui.test_board import focus_release

pytestmark = pytest.mark.postgres
SIZE = (120, 36)
IDLE_SECONDS = 3.0


@contextmanager
def colleague(url: str) -> Iterator[Service]:
    """Another terminal: its own store, so its writes are not the app's."""
    store = Store.open(url)
    try:
        yield Service(store, templates.builtin(), who="bob")
    finally:
        store.close()


@contextmanager
def statements_counted() -> Iterator[list[str]]:
    """Every statement any SQLAlchemy engine in this process sends, as it is sent."""
    sent: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        sent.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        yield sent
    finally:
        event.remove(Engine, "before_cursor_execute", count)


def backend_activity(url: str) -> dict[int, object]:
    """Each other backend on the database (the app's pool and its listener): when it last did anything."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text(
                "SELECT pid, state_change FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            ))
            return dict(rows.all())
    finally:
        engine.dispose()


async def listening(pilot) -> None:
    app = pilot.app
    assert isinstance(app.changes.source, ListenSource)
    await wait_for(pilot, lambda: app.changes.seen is not None)
    await pilot.pause(0.3)  # the listener's LISTEN and its revision read are through


async def test_a_change_made_elsewhere_is_heard_within_200_ms_and_shown(pg_backend, clock):
    """Writes are heard (the watcher holds its revision, and the board starts reading) within 200 ms: the
    median of three, which a once-a-second poll would miss (its median is about 500 ms). One of three may
    wait longer on a loaded CI, where the UI thread is still drawing the previous change when the next
    arrives (seen once: 58, 52, 1270 ms); the times, and those to the screen, are printed."""
    app = make_app(pg_backend, clock)
    async with app.run_test(size=SIZE) as pilot:
        await listening(pilot)
        heard, shown = [], []
        with colleague(pg_backend) as bob:
            for version in ("9.0.0", "9.0.1", "9.0.2"):
                bob.create_release(version, "Made by bob", owner="bob")
                written, revision = time.monotonic(), bob.revision()
                await wait_for(pilot, lambda: app.changes.seen == revision, timeout=2.0)
                heard.append(time.monotonic() - written)
                await wait_for(pilot, lambda: version in screen_text(app), timeout=2.0)
                shown.append(time.monotonic() - written)
        print(f"\nanother process's write heard after {milliseconds(heard)}, on screen after {milliseconds(shown)}")
        assert sorted(heard)[1] < 0.2


def milliseconds(times: list[float]) -> str:
    return ", ".join(f"{t * 1000:.0f}" for t in times) + " ms"


@pytest.mark.slow
async def test_an_idle_app_sends_no_query_at_all(pg_backend, clock):
    app = make_app(pg_backend, clock)
    async with app.run_test(size=SIZE) as pilot:
        await listening(pilot)
        before = backend_activity(pg_backend)
        with statements_counted() as sent:
            await pilot.pause(IDLE_SECONDS)
        assert sent == []
        assert backend_activity(pg_backend) == before  # the listener's connection sent nothing either
        assert len(before) >= 1


@pytest.mark.slow
async def test_sqlite_still_reads_its_change_marker_once_a_second(db_path, clock):
    app = make_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.changes.source, PollSource)
        with statements_counted() as sent:
            await pilot.pause(2.5)
        reads = [statement for statement in sent if statement.startswith("SELECT")]
        assert len(reads) >= 2, sent


@contextmanager
def connections_refused(url: str) -> Iterator[None]:
    """The server drops every connection to the database and refuses new ones until the block ends
    (from the administration database: PostgreSQL will not close the one it is connected to)."""
    name = make_url(url).database
    admin = create_engine(pg_url(), poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"ALTER DATABASE {name} ALLOW_CONNECTIONS false"))
        connection.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"), {"name": name}
        )
        try:
            yield
        finally:
            connection.execute(text(f"ALTER DATABASE {name} ALLOW_CONNECTIONS true"))
    admin.dispose()


@pytest.mark.slow
async def test_a_dropped_connection_is_said_refuses_writes_and_heals_by_itself(pg_backend, clock, monkeypatch):
    monkeypatch.setattr(backoff, "FIRST_RETRY_SECONDS", 0.25)
    app = make_app(pg_backend, clock)
    async with app.run_test(size=SIZE) as pilot:
        await listening(pilot)
        await focus_release(pilot, "2.4.0")
        with connections_refused(pg_backend):
            await wait_for(pilot, lambda: "Lost the database connection: retrying in" in screen_text(app))
            assert "changes are refused until it is back" in screen_text(app)
            assert "2.4.0" in screen_text(app)  # what was on screen stays
            await pilot.press("d", "y")
            await app.writes_settled()
            assert REFUSED in screen_text(app)
        await wait_for(pilot, lambda: any(note.startswith("Reconnected") for note in app.notified), timeout=5.0)
        assert "Lost the database connection" not in screen_text(app)
        with colleague(pg_backend) as bob:
            assert bob.release("2.4.0").title == "Spring payments overhaul"  # the refused delete did nothing
            bob.create_release("9.0.0", "Made by bob", owner="bob")
        await wait_for(pilot, lambda: "9.0.0" in screen_text(app), timeout=2.0)
