"""Leave at once when the terminal goes away (SIGHUP) or the process is asked to stop (SIGTERM, SIGINT).

Textual handles none of them. In its raw terminal Ctrl+C is a key, so a SIGINT comes from `kill -INT`,
`timeout -s INT` or a process manager, and Textual ended the app with status 0 as if the user had quit.
Killed by SIGHUP's default action, relmgr could die in the middle of a write; with SIGHUP ignored (nohup,
some process managers) or never delivered, its input thread spins on the dead terminal at full CPU.
Nothing needs saving on the way out: every change is committed by the service the moment it is made.

A signal only schedules the exit on the event loop, so a write running in the loop finishes (and commits)
first. A watchdog thread ends the process anyway if the loop is stuck, for example on output to a terminal
that no longer exists or while $EDITOR runs. A second thread waits, without polling, for the terminal to
report a hang-up, for the hang-ups that arrive without a signal.
"""

from __future__ import annotations

import asyncio
import os
import select
import signal
import sys
import threading
from collections.abc import Callable
from types import FrameType

from textual.app import App

GRACE_SECONDS = 0.5
"""How long the event loop gets to leave on its own before the watchdog ends the process."""

HANDLED = (signal.SIGHUP, signal.SIGTERM, signal.SIGINT)
HANG_UP_EVENTS = select.POLLHUP | select.POLLERR | select.POLLNVAL


def exit_code(signum: int) -> int:
    """The shell's convention for 'ended by signal N'."""
    return 128 + signum


def install(app: App) -> None:
    """Handle the signals above and a hung-up terminal for `app`; call from the app's on_mount (main thread)."""
    loop = asyncio.get_running_loop()

    def leave_soon(signum: int) -> None:
        watchdog = threading.Timer(GRACE_SECONDS, os._exit, (exit_code(signum),))
        watchdog.daemon = True
        watchdog.start()
        try:
            loop.call_soon_threadsafe(_leave, app, signum)
        except RuntimeError:  # the loop has closed: the app is leaving anyway, the watchdog makes sure
            pass

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        leave_soon(signum)

    for signum in HANDLED:
        signal.signal(signum, on_signal)
    _watch_terminal(lambda: leave_soon(signal.SIGHUP))


def _watch_terminal(on_hang_up: Callable[[], None]) -> None:
    """Call `on_hang_up` from a thread once the terminal on stdin hangs up; the thread sleeps until then."""
    stdin = sys.__stdin__
    if stdin is None or not stdin.isatty():
        return
    fd = stdin.fileno()

    def watch() -> None:
        poller = select.poll()
        poller.register(fd, 0)  # no events asked for: poll() still reports hang-up and errors
        while not any(events & HANG_UP_EVENTS for _, events in poller.poll()):
            pass
        on_hang_up()

    threading.Thread(target=watch, name="relmgr-hang-up", daemon=True).start()


def _leave(app: App, signum: int) -> None:
    if signum == signal.SIGHUP:
        # The terminal is gone: restoring it would block on output nobody reads.
        os._exit(exit_code(signum))
    app.exit(return_code=exit_code(signum))
