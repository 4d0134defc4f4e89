"""A yes/no question whose default answer is No: `enter` on arrival, `n` and `escape` all mean No (unless
it is asked with `default_yes`, for a step that can itself be taken back: then `enter` means Yes)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from relmgr_tui.ui import stylesheets


class ConfirmModal(ModalScreen[bool]):
    CSS_PATH = stylesheets.LATER
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
        Binding("left,right,h,l", "app.focus_next", "Switch", show=False, id="confirm.switch"),
    ]

    def __init__(self, question: str, detail: str = "", yes_label: str = "Yes, delete",
                 default_yes: bool = False) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes_label = yes_label
        self.default_yes = default_yes

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog", classes="dialog"):
            yield Static(Content(self.question), id="confirm-question")
            if self.detail:
                yield Static(Content(self.detail), id="confirm-detail", classes="muted")
            with Horizontal(classes="buttons"):
                yield Button("No (n)", id="no", variant="primary")
                yield Button(f"{self.yes_label} (y)", id="yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#yes" if self.default_yes else "#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
