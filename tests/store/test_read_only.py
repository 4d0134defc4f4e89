"""--read-only opens a shared copy in a folder nobody may write, and leaves no -wal/-shm files anywhere."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from relmgr_tui import bootstrap
from relmgr_tui.domain import templates
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store

NOBODY = 65534


def make_db(path: Path) -> None:
    store = Store.open(str(path))
    Service(store, templates.builtin(), who="alice").create_release("2.0.0", "Shared")
    store.close()


def listing(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in sorted(os.listdir(folder))}


def test_read_only_leaves_no_side_files_in_a_writable_folder(tmp_path: Path) -> None:
    path = tmp_path / "relmgr.db"
    make_db(path)
    before = listing(tmp_path)
    assert list(before) == ["relmgr.db"]

    bootstrap.launch_app(str(path), read_only=True)  # the quick start's sqlite3 read
    assert listing(tmp_path) == before
    store = Store.open(str(path), read_only=True)
    assert [r.version for r in Service(store, templates.builtin(), who="bo").releases()] == ["2.0.0"]
    store.close()
    assert listing(tmp_path) == before


def test_read_only_keeps_the_side_files_of_a_writer_that_is_still_open(tmp_path: Path) -> None:
    path = tmp_path / "relmgr.db"
    make_db(path)
    writer = Store.open(str(path))
    with writer.read() as repo:
        repo.revision()
    reader = Store.open(str(path), read_only=True)
    with reader.read() as repo:
        repo.revision()
    reader.close()
    assert {"relmgr.db-wal", "relmgr.db-shm"} <= set(os.listdir(tmp_path)), "the writer still needs them"
    writer.close()


@pytest.fixture
def shared_copy() -> Iterator[Path]:
    """A relmgr database, read-only, in a folder that an unprivileged user can read but not write."""
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: cannot run relmgr as an unprivileged user")
    folder = Path(tempfile.mkdtemp(prefix="relmgr-shared-"))
    try:
        make_db(folder / "relmgr.db")
        (folder / "relmgr.db").chmod(0o444)
        folder.chmod(0o555)
        yield folder / "relmgr.db"
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def run_unprivileged(*args: str) -> subprocess.CompletedProcess[str]:
    """`python ARGS` as user nobody when the tests run as root (os.access says yes to root everywhere)."""
    prefix = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"] if os.geteuid() == 0 else []
    env = {**os.environ, "XDG_DATA_HOME": "/nonexistent/data", "XDG_CONFIG_HOME": "/nonexistent/config"}
    return subprocess.run([*prefix, sys.executable, *args], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=60, check=False, cwd="/")


@pytest.mark.slow
def test_a_shared_read_only_copy_opens_with_read_only_and_the_advice_leads_there(shared_copy: Path) -> None:
    before = listing(shared_copy.parent)
    refused = run_unprivileged("-m", "relmgr_tui", "--db", str(shared_copy), "list")
    assert refused.returncode == 2
    assert refused.stderr == (
        f"relmgr: error: {shared_copy} is read-only: make it writable (chmod u+w) or open it with --read-only"
        " to look without changing it.\n"
    )

    listed = run_unprivileged("-m", "relmgr_tui", "--db", str(shared_copy), "--read-only", "list")
    assert listed.returncode == 0, listed.stderr
    assert "2.0.0" in listed.stdout and "Shared" in listed.stdout
    assert listing(shared_copy.parent) == before


@pytest.mark.slow
def test_the_quick_start_draws_a_shared_read_only_copy(shared_copy: Path) -> None:
    code = (
        "import sys; from relmgr_tui.bootstrap import launch_app;"
        " first = launch_app(sys.argv[1], read_only=True).quick_start.first_cards;"
        " print([row.release.version for row in first.rows])"
    )
    result = run_unprivileged("-c", code, str(shared_copy))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "['2.0.0']\n"
