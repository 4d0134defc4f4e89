"""The command line's boundary: whatever goes wrong, the user gets the right exit status and, for anything but
a refused gate, exactly one `relmgr: error:` line that is safe to print: no traceback, no password, no
escape sequence from a path or an argument.

Faults at the level of the process (arguments that are not UTF-8, a full output device, SIGINT) are made
in real `python -m relmgr_tui` processes; faults a process cannot easily provoke as root (EACCES, EROFS, EIO)
are raised in-process at the same boundary, `cli.main`.
"""

from __future__ import annotations

import argparse
import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from relmgr_tui import bootstrap, cli
from relmgr_tui.bootstrap import Context
from relmgr_tui.cli import releases
from tests.cli.test_commands import detail, one_line_error, relmgr_process as relmgr, service_on

ESC = "\x1b"


@pytest.fixture
def db(tmp_path: Path, sqlite_template: Path) -> str:
    path = tmp_path / "relmgr.db"
    shutil.copyfile(sqlite_template, path)
    return str(path)


@pytest.fixture
def release(db: str) -> str:
    with service_on(db) as service:
        service.create_release("2.4.0", title="Checkout: Apple Pay")
    return "2.4.0"


# -- bad input: status 2 and one line, nothing written ---------------------------------------------

NOT_UTF8 = "\udcff"
"""How Python passes the byte 0xff of an argument (PEP 383); subprocess turns it back into the byte."""


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["check", "2.4.0", "²"], "relmgr: error: no Planning item of 2.4.0 contains '²'"),
        (["check", "2.4.0", "٣"], "relmgr: error: no Planning item of 2.4.0 contains '٣'"),
        (["show", NOT_UTF8], "relmgr: error: argument '\\xff' (after show) is not UTF-8 text: type it again"
                             " in UTF-8"),
        (["new", f"v{NOT_UTF8}"], "relmgr: error: argument 'v\\xff' (after new) is not UTF-8 text"),
        (["new", "9.0", "--title", NOT_UTF8], "relmgr: error: argument '\\xff' (after --title) is not UTF-8 text"),
        (["new", "9.0", f"--title=a{NOT_UTF8}"], "relmgr: error: argument '--title=a\\xff' (after 9.0) is not"
                                                 " UTF-8 text"),
    ],
    ids=["superscript-two", "arabic-three", "show-xff", "new-version-xff", "title-xff", "title=xff"],
)
def test_bad_input_is_one_line_exit_2_and_changes_nothing(db: str, release: str, args: list[str],
                                                          expected: str) -> None:
    line = one_line_error(relmgr("--db", db, *args))

    assert line.startswith(expected)
    after = detail(db, release)
    assert not any(item.done for item in after.items if not item.rule)
    with service_on(db) as service:
        assert [r.version for r in service.releases(include_archived=True)] == [release]


def test_an_unrecognised_argument_is_shown_escaped(db: str) -> None:
    result = relmgr("--db", db, "list", f"{ESC}[2Jcleared")

    assert result.returncode == 2
    *usage, line = result.stderr.splitlines()
    assert line == "relmgr: error: unrecognized arguments: \\x1b[2Jcleared"
    assert ESC not in result.stderr


def test_a_warning_line_shows_escapes_from_a_path_escaped(db: str, tmp_path: Path) -> None:
    config_home = tmp_path / f"config{ESC}[31m"
    (config_home / "relmgr").mkdir(parents=True)
    (config_home / "relmgr" / "config.toml").write_text("theme = \n", encoding="utf-8")

    result = relmgr("--db", db, "list", env={"XDG_CONFIG_HOME": str(config_home)})

    assert result.returncode == 0
    [warning] = result.stderr.splitlines()
    assert warning.startswith(f"relmgr: warning: {tmp_path}/config\\x1b[31m/relmgr/config.toml")
    assert ESC not in result.stderr


def test_an_error_line_shows_escapes_from_a_path_escaped(tmp_path: Path) -> None:
    not_a_database = tmp_path / f"notes{ESC}[31m.db"
    not_a_database.write_text("release notes\n", encoding="utf-8")

    line = one_line_error(relmgr("--db", str(not_a_database), "list"))

    assert line.startswith(f"relmgr: error: {tmp_path}/notes\\x1b[31m.db")
    assert ESC not in line


# -- output to a full device ---------------------------------------------------------------------------

@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args", [["list"], ["show", "2.4.0"], ["export", "2.4.0", "--format", "json"]], ids=lambda args: args[0]
)
def test_output_to_a_full_device_is_one_line_and_exit_2(db: str, release: str, args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "relmgr_tui", "--db", db, *args],
            stdout=full, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, timeout=60, check=False,
        )

    assert result.returncode == 2
    assert result.stderr == ("relmgr: error: cannot write the output (No space left on device): free some space"
                             " where it goes, or send it elsewhere\n")


# -- operating-system errors and bugs, raised at the boundary ---------------------------------------------

def _failing(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    def fail(context: Context, args: argparse.Namespace) -> int:
        raise error

    monkeypatch.setattr(releases, "cmd_list", fail)


@pytest.mark.parametrize(
    ("code", "advice"),
    [
        (errno.ENOSPC, "free some space on its device"),
        (errno.EIO, "check the disk it is on: the device reported an input/output error"),
        (errno.EACCES, "check its permissions"),
        (errno.EROFS, "choose a place on a writable file system"),
        (errno.ELOOP, "fix the symbolic links on the path"),
    ],
    ids=errno.errorcode.get,
)
def test_an_os_error_names_the_file_and_what_to_do(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                                    db: str, code: int, advice: str) -> None:
    _failing(monkeypatch, OSError(code, os.strerror(code), f"/srv/minutes/{ESC}[31m2.4.0.md"))

    assert cli.main(["--db", db, "list"]) == 2
    assert capsys.readouterr().err == (
        f"relmgr: error: cannot use /srv/minutes/\\x1b[31m2.4.0.md ({os.strerror(code)}): {advice}\n"
    )


def test_a_message_with_a_password_is_masked(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                             db: str) -> None:
    from relmgr_tui.domain.errors import DatabaseError

    _failing(monkeypatch, DatabaseError("cannot reach postgresql://alice:s3cret@db/releases?password=s3cret\n"
                                        "  is the server running?"))

    assert cli.main(["--db", db, "list"]) == 2
    assert capsys.readouterr().err == (
        "relmgr: error: cannot reach postgresql://alice:***@db/releases?password=*** is the server running?\n"
    )


def test_a_bug_exits_70_with_its_traceback_masked_and_one_line_last(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], db: str) -> None:
    """A demanding release manager wants a bug told apart from their own mistake (not 1, not 2) and
    reported with what a maintainer needs to fix it, but still with no password in it."""
    _failing(monkeypatch, KeyError("postgresql://alice:s3cret@db/releases"))

    assert cli.main(["--db", db, "list"]) == 70
    *traceback, last = capsys.readouterr().err.splitlines()
    assert traceback[0] == "Traceback (most recent call last):"
    assert "s3cret" not in "\n".join(traceback)
    assert last == "relmgr: error: internal error (KeyError): this is a bug in relmgr; please report it with the" \
                   " traceback above"


def test_a_crashed_board_exits_70_not_1(monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual ends a crashed app with status 1, which relmgr keeps for a refused gate."""

    class CrashedApp:
        return_code = 1

        def run(self) -> None:
            pass

    monkeypatch.setattr(bootstrap, "launch_app", lambda *args, **kwargs: CrashedApp())

    assert cli.main([]) == 70


# -- Ctrl+C ---------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_sigint_during_a_long_command_exits_130_quietly_and_writes_nothing(db: str, release: str) -> None:
    """A big `demo` is one transaction: interrupted while it writes, it leaves the database as it was."""
    wal = Path(f"{db}-wal")
    process = subprocess.Popen(
        [sys.executable, "-m", "relmgr_tui", "--db", db, "demo", "--releases", "100000"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
        # As a terminal delivers it; a shell's background job would inherit SIGINT ignored.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 60
        while not (wal.exists() and wal.stat().st_size > 1_000_000):  # demo rows are being written
            assert process.poll() is None and time.monotonic() < deadline, "the demo never started writing"
            time.sleep(0.02)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()

    assert (process.returncode, out, err) == (130, "", "")
    with service_on(db) as service:
        assert [r.version for r in service.releases(include_archived=True)] == [release]
