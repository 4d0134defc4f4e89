"""The card styles of the board, held once for all five columns.

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
    """Never shown (`display: none`): it only carries the styles, in theme variables."""

    DEFAULT_CSS = """
    CardStyles {
        display: none;
    }

    CardStyles > .card-styles--card {
        background: $surface;
    }

    CardStyles > .card-styles--cursor {
        background: $primary 40%;
    }

    CardStyles > .card-styles--version {
        text-style: bold;
        color: $foreground;
    }

    CardStyles > .card-styles--title {
        color: $foreground;
    }

    CardStyles > .card-styles--dim,
    CardStyles > .card-styles--empty {
        color: $text-muted;
    }

    CardStyles > .card-styles--emergency {
        background: $error;
        color: $text;
        text-style: bold;
    }

    CardStyles > .card-styles--hold {
        background: $warning;
        color: $text;
        text-style: bold;
    }

    CardStyles > .card-styles--overdue {
        color: $text-error;
        text-style: bold;
    }

    CardStyles > .card-styles--soon {
        color: $text-warning;
    }

    CardStyles > .card-styles--progress {
        color: $text-primary;
    }

    CardStyles > .card-styles--gate-open {
        color: $text-success;
        text-style: bold;
    }

    CardStyles > .card-styles--gate-blocked {
        color: $text-muted;
    }

    CardStyles > .card-styles--band-low {
        color: $text-success;
    }

    CardStyles > .card-styles--band-medium {
        color: $text-primary;
    }

    CardStyles > .card-styles--band-high {
        color: $text-warning;
        text-style: bold;
    }

    CardStyles > .card-styles--band-critical {
        color: $text-error;
        text-style: bold reverse;
    }
    """

    COMPONENT_CLASSES = {f"card-styles--{name}" for name in STYLE_NAMES}

    def style(self, name: str) -> Style:
        """The style of one kind of span on a card, to be added to the column's own style."""
        return self.get_component_rich_style(f"card-styles--{name}", partial=True)
