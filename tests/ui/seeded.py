"""Seeded databases made once per test process and copied per test.

Creating a database runs every Alembic migration, and seeding runs dozens of use cases; together they
cost a second or more of CPU per test, and most Pilot tests start from the same few databases. Each is
made here once per process, through the same calls a test would make (`create_app`, who "alice", the
test's clock time, seeding outside the undo history), closed, and copied to the test's own path.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from relmgr_tui import paths
from relmgr_tui.bootstrap import create_app
from relmgr_tui.service import Service
from tests.conftest import FixedClock

_MADE: dict[tuple[str, datetime], tuple[Path, Any]] = {}


def may_copy(db: Path | str) -> bool:
    """Only a new SQLite file with no user configuration (templates.toml changes what seeding writes)."""
    return "://" not in str(db) and not Path(db).exists() and not any(paths.config_dir().glob("*"))


def copy_seeded(db: Path | str, now: datetime, name: str, seed: Callable[[Service], Any]) -> Any:
    """Copy the database `seed` makes at clock time `now` to `db` and return what `seed` returned.
    `name` names the seeding: the same name must always mean the same `seed`."""
    key = (name, now)
    if key not in _MADE:
        _MADE[key] = _make(now, seed)
    template, result = _MADE[key]
    shutil.copyfile(template, db)
    return result


def _make(now: datetime, seed: Callable[[Service], Any]) -> tuple[Path, Any]:
    folder = Path(tempfile.mkdtemp(prefix="relmgr-seeded-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / "relmgr.db"
    app = create_app(str(path), clock=FixedClock(now), who="alice")
    with app.service.unrecorded():
        result = seed(app.service)
    app.service.close()
    return path, result
