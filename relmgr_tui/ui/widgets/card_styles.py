"""The card styles of the board (board.tcss), held once for all five columns.

Textual styles every component class of a widget each time it styles the widget: when it mounts, when its
screen resumes, and on every focus change. Seventeen card styles on each of five columns meant 187
virtual-node style passes before the first frame and 34 per `h`/`l`. This hidden widget holds them
instead, and is styled only with its screen and when the theme changes.
"""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget

STYLE_NAMES = (
    "card", "cursor", "version", "title", "dim", "emergency", "hold", "overdue", "soon", "progress",
    "gate-open", "gate-blocked", "band-low", "band-medium", "band-high", "band-critical", "empty",
)


class CardStyles(Widget):
    """Never shown (`display: none` in board.tcss): it only carries the styles."""

    COMPONENT_CLASSES = {f"card-styles--{name}" for name in STYLE_NAMES}

    def style(self, name: str) -> Style:
        """The style of one kind of span on a card, to be added to the column's own style."""
        return self.get_component_rich_style(f"card-styles--{name}", partial=True)
