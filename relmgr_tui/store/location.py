"""Where a SQLite database is, checked before anything opens it.

A `--db` value is a URL or a file path, never a URL typo taken for a path. A path is looked at with
`os.stat` before any `open`: a FIFO would block the open, a device or a folder is no database. Nothing
here creates a file. No SQLAlchemy either: the quick start uses this module before SQLAlchemy is imported.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path

from relmgr_tui import paths
from relmgr_tui.domain.errors import DatabaseError

URL_START = re.compile(r"(?i)^(sqlite|postgres|postgresql)(\+[a-z0-9_]*)?:")
"""A scheme relmgr knows, then a colon: `postgresql+psycopg:/alice@host/db` is a URL with a slash missing."""

SIDE_FILES = ("-wal", "-shm", "-journal")
"""The files SQLite keeps beside a database while it is open."""


class Missing(Enum):
    """What opening does when no database exists at a SQLite path."""

    CREATE = "create"
    """Create and migrate it at once (tools and tests that want a ready file)."""
    CREATE_ON_WRITE = "create on write"
    """Read it as empty; the first write creates it (new, demo, copy --to, the app)."""
    READ_EMPTY = "read empty"
    """Read it as empty and never create it (`relmgr info`)."""
    REFUSE = "refuse"
    """"no relmgr database at PATH" (every command that only reads or changes what exists)."""


class NoDatabase(DatabaseError):
    """There is no database at the path and this command may not create one."""


def looks_like_url(value: str) -> bool:
    return "://" in value or URL_START.match(value) is not None


def expand_user(value: str) -> Path:
    """`value` with a leading `~` or `~user` expanded; a user that does not exist is one sentence."""
    try:
        return Path(value).expanduser()
    except RuntimeError:
        user = value.split("/", 1)[0]
        raise DatabaseError(
            f"{value} starts with {user}, but there is no user {user[1:]} on this system: write the full path."
        ) from None


def database_path(value: str) -> Path:
    """The absolute file a plain `--db` value names: `~` expanded, symbolic links followed."""
    path = expand_user(value)
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        raise DatabaseError(
            f"{path.absolute()} is a loop of symbolic links: fix the link or pass another --db path."
        ) from None


FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def database_exists(path: Path) -> bool:
    """Whether a database file is at `path`: a regular file that is not empty (SQLite takes an empty file
    for a new database). Anything else there (a folder, a FIFO, a device, a socket, a link loop) is refused
    before it is opened: opening a FIFO blocks until someone writes to it."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return False
    except NotADirectoryError:
        raise DatabaseError(f"{path} cannot exist: a part of its folder is a file: check the --db path.") from None
    except OSError as exc:
        raise DatabaseError(f"{path} cannot be looked at ({exc.strerror}): check the --db path.") from None
    if stat.S_ISREG(status.st_mode):
        return status.st_size > 0
    kind = next((name for test, name in FILE_KINDS if test(status.st_mode)), "not a regular file")
    raise DatabaseError(f"{path} is {kind}, not a database file: pass a file path with --db.")


def is_default_folder(folder: Path) -> bool:
    return folder == paths.data_dir().resolve()


def check_may_create(path: Path) -> None:
    """A database is created only in a folder that exists, or in the default data folder."""
    folder = path.parent
    if not folder.is_dir() and not is_default_folder(folder):
        raise NoDatabase(
            f"no relmgr database at {path}, and its folder {folder} does not exist:"
            " check the --db path, or create the folder first."
        )


def no_database(path: Path) -> NoDatabase:
    """The error of a command that needs an existing database, naming what to do."""
    if is_default_folder(path.parent):
        return NoDatabase(
            f"no relmgr database at {path} yet: create one with 'relmgr new VERSION' or 'relmgr demo',"
            " or open the board with 'relmgr'."
        )
    if not path.parent.is_dir():
        return NoDatabase(
            f"no relmgr database at {path}, and its folder {path.parent} does not exist: check the --db path."
        )
    return NoDatabase(
        f"no relmgr database at {path}: check the --db path (or ${paths.DB_ENV}),"
        " or create one with 'relmgr new VERSION' or 'relmgr demo'."
    )


def can_write_beside(path: Path) -> bool:
    """Whether SQLite can create its -wal/-shm files and take its locks in the database's folder."""
    return os.access(path.parent, os.W_OK | os.X_OK)


def read_only_uri(path: Path) -> str:
    """A URI that opens `path` without changing it.

    `mode=ro` still needs the folder: a WAL database's reader creates `-shm` there. Where relmgr cannot
    write, `immutable=1` reads the file as it is, with no locks and no side files.
    """
    return f"{path.as_uri()}?{'mode=ro' if can_write_beside(path) else 'immutable=1'}"


def side_files(path: Path) -> set[Path]:
    return {path.with_name(path.name + suffix) for suffix in SIDE_FILES}


def existing_side_files(path: Path) -> set[Path]:
    return {side for side in side_files(path) if side.exists()}


@contextmanager
def no_new_side_files(path: Path) -> Iterator[None]:
    """Read-only means no trace: a WAL reader leaves `-wal`/`-shm` behind where none were before.

    SQLite deletes them when the last connection that may write closes, so one such connection is
    opened and closed afterwards. It changes no page of the database, and deletes nothing while
    another program still has the database open.
    """
    before = existing_side_files(path)
    try:
        yield
    finally:
        clear_new_side_files(path, before)


def clear_new_side_files(path: Path, before: set[Path]) -> None:
    """Remove the side files that appeared since `before`, the way SQLite does: see `no_new_side_files`."""
    if not existing_side_files(path) - before:
        return
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True)
        try:
            connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        pass  # the database stays readable with its side files; nothing to report
