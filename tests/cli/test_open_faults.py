"""Faults at the database path, through real processes: a FIFO must not hang relmgr, a full disk must leave
no file behind. Each ends in exit 2 and one `relmgr: error:` line."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest


def relmgr(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config")}
    env.pop("RELMGR_DB", None)
    return subprocess.run([sys.executable, "-m", "relmgr_tui", *args], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=60, check=False)


@pytest.mark.parametrize("command", [["list"], []], ids=["list", "the app"])
def test_a_fifo_at_the_database_path_is_refused_without_opening_it(tmp_path: Path, command: list[str]) -> None:
    """Opening a FIFO for reading blocks until a writer comes: relmgr looks at it with os.stat first."""
    fifo = tmp_path / "relmgr.db"
    os.mkfifo(fifo)
    result = relmgr("--db", str(fifo), *command, home=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"relmgr: error: {fifo} is a named pipe (FIFO), not a database file: pass a file path with --db.\n"
    )


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A 256 KiB tmpfs with 8 KiB left: room to start a database file, not to finish it."""
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", f"relmgr-{uuid.uuid4().hex[:8]}",
                              str(mount_point)], capture_output=True, text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({mounted.stderr.strip()}); the injected ENOSPC test in"
                    " tests/store/test_create.py covers the same code")
    try:
        status = os.statvfs(mount_point)
        (mount_point / "filler").write_bytes(b"x" * (status.f_bavail * status.f_frsize - 8192))
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)


def test_a_full_disk_while_creating_a_database_leaves_nothing_behind(full_disk: Path, tmp_path: Path) -> None:
    path = full_disk / "relmgr.db"
    result = relmgr("--db", str(path), "new", "1.0.0", home=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        f"relmgr: error: no space left to create {path}: free some space on its disk or pass another --db path;"
        " nothing was left behind.\n"
    )
    assert os.listdir(full_disk) == ["filler"]
