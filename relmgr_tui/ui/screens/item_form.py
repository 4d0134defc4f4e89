"""Add or edit a checklist item: its text, required or optional, owner and a note."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.widgets import Input, Select

from relmgr_tui.domain.model import ChecklistItem, Phase
from relmgr_tui.ui.screens.form_base import FormModal, SaveFunction

NEED_OPTIONS = [("required: blocks the gate until done", "required"), ("optional: a reminder only", "optional")]


def item_values(values: dict[str, Any]) -> dict[str, Any]:
    """The form's values as the service's keyword arguments."""
    return {
        "text": values["text"],
        "required": values["need"] == "required",
        "owner": values["owner"],
        "note": values["note"],
    }


class ItemFormModal(FormModal):
    FIELD_IDS: ClassVar[dict[str, str]] = {"item text": "text"}

    def __init__(self, save: SaveFunction, phase: Phase, item: ChecklistItem | None = None) -> None:
        title = f"Edit {phase.label} item" if item else f"New {phase.label} checklist item"
        super().__init__(save, title)
        self.item = item

    def fields(self) -> ComposeResult:
        item = self.item
        yield from self.row("Item", "text", Input(item.text if item else "", id="text", compact=True,
                                                  placeholder="what must be done"))
        need = "required" if item is None or item.required else "optional"
        yield from self.row("Need", "need", Select(NEED_OPTIONS, value=need, allow_blank=False, id="need",
                                                   compact=True))
        yield from self.row("Owner", "owner", Input(item.owner if item else "", id="owner", compact=True))
        yield from self.long_text("Note", "note", item.note if item else "")
