"""The change watcher's source on PostgreSQL: LISTEN on one dedicated connection, in a thread worker.

While nothing changes the thread sleeps on the connection's socket: the app sends the server no query at
all. Every committed write NOTIFYs its revision and the releases it changed (store/listener.py) and the
thread posts them at once. When the connection drops, the thread says so and tries again after 1, 2, 4
... up to 30 seconds; once connected again it reads the revision (which also proves the app's own
connections work) and the app reads everything on screen again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from textual.worker import get_current_worker

from relmgr_tui.backoff import retry_delay
from relmgr_tui.domain.errors import RelmgrError
from relmgr_tui.ui.change_messages import ChangeAnnounced, ConnectionDropped, Listening

if TYPE_CHECKING:
    from threading import Event

    from relmgr_tui.ui.app import RelmgrApp

WAIT_SECONDS = 0.5
"""How long one wait on the socket lasts before the thread looks whether the app is closing (no query)."""


class Listener(Protocol):
    """What `service.change_listener()` hands out (store/listener.py)."""

    def connect(self) -> None: ...
    def wait(self, seconds: float) -> list[tuple[int, frozenset[int] | None]]: ...
    def close(self) -> None: ...


class ListenSource:
    def __init__(self, app: RelmgrApp, listener: Listener) -> None:
        self.app = app
        self._listener = listener
        self._check_again = False

    def start(self) -> None:
        self.app.run_worker(self._listen, thread=True, group="listen", exit_on_error=False)

    def check_again(self) -> None:
        """One of the app's own connections failed: reconnect the listener too, and read the revision
        to prove the server answers again."""
        self._check_again = True

    def _listen(self) -> None:
        """In a thread, until the app closes (Textual cancels its workers then)."""
        stopping = get_current_worker().cancelled_event
        failures = 0
        try:
            while not stopping.is_set():
                try:
                    self._connect()
                    failures = 0
                    self._relay(stopping)
                except RelmgrError:
                    delay = retry_delay(failures)
                    failures += 1
                    self.app.post_message(ConnectionDropped(delay))
                    stopping.wait(delay)
        finally:
            self._listener.close()

    def _connect(self) -> None:
        self._check_again = False
        self._listener.connect()
        self.app.post_message(Listening(self.app.service.revision()))

    def _relay(self, stopping: Event) -> None:
        """Post each announced write until the app closes or asks to check the connection again."""
        while not stopping.is_set() and not self._check_again:
            announced = self._listener.wait(WAIT_SECONDS)
            if announced:
                self.app.post_message(ChangeAnnounced(announced))
