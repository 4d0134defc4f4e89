"""`n` in the Scope pane: the release notes in Markdown, copied to the clipboard as they open (OSC 52, so it
works over SSH, as the go/no-go minutes do); `c` copies them again."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from relmgr_tui.ui import stylesheets
from relmgr_tui.ui.text import printable, printable_lines


class NotesModal(ModalScreen[None]):
    CSS_PATH = stylesheets.LATER
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "copy", "Copy again", id="notes.copy"),
        Binding("escape,q", "dismiss", "Close", id="notes.close"),
    ]

    def __init__(self, version: str, markdown: str) -> None:
        super().__init__()
        self.version = version
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="notes-dialog"):
            yield Static(Content(f"Release notes of {printable(self.version)} (Markdown)"), classes="dialog-title")
            with VerticalScroll(id="notes-text", can_focus=True):
                yield Static(Content(printable_lines(self.markdown)))
            yield Static(Content("On the clipboard · c copy again · ↑ ↓ scroll · escape close"), classes="muted hint")

    def on_mount(self) -> None:
        self.query_one("#notes-text").focus()
        self.action_copy()

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.markdown)
        self.notify("Release notes copied to the clipboard.")
