"""`relmgr events --exec CMD`: run CMD once per event, in order, with the event's JSON on its stdin.

Delivery runs in a thread of its own fed by a queue, so a slow or failing hook never holds up reading
the audit log. A hook that fails (non-zero status, no such program) or outlives its timeout is reported
in one masked line and tried again with backoff, forever: an event is never skipped, and once its hook
succeeded it is never run again. `on_delivered` hears of each success, in order.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable

from relmgr_tui.cli.status import warn
from relmgr_tui.domain.model import Event

FIRST_RETRY_SECONDS = 1.0
MAX_RETRY_SECONDS = 60.0


class HookFailed(Exception):
    """One run of the hook did not succeed; the message says how."""


class HookRunner:
    """Hands events to the hook one at a time, in the order they were queued."""

    def __init__(self, command: str, timeout: float, payload: Callable[[Event], str],
                 on_delivered: Callable[[Event], None], first_retry: float = FIRST_RETRY_SECONDS) -> None:
        self.command = command
        self.timeout = timeout
        self.payload = payload
        self.on_delivered = on_delivered
        self.first_retry = first_retry
        self._queue: queue.Queue[Event] = queue.Queue()
        threading.Thread(target=self._deliver_forever, name="relmgr-hook", daemon=True).start()

    def put(self, event: Event) -> None:
        self._queue.put(event)

    def wait_until_delivered(self) -> None:
        """Block until every queued event has been delivered (the end of a run without --follow)."""
        self._queue.join()

    def _deliver_forever(self) -> None:
        while True:
            event = self._queue.get()
            self._deliver(event)
            self.on_delivered(event)
            self._queue.task_done()

    def _deliver(self, event: Event) -> None:
        delay = self.first_retry
        while True:
            try:
                self._run_once(self.payload(event))
                return
            except HookFailed as failure:
                warn(f"the hook `{self.command}` failed on event {event.id} ({failure}): trying it again in {delay:g} s")
            time.sleep(delay)
            delay = min(delay * 2, MAX_RETRY_SECONDS)

    def _run_once(self, stdin_text: str) -> None:
        """Run the hook through the shell; its output goes to stderr, keeping stdout for the events."""
        try:
            process = subprocess.Popen(self.command, shell=True, stdin=subprocess.PIPE, stdout=sys.stderr.fileno(),
                                       start_new_session=True)
        except OSError as failure:
            raise HookFailed(failure.strerror or type(failure).__name__) from None
        try:
            process.communicate(stdin_text.encode("utf-8"), timeout=self.timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            raise HookFailed(f"still running after {self.timeout:g} s, stopped") from None
        if process.returncode != 0:
            raise HookFailed(_status_text(process.returncode))


def _kill_group(process: subprocess.Popen) -> None:
    """The hook and anything it started (a `curl` under `sh -c`) end together."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def _status_text(returncode: int) -> str:
    if returncode < 0:
        return f"killed by signal {-returncode}"
    return f"exit status {returncode}"
