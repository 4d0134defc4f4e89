"""Showing database text literally, and dates in the user's local time.

Titles come from people and from other programs: `[bold]` must show as typed and an escape character
must never reach the terminal, so every string from the database goes through `printable()` (the same
function the command line and the exports use) and is rendered as plain text (Content / Segment), never
parsed as markup.
"""

from __future__ import annotations

from datetime import date, datetime

from relmgr_tui.safe_text import printable

__all__ = ["due_label", "local", "printable", "printable_lines", "truncate"]


def printable_lines(text: str) -> str:
    """`printable` line by line: a message of several lines keeps its line breaks."""
    return "\n".join(printable(line) for line in text.split("\n"))


def local(moment: datetime | None) -> str:
    """A UTC timestamp as local 'YYYY-MM-DD HH:MM', or '' when absent."""
    if moment is None:
        return ""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def due_label(target: date | None, today: date) -> tuple[str, str]:
    """(words, urgency) for a target date. Urgency is 'overdue', 'soon' or ''; the words always say it."""
    if target is None:
        return "no date", ""
    days = (target - today).days
    if days < 0:
        return f"LATE {-days}d", "overdue"
    if days == 0:
        return "due today", "soon"
    if days <= 7:
        return f"due {days}d", "soon"
    return target.isoformat(), ""


def truncate(text: str, width: int) -> str:
    """Cut to `width` cells with an ellipsis (relmgr text is mostly single-width)."""
    if width <= 0:
        return ""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"
