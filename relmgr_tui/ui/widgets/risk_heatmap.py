"""The 5x5 heat map of open risks, likelihood (up) by impact (across).

Each cell shows its band letter and its count, so it reads without colour; the band shading comes from
component classes in the .tcss. Arrows move the cell cursor, `enter` asks the screen to filter the risk
table to that cell (`CellChosen`), `escape` asks it to clear the filter (`FilterCleared`).
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from relmgr_tui.domain.risk import SCALE, band_of

Cell = tuple[int, int]
"""(likelihood, impact)"""

STYLE_NAMES = ("title", "axis", "band-low", "band-medium", "band-high", "band-critical", "cursor", "chosen", "hint")
CELL_WIDTH = 6
LABEL_WIDTH = 3
TOP_LINES = 2
"""The title line and the impact axis line above the grid."""


def cell_text(likelihood: int, impact: int, count: int, marked: bool = False) -> str:
    """' H  2 ': band letter and count (a dot for none) in CELL_WIDTH cells; '[H  2]' when marked."""
    shown = str(count) if count else "·"
    left, right = ("[", "]") if marked else (" ", " ")
    return f"{left}{band_of(likelihood * impact).letter}{shown:>3}{right}"


class RiskHeatmap(Widget, can_focus=True):
    DEFAULT_CSS = """
    RiskHeatmap > .risk-heatmap--title {
        text-style: bold;
    }
    RiskHeatmap > .risk-heatmap--axis, RiskHeatmap > .risk-heatmap--hint {
        color: $text-muted;
    }
    RiskHeatmap > .risk-heatmap--band-low {
        background: $success-muted;
        color: $text;
    }
    RiskHeatmap > .risk-heatmap--band-medium {
        background: $primary-muted;
        color: $text;
    }
    RiskHeatmap > .risk-heatmap--band-high {
        background: $warning-muted;
        color: $text;
    }
    RiskHeatmap > .risk-heatmap--band-critical {
        background: $error-muted;
        color: $text;
    }
    RiskHeatmap > .risk-heatmap--cursor {
        text-style: bold reverse;
    }
    RiskHeatmap > .risk-heatmap--chosen {
        text-style: bold underline;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"risk-heatmap--{name}" for name in STYLE_NAMES}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "move(1, 0)", "Up", show=False, id="heatmap.up"),
        Binding("down,j", "move(-1, 0)", "Down", show=False, id="heatmap.down"),
        Binding("left,h", "move(0, -1)", "Left", show=False, id="heatmap.left"),
        Binding("right,l", "move(0, 1)", "Right", show=False, id="heatmap.right"),
        Binding("enter", "choose", "Filter by cell", id="heatmap.filter"),
        Binding("escape", "clear", "Clear filter", id="heatmap.clear"),
    ]

    cursor: reactive[Cell] = reactive((3, 3))

    class CellChosen(Message):
        def __init__(self, cell: Cell) -> None:
            super().__init__()
            self.cell = cell

    class FilterCleared(Message):
        pass

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.counts: dict[Cell, int] = {}
        self.chosen: Cell | None = None

    def show(self, counts: dict[Cell, int], chosen: Cell | None) -> None:
        self.counts = counts
        self.chosen = chosen
        self.refresh()

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return LABEL_WIDTH + len(SCALE) * (CELL_WIDTH + 1) + 1

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return TOP_LINES + len(SCALE) + 1

    # -- keys ----------------------------------------------------------------------------------

    def action_move(self, d_likelihood: int, d_impact: int) -> None:
        likelihood, impact = self.cursor
        self.cursor = (min(max(likelihood + d_likelihood, 1), 5), min(max(impact + d_impact, 1), 5))

    def action_choose(self) -> None:
        self.post_message(self.CellChosen(self.cursor))

    def action_clear(self) -> None:
        self.post_message(self.FilterCleared())

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row, column = offset.y - TOP_LINES, (offset.x - LABEL_WIDTH) // (CELL_WIDTH + 1)
        if 0 <= row < len(SCALE) and 0 <= column < len(SCALE):
            self.focus()
            self.cursor = (len(SCALE) - row, column + 1)
            self.action_choose()

    def watch_cursor(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- drawing -------------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"risk-heatmap--{name}", partial=True)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y == 0:
            open_count = sum(self.counts.values())
            return self._text(f"{open_count} open · L likelihood × I impact", "title", width)
        if y == 1:
            axis = " " * LABEL_WIDTH + "".join(f" {f'I{i}':^{CELL_WIDTH}}" for i in SCALE)
            return self._text(axis, "axis", width)
        row = y - TOP_LINES
        if row == len(SCALE):
            hint = "enter filters · escape clears" if self.has_focus else "m: pick a cell to filter"
            return self._text(hint, "hint", width)
        if not 0 <= row < len(SCALE):
            return Strip.blank(width, base)
        likelihood = len(SCALE) - row
        segments = [Segment(f"L{likelihood} ", base + self._style("axis"))]
        for impact in SCALE:
            cell = (likelihood, impact)
            is_cursor = self.has_focus and cell == self.cursor
            is_chosen = cell == self.chosen
            style = base + self._style(f"band-{band_of(likelihood * impact).label}")
            if is_cursor:
                style += self._style("cursor")
            elif is_chosen:
                style += self._style("chosen")
            text = cell_text(likelihood, impact, self.counts.get(cell, 0), is_cursor or is_chosen)
            segments += [Segment(" ", base), Segment(text, style)]
        return Strip(segments).adjust_cell_length(width, base)

    def _text(self, text: str, name: str, width: int) -> Strip:
        return Strip([Segment(text, self.rich_style + self._style(name))]).adjust_cell_length(width, self.rich_style)
