"""Text that wraps under its own start: hanging indents for a mark or key column and the words after it.

Content wraps every line back to column 0, so a long blocker or checklist item ran under its "✗ " or
"[✓] DONE". `Hanging` draws rows of (lead, text): the lead on the first line, and every further line of
the text, wrapped or written, starting in the column the text started in. One renderable for any number
of rows, so a list of hundreds of entries or the whole help costs no widget per line.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

Row = tuple[Content, Content]
"""(lead, text): the lead is never wrapped; the text wraps in the width that is left beside it."""

NARROWEST_TEXT = 8
"""Below this many cells beside the lead, the text wraps under the lead after all: a hang that narrow
would show a word or two a line."""


class Hanging(Visual):
    """Rows of (lead, text), laid out once per width."""

    def __init__(self, rows: Sequence[Row]) -> None:
        self.rows = tuple(rows)
        self._laid_out: tuple[int, Content] | None = None
        self._height: tuple[int, int] | None = None

    @classmethod
    def one(cls, lead: str, text: str) -> Hanging:
        """A single row of plain words, taken literally, never as markup."""
        return cls([(Content(lead), Content(text))])

    @property
    def plain(self) -> str:
        """The rows unwrapped, as a person would type them: for tests and for copying."""
        return "\n".join(lead.plain + text.plain for lead, text in self.rows)

    def __str__(self) -> str:
        return self.plain

    def laid_out(self, width: int) -> Content:
        """Every row wrapped to `width`, continuation lines padded to their row's text column."""
        if self._laid_out is None or self._laid_out[0] != width:
            lines = [line for lead, text in self.rows for line in _hang(lead, text, width)]
            self._laid_out = (width, Content("\n").join(lines))
        return self._laid_out[1]

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return self.laid_out(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max((lead.cell_length + text.get_optimal_width(rules, container_width) for lead, text in self.rows),
                   default=0)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return max((lead.cell_length + text.get_minimal_width(rules) for lead, text in self.rows), default=0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        """Counted on the words alone, as Content does: a list lays out every entry but draws only those in view."""
        if self._height is None or self._height[0] != width:
            lines = sum(len(_hang(lead.without_spans, text.without_spans, width)) for lead, text in self.rows)
            self._height = (width, lines)
        return self._height[1]


def _hang(lead: Content, text: Content, width: int) -> list[Content]:
    indent = lead.cell_length
    if width - indent < NARROWEST_TEXT:
        return (lead + text).wrap(max(width, 1))
    first, *rest = text.wrap(width - indent)
    pad = Content(" " * indent)
    return [lead + first, *(pad + line for line in rest)]
