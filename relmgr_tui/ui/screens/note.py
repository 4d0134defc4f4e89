"""A one-line note on a checklist item, typed during the meeting: `enter` or `ctrl+s` keeps it."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from relmgr_tui.ui import stylesheets
from relmgr_tui.ui.screens.queued_save import QueuedSaveModal
from relmgr_tui.ui.text import printable
from relmgr_tui.ui.widgets.write_status import WriteStatus

SaveNote = Callable[[str], object]


class NoteModal(QueuedSaveModal):
    """`save(text)` is called on enter; if it raises, the message shows under the field and the text stays."""

    ERROR_ID = "error-note"

    CSS_PATH = stylesheets.LATER

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="note.save"),
        Binding("escape", "dismiss(None)", "Cancel", id="note.cancel"),
    ]

    def __init__(self, item_text: str, note: str, save: SaveNote) -> None:
        super().__init__()
        self.item_text = item_text
        self.note = note
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog", classes="dialog"):
            yield Static(Content(f"Note on: {printable(self.item_text)}"), classes="dialog-title")
            yield Input(self.note, placeholder="what the meeting said about this item", id="note", compact=True)
            yield Static("", id="error-note", classes="field-error")
            yield Static(Content("enter or ctrl+s keep the note · escape cancel"), classes="muted hint")
            yield WriteStatus()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        self.save_in_queue(partial(self.save, self.query_one("#note", Input).value))
