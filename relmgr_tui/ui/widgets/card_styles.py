"""The card styles of the board, held once for all five columns.

Textual styles every component class of a widget each time it styles the widget: when it mounts, when its
screen resumes, and on every focus change. Seventeen card styles on each of five columns meant 187
virtual-node style passes before the first frame and 34 per `h`/`l`. This hidden widget holds them
instead, and is styled only with its screen and when the theme changes.

Every colour is then made to read at WCAG's 4.5:1 on what it is drawn on, whatever the theme: a colour
that does not is moved toward black or white until it does (`readable`). The colours are blended here, over the card they are drawn on: a component's partial style would drop
their alpha (`$primary 40%` drawn as full `$primary`) and resolve `auto` against this hidden widget
rather than the card (textual-light's owner and date came out white on light grey).
"""

from __future__ import annotations

from rich.style import Style
from textual.color import Color
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

    def __init__(self) -> None:
        super().__init__()
        self._resolved: dict[bool, dict[str, Style]] = {}

    def notify_style_update(self) -> None:
        self._resolved.clear()  # a new theme
        super().notify_style_update()

    def style(self, name: str) -> Style:
        """The style of one kind of span on a card, to be added to the column's own style."""
        return self.get_component_rich_style(f"card-styles--{name}", partial=True)

    def for_card(self, cursor: bool) -> dict[str, Style]:
        """Every span's style by name, in colours blended over the card (or the cursor's card); "card" is
        the card's own background."""
        if cursor not in self._resolved:
            self._resolved[cursor] = self._resolve(cursor)
        return self._resolved[cursor]

    def _resolve(self, cursor: bool) -> dict[str, Style]:
        card = self.get_component_styles("card-styles--card").background
        if cursor:
            card += self.get_component_styles("card-styles--cursor").background
        resolved = {"card": Style(bgcolor=card.rich_color)}
        for name in STYLE_NAMES[2:]:
            resolved[name] = self._over(card, name)
        return resolved

    def _over(self, card: Color, name: str) -> Style:
        """One span's style over `card`: its own background blended on the card, its colour on that."""
        styles = self.get_component_styles(f"card-styles--{name}")
        ground = card + styles.background if styles.has_rule("background") else card
        if not styles.has_rule("color"):
            return Style(bgcolor=ground.rich_color) + styles.text_style
        if styles.has_rule("background"):
            ground = badge_ground(ground)
        auto = styles.has_rule("auto_color") and styles.auto_color
        color = ground.get_contrast_text(styles.color.a) if auto else styles.color
        color = readable(ground + color, ground)
        return Style(color=color.rich_color, bgcolor=ground.rich_color) + styles.text_style


READABLE = 4.5
"""WCAG AA contrast for text."""


def readable(color: Color, ground: Color) -> Color:
    """`color`, moved in tenths toward black or white (whichever reads on `ground`) until it reaches 4.5:1."""
    target = ground.get_contrast_text(1.0)
    for tenth in range(11):
        candidate = color.blend(target, tenth / 10)
        if contrast(candidate, ground) >= READABLE:
            return candidate
    return target


def badge_ground(ground: Color) -> Color:
    """A badge's background (EMERGENCY on $error), darkened or lightened in tenths until black or white
    text reads on it: a mid-tone red reads with neither."""
    for tenth in range(11):
        candidate = ground.blend(ground.get_contrast_text(1.0).inverse, tenth / 10)
        if contrast(candidate.get_contrast_text(1.0), candidate) >= READABLE:
            return candidate
    return candidate


def contrast(one: Color, other: Color) -> float:
    """WCAG contrast ratio of two solid colours, 1 to 21."""
    lighter, darker = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(color: Color) -> float:
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b)
