"""The app's one change watcher: one read of the database's change marker a second, for every screen."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from textual.message import Message
from textual.screen import Screen

from relmgr_tui.domain.errors import RelmgrError
from relmgr_tui.ui.messages import DataChanged

if TYPE_CHECKING:
    from relmgr_tui.ui.app import RelmgrApp

WATCH_SECONDS = 1.0
"""How often the app asks the database's change marker whether another terminal wrote."""


class RevisionRead(Message):
    """The watcher's read, made in a thread: the revision now, and whether another process made it."""

    def __init__(self, revision: int, elsewhere: bool) -> None:
        super().__init__()
        self.revision = revision
        self.elsewhere = elsewhere


class ChangeWatcher:
    """Tells the screen on top when another process wrote (it posts `DataChanged`), and remembers the
    screens under it that missed a change until they are on top again."""

    def __init__(self, app: RelmgrApp) -> None:
        self.app = app
        self.seen: int | None = None
        """The change marker as the screens last saw it (None: not read yet)."""
        self._reading = False
        self._stale: weakref.WeakSet[Screen] = weakref.WeakSet()
        """Screens under the top one that missed a change: each reads its data again once it is on top."""

    def start(self) -> None:
        self.app.set_interval(WATCH_SECONDS, self._tick)

    def _tick(self) -> None:
        if self.app.service_ready and not self._reading:
            self._reading = True
            self.app.run_worker(self._read_revision, thread=True, group="watch", exit_on_error=False)

    def _read_revision(self) -> None:
        """In a thread: one indexed read, so a slow or locked database never holds up a key. The app
        hands the answer back with `read_done` on the UI thread."""
        try:
            self.app.post_message(RevisionRead(*self._revision_since_seen()))
        except RelmgrError:
            self.app.post_message(RevisionRead(self.seen or 0, False))

    def _revision_since_seen(self) -> tuple[int, bool]:
        if self.seen is None:
            return self.app.service.revision(), False
        return self.app.service.changed_elsewhere(self.seen)

    def read_done(self, message: RevisionRead) -> None:
        self._reading = False
        self.take(message.revision, message.elsewhere)

    def check_now(self) -> None:
        """The watcher's tick, read here and now: for tests, which do not wait a second."""
        try:
            self.take(*self._revision_since_seen())
        except RelmgrError as exc:
            self.app.report_error(exc)

    def take(self, revision: int, elsewhere: bool) -> None:
        """Another process wrote: the screen on top reads its data again. Any write, this terminal's too,
        leaves the screens under it to catch up when they are on top again."""
        moved = self.seen is not None and revision != self.seen
        self.seen = revision
        if elsewhere:
            self.data_changed()
        elif moved:
            self._stale.update(self.app.screen_stack[:-1])

    def data_changed(self) -> None:
        """The database changed under the screens (another terminal, an undo): tell the one on top now
        and the others when they are on top again (`catch_up`)."""
        app = self.app
        if not app.screen_stack:
            return  # the app is closing: a read that was on its way has nobody to tell
        self._stale.update(app.screen_stack[:-1])
        self._stale.discard(app.screen)
        app.screen.post_message(DataChanged())

    def catch_up(self, screen: Screen) -> None:
        """Called by a screen that is on top again: if it missed a change (the marker is read now, so one
        made a moment ago counts too), it reads its data again."""
        if self.seen is not None:
            self.check_now()
        if screen in self._stale:
            self._stale.discard(screen)
            screen.post_message(DataChanged())
