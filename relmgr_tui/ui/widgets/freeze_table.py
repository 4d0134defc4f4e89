"""The change freezes as a table: name, from, to (in the user's zone), exempt kinds and reason."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time, timedelta
from zoneinfo import ZoneInfo

from relmgr_tui.domain.schedule import Freeze, exempt_text
from relmgr_tui.ui.text import printable
from relmgr_tui.ui.widgets.row_list import Cell, Column, RowList


def moment_text(freeze: Freeze, zone: ZoneInfo, end: bool = False) -> str:
    """A freeze's start or end as typed in the form: a whole day as its date (an end as its last day,
    included), any other moment with its time."""
    moment = (freeze.ends if end else freeze.starts).astimezone(zone)
    if moment.time() != time(0):
        return f"{moment:%Y-%m-%d %H:%M}"
    return f"{(moment - timedelta(days=1)) if end else moment:%Y-%m-%d}"


class FreezeTable(RowList[Freeze]):
    COLUMNS = (
        Column("Name", 16),
        Column("From", 16),
        Column("To (included)", 16),
        Column("Exempt", 10),
        Column("Reason"),
    )
    EMPTY = "No change freeze: press a to add one."

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.zone = ZoneInfo("UTC")

    def cells(self, freeze: Freeze, index: int) -> Sequence[Cell]:
        return (
            (f"❄ {printable(freeze.name)}", "strong"),
            (moment_text(freeze, self.zone), ""),
            (moment_text(freeze, self.zone, end=True), ""),
            (exempt_text(freeze.exempt_kinds), "dim"),
            (printable(freeze.reason), "dim"),
        )

    def describe(self, freeze: Freeze) -> str:
        reason = f" · {printable(freeze.reason)}" if freeze.reason else ""
        return (f"❄ {printable(freeze.name)} · {freeze.dates_text(self.zone)} {self.zone.key}"
                f" · exempt: {exempt_text(freeze.exempt_kinds)}{reason}")
