"""One kanban column: a virtual list of release cards drawn with Textual's line API.

Only the lines on screen are rendered, so a column with two thousand cards costs the same to draw as one
with five. Data comes from above (`show()`); the column sends `CursorMoved` up when its cursor moves.
"""

from __future__ import annotations

from datetime import date

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from relmgr_tui.domain.card import Card
from relmgr_tui.domain.model import Phase
from relmgr_tui.ui.widgets.card_lines import CARD_HEIGHT, card_lines
from relmgr_tui.ui.widgets.card_styles import CardStyles

CURSOR_MARK = "▌"
WIDE_TITLE = 20
MAX_CACHED_STRIPS = 4000
SHORT_NAMES = {
    Phase.PLANNING: "Plan", Phase.BUILDING: "Build", Phase.TESTING: "Test",
    Phase.PREPARING: "Prep", Phase.DEPLOYING: "Deploy",
}


class PhaseColumn(ScrollView, can_focus=True):
    """The cards of one phase; `cursor` is the index of the selected card."""

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False, id="column.up"),
        Binding("down,j", "cursor(1)", "Down", show=False, id="column.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="column.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="column.page_down"),
        Binding("home", "first", "First card", show=False, id="column.first"),
        Binding("end", "last", "Last card", show=False, id="column.last"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class CursorMoved(Message):
        """The cursor moved or the column got the focus: read `column.current` when handling it, since
        the cards may have changed since it was sent."""

        def __init__(self, column: PhaseColumn) -> None:
            super().__init__()
            self.column = column

    def __init__(self, phase: Phase, card_styles: CardStyles, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.phase = phase
        self.card_styles = card_styles
        self.cards: list[Card] = []
        self.total = 0
        self.filtered = False
        self.today = date.today()
        self.border_title = phase.label
        self._strips: dict[tuple[int, int, bool, int], Strip] = {}
        """Drawn card lines, kept until their card, the focus, the width or the theme changes: Textual
        caches crops and styles per Strip, so reusing a Strip makes repaints (and scrolling) cheap."""
        self._base = Style()
        self._focused = False

    # -- data from above -----------------------------------------------------------------------

    def show(
        self, cards: list[Card], total: int, today: date, keep_release_id: int | None = None, *, filtered: bool = False
    ) -> None:
        """Replace the cards; keep the cursor on `keep_release_id` (or the same index) and the scroll.

        `total` is how many releases the phase holds, which is more than `cards` while filtered, and
        during a quick start, while only the first cards are read."""
        unchanged = today == self.today and len(cards) == len(self.cards) and all(
            new is old for new, old in zip(cards, self.cards))
        self.cards = cards
        self.total = total
        self.filtered = filtered
        self.today = today
        if not unchanged:
            self._strips.clear()
        index = self.cursor
        if keep_release_id is not None:
            index = next((i for i, c in enumerate(cards) if c.release.id == keep_release_id), index)
        self._resize()
        self._update_title()
        moved = self._clamp(index) != self.cursor
        self.set_reactive(PhaseColumn.cursor, self._clamp(index))
        self._scroll_to_cursor()
        if not unchanged or moved:
            self.refresh()

    @property
    def current(self) -> Card | None:
        return self.cards[self.cursor] if self.cards else None

    def select_release(self, release_id: int) -> bool:
        for index, card in enumerate(self.cards):
            if card.release.id == release_id:
                self.cursor = index
                return True
        return False

    # -- geometry ------------------------------------------------------------------------------

    @property
    def card_height(self) -> int:
        return CARD_HEIGHT

    def _resize(self) -> None:
        """Give the column the virtual size its cards need.

        A new virtual size normally means a layout pass, and a layout pass redraws the scrollbar of every
        column on the screen. When the column scrolls both before and after, at the same width (a card moved
        in or out of a long column), only its scroll range and scrollbar thumb change: set just those."""
        width = self.scrollable_content_region.width
        size = Size(width, max(len(self.cards) * self.card_height, 1))
        old = self.virtual_size
        if size == old:
            return
        if size.width == old.width and min(size.height, old.height) > self.size.height:
            self.set_reactive(PhaseColumn.virtual_size, size)
            self.vertical_scrollbar.window_virtual_size = size.height
            self.scroll_y = min(self.scroll_y, self.max_scroll_y)
        else:
            self.virtual_size = size  # the scrollbar may come or go: let the layout decide

    def _update_title(self) -> None:
        """'Preparing 12' (or '3/12' while filtered); short names in the narrow columns of 80x24."""
        name = self.phase.label if self.size.width >= WIDE_TITLE else SHORT_NAMES[self.phase]
        count = f"{len(self.cards)}/{self.total}" if self.filtered else str(self.total)
        if self.border_title != f"{name} {count}":
            self.border_title = f"{name} {count}"

    def notify_style_update(self) -> None:
        self._strips.clear()  # a new theme: the same text in new colours
        super().notify_style_update()

    def on_resize(self, _event: events.Resize) -> None:
        self._strips.clear()  # the title follows in render_lines
        self._resize()
        self._scroll_to_cursor()

    def _clamp(self, index: int) -> int:
        return max(0, min(index, len(self.cards) - 1)) if self.cards else 0

    def _scroll_to_cursor(self) -> None:
        if not self.cards:
            return
        height = self.card_height
        region = Region(0, self.cursor * height, 1, height)
        self.scroll_to_region(region, animate=False, immediate=True, force=True)

    # -- keys ----------------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        clamped = self._clamp(new)
        if clamped != new:
            self.set_reactive(PhaseColumn.cursor, clamped)
        scrolled_from = self.scroll_offset
        self._scroll_to_cursor()
        if self.scroll_offset == scrolled_from:
            # Only the two cards whose cursor mark changed are drawn again, not the whole column.
            height = self.card_height
            self.refresh_lines(old * height, height)
            self.refresh_lines(clamped * height, height)
        else:
            self.refresh()
        self.post_message(self.CursorMoved(self))

    def action_cursor(self, delta: int) -> None:
        self.cursor = self._clamp(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        per_page = max(self.scrollable_content_region.height // self.card_height, 1)
        self.cursor = self._clamp(self.cursor + direction * per_page)

    def take_row_of(self, source: PhaseColumn) -> None:
        """Put the cursor on the card at the height of `source`'s cursor: left and right keep the row."""
        row = source.cursor - int(source.scroll_y) // max(source.card_height, 1)
        first_visible = int(self.scroll_y) // max(self.card_height, 1)
        self.cursor = self._clamp(first_visible + row)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self._clamp(len(self.cards) - 1)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self.cards:
            return
        self.focus()
        self.cursor = self._clamp((offset.y + int(self.scroll_y)) // self.card_height)

    def on_focus(self) -> None:
        self._strips.clear()  # the focused column has its own tint
        self.refresh()
        self.post_message(self.CursorMoved(self))

    def on_blur(self) -> None:
        self._strips.clear()
        self.refresh()

    # -- drawing -------------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        self._base = self.rich_style  # walks every ancestor's style: once per frame, not once per line
        # The screen's focus, not `has_focus`, which follows a moment later: the first frame has the cursor.
        self._focused = self.screen.focused is self
        self._update_title()  # for the width drawn at: a column shown for the first time gets it only now
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line_no = y + int(self.scroll_y)
        base = self._base
        if not self.cards:
            if line_no == 1:
                text = "nothing here" if self.total == 0 else "no match"
                return Strip([Segment(text.center(width), base + self.card_styles.style("empty"))]).crop(0, width)
            return Strip.blank(width, base)
        height = CARD_HEIGHT
        index, row = divmod(line_no, height)
        if index >= len(self.cards) or row == height - 1:
            return Strip.blank(width, base)
        is_cursor = index == self.cursor and self._focused
        strip = self._strips.get((index, row, is_cursor, width))
        if strip is None:
            if len(self._strips) > MAX_CACHED_STRIPS:
                self._strips.clear()
            for other_row, line in enumerate(self._card_strips(self.cards[index], is_cursor, width, base)):
                self._strips[index, other_row, is_cursor, width] = line  # the card's other lines come next
            strip = self._strips[index, row, is_cursor, width]
        return strip

    def _card_strips(self, card: Card, is_cursor: bool, width: int, base: Style) -> list[Strip]:
        """Every line of one card: its text is laid out once for all of them."""
        styles = self.card_styles.for_card(is_cursor)
        card_style = base + styles["card"]
        mark = Segment(CURSOR_MARK if is_cursor else " ", card_style + styles["version"])
        return [
            Strip([mark, *(Segment(text, card_style + styles[name] if name else card_style)
                           for text, name in spans)]).adjust_cell_length(width, card_style)
            for spans in card_lines(card, width - 1, self.today)
        ]
