"""Pick one outcome from a short list, with an optional note: closing a risk (mitigated, did not occur,
occurred) and recording how a rollback step went during a real rollback (executed, failed)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from relmgr_tui.ui import stylesheets

Choice = tuple[str, str | None]
"""(chosen value, note); the note is None when the dialog asks for none."""


class OutcomeModal(ModalScreen[Choice | None]):
    CSS_PATH = stylesheets.LATER
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "choose", "Save", id="outcome.save"),
        Binding("escape", "dismiss(None)", "Cancel", id="outcome.cancel"),
    ]

    def __init__(self, title: str, subject: str, options: list[tuple[str, str]], note_label: str = "") -> None:
        """`options` are (value, label); a `note_label` adds a one-line note field under the list."""
        super().__init__()
        self.title_text = title
        self.subject = subject
        self.options = options
        self.note_label = note_label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="outcome-dialog"):
            yield Static(Content(self.title_text), classes="dialog-title")
            yield Static(Content(self.subject), id="outcome-subject")
            yield OptionList(*(Option(self._prompt(label, n == 0), id=value)
                               for n, (value, label) in enumerate(self.options)),
                             id="outcome-options", compact=True)
            if self.note_label:
                yield Static(Content(self.note_label), classes="muted")
                yield Input(id="outcome-note", compact=True)
            hint = "↑ ↓ choose · enter or ctrl+s save · escape cancel"
            if self.note_label:
                hint += " · tab to the note"
            yield Static(Content(hint), classes="muted hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    @staticmethod
    def _prompt(label: str, highlighted: bool) -> Content:
        """The highlighted outcome is marked ▸, so it reads without colour too."""
        return Content(f"{'▸' if highlighted else ' '} {label}")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        options = event.option_list
        for index, (_value, label) in enumerate(self.options):
            options.replace_option_prompt_at_index(index, self._prompt(label, index == event.option_index))

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        self.action_choose()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_choose()

    def action_choose(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return
        value = options.get_option_at_index(options.highlighted).id or ""
        note = self.query_one("#outcome-note", Input).value if self.note_label else None
        self.dismiss((value, note))
