"""Create a new SQLite database, only where relmgr may, and take it all back when the first write fails.

"Nothing is created until relmgr writes": a store on a missing file reads as empty (`Missing`), and its
first write calls `create_sqlite`. A full disk half-way leaves no 0-byte or partial file behind.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from relmgr_tui.domain.errors import DatabaseError
from relmgr_tui.store import location
from relmgr_tui.store.engine import (
    Target,
    detail_of,
    enable_wal,
    is_disk_full,
    open_engine,
    sqlite_engine,
    upgrade,
)
from relmgr_tui.store.location import Missing


def may_create(path: Path, missing: Missing, read_only: bool) -> bool:
    """Whether a store on the missing database at `path` creates it on its first write.

    Raises NoDatabase when the caller may not even read it as empty.
    """
    if missing is Missing.REFUSE or (missing is Missing.CREATE and read_only):
        raise location.no_database(path)
    if missing is Missing.READ_EMPTY:
        return False
    location.check_may_create(path)
    return not read_only


@dataclass
class Created:
    """What `create_sqlite` made, so that a failed first write can take it all back."""

    path: Path
    was_empty_file: bool
    folders: list[Path] = field(default_factory=list)

    def undo(self) -> None:
        for side in location.side_files(self.path):
            side.unlink(missing_ok=True)
        if self.was_empty_file:
            os.truncate(self.path, 0)
        else:
            self.path.unlink(missing_ok=True)
        self.remove_folders()

    def remove_folders(self) -> None:
        for folder in reversed(self.folders):
            try:
                folder.rmdir()
            except OSError:
                break


def _make_folder(path: Path) -> list[Path]:
    """The default data folder is created when relmgr first writes; any other folder must exist.
    Returns the folders made, outermost first."""
    folder = path.parent
    if folder.is_dir():
        return []
    location.check_may_create(path)
    made = [f for f in (folder, *folder.parents) if not f.exists()][::-1]
    try:
        folder.mkdir(parents=True)
    except OSError as exc:
        raise DatabaseError(f"cannot create the folder {folder} ({exc.strerror}): pass another --db path.") from None
    return made


def create_sqlite(target: Target, now: datetime | None = None) -> tuple[Engine, Created | None]:
    """Create and migrate the database at `target`, or open the one another process created meanwhile.

    Returns the engine and what was created (None: nothing); on a failure everything created is removed.
    """
    path = target.path
    assert path is not None
    created = Created(path, was_empty_file=False, folders=_make_folder(path))
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666))
    except FileExistsError:
        if location.database_exists(path):
            return open_engine(target, now=now), None
        created.was_empty_file = True  # an empty file is a new database to SQLite: relmgr's to fill
    except OSError as exc:
        created.remove_folders()
        raise creation_failure(exc, path) from None
    engine = None
    try:
        enable_wal(path)
        engine = sqlite_engine(path, read_only=False)
        upgrade(engine)
    except (OSError, sqlite3.Error, SQLAlchemyError) as exc:
        if engine is not None:
            engine.dispose()
        created.undo()
        raise creation_failure(exc, path) from None
    return engine, created


def creation_failure(exc: BaseException, path: Path) -> DatabaseError:
    detail = detail_of(exc)
    if is_disk_full(exc, detail):
        return DatabaseError(
            f"no space left to create {path}: free some space on its disk or pass another --db path;"
            " nothing was left behind."
        )
    return DatabaseError(f"cannot create {path} ({detail}): check the folder's permissions or pass another --db path.")
