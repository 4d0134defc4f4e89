"""The dialog of a state change that needs a reason: hold (with an optional until date), cancel, and
mark rolled back (which marks the rehearsed rollback steps executed). Returns the values, or None."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from relmgr_tui.domain.lifecycle import Transition
from relmgr_tui.ui import stylesheets

EFFECTS = {
    Transition.HOLD: "It keeps its phase and cannot move until resumed.",
    Transition.CANCEL: "It leaves the board for the archive; reopen brings it back.",
    Transition.ROLL_BACK: "It leaves the board; reopen starts a fix-forward in Preparing.",
}


class TransitionModal(ModalScreen[dict[str, str] | None]):
    CSS_PATH = stylesheets.LATER
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="transition.save"),
        Binding("escape", "dismiss(None)", "Cancel", id="transition.cancel"),
    ]

    def __init__(self, version: str, transition: Transition, note: str = "") -> None:
        super().__init__()
        self.version = version
        self.transition = transition
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="prompt-dialog"):
            yield Static(Content(f"{self.transition.label} {self.version}"), classes="dialog-title")
            yield Static(Content("\n".join(filter(None, (EFFECTS[self.transition], self.note)))),
                         id="prompt-subject", classes="muted")
            yield Input(placeholder="Reason (required)", id="transition-reason", compact=True)
            if self.transition is Transition.HOLD:
                yield Input(placeholder="Until YYYY-MM-DD (optional)", id="transition-until", compact=True)
            yield Static(Content("enter next · ctrl+s save · escape cancel"), classes="muted hint")

    def on_mount(self) -> None:
        self.query_one("#transition-reason", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """enter in the reason goes on to the date, if there is one; enter in the date saves."""
        until = self.query("#transition-until")
        if event.input.id == "transition-reason" and until:
            until.first(Input).focus()
        else:
            self.action_save()

    def action_save(self) -> None:
        reason = self.query_one("#transition-reason", Input).value
        if not reason.strip():
            self.notify("Say why: the reason goes on the card and in the audit log.", severity="warning")
            return
        until = self.query("#transition-until")
        self.dismiss({"reason": reason, "until": until.first(Input).value if until else ""})
