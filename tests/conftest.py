"""Shared fixtures: a fixed clock, isolated user folders, and a service on a fresh SQLite file."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from relmgr_tui.domain import templates
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store

FIXED_NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
PG_URL_ENV = "RELMGR_TEST_PG_URL"


class FixedClock:
    """A clock that stands still unless a test moves it: every run sees the same times."""

    def __init__(self, now: datetime = FIXED_NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point platformdirs at a private home so no test reads or writes the real user's files."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.delenv("RELMGR_DB", raising=False)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()  # local time is what the UI shows: make it the same on every machine
    return home


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "relmgr.db"


@pytest.fixture
def store(db_path: Path, sqlite_template: Path) -> Iterator[Store]:
    """A store on a migrated SQLite file: a copy of the session's template, not Alembic per test."""
    shutil.copyfile(sqlite_template, db_path)
    store = Store.open(str(db_path))
    yield store
    store.close()


@pytest.fixture
def service(store: Store, clock: FixedClock) -> Service:
    """A service like the command line's: its changes are not remembered for undo."""
    return Service(store, templates.builtin(), who="alice", clock=clock, remember=False)


def pg_url() -> str | None:
    return os.environ.get(PG_URL_ENV) or None


# -- PostgreSQL: the same test bodies on both backends ------------------------------------------------

PG_SKIP_REASON = (
    f"{PG_URL_ENV} not set: PostgreSQL tests need a server URL such as"
    " postgresql+psycopg://postgres@127.0.0.1:55432/postgres (.ci/run starts one)"
)


def _pg_admin_engine(url: str):
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    return create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)


def _pg_name(prefix: str) -> str:
    """Unique per process (xdist worker) and per call; PostgreSQL folds names to lower case."""
    import uuid

    return f"relmgr_{prefix}_{os.getpid()}_{uuid.uuid4().hex[:10]}"


def _pg_create(admin_url: str, name: str) -> str:
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    engine = _pg_admin_engine(admin_url)
    try:
        with engine.connect() as connection:
            connection.execute(text(f"CREATE DATABASE {name}"))
    finally:
        engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def _pg_drop(admin_url: str, name: str) -> None:
    from sqlalchemy import text

    engine = _pg_admin_engine(admin_url)
    try:
        with engine.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def pg_worker_database() -> Iterator[tuple[str, object]]:
    """One migrated PostgreSQL database per test process (xdist worker), dropped at the end, and an engine
    on it for resets. Creating a database costs most of a second on a cluster that fsyncs, so tests share
    it and `backend` empties it before each test."""
    from sqlalchemy import create_engine

    admin = pg_url()
    if admin is None:
        pytest.skip(PG_SKIP_REASON)
    name = _pg_name("w")
    url = _pg_create(admin, name)
    engine = create_engine(url, pool_size=1, max_overflow=0, pool_pre_ping=True)  # a test may drop it
    try:
        Store.open(url).close()  # migrate to head once
        yield url, engine
    finally:
        engine.dispose()
        _pg_drop(admin, name)


def _pg_reset(engine) -> None:
    """Back to a freshly migrated database: no rows, change marker 0, stamped at head. DELETE (one small
    transaction) rather than TRUNCATE (new files for every table); ids keep counting, no test relies on them."""
    from sqlalchemy import text

    from relmgr_tui.store.migrations import HEAD

    with engine.begin() as connection:
        connection.execute(text("DELETE FROM release"))  # children go by ON DELETE CASCADE
        connection.execute(text("DELETE FROM event"))
        connection.execute(text("DELETE FROM change_freeze"))
        connection.execute(text("DELETE FROM meta WHERE key <> 'revision'"))
        connection.execute(text("UPDATE meta SET value = 0"))
        connection.execute(text("DELETE FROM alembic_version"))
        connection.execute(text("INSERT INTO alembic_version (version_num) VALUES (:head)"), {"head": HEAD})


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, closed SQLite file (WAL mode is stored in its header); tests start from a copy of it
    instead of paying for Alembic on every test. Migration itself is tested from an empty file."""
    path = tmp_path_factory.mktemp("template") / "relmgr.db"
    Store.open(str(path), now=FIXED_NOW).close()
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a test's database lives: a fresh migrated SQLite file path, or the URL of an emptied migrated
    PostgreSQL database (skipped with a visible reason when RELMGR_TEST_PG_URL is not set)."""
    if request.param == "sqlite":
        path = tmp_path / "relmgr.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return str(path)
    if pg_url() is None:
        pytest.skip(PG_SKIP_REASON)
    url, engine = request.getfixturevalue("pg_worker_database")
    _pg_reset(engine)
    return url


@pytest.fixture
def pg_backend(request: pytest.FixtureRequest) -> str:
    """The URL of the worker's emptied, migrated PostgreSQL database, for PostgreSQL-only behaviour
    (LISTEN/NOTIFY, dropped connections); skipped with a visible reason when RELMGR_TEST_PG_URL is not set."""
    if pg_url() is None:
        pytest.skip(PG_SKIP_REASON)
    url, engine = request.getfixturevalue("pg_worker_database")
    _pg_reset(engine)
    return url


@pytest.fixture(scope="session")
def pg_worker_store(pg_worker_database: tuple[str, object]) -> Iterator[Store]:
    """A Store on the worker's PostgreSQL database, opened once: a new engine per test would pay for
    PostgreSQL's connection start-up and dialect checks every time."""
    store = Store.open(pg_worker_database[0])
    yield store
    store.close()


@pytest.fixture
def backend_store(request: pytest.FixtureRequest, backend: str) -> Iterator[Store]:
    """A Store on `backend`: its own for a SQLite file, the worker's (emptied) one for PostgreSQL."""
    if backend.startswith("postgresql"):
        yield request.getfixturevalue("pg_worker_store")
        return
    store = Store.open(backend)
    yield store
    store.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Like `backend`, but the database is empty (no tables): for tests of migrating from nothing."""
    if request.param == "sqlite":
        yield str(tmp_path / "relmgr.db")
        return
    admin = pg_url()
    if admin is None:
        pytest.skip(PG_SKIP_REASON)
    name = _pg_name("e")
    url = _pg_create(admin, name)
    try:
        yield url
    finally:
        _pg_drop(admin, name)


def database_contents(store: Store) -> dict[str, list[tuple]]:
    """Every row of every relmgr table, in primary-key order: compare before and after to prove that a
    refused change wrote nothing (not even the change marker)."""
    from sqlalchemy import select
    from sqlmodel import SQLModel

    from relmgr_tui.store import tables  # noqa: F401  (registers the tables)

    contents: dict[str, list[tuple]] = {}
    with store.engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            query = select(table).order_by(*table.primary_key.columns)
            contents[table.name] = [tuple(row) for row in connection.execute(query)]
    return contents


def restore_contents(store: Store, contents: dict[str, list[tuple]]) -> None:
    """Make the database hold exactly `contents` (from `database_contents`), ids included; PostgreSQL's id
    sequences move past them. For a seeded world made once and put back per test."""
    from sqlalchemy import text
    from sqlmodel import SQLModel

    tables = SQLModel.metadata.sorted_tables
    with store.engine.begin() as connection:
        for table in reversed(tables):
            connection.execute(table.delete())
        for table in tables:
            if rows := [dict(zip(table.columns.keys(), row)) for row in contents[table.name]]:
                connection.execute(table.insert(), rows)
            column = table.autoincrement_column
            if column is not None and not store.is_sqlite:
                connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'),"
                                        f" COALESCE((SELECT MAX({column.name}) FROM {table.name}), 0) + 1, false)"))


@pytest.fixture
def db_contents() -> Callable[[Store], dict[str, list[tuple]]]:
    """`db_contents(store)`: the whole database content, for before/after comparisons."""
    return database_contents
