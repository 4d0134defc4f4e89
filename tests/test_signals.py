"""A dropped connection during a review: relmgr runs in a real pseudo-terminal, a tick is made with keys,
the terminal goes away with SIGHUP, and the process must be gone within a second with the tick stored."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import threading
import time
from pathlib import Path
from typing import Self

import pytest

from relmgr_tui.bootstrap import open_context
from relmgr_tui.domain.model import Phase
from relmgr_tui.signals import exit_code

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX pseudo-terminals and signals")

ESCAPES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|[=>])")


class Terminal:
    """relmgr started as a user starts it, in a 120x36 pseudo-terminal; what it draws is kept as text."""

    def __init__(self, db: Path, block_sighup: bool = False) -> None:
        pid, fd = pty.fork()
        if pid == 0:
            # The size is set before relmgr starts, so it never draws for a default 80x24 first.
            fcntl.ioctl(pty.STDIN_FILENO, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
            if block_sighup:  # inherited through exec: SIGHUP stays pending and is never delivered
                signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGHUP})
            env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}  # they would win
            os.execve(sys.executable, [sys.executable, "-m", "relmgr_tui", "--db", str(db)],
                      {**env, "TERM": "xterm-256color"})
        self.pid, self.fd = pid, fd
        self.output = ""
        self._stop = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        self._close()

    def _read(self) -> None:
        while not self._stop.is_set():
            if select.select([self.fd], [], [], 0.05)[0]:
                try:
                    data = os.read(self.fd, 65536)
                except OSError:
                    return
                if not data:
                    return
                self.output += data.decode("utf-8", "replace")

    def _close(self) -> None:
        if not self._stop.is_set():
            self._stop.set()
            self._reader.join()
            os.close(self.fd)

    @property
    def text(self) -> str:
        return ESCAPES.sub("", self.output)

    def wait_for(self, words: str, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while words not in self.text:
            assert time.monotonic() < deadline, f"{words!r} never appeared on the terminal:\n{self.text[-3000:]}"
            time.sleep(0.05)

    def press(self, *keys: str) -> None:
        for key in keys:
            os.write(self.fd, key.encode())
            time.sleep(0.1)

    def press_until(self, key: str, words: str, tries: int = 5, wait: float = 3.0) -> None:
        """Press `key` until what it redraws shows `words`, giving each press `wait` seconds: a key pressed
        while the service still opens behind the first frame waits for it, on a loaded CI for seconds, and
        the app draws nothing meanwhile (a quiet spell is not the key's answer)."""
        for _ in range(tries):
            drawn = len(self.output)
            self.press(key)
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline:
                if words in ESCAPES.sub("", self.output[drawn:]):
                    return
                time.sleep(0.05)
        raise AssertionError(f"{words!r} never appeared after pressing {key!r}:\n{self.text[-3000:]}")

    def hang_up(self) -> None:
        """What a dropped SSH connection does: the terminal's master side closes and SIGHUP is sent."""
        self._close()
        os.kill(self.pid, signal.SIGHUP)

    def wait_exit(self, timeout: float) -> int | None:
        """The exit code, or None if the process still runs after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            time.sleep(0.01)
        return None


VERSION = "2.4.0"


@pytest.fixture
def seeded_db(db_path: Path) -> Path:
    """One release, in Planning: it is the card the board selects at start, so `g` reviews it."""
    context = open_context(str(db_path), who="alice")
    context.service.create_release(VERSION, "Spring payments overhaul")
    context.service.close()
    return db_path


def second_item_done(db: Path) -> bool:
    context = open_context(str(db))
    try:
        return context.service.detail_by_version(VERSION).items_in(Phase.PLANNING)[1].done
    finally:
        context.service.close()


@pytest.mark.parametrize("blocked", [False, True], ids=["sighup", "sighup-blocked"])
def test_a_hang_up_ends_relmgr_within_a_second_with_the_tick_stored(seeded_db, blocked):
    """Blocked, SIGHUP never arrives: then the hung-up terminal alone must end relmgr."""
    with Terminal(seeded_db, block_sighup=blocked) as term:
        term.wait_for("Planning 1")
        term.press_until("g", "GO/NO-GO REVIEW")
        assert not second_item_done(seeded_db)
        term.press("j", " ")
        deadline = time.monotonic() + 10
        while not second_item_done(seeded_db):
            assert time.monotonic() < deadline, "the tick never reached the database"
            time.sleep(0.1)

        term.hang_up()
        started = time.monotonic()
        code = term.wait_exit(timeout=1.0)
        assert code is not None, "relmgr was still running one second after the hang-up"
        assert time.monotonic() - started < 1.0
        assert code == exit_code(signal.SIGHUP)
    assert second_item_done(seeded_db)


def test_sigterm_leaves_cleanly_and_gives_the_terminal_back(seeded_db):
    with Terminal(seeded_db) as term:
        term.wait_for("Planning 1")
        os.kill(term.pid, signal.SIGTERM)
        assert term.wait_exit(timeout=2.0) == exit_code(signal.SIGTERM)
        time.sleep(0.2)
        assert "\x1b[?1049l" in term.output  # the alternate screen was left: the shell is usable again


def test_sigint_ends_the_app_with_130_like_sigterm(seeded_db):
    """In the app's raw terminal Ctrl+C is a key; SIGINT comes from `kill -INT` or `timeout -s INT`, and must
    not end relmgr with 0, the status of a user who quit."""
    with Terminal(seeded_db) as term:
        term.wait_for("Planning 1")
        os.kill(term.pid, signal.SIGINT)
        assert term.wait_exit(timeout=2.0) == 130
        time.sleep(0.2)
        assert "\x1b[?1049l" in term.output
