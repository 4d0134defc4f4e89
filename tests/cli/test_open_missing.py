"""Nothing is created until relmgr writes: every read command on a missing database exits 2 with one line and
leaves the file system as it was; `info` still tells where things are.

In-process through `cli.main` (nothing here is a process-level fault), with XDG_* pointing at `home`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from relmgr_tui import __version__, cli


@pytest.fixture
def home(isolated_user_dirs: Path) -> Path:
    """The private home (XDG_DATA_HOME is home/data): the tests look at everything created under it."""
    return isolated_user_dirs


@pytest.fixture
def relmgr(home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    """`relmgr(*args)`: the command line, run in this process from the folder `home`."""
    monkeypatch.chdir(home)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        code = cli.main(list(args))
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out, err)

    return run


def tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


CASES = {
    "empty home": ([], "{home}/data/relmgr/relmgr.db yet: create one with 'relmgr new VERSION' or 'relmgr demo'"),
    "missing file in a missing folder": (["--db", "{home}/nowhere/relmgr.db"],
                                         "{home}/nowhere/relmgr.db, and its folder {home}/nowhere does not exist"),
    "dangling symlink": (["--db", "{home}/link.db"],
                         "{home}/gone/relmgr.db, and its folder {home}/gone does not exist"),
    "mistyped path": (["--db", "{home}/relmrg.db"], "{home}/relmrg.db: check the --db path"),
}


@pytest.mark.parametrize(
    ("case", "command"),
    [*(pytest.param(case, ["list"], id=f"{case}: list") for case in CASES),
     *(pytest.param("mistyped path", command, id=f"mistyped path: {command[0]}")
       for command in (["show", "1.0"], ["check", "1.0", "1"], ["backup", "b.db"]))],
)
def test_a_read_command_on_a_missing_database_exits_2_and_creates_nothing(
    relmgr, home: Path, case: str, command: list[str]
) -> None:
    (home / "link.db").symlink_to(home / "gone" / "relmgr.db")
    before = tree(home)
    options, phrase = CASES[case]
    result = relmgr(*(o.format(home=home) for o in options), *command)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"relmgr: error: no relmgr database at {phrase.format(home=home)}")
    assert result.stderr.count("\n") == 1
    assert tree(home) == before


def test_info_on_a_missing_database_tells_where_things_are_and_creates_nothing(relmgr, home: Path) -> None:
    result = relmgr("info")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"relmgr           {__version__}",
        f"database         {home}/data/relmgr/relmgr.db (does not exist yet: relmgr new, relmgr demo or the"
        " board creates it)",
        f"config           {home}/config/relmgr/config.toml (absent: defaults)",
        "templates        built-in",
    ]
    assert tree(home) == []


def test_new_creates_the_default_database_and_a_mistake_creates_nothing(relmgr, home: Path) -> None:
    refused = relmgr("new", "not a version!")
    assert refused.returncode == 2 and tree(home) == []
    created = relmgr("new", "1.0.0")
    assert created.returncode == 0, created.stderr
    assert (home / "data" / "relmgr" / "relmgr.db").is_file()
    assert relmgr("list").stdout.splitlines()[1].startswith("1.0.0")


def test_new_refuses_a_folder_that_does_not_exist(relmgr, home: Path) -> None:
    result = relmgr("--db", str(home / "typo" / "relmgr.db"), "new", "1.0.0")
    assert result.returncode == 2
    assert result.stderr == (
        f"relmgr: error: no relmgr database at {home}/typo/relmgr.db, and its folder {home}/typo does not"
        " exist: check the --db path, or create the folder first.\n"
    )
    assert tree(home) == []


def test_the_app_refuses_a_missing_folder_before_it_starts(home: Path) -> None:
    """In a process of its own: an app that started after all would wait for a terminal."""
    env = {**os.environ, "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config")}
    result = subprocess.run([sys.executable, "-m", "relmgr_tui", "--db", str(home / "typo" / "relmgr.db")],
                            capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=60, check=False)
    assert result.returncode == 2
    assert result.stderr.startswith(f"relmgr: error: no relmgr database at {home}/typo/relmgr.db, and its")
    assert tree(home) == []
