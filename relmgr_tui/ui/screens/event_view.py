"""`enter` in the Activity pane: one audit event whole, its old and new values in full (the list cuts them
to fit its columns), every character shown as stored, none read as markup."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from relmgr_tui.domain.event_words import in_words
from relmgr_tui.domain.model import Event
from relmgr_tui.ui import stylesheets
from relmgr_tui.ui.text import local, printable, printable_lines


def event_text(event: Event) -> str:
    """When, who and what, then each value that is there under its own heading, in full."""
    lines = [f"{local(event.at)} · {printable(event.who) or 'unknown'} · {in_words(event)}"
             f" · action {printable(event.action)}"]
    for heading, value in (("Before", event.old), ("After", event.new), ("Reason", event.reason)):
        if value:
            lines += ["", f"{heading}:", printable_lines(value)]
    return "\n".join(lines)


class EventModal(ModalScreen[None]):
    CSS_PATH = stylesheets.LATER
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter,q", "dismiss", "Close", id="event.close")]

    def __init__(self, event: Event) -> None:
        super().__init__()
        self.event = event

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="event-dialog"):
            yield Static(Content(f"Event #{self.event.id}"), classes="dialog-title")
            with VerticalScroll(id="event-text", can_focus=True):
                yield Static(Content(event_text(self.event)))
            yield Static(Content("↑ ↓ scroll · escape close"), classes="muted hint")

    def on_mount(self) -> None:
        self.query_one("#event-text").focus()
