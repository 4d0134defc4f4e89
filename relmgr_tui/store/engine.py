"""Open a relmgr database safely: SQLite (a file) or PostgreSQL (a URL), same tables.

Opening never modifies a file it does not recognise: a text file, a foreign or corrupt SQLite file, a
read-only file or a database from a newer relmgr gets one DatabaseError sentence naming the path and what
to do. Migrations run only after a backup through SQLite's online backup API.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from relmgr_tui.domain.errors import DatabaseError
from relmgr_tui.store.board_query import SQLITE_MAGIC
from relmgr_tui.store.migrations import HEAD, REVISIONS

WRITE_OPTION = "relmgr_write"
"""Execution option that makes a SQLite transaction start with BEGIN IMMEDIATE."""


@dataclass(frozen=True)
class Target:
    """Where the database is: a SQLite file path, or a server URL."""

    url: URL
    path: Path | None

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    def display(self) -> str:
        return str(self.path) if self.path else self.url.render_as_string(hide_password=True)


def parse_target(value: str) -> Target:
    """A plain path means a SQLite file; `sqlite:///...` and `postgresql[+psycopg]://...` are URLs."""
    if "://" not in value:
        path = Path(value).expanduser().resolve()
        return Target(URL.create("sqlite", database=str(path)), path)
    try:
        url = make_url(value)
    except ArgumentError:
        raise DatabaseError(f"{value!r} is not a database URL; use a file path or postgresql+psycopg://...") from None
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            raise DatabaseError("relmgr needs a SQLite file, not an in-memory database: pass a file path.")
        path = Path(url.database).expanduser().resolve()
        return Target(URL.create("sqlite", database=str(path)), path)
    if url.get_backend_name() == "postgresql":
        if url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")
        return Target(url, None)
    raise DatabaseError(
        f"unsupported database {url.drivername!r}: use a SQLite file path or a postgresql+psycopg:// URL."
    )


def _preflight_sqlite(path: Path, read_only: bool) -> bool:
    """Check the file before SQLite touches it. Returns True when the database is new."""
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a database file: pass a file path with --db.")
    exists = path.exists()
    if exists and path.stat().st_size > 0:
        try:
            with path.open("rb") as handle:
                header = handle.read(len(SQLITE_MAGIC))
        except OSError as exc:
            raise DatabaseError(f"{path} cannot be read ({exc.strerror}): check its permissions.") from None
        if header != SQLITE_MAGIC:
            raise DatabaseError(
                f"{path} is not a SQLite database: relmgr left it untouched. Pass another file with --db."
            )
    if read_only:
        if not exists:
            raise DatabaseError(f"{path} does not exist: read-only mode opens an existing database only.")
        return False
    if exists and (not os.access(path, os.W_OK) or not stat.S_IMODE(path.stat().st_mode) & 0o222):
        raise DatabaseError(
            f"{path} is read-only: make it writable (chmod u+w) or open it with --read-only to look without changing it."
        )
    folder = path.parent
    if not exists:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"cannot create the folder {folder} ({exc.strerror}): pass another --db path.") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DatabaseError(
            f"the folder {folder} is read-only: SQLite needs to write its journal beside {path.name};"
            " make the folder writable or open the database with --read-only."
        )
    return not exists or path.stat().st_size == 0


def _sqlite_engine(target: Target, read_only: bool) -> Engine:
    assert target.path is not None
    if read_only:
        uri = f"file:{target.path}?mode=ro"
        engine = create_engine(
            "sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False), poolclass=NullPool
        )
    else:
        # Pooled: opening a connection re-runs the pragmas, which would cost more than most queries.
        engine = create_engine(target.url, connect_args={"check_same_thread": False})

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


def _enable_wal(path: Path) -> None:
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
    destination.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(destination)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def open_engine(value: str, *, read_only: bool = False, now: datetime | None = None) -> tuple[Engine, Target]:
    """Open, check and (when needed) migrate the database at `value`."""
    target = parse_target(value)
    if target.is_sqlite:
        assert target.path is not None
        is_new = _preflight_sqlite(target.path, read_only)
        engine = _sqlite_engine(target, read_only)
    else:
        is_new = False
        try:
            engine = create_engine(target.url, pool_pre_ping=True, pool_size=2, max_overflow=2)
        except (ImportError, ModuleNotFoundError):
            raise DatabaseError("PostgreSQL support needs psycopg: pip install 'relmgr[postgres]'.") from None
    try:
        _check_and_migrate(engine, target, is_new, read_only, now or datetime.now(UTC))
    except DatabaseError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        raise describe_failure(exc, target) from None
    return engine, target


def _check_and_migrate(engine: Engine, target: Target, is_new: bool, read_only: bool, now: datetime) -> None:
    where = target.display()
    if is_new and target.path is not None:
        _enable_wal(target.path)
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
    from relmgr_tui.store.migrate import upgrade_to_head

    upgrade_to_head(engine.execution_options(**{WRITE_OPTION: True}))


def describe_failure(exc: BaseException, target: Target) -> DatabaseError:
    """Turn a driver error into one sentence that names the database and what to do."""
    where = target.display()
    detail = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc) else type(exc).__name__
    lowered = detail.lower()
    if "locked" in lowered or "busy" in lowered:
        return DatabaseError(f"{where} is locked by another program that keeps writing: try again in a moment.")
    if "malformed" in lowered or "not a database" in lowered or "corrupt" in lowered:
        return DatabaseError(
            f"{where} is damaged ({detail}): restore it from a backup (*.bak beside it) or pass another file with --db."
        )
    if "readonly" in lowered or "read-only" in lowered:
        return DatabaseError(f"{where} is read-only ({detail}): make it writable or use --read-only.")
    if "unable to open" in lowered:
        return DatabaseError(f"{where} cannot be opened ({detail}): check the path and its permissions.")
    if target.is_sqlite:
        return DatabaseError(f"{where}: database error ({detail}).")
    return DatabaseError(f"cannot use the database at {where} ({detail}): check the URL, the server and your role.")
