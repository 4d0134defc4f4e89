"""`relmgr backup PATH`: a consistent copy of the SQLite database that never overwrites what relmgr did not make.

An existing file at PATH is replaced only with `--force`, and only when it is a relmgr database (an
older backup). The copy is written to a temporary file in PATH's folder and renamed into place, so a full
disk leaves the old backup intact and no partial file; a symbolic link at PATH is never written through.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import uuid
from pathlib import Path

from relmgr_tui.domain.errors import DatabaseError
from relmgr_tui.store import location
from relmgr_tui.store.board_query import SQLITE_MAGIC
from relmgr_tui.store.engine import backup_sqlite, detail_of, is_disk_full
from relmgr_tui.store.migrations import REVISIONS


def backup_to(source: Path, destination: str, *, force: bool = False) -> Path:
    """Copy the database at `source` to `destination`; returns the absolute path written."""
    dest = _absolute(destination)
    if dest.resolve() == source:
        raise DatabaseError(f"{dest} is the database itself: back it up to another file.")
    if not dest.parent.is_dir():
        raise DatabaseError(f"the folder {dest.parent} does not exist: create it first or choose another path.")
    if os.path.lexists(dest):
        _check_replaceable(dest, force)
    temporary = dest.with_name(f".{dest.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666))
        backup_sqlite(source, temporary)
        os.replace(temporary, dest)  # replaces a name, never writes through it
    except (OSError, sqlite3.Error) as exc:
        for leftover in (temporary, *location.side_files(temporary)):
            leftover.unlink(missing_ok=True)
        raise _write_failure(exc, dest) from None
    return dest


def _absolute(destination: str) -> Path:
    """`~` expanded and the folder resolved, but not a link at the name itself: that is refused, not followed."""
    path = location.expand_user(destination)
    try:
        return path.parent.resolve() / path.name
    except (RuntimeError, OSError):
        raise DatabaseError(f"{path.parent} is a loop of symbolic links: choose another path.") from None


def _check_replaceable(dest: Path, force: bool) -> None:
    """Replace only an older relmgr backup, and only when asked to."""
    mode = os.lstat(dest).st_mode
    if stat.S_ISLNK(mode):
        raise DatabaseError(f"{dest} is a symbolic link: relmgr does not write through it; choose another path.")
    if not stat.S_ISREG(mode):
        raise DatabaseError(f"{dest} exists and is not a file: relmgr left it untouched; choose another path.")
    if not force:
        raise DatabaseError(
            f"{dest} exists already: relmgr left it untouched. Choose another path, or pass --force to replace"
            " an older relmgr backup."
        )
    if not is_relmgr_database(dest):
        raise DatabaseError(
            f"{dest} is not a relmgr database: relmgr left it untouched (--force replaces only a relmgr backup);"
            " choose another path."
        )
    if location.existing_side_files(dest):
        raise DatabaseError(f"{dest} is open in another program: close it, or choose another path.")


def is_relmgr_database(path: Path) -> bool:
    """A SQLite file stamped with a revision this relmgr knows. Read with `immutable=1`: no lock, no side file."""
    try:
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                return False
        connection = sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)
        try:
            rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        finally:
            connection.close()
    except (OSError, sqlite3.Error):
        return False
    return len(rows) == 1 and rows[0][0] in REVISIONS


def _write_failure(exc: BaseException, dest: Path) -> DatabaseError:
    detail = detail_of(exc)
    if is_disk_full(exc, detail):
        return DatabaseError(f"no space left to write the backup {dest}: free some space; nothing was changed there.")
    return DatabaseError(f"cannot write the backup {dest} ({detail}): check the folder's permissions.")
