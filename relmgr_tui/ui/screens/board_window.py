"""Below 80 columns the board shows three of its five columns: the cursor's and its neighbours.

Five columns in fewer than 80 cells leave cards of nine; three keep them at the width of a 100-column
board. `h` / `l` move the cursor across as ever, and the window follows it.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.widget import Widget

FULL_WIDTH = 80
"""From this width all five columns show."""
NARROW_COLUMNS = 3


def shown_columns(cursor: int, count: int, width: int) -> range:
    """The indexes of the columns on screen: all of them, or three around the cursor's."""
    if width >= FULL_WIDTH or count <= NARROW_COLUMNS:
        return range(count)
    first = min(max(cursor - 1, 0), count - NARROW_COLUMNS)
    return range(first, first + NARROW_COLUMNS)


def follow(columns: Sequence[Widget], current: Widget, width: int) -> None:
    """Show the columns of the window around `current`, and only those."""
    shown = shown_columns(list(columns).index(current), len(columns), width)
    for index, column in enumerate(columns):
        if column.display != (index in shown):
            column.display = index in shown
