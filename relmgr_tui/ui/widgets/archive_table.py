"""The archive as a virtual table: eighteen thousand releases draw as fast as eighteen."""

from __future__ import annotations

from collections.abc import Sequence

from relmgr_tui.domain import lifecycle
from relmgr_tui.domain.model import Release
from relmgr_tui.ui.text import printable
from relmgr_tui.ui.widgets.row_list import Cell, Column, RowList


def _day(release: Release, field: str) -> str:
    moment = getattr(release, field)
    return moment.astimezone().strftime("%Y-%m-%d")


def closed_on(release: Release):
    """The day it left the board; the last change for a release archived before relmgr recorded it."""
    return release.closed_at or release.updated_at


def released_on(release: Release) -> str:
    """The day it shipped ("" if it never did, or before relmgr recorded it): sorts as text."""
    return release.released_at.isoformat() if release.released_at else ""


def matches(release: Release, needle: str) -> bool:
    """Whether the search text is in the version, title, owner or state ("rolled" finds rolled back)."""
    return any(needle in text.lower() for text in (
        release.version, release.title, release.owner, release.state.label, lifecycle.state_wording(release)))


class ArchiveTable(RowList[Release]):
    COLUMNS = (
        Column("Version", 18),
        Column("Title"),
        Column("Kind", 9, drop=1),
        Column("State", 24),
        Column("Target", 10, drop=2),
        Column("Created", 10, drop=4),
        Column("Released", 10, drop=3),
        Column("Closed", 10),
    )
    EMPTY = "Nothing archived yet: released, rolled-back and cancelled releases come here."

    def cells(self, release: Release, index: int) -> Sequence[Cell]:
        return (
            (printable(release.version), "strong"),
            (printable(release.title) or "(no title)", "" if release.title else "dim"),
            (release.kind.value, "dim"),
            (printable(lifecycle.state_wording(release)), ""),
            (release.target_date.isoformat() if release.target_date else "-", "dim"),
            (_day(release, "created_at"), "dim"),
            (_day(release, "released_at") if release.released_at else "-", "dim"),
            (closed_on(release).astimezone().strftime("%Y-%m-%d"), ""),
        )

    def describe(self, release: Release) -> str:
        return f"{printable(release.version)} · {printable(release.title)} · {printable(lifecycle.state_wording(release))}"
