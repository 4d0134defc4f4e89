"""Which release to open, when the calendar's day holds several: `enter` opens the highlighted one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from relmgr_tui.domain.schedule import CalendarEntry
from relmgr_tui.ui import stylesheets
from relmgr_tui.ui.text import printable


def entry_label(entry: CalendarEntry) -> Content:
    title = f" — {printable(entry.title)}" if entry.title else ""
    return Content(f"{printable(entry.version)}{title} · {entry.phase.label} · {printable(entry.owner)}")


class ReleaseChoiceModal(ModalScreen[int | None]):
    CSS_PATH = stylesheets.LATER
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="release_choice.cancel"),
    ]

    def __init__(self, day: date, entries: Sequence[CalendarEntry]) -> None:
        super().__init__()
        self.day = day
        self.entries = tuple(entries)

    def compose(self) -> ComposeResult:
        with Vertical(id="release-choice", classes="dialog"):
            yield Static(Content(f"{len(self.entries)} releases on {self.day:%a %d %b %Y}: open which?"),
                         classes="dialog-title")
            yield OptionList(*(Option(entry_label(e), id=str(e.release_id)) for e in self.entries))
            yield Static(Content("↑↓ choose · enter open · escape cancel"), classes="muted hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))
