"""Ask for one line of text (the owner of an item): enter or ctrl+s saves, escape cancels."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from relmgr_tui.ui import stylesheets


class PromptModal(ModalScreen[str | None]):
    CSS_PATH = stylesheets.LATER
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="prompt.save"),
        Binding("escape", "dismiss(None)", "Cancel", id="prompt.cancel"),
    ]

    def __init__(self, title: str, subject: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.subject = subject
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="prompt-dialog"):
            yield Static(Content(self.title_text), classes="dialog-title")
            yield Static(Content(self.subject), id="prompt-subject", classes="muted")
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input", compact=True)
            yield Static(Content("enter or ctrl+s save · escape cancel · empty clears it"), classes="muted hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        self.dismiss(self.query_one(Input).value)
