"""The checklist of one phase: number, done mark, text, required or optional, owner, who ticked it and when.

Status never rests on colour alone: ✓ done, ✗ required and open (it blocks the gate), ○ optional and open,
and the words "required" / "optional".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import ClassVar

from relmgr_tui.domain.model import ChecklistItem
from relmgr_tui.ui.text import local, printable
from relmgr_tui.ui.widgets.activity_log import one_line
from relmgr_tui.ui.widgets.row_list import Cell, Column, RowList, component_classes


def short_time(moment: datetime | None) -> str:
    """'11-26 09:30' in local time: the year goes, the line under the list shows it."""
    return moment.astimezone().strftime("%m-%d %H:%M") if moment else ""


def done_mark(item: ChecklistItem) -> Cell:
    if item.done:
        return ("✓", "done")
    return ("✗", "open-required") if item.required else ("○", "open-optional")


class ChecklistView(RowList[ChecklistItem]):
    COMPONENT_CLASSES: ClassVar[set[str]] = component_classes("done", "open-required", "open-optional")
    COLUMNS = (
        Column("#", 3, align="right"),
        Column("", 1),
        Column("Item"),
        Column("Need", 8),
        Column("Owner", 10, drop=2),
        Column("Ticked", 18, drop=1),
    )
    EMPTY = "No items in this phase: press a to add one."

    def cells(self, item: ChecklistItem, index: int) -> Sequence[Cell]:
        ticked = f"{short_time(item.done_at)} {printable(item.done_by)}".strip() if item.done else ""
        return (
            (str(index + 1), "dim"),
            done_mark(item),
            (printable(item.text), "" if not item.done else "dim"),
            ("required", "strong") if item.required else ("optional", "dim"),
            (printable(item.owner) or "-", "" if item.owner else "dim"),
            (ticked, "dim"),
        )

    def describe(self, item: ChecklistItem) -> str:
        parts = [printable(item.text), "required" if item.required else "optional"]
        if item.owner:
            parts.append(f"owner {printable(item.owner)}")
        if item.done:
            parts.append(f"✓ ticked by {printable(item.done_by)} at {local(item.done_at)}")
        if item.evidence:
            parts.append(f"evidence: {one_line(item.evidence)}")
        if item.note:
            parts.append(f"note: {one_line(item.note)}")
        return " · ".join(parts)
