"""Messages the app sends to whichever screen is on top."""

from __future__ import annotations

from textual.message import Message


class DataChanged(Message):
    """The database changed under the screen (another terminal, an undo, a redo): read what it shows
    again. The app's change watcher sends it to the screen on top; every screen handles it."""

    def __init__(self, releases: frozenset[int] | None = None) -> None:
        super().__init__()
        self.releases = releases
        """The releases changed, when the writes said (PostgreSQL): the board reads only their cards.
        None: anything may have changed."""
