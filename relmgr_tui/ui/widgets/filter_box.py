"""The board's filter box: hidden until `/`, it narrows the cards to those matching what is typed: words
(in the version, title or owner) and facets such as `late` or `risk:c` (`domain/card_filter.py`)."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input


class FilterInput(Input):
    """While it has the focus the board's letter keys are text, so its footer says how to leave it."""

    BINDINGS = [
        Binding("escape", "screen.clear_filter", "Clear filter", id="filter.clear"),
        Binding("enter", "submit", "Cards", id="filter.cards"),
    ]

    @property
    def text(self) -> str:
        """What was typed, without the spaces around it ("": every card)."""
        return self.value.strip()

    def open(self) -> None:
        """Show the box and focus it at once, not after this key: `/` and the text typed after it often
        arrive together. The box alone is shown (a class on the screen would restyle every widget on it)."""
        self.display = True
        self.screen.set_focus(self)

    def clear_silently(self) -> None:
        """Empty and hide the box without the redraw its Changed message would ask for."""
        with self.prevent(Input.Changed):
            self.value = ""
        self.display = False
