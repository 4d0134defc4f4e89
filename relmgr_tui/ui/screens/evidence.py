"""What proves a checklist item done: a URL (the CI run) and a note ("1,423 passed"). Saving ticks the item
with them, or gives a ticked item new evidence. `enter` or `ctrl+s` saves, `escape` cancels."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from relmgr_tui.domain.model import ChecklistItem
from relmgr_tui.ui import stylesheets
from relmgr_tui.ui.screens.queued_save import QueuedSaveModal
from relmgr_tui.ui.text import printable
from relmgr_tui.ui.widgets.write_status import WriteStatus

SaveEvidence = Callable[[str, str], object]


class EvidenceModal(QueuedSaveModal):
    """`save(url, note)` runs in the write queue; a refused URL shows under the fields and nothing typed goes."""

    ERROR_ID = "error-evidence"

    CSS_PATH = stylesheets.LATER

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="evidence.save"),
        Binding("escape", "dismiss(None)", "Cancel", id="evidence.cancel"),
    ]

    def __init__(self, item: ChecklistItem, save: SaveEvidence) -> None:
        super().__init__()
        self.item = item
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical(id="evidence-dialog", classes="dialog"):
            yield Static(Content(f"Evidence for: {printable(self.item.text)}"), classes="dialog-title")
            yield Input(self.item.evidence_url, placeholder="https://ci.example.com/runs/1423", id="evidence-url",
                        compact=True)
            yield Input(self.item.evidence_note, placeholder="what it shows, e.g. 1,423 passed", id="evidence-note",
                        compact=True)
            yield Static("", id="error-evidence", classes="field-error")
            yield Static(Content("enter or ctrl+s tick with this evidence · escape cancel"), classes="muted hint")
            yield WriteStatus()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        url, note = (self.query_one(f"#evidence-{name}", Input).value for name in ("url", "note"))
        self.save_in_queue(partial(self.save, url, note))
