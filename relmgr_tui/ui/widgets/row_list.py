"""A virtual table: a header line and rows drawn with Textual's line API, one cursor, kept by row id.

The checklist, the risk register, the rollback plan and the activity log all subclass it. Only the lines on
screen are drawn, so a checklist of five hundred items redraws as fast as one of five. Subclasses say what
the columns are and what each row's cells hold; the text of a cell is plain text (never markup) and a style
name that maps to a component class (`row-list--<name>`) styled in the .tcss files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

RowT = TypeVar("RowT")
Cell = tuple[str, str]
"""(text, style name): the name of one of the list's component classes, or '' for the plain row style."""

STYLE_NAMES = ("header", "cursor", "cursor-blurred", "empty", "dim", "strong")
"""The styles every list has; a subclass adds its own (each one costs a little on every restyle)."""


def component_classes(*names: str) -> set[str]:
    return {f"row-list--{name}" for name in names}
CURSOR_MARK = "▌"


@dataclass(frozen=True, slots=True)
class Column:
    label: str
    width: int = 0
    """Cells wide; 0 means the column shares what the fixed columns leave, by `weight`."""
    align: str = "left"
    drop: int = 0
    """Columns with drop > 0 are left out when the table is narrow, the highest number first."""
    weight: int = 1


def layout(columns: Sequence[Column], width: int, min_flexible: int, gap: int = 1) -> list[tuple[int, int]]:
    """(column index, width) of the columns that fit in `width`, gutter and one-cell gaps included.

    Droppable columns go, highest `drop` first, until each flexible column gets `min_flexible` cells.
    """
    shown = list(range(len(columns)))
    droppable = sorted((i for i, c in enumerate(columns) if c.drop), key=lambda i: -columns[i].drop)
    while True:
        fixed = sum(columns[i].width for i in shown) + gap * len(shown)
        flexible = [i for i in shown if columns[i].width == 0]
        room = width - 1 - fixed
        if room >= min_flexible * max(len(flexible), 1) or not droppable:
            break
        shown.remove(droppable.pop(0))
    room = max(room, 0)
    weights = sum(columns[i].weight for i in flexible) or 1
    widths: dict[int, int] = {}
    left = room
    for n, i in enumerate(flexible):
        share = left if n == len(flexible) - 1 else room * columns[i].weight // weights
        widths[i] = share
        left -= share
    return [(i, columns[i].width or widths[i]) for i in shown]


def fit(text: str, width: int, align: str = "left") -> str:
    """Exactly `width` cells: cut with an ellipsis when too long, padded when short."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    if align == "right":
        return " " * (width - cell_len(text)) + text
    return set_cell_size(text, width)


class RowList(ScrollView, Generic[RowT], can_focus=True):
    """Rows with an `id`; `show()` replaces them and keeps the cursor on the same id."""

    DEFAULT_CSS = """
    RowList > .row-list--header {
        color: $text-muted;
        text-style: bold;
        background: $panel;
    }
    RowList > .row-list--cursor {
        background: $primary 40%;
    }
    RowList > .row-list--cursor-blurred {
        background: $primary 12%;
    }
    RowList > .row-list--empty, RowList > .row-list--dim {
        color: $text-muted;
    }
    RowList > .row-list--strong {
        text-style: bold;
    }
    RowList > .row-list--done, RowList > .row-list--step-rehearsed, RowList > .row-list--step-executed {
        color: $text-success;
        text-style: bold;
    }
    RowList > .row-list--open-required, RowList > .row-list--step-failed {
        color: $text-error;
        text-style: bold;
    }
    RowList > .row-list--open-optional, RowList > .row-list--step-pending {
        color: $text-warning;
    }
    RowList > .row-list--band-low {
        color: $text-success;
    }
    RowList > .row-list--band-medium {
        color: $text-primary;
    }
    RowList > .row-list--band-high {
        color: $text-warning;
        text-style: bold;
    }
    RowList > .row-list--band-critical {
        color: $text-error;
        text-style: bold reverse;
    }
    RowList > .row-list--status-open {
        color: $text-warning;
    }
    RowList > .row-list--status-mitigating {
        color: $text-primary;
    }
    RowList > .row-list--status-closed {
        color: $text-muted;
    }
    RowList > .row-list--status-occurred {
        color: $text-error;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = component_classes(*STYLE_NAMES)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "Up", show=False, id="list.up"),
        Binding("down,j", "cursor(1)", "Down", show=False, id="list.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="list.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="list.page_down"),
        Binding("home", "first", "First", show=False, id="list.first"),
        Binding("end", "last", "Last", show=False, id="list.last"),
    ]
    COLUMNS: ClassVar[tuple[Column, ...]] = ()
    MIN_FLEXIBLE: ClassVar[int] = 16
    GAP: ClassVar[int] = 1
    """Blank cells between columns; prose next to prose reads better with two."""
    EMPTY: ClassVar[str] = "nothing here"

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class CursorMoved(Message):
        """The cursor is on another row (or the rows changed under it)."""

        def __init__(self, row_list: RowList[Any], row: Any) -> None:
            super().__init__()
            self.row_list = row_list
            self.row = row

        @property
        def control(self) -> RowList[Any]:
            return self.row_list

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[RowT] = []
        self.empty_text = self.EMPTY
        self._layout: tuple[int, list[tuple[int, int]]] = (-1, [])
        self._base = Style()

    # -- what subclasses say -------------------------------------------------------------------

    def cells(self, row: RowT, index: int) -> Sequence[Cell]:
        """One (text, style name) per column of COLUMNS for the row at `index` (0-based)."""
        raise NotImplementedError

    def describe(self, row: RowT) -> str:
        """All of `row` in words, for the line under the list (cells are cut to fit; this is not)."""
        raise NotImplementedError

    # -- data from above -----------------------------------------------------------------------

    def show(self, rows: Sequence[RowT], keep_id: int | None = None, empty_text: str | None = None) -> None:
        """Replace the rows; the cursor stays on the row with `keep_id` (by default the row it is on now),
        or at the same index when that row is gone."""
        if keep_id is None and self.current is not None:
            keep_id = getattr(self.current, "id", None)
        self.rows = list(rows)
        if empty_text is not None:
            self.empty_text = empty_text
        index = self.cursor
        if keep_id is not None:
            index = next((i for i, row in enumerate(self.rows) if getattr(row, "id", None) == keep_id), index)
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows) + 1)
        self.set_reactive(RowList.cursor, self._clamp(index))
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.CursorMoved(self, self.current))

    @property
    def current(self) -> RowT | None:
        return self.rows[self.cursor] if self.rows else None

    def select_id(self, row_id: int) -> None:
        for index, row in enumerate(self.rows):
            if getattr(row, "id", None) == row_id:
                self.cursor = index
                return

    # -- cursor --------------------------------------------------------------------------------

    def _clamp(self, index: int) -> int:
        return max(0, min(index, len(self.rows) - 1)) if self.rows else 0

    @property
    def _page(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)

    def _scroll_to_cursor(self) -> None:
        """Keep the cursor row between the header line and the bottom edge."""
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True, force=True)
        elif self.cursor >= top + self._page:
            self.scroll_to(y=self.cursor - self._page + 1, animate=False, immediate=True, force=True)

    def watch_cursor(self, _old: int, new: int) -> None:
        clamped = self._clamp(new)
        if clamped != new:
            self.set_reactive(RowList.cursor, clamped)
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.CursorMoved(self, self.current))

    def action_cursor(self, delta: int) -> None:
        self.cursor = self._clamp(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.cursor = self._clamp(self.cursor + direction * self._page)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self._clamp(len(self.rows) - 1)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0 or not self.rows:
            return
        self.focus()
        self.cursor = self._clamp(offset.y - 1 + round(self.scroll_y))

    def on_resize(self, _event: events.Resize) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows) + 1)
        self._scroll_to_cursor()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- drawing -------------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"row-list--{name}", partial=True)

    def _columns(self, width: int) -> list[tuple[int, int]]:
        if self._layout[0] != width:
            self._layout = (width, layout(self.COLUMNS, width, self.MIN_FLEXIBLE, self.GAP))
        return self._layout[1]

    def _strip(self, cells: Sequence[Cell], width: int, row_style: Style, mark: str) -> Strip:
        """Every piece is cut or padded to its column, so the strip's length is known without measuring."""
        segments = [Segment(mark, row_style)]
        used = 1
        gap = Segment(" " * self.GAP, row_style)
        for index, cell_width in self._columns(width):
            text, name = cells[index]
            style = row_style + self._style(name) if name else row_style
            segments += [gap, Segment(fit(text, cell_width, self.COLUMNS[index].align), style)]
            used += self.GAP + cell_width
        if used < width:
            segments.append(Segment(" " * (width - used), row_style))
        return Strip(segments, max(used, width)).crop(0, width)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._base = self.rich_style  # looked up once per frame rather than once per line
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._base
        if y == 0:
            header = [(column.label, "") for column in self.COLUMNS]
            return self._strip(header, width, base + self._style("header"), " ")
        index = y - 1 + round(self.scroll_y)
        if not self.rows:
            if y == 1:
                return Strip([Segment(fit(" " + self.empty_text, width), base + self._style("empty"))], width)
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row_style = base
        mark = " "
        if index == self.cursor:
            row_style = base + self._style("cursor" if self.has_focus else "cursor-blurred")
            mark = CURSOR_MARK if self.has_focus else " "
        return self._strip(self.cells(self.rows[index], index), width, row_style, mark)
