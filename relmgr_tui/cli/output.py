"""What the commands print with: JSON safe for a terminal, plain tables, local times and due dates."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from relmgr_tui.domain.model import Release
from relmgr_tui.safe_text import UNSAFE

if TYPE_CHECKING:
    from relmgr_tui.service import Service


def print_json(data: Any) -> None:
    sys.stdout.write(terminal_safe_json(json.dumps(data, indent=2, ensure_ascii=False) + "\n"))


def terminal_safe_json(text: str) -> str:
    """JSON with bidi, zero-width and C1 characters written as \\u escapes: a parser reads the same data, and
    nothing reorders or drives the terminal it is printed on. json.dumps has escaped C0 inside strings
    already; the C0 left are the layout's own line breaks."""
    return UNSAFE.sub(lambda m: m[0] if m[0] < " " else f"\\u{ord(m[0]):04x}", text)


def print_lines(lines: Sequence[str]) -> None:
    sys.stdout.write("".join(f"{line}\n" for line in lines))


def text_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows)]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in (header, *rows)]


def local_time(moment: datetime | None) -> str:
    """Stored UTC shown in the viewer's local time."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else ""


def local_today(service: Service) -> date:
    return service.clock().astimezone().date()


def due(release: Release, today: date) -> str:
    """The target date, saying in words how late or how near it is while the release is on the board."""
    if release.target_date is None:
        return "-"
    text = release.target_date.isoformat()
    days = (release.target_date - today).days
    if not release.state.on_board or days > 7:
        return text
    if days < 0:
        return f"{text} ({-days}d overdue)"
    return f"{text} (today)" if days == 0 else f"{text} (in {days}d)"
