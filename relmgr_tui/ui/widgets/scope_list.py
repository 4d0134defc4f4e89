"""A release's scope by key: type, status as a mark and a word (never by colour alone), severity, title."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from relmgr_tui.domain.model import ScopeItem, ScopeStatus
from relmgr_tui.ui.text import printable
from relmgr_tui.ui.widgets.row_list import Cell, Column, RowList, component_classes

STATUS_MARKS = {
    ScopeStatus.OPEN: "○",
    ScopeStatus.IN_PROGRESS: "◐",
    ScopeStatus.DONE: "✓",
    ScopeStatus.DEFERRED: "→",
}
STATUS_STYLES = {
    ScopeStatus.OPEN: "open-optional",
    ScopeStatus.IN_PROGRESS: "open-optional",
    ScopeStatus.DONE: "done",
    ScopeStatus.DEFERRED: "dim",
}


class ScopeList(RowList[ScopeItem]):
    COMPONENT_CLASSES: ClassVar[set[str]] = component_classes("done", "open-optional", "open-required")
    COLUMNS = (
        Column("Key", 10),
        Column("Type", 7),
        Column("Status", 13),
        Column("Severity", 10, drop=1),
        Column("Title"),
    )
    EMPTY = "Nothing in scope yet: press a to add an item, or import them (relmgr scope import)."

    blocking: frozenset[int] = frozenset()
    """Ids of the open bugs that block Deploying: their severity is marked ✗ and shown as an error."""

    def cells(self, item: ScopeItem, index: int) -> Sequence[Cell]:
        severity = item.severity.value if item.severity else "-"
        blocks = item.id in self.blocking
        return (
            (printable(item.key), "strong" if item.status.unfinished else "dim"),
            (item.type.value, "dim"),
            (f"{STATUS_MARKS[item.status]} {item.status.label}", STATUS_STYLES[item.status]),
            (f"✗ {severity}" if blocks else severity, "open-required" if blocks else "dim"),
            (printable(item.title), "" if item.status.unfinished else "dim"),
        )

    def describe(self, item: ScopeItem) -> str:
        parts = [printable(item.key), printable(item.title), item.type.value, item.status.label]
        if item.severity:
            parts.append(f"severity {item.severity.value}" + (": blocks Deploying" if item.id in self.blocking else ""))
        if item.url:
            parts.append(printable(item.url))
        return " · ".join(parts)
