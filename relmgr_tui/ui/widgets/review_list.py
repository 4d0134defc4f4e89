"""The entries of one review section: a lazily drawn list with a cursor that shows as a mark, not only a colour.

Data comes from above (`show()`); the screen reads `current` to know which item `space` or `n` acts on.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from relmgr_tui.ui.hanging import Hanging
from relmgr_tui.ui.widgets.review_sections import Entry

CURSOR = "▶ "
GUTTER = "  "


def marked(entry: Entry, on: bool) -> Hanging:
    """The entry after the cursor mark's two-cell gutter and its own lead, every further line of it, wrapped
    or not, hanging under the prompt's first letter."""
    return Hanging([(Content.styled(CURSOR if on else GUTTER, "bold") + entry.lead, entry.prompt)])


class ReviewList(OptionList):
    """`j`/`k` as well as the arrows; the highlighted entry carries a ▶ so the room sees where we are."""

    DEFAULT_CSS = """
    ReviewList {
        border: none;
        background: $background;
        scrollbar-size-vertical: 1;
    }
    ReviewList:focus {
        border: none;
        background-tint: $foreground 0%;
    }
    ReviewList > .option-list--separator {
        color: $foreground 20%;
    }
    ReviewList > .option-list--option-highlighted,
    ReviewList:focus > .option-list--option-highlighted {
        background: $primary 30%;
        color: $foreground;
        text-style: none;
    }
    ReviewList > .option-list--option-disabled {
        color: $foreground;
        text-style: bold;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="review_list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="review_list.up"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.entries: tuple[Entry, ...] = ()
        self._marked: int | None = None

    @property
    def current(self) -> Entry | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.entries):
            return None
        entry = self.entries[index]
        return entry if entry.selectable else None

    def show(self, entries: Sequence[Entry], keep_key: str | None = None) -> None:
        """Replace the entries; keep the cursor on `keep_key` if it is still there, else near where it was."""
        previous = self.highlighted or 0
        self.entries = tuple(entries)
        self._marked = None
        self.set_options(self._options_with_rules())
        keys = [e.key for e in self.entries]
        index = keys.index(keep_key) if keep_key in keys else min(previous, len(keys) - 1)
        selectable = [i for i, e in enumerate(self.entries) if e.selectable]
        if selectable:
            self.highlighted = min(selectable, key=lambda i: (i < index, abs(i - index)))

    def _options_with_rules(self) -> Iterator[Option | None]:
        """Each entry, and a faint rule (None) under those that ask for one, except the last."""
        for n, entry in enumerate(self.entries, start=1):
            yield Option(marked(entry, False), id=entry.key, disabled=not entry.selectable)
            if entry.rule and n < len(self.entries):
                yield None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Move the mark with the cursor; the screen still gets the message."""
        index = event.option_index
        if index >= len(self.entries):  # a message from before the entries were replaced
            return
        if self._marked is not None and self._marked < len(self.entries):
            self.replace_option_prompt_at_index(self._marked, marked(self.entries[self._marked], False))
        self._marked = index
        self.replace_option_prompt_at_index(index, marked(self.entries[index], True))
