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
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from relmgr_tui.domain.errors import InvalidInput, RelmgrError
from relmgr_tui.domain.model import ChecklistItem
from relmgr_tui.ui import stylesheets
from relmgr_tui.ui.text import printable
from relmgr_tui.ui.widgets.write_status import WriteStatus

SaveEvidence = Callable[[str, str], object]


class EvidenceModal(ModalScreen[object]):
    """`save(url, note)` runs in the write queue; a refused URL shows under the fields and nothing typed goes."""

    CSS_PATH = stylesheets.LATER

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="evidence.save"),
        Binding("escape", "dismiss(None)", "Cancel", id="evidence.cancel"),
    ]

    def __init__(self, item: ChecklistItem, save: SaveEvidence) -> None:
        super().__init__()
        self.item = item
        self.save = save
        self.saving = False

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
        if self.saving:
            return
        self.saving = True
        url, note = (self.query_one(f"#evidence-{name}", Input).value for name in ("url", "note"))
        self.app.write(partial(self.save, url, note), self._saved, self._not_saved)

    def _saved(self, result: object) -> None:
        self.saving = False
        self.dismiss(result)

    def _not_saved(self, exc: RelmgrError) -> None:
        self.saving = False
        if not isinstance(exc, InvalidInput):
            self.app.report_error(exc)
            return
        error = self.query_one("#error-evidence", Static)
        error.update(Content(f"✗ {exc}"))
        error.add_class("-shown")
