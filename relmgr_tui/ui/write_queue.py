"""Every write the app makes, one at a time, in a thread: a database locked by another writer never
freezes the screen.

A screen hands `submit` the use case to call and what to do with its result; the queue runs the calls in
the order they were asked (a second write waits its turn), each in a Textual thread worker, and calls
`done` (or `failed`) back on the UI thread. While a write waits more than a moment for the database,
`on_wait` is told so (the screens say it in their status line, where a write that names itself, an undo,
is named while it runs); keys keep working meanwhile. Tests await
`settled()` before they read the database.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.worker import WorkerFailed

from relmgr_tui.domain.errors import RelmgrError

if TYPE_CHECKING:
    from textual.app import App

WAIT_NOTICE_SECONDS = 0.3
"""How long a write may take before the status line says it is waiting for the database."""
WAITING = "waiting for the database: another writer holds it"


@dataclass(frozen=True)
class Write:
    call: Callable[[], Any]
    done: Callable[[Any], None]
    failed: Callable[[RelmgrError], None]
    what: str = ""
    """What the write does, said in the status line while it runs (undo names its change so)."""


class WriteQueue:
    def __init__(self, app: App, on_wait: Callable[[str], None]) -> None:
        self.app = app
        self.on_wait = on_wait
        """Called with WAITING while a write waits, and with "" once it is through."""
        self._pending: deque[Write] = deque()
        self._running = False
        self._idle = asyncio.Event()
        self._idle.set()

    def submit(self, call: Callable[[], Any], done: Callable[[Any], None],
               failed: Callable[[RelmgrError], None], what: str = "") -> None:
        """Run `call` after the writes asked before it; then `done(result)` or `failed(error)`."""
        self._pending.append(Write(call, done, failed, what))
        self._idle.clear()
        if not self._running:
            self._running = True
            self.app.run_worker(self._drain(), group="write-queue")

    @property
    def busy(self) -> bool:
        return self._running

    async def settled(self) -> None:
        """Wait until every write asked so far has run and its result was handed back."""
        await self._idle.wait()

    async def _drain(self) -> None:
        try:
            while self._pending:
                await self._run(self._pending.popleft())
        finally:
            self._running = False
            self._idle.set()

    async def _run(self, write: Write) -> None:
        if write.what:
            self.on_wait(write.what)
        waiting = f"{write.what} · {WAITING}" if write.what else WAITING
        notice = self.app.set_timer(WAIT_NOTICE_SECONDS, lambda: self.on_wait(waiting))
        worker = self.app.run_worker(write.call, thread=True, group="write", exit_on_error=False)
        try:
            result = await worker.wait()
        except WorkerFailed as failure:
            error = failure.error
            if not isinstance(error, RelmgrError):
                raise error from None
            self._finished(notice)
            write.failed(error)
            return
        self._finished(notice)
        write.done(result)

    def _finished(self, notice) -> None:
        notice.stop()
        self.on_wait("")
