"""Open a relmgr database safely: SQLite (a file) or PostgreSQL (a URL), same tables.

Opening never modifies a file it does not recognise: a text file, a foreign or corrupt SQLite file, a
read-only file or a database from a newer relmgr gets one DatabaseError sentence naming the path and what
to do. Migrations run only after a backup through SQLite's online backup API. New databases: `creation.py`.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from relmgr_tui.domain.errors import DatabaseError
from relmgr_tui.redact import mask
from relmgr_tui.store import location
from relmgr_tui.store.board_query import SQLITE_MAGIC
from relmgr_tui.store.migrations import HEAD, REVISIONS

WRITE_OPTION = "relmgr_write"
"""Execution option that makes a SQLite transaction start with BEGIN IMMEDIATE."""

PG_DRIVERS = {"postgresql", "postgres", "postgresql+psycopg", "postgresql+psycopg2"}
"""Drivers a URL may name; all mean psycopg 3, the one relmgr ships with (psycopg2 URLs take the same
connection parameters, so a URL copied from another tool works as it is)."""

PG_EXAMPLE = "postgresql+psycopg://USER@HOST/DATABASE"


@dataclass(frozen=True)
class Target:
    """Where the database is: a SQLite file path, or a server URL."""

    url: URL
    path: Path | None

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    def display(self) -> str:
        """The path or URL as it may be printed: never with a password."""
        return mask(str(self.path) if self.path else self.url.render_as_string(hide_password=True))


def parse_target(value: str) -> Target:
    """A plain path means a SQLite file; `sqlite:///...` and `postgresql[+psycopg]://...` are URLs.

    Anything that looks like a URL is parsed as one or refused: a typo must never become a local file.
    """
    if not location.looks_like_url(value):
        path = location.database_path(value)
        return Target(URL.create("sqlite", database=str(path)), path)
    url = _parse_url(value)
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            raise DatabaseError("relmgr needs a SQLite file, not an in-memory database: pass a file path.")
        path = location.database_path(url.database)
        return Target(URL.create("sqlite", database=str(path)), path)
    if url.drivername in PG_DRIVERS:
        return Target(url.set(drivername="postgresql+psycopg"), None)
    if url.get_backend_name() == "postgresql":
        raise DatabaseError(
            f"relmgr talks to PostgreSQL through psycopg 3, not {url.drivername}: write the URL as {PG_EXAMPLE}."
        )
    raise DatabaseError(f"unsupported database {url.drivername}: use a SQLite file path or a {PG_EXAMPLE} URL.")


def _parse_url(value: str) -> URL:
    shown = f"'{mask(value)}'"
    try:
        url = make_url(value)
    except ArgumentError:
        url = None
    except ValueError:  # the port is not a number
        raise DatabaseError(
            f"the port in {shown} is not a number: write it as postgresql+psycopg://USER@HOST:5432/DATABASE."
        ) from None
    if url is None or "://" not in value:
        raise DatabaseError(
            f"{shown} looks like a database URL but is not one: write it as {PG_EXAMPLE}"
            " (or sqlite:////absolute/path.db, or just a file path)."
        )
    return url


# -- SQLite: an existing file ------------------------------------------------------------------------

def _preflight_sqlite(path: Path, read_only: bool) -> None:
    """Check an existing, non-empty file before SQLite touches it."""
    try:
        with path.open("rb") as handle:  # a regular file: location.database_exists checked it
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise DatabaseError(f"{path} cannot be read ({exc.strerror}): check its permissions.") from None
    if header != SQLITE_MAGIC:
        raise DatabaseError(f"{path} is not a SQLite database: relmgr left it untouched. Pass another file with --db.")
    if read_only:
        return
    if not os.access(path, os.W_OK) or not stat.S_IMODE(path.stat().st_mode) & 0o222:
        raise DatabaseError(
            f"{path} is read-only: make it writable (chmod u+w) or open it with --read-only to look without changing it."
        )
    if not location.can_write_beside(path):
        raise DatabaseError(
            f"the folder {path.parent} is read-only: SQLite needs to write its journal beside {path.name};"
            " make the folder writable or open the database with --read-only."
        )


def _with_sqlite_settings(engine: Engine) -> Engine:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN itself: pysqlite's own implicit BEGIN is
        # DEFERRED, which turns a read-then-write race between two processes into lost updates.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        write = connection.get_execution_options().get(WRITE_OPTION)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def sqlite_engine(path: Path, read_only: bool) -> Engine:
    if read_only:
        uri = location.read_only_uri(path)
        return _with_sqlite_settings(create_engine(
            "sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False), poolclass=NullPool
        ))
    # Pooled: opening a connection re-runs the pragmas, which would cost more than most queries.
    url = URL.create("sqlite", database=str(path))
    return _with_sqlite_settings(create_engine(url, connect_args={"check_same_thread": False}))


def empty_engine() -> Engine:
    """An empty relmgr database in memory: what a database that does not exist yet reads as.

    Shared cache, so every pooled connection sees the same tables; `keeper` holds the database open for
    as long as the engine lives.
    """
    from sqlmodel import SQLModel

    from relmgr_tui.store import tables  # noqa: F401  (registers the tables)

    uri = f"file:relmgr-empty-{uuid.uuid4().hex}?mode=memory&cache=shared"
    keeper = sqlite3.connect(uri, uri=True, check_same_thread=False)
    engine = _with_sqlite_settings(create_engine(
        "sqlite://", creator=lambda keeper=keeper: sqlite3.connect(uri, uri=True, check_same_thread=False),
        poolclass=NullPool,
    ))
    with engine.begin() as connection:
        SQLModel.metadata.create_all(connection)
        connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
        connection.execute(text("INSERT INTO alembic_version VALUES (:head)"), {"head": HEAD})
    return engine


def enable_wal(path: Path) -> None:
    """WAL is a property of the file: set once, when relmgr creates it (outside any transaction)."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
    finally:
        connection.close()


def _schema_revision(engine: Engine) -> tuple[str | None, bool]:
    """(alembic revision or None, whether the database has any tables at all)."""
    with engine.connect() as connection:
        names = set(inspect(connection).get_table_names())
        if "alembic_version" not in names:
            return None, bool(names)
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return revision, True


def backup_sqlite(source: Path, destination: Path) -> None:
    """Copy a live database consistently through SQLite's online backup API (never a file copy)."""
    src = sqlite3.connect(location.read_only_uri(source), uri=True)
    try:
        dst = sqlite3.connect(destination)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def open_engine(target: Target, *, read_only: bool = False, now: datetime | None = None) -> Engine:
    """Open, check and (when needed) migrate the existing database at `target`."""
    if target.path is not None:
        _preflight_sqlite(target.path, read_only)
        engine = sqlite_engine(target.path, read_only)
    else:
        try:
            engine = create_engine(target.url, pool_pre_ping=True, pool_size=2, max_overflow=2)
        except (ImportError, ModuleNotFoundError):
            raise DatabaseError("PostgreSQL support needs psycopg: pip install 'relmgr[postgres]'.") from None
    try:
        _check_and_migrate(engine, target, read_only, now or datetime.now(UTC))
    except DatabaseError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        raise describe_failure(exc, target, read_only=read_only) from None
    return engine


def _check_and_migrate(engine: Engine, target: Target, read_only: bool, now: datetime) -> None:
    where = target.display()
    revision, has_tables = _schema_revision(engine)
    if revision == HEAD:
        return
    if revision is None and has_tables:
        raise DatabaseError(
            f"{where} is a database, but not a relmgr one: relmgr left it untouched. Pass another file with --db."
        )
    if revision is not None and revision not in REVISIONS:
        raise DatabaseError(
            f"{where} was written by a newer relmgr (schema {revision}); this relmgr knows up to {HEAD}."
            " Upgrade relmgr (pip install -U relmgr); the database was not changed."
        )
    if read_only:
        raise DatabaseError(
            f"{where} needs a schema upgrade ({revision or 'empty'} -> {HEAD}): open it once without --read-only."
        )
    if revision is not None and target.path is not None:
        stamp = now.strftime("%Y%m%dT%H%M%SZ")
        backup_sqlite(target.path, target.path.with_name(f"{target.path.name}.{revision}.{stamp}.bak"))
    upgrade(engine)


def upgrade(engine: Engine) -> None:
    from relmgr_tui.store.migrate import upgrade_to_head

    upgrade_to_head(engine.execution_options(**{WRITE_OPTION: True}))


# -- errors ------------------------------------------------------------------------------------------

def detail_of(exc: BaseException) -> str:
    cause = getattr(exc, "orig", None) or exc
    if isinstance(cause, OSError) and cause.strerror:
        return cause.strerror
    lines = str(cause).strip().splitlines()
    return mask(lines[0]) if lines else type(cause).__name__


def is_disconnect(exc: BaseException) -> bool:
    """A server connection that dropped, or cannot be made again (the driver's own error, no SQL state),
    as opposed to a statement the server refused."""
    if getattr(exc, "connection_invalidated", False):
        return True
    if not isinstance(exc, OperationalError):
        return False
    state = getattr(getattr(exc, "orig", None), "sqlstate", None)
    return state is None or state.startswith(("08", "57P"))


FULL_DISK_ERRORS = {"SQLITE_FULL", "SQLITE_IOERR_SHMSIZE"}
"""SQLite's names for a write that found no space (the second: the -shm file could not grow)."""


def is_disk_full(exc: BaseException, detail: str) -> bool:
    cause = getattr(exc, "orig", None) or exc
    if isinstance(cause, OSError) and cause.errno == errno.ENOSPC:
        return True
    return getattr(cause, "sqlite_errorname", None) in FULL_DISK_ERRORS or "disk is full" in detail.lower()


def describe_failure(exc: BaseException, target: Target, *, read_only: bool = False) -> DatabaseError:
    """Turn a driver error into one sentence that names the database and what to do."""
    where = target.display()
    detail = detail_of(exc)
    lowered = detail.lower()
    if "locked" in lowered or "busy" in lowered:
        return DatabaseError(f"{where} is locked by another program that keeps writing: try again in a moment.")
    if "malformed" in lowered or "not a database" in lowered or "corrupt" in lowered:
        return DatabaseError(
            f"{where} is damaged ({detail}): restore it from a backup (*.bak beside it) or pass another file with --db."
        )
    if is_disk_full(exc, detail):
        return DatabaseError(f"no space left on the disk of {where}: free some space and try again; nothing was saved.")
    if ("readonly" in lowered or "read-only" in lowered) and read_only:
        return DatabaseError(
            f"{where} cannot be read without changing it here ({detail}):"
            " copy it to a folder you can write and open the copy."
        )
    if "readonly" in lowered or "read-only" in lowered:
        return DatabaseError(f"{where} is read-only ({detail}): make it writable or use --read-only.")
    if "unable to open" in lowered:
        return DatabaseError(f"{where} cannot be opened ({detail}): check the path and its permissions.")
    if target.is_sqlite:
        return DatabaseError(f"{where}: database error ({detail}).")
    return DatabaseError(f"cannot use the database at {where} ({detail}): check the URL, the server and your role.")
