"""The status line of a write that waits for the database: hidden (taking no room) while there is
nothing to say, one line above the footer while there is."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class WriteStatus(Static):
    DEFAULT_CSS = """
    WriteStatus {
        height: 1;
        padding: 0 1;
        display: none;
        background: $warning-muted;
        color: $text;
    }
    WriteStatus.-shown {
        display: block;
    }
    """

    def on_mount(self) -> None:
        """A screen opened while the connection is lost says so from its first frame."""
        self.say(getattr(self.app, "status_note", ""))

    def say(self, text: str) -> None:
        self.update(Content(text))
        self.set_class(bool(text), "-shown")
