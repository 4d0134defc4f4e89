"""The app's one change watcher: tells the screens what another terminal wrote, whichever way it hears.

Its source is a poll of the change marker on SQLite (ui/change_poll.py) or PostgreSQL's LISTEN
(ui/change_listen.py), which also notices a dropped server connection. While the connection is lost the
status line says so, what is on screen stays, and writes are refused; once it is back every screen reads
its data again.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

from textual.screen import Screen

from relmgr_tui.domain.errors import ConnectionLost, RelmgrError
from relmgr_tui.ui.change_listen import ListenSource
from relmgr_tui.ui.change_poll import PollSource
from relmgr_tui.ui.messages import DataChanged

if TYPE_CHECKING:
    from relmgr_tui.ui.app import RelmgrApp

T = TypeVar("T")

REFUSED = ("Not saved: the database connection is lost. Nothing was changed; relmgr is reconnecting,"
           " try again once it says Reconnected.")


def lost_note(retry_in: float) -> str:
    return (f"Lost the database connection: retrying in {retry_in:g} s;"
            " changes are refused until it is back")


class ChangeWatcher:
    """Tells the screen on top when another process wrote (it posts `DataChanged`), and remembers the
    screens under it that missed a change until they are on top again."""

    def __init__(self, app: RelmgrApp) -> None:
        self.app = app
        self.seen: int | None = None
        """The change marker as the screens last saw it (None: not read yet)."""
        self.lost = False
        """Whether the server connection is lost (PostgreSQL): writes are refused until it is back."""
        self.source: PollSource | ListenSource | None = None
        self._named: dict[int, frozenset[int] | None] = {}
        """The releases each announced revision after `seen` changed (None: it could not say)."""
        self._stale: weakref.WeakSet[Screen] = weakref.WeakSet()
        """Screens under the top one that missed a change: each reads its data again once it is on top."""

    def start(self) -> None:
        """LISTEN on PostgreSQL, poll on SQLite. A quick start (SQLite only) has no service yet: it polls."""
        listener = self.app.service.change_listener() if self.app.service_ready else None
        self.source = PollSource(self.app, lambda: self.seen) if listener is None else ListenSource(self.app, listener)
        self.source.start()

    # -- what the source heard (on the UI thread) -------------------------------------------------

    def read_done(self, revision: int, elsewhere: bool) -> None:
        """The poll's read."""
        if isinstance(self.source, PollSource):
            self.source.read_done()
        self.take(revision, elsewhere)

    def announced(self, announcements: Iterable[tuple[int, frozenset[int] | None]]) -> None:
        """Writes committed these revisions: another process's, unless the store remembers making them."""
        self._named.update(announcements)
        revision = max(self._named)
        if self.seen is None:
            self.take(revision, False)
        elif revision > self.seen:
            others = self.app.service.revisions_elsewhere(self.seen, revision)
            self.take(revision, bool(others), self._releases_of(others))

    def _releases_of(self, revisions: list[int]) -> frozenset[int] | None:
        """The releases these revisions changed; None when one of them did not say (or was not heard)."""
        named = [self._named.get(revision) for revision in revisions]
        return None if None in named else frozenset().union(*named)

    def listening(self, revision: int) -> None:
        """The listener is connected: after a lost connection, everything on screen is read again."""
        if not self.lost:
            self.announced([(revision, None)])  # read, not announced: what changed since is not known
            return
        self.lost = False
        self.seen = revision
        self.app.show_connection_note("")
        self.app.notify("Reconnected: everything on screen was read again.", title="Database")
        self.data_changed()

    def dropped(self, retry_in: float) -> None:
        """The connection dropped, or could not be made again: keep the screen, refuse writes, say so."""
        self.lost = True
        self.app.show_connection_note(lost_note(retry_in))

    # -- writes while the connection is lost --------------------------------------------------------

    def guard(self, call: Callable[[], T]) -> Callable[[], T]:
        """`call`, refused while the connection is lost (checked when the write's turn comes)."""

        def guarded() -> T:
            if self.lost:
                raise ConnectionLost(REFUSED)
            return call()

        return guarded

    def write_failed(self, error: RelmgrError) -> None:
        """A write found the connection gone: refuse the next ones at once and reconnect."""
        if isinstance(error, ConnectionLost) and self.source is not None:
            if not self.lost:
                self.dropped(0)
            self.source.check_again()

    # -- telling the screens ----------------------------------------------------------------------

    def check_now(self) -> None:
        """The watcher's poll, read here and now: for tests, which do not wait, and screens catching up."""
        if self.lost:
            return  # what is on screen stays until the connection is back
        try:
            current = self.app.service.revision()
        except RelmgrError as exc:
            self.app.report_error(exc)
            return
        elsewhere = self.seen is not None and self.app.service.written_elsewhere(self.seen, current)
        self.take(current, elsewhere)

    def take(self, revision: int, elsewhere: bool, releases: frozenset[int] | None = None) -> None:
        """Another process wrote (to `releases`, when known): the screen on top reads its data again. Any
        write, this terminal's too, leaves the screens under it to catch up when they are on top again."""
        moved = self.seen is not None and revision != self.seen
        self.seen = revision
        self._named = {r: named for r, named in self._named.items() if r > revision}
        if elsewhere:
            self.data_changed(releases)
        elif moved:
            self._stale.update(self.app.screen_stack[:-1])

    def data_changed(self, releases: frozenset[int] | None = None) -> None:
        """The database changed under the screens (another terminal, an undo; to `releases`, when known):
        tell the one on top now and the others when they are on top again (`catch_up`)."""
        app = self.app
        if not app.screen_stack:
            return  # the app is closing: a read that was on its way has nobody to tell
        self._stale.update(app.screen_stack[:-1])
        self._stale.discard(app.screen)
        app.screen.post_message(DataChanged(releases))

    def catch_up(self, screen: Screen) -> None:
        """Called by a screen that is on top again: if it missed a change (the marker is read now, so one
        made a moment ago counts too), it reads its data again."""
        if self.seen is not None:
            self.check_now()
        if screen in self._stale:
            self._stale.discard(screen)
            screen.post_message(DataChanged())
