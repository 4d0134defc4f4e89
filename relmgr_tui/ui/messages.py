"""Messages the app sends to whichever screen is on top."""

from __future__ import annotations

from textual.message import Message


class DataChanged(Message):
    """The database changed under the screen (another terminal, an undo, a redo): read what it shows
    again. The app's change watcher sends it to the screen on top; every screen handles it."""
