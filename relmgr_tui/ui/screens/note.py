"""A one-line note on a checklist item, typed during the meeting: `enter` or `ctrl+s` keeps it."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from relmgr_tui.domain.errors import InvalidInput, RelmgrError
from relmgr_tui.ui import stylesheets
from relmgr_tui.ui.text import printable
from relmgr_tui.ui.widgets.write_status import WriteStatus

SaveNote = Callable[[str], object]


class NoteModal(ModalScreen[object]):
    """`save(text)` is called on enter; if it raises, the message shows under the field and the text stays."""

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
        self.saving = False

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
        """Saved in the app's write queue: the dialog closes once it is, and keeps the text if not."""
        if self.saving:
            return
        self.saving = True
        self.app.write(partial(self.save, self.query_one("#note", Input).value), self._saved, self._not_saved)

    def _saved(self, result: object) -> None:
        self.saving = False
        self.dismiss(result)

    def _not_saved(self, exc: RelmgrError) -> None:
        self.saving = False
        if not isinstance(exc, InvalidInput):
            self.app.report_error(exc)
            return
        error = self.query_one("#error-note", Static)
        error.update(Content(f"✗ {exc}"))
        error.add_class("-shown")
