"""The audit log of one release, newest first: when (local time), who, what (in words), old and new value,
reason."""

from __future__ import annotations

from collections.abc import Sequence

from relmgr_tui.domain.event_words import in_words
from relmgr_tui.domain.model import Event
from relmgr_tui.ui.text import local, printable
from relmgr_tui.ui.widgets.row_list import Cell, Column, RowList


def one_line(text: str) -> str:
    """Log values may hold several lines (a note, a summary): the table shows them on one."""
    return " ⏎ ".join(printable(part) for part in text.splitlines())


def change(event: Event) -> str:
    """'old → new', or just the new value when there was none before."""
    old, new = one_line(event.old), one_line(event.new)
    return f"{old} → {new}" if old else new


class ActivityLog(RowList[Event]):
    COLUMNS = (
        Column("When", 16),
        Column("Who", 8),  # never dropped: an audit log without who is no audit log (80 columns keep it)
        Column("What", 18),
        Column("Change: old → new", weight=3),
        Column("Reason", weight=2),
    )
    MIN_FLEXIBLE = 14
    GAP = 2
    EMPTY = "Nothing has happened to this release yet."

    def cells(self, event: Event, index: int) -> Sequence[Cell]:
        return (
            (local(event.at), "dim"),
            (printable(event.who), ""),
            (in_words(event), "strong"),
            (change(event), ""),
            (one_line(event.reason), ""),
        )

    def describe(self, event: Event) -> str:
        parts = [f"{local(event.at)} {printable(event.who)} {in_words(event)}"]
        for label, text in (("was", event.old), ("now", event.new), ("reason", event.reason)):
            if text:
                parts.append(f"{label}: {one_line(text)}")
        return " · ".join(parts)
