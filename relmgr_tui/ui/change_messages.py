"""What the change watcher's sources (ui/change_poll.py, ui/change_listen.py) tell the app, from their
threads: the app hands each to its `ChangeWatcher` on the UI thread."""

from __future__ import annotations

from collections.abc import Sequence

from textual.message import Message


class RevisionRead(Message):
    """The poll's read: the revision now, and whether another process made it."""

    def __init__(self, revision: int, elsewhere: bool) -> None:
        super().__init__()
        self.revision = revision
        self.elsewhere = elsewhere


class ChangeAnnounced(Message):
    """Writes committed (PostgreSQL's NOTIFY): each as (revision, the releases it changed or None when it
    could not say). Whose they were, the store remembers."""

    def __init__(self, announcements: Sequence[tuple[int, frozenset[int] | None]]) -> None:
        super().__init__()
        self.announcements = announcements


class Listening(Message):
    """The listener is connected (again) and LISTENs; `revision` was read after LISTEN, so nothing
    committed in between is missed."""

    def __init__(self, revision: int) -> None:
        super().__init__()
        self.revision = revision


class ConnectionDropped(Message):
    """The server connection dropped or cannot be made yet; the next try is in `retry_in` seconds."""

    def __init__(self, retry_in: float) -> None:
        super().__init__()
        self.retry_in = retry_in
