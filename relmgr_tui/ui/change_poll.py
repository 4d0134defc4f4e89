"""The change watcher's source on SQLite: one indexed read of the change marker a second, in a thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from relmgr_tui.domain.errors import RelmgrError
from relmgr_tui.ui.change_messages import RevisionRead

if TYPE_CHECKING:
    from relmgr_tui.ui.app import RelmgrApp

WATCH_SECONDS = 1.0
"""How often the app asks the database's change marker whether another terminal wrote."""


class PollSource:
    """Reads `service.changed_elsewhere(seen)` every WATCH_SECONDS and posts `RevisionRead`."""

    def __init__(self, app: RelmgrApp, seen: Callable[[], int | None]) -> None:
        self.app = app
        self._seen = seen
        """The watcher's revision as the screens last saw it (None: not read yet)."""
        self._reading = False

    def start(self) -> None:
        self.app.set_interval(WATCH_SECONDS, self._tick)

    def check_again(self) -> None:
        """Nothing to reconnect: a SQLite file has no connection to lose."""

    def _tick(self) -> None:
        if self.app.service_ready and not self._reading:
            self._reading = True
            self.app.run_worker(self._read_revision, thread=True, group="watch", exit_on_error=False)

    def _read_revision(self) -> None:
        """In a thread: one indexed read, so a slow or locked database never holds up a key."""
        seen = self._seen()
        try:
            if seen is None:
                read = RevisionRead(self.app.service.revision(), False)
            else:
                read = RevisionRead(*self.app.service.changed_elsewhere(seen))
        except RelmgrError:
            read = RevisionRead(seen or 0, False)
        self.app.post_message(read)

    def read_done(self) -> None:
        self._reading = False
