"""The calendar's weeks: days in columns (Monday first), weeks in rows, drawn from a `CalendarGrid`.

Each day is a box of `WEEK_LINES` lines: its date (the cursor's marked ▸, today's ●), its marks
(⚠ clash, ❄ freeze, H holiday: a symbol and a word, never colour alone) and its releases, a clashing one
marked `!`. The widget only draws: which day holds what is `domain/calendar_grid.py`'s, and the screen
reads the data and moves the cursor. Text from the database is drawn as plain text, never markup.

It draws line by line (Textual's line API): each week's lines are made once and kept, so a move of the
cursor redraws the one or two weeks it left and entered, and new data redraws only the weeks it changed.
"""

from __future__ import annotations

from datetime import date, timedelta

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

from relmgr_tui.domain.calendar_grid import CalendarGrid, DayCell, monday
from relmgr_tui.ui.text import printable
from relmgr_tui.ui.widgets.card_fit import keep_end

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
CONTENT_LINES = 4
"""The lines under a day's date for its marks and releases."""
WEEK_LINES = 2 + CONTENT_LINES
"""The date, the marks and releases, and a rule under the week."""
SHORTEST_TITLE = 5
"""Cells a title needs beside the version to be worth showing (four letters and an ellipsis)."""
SEPARATOR = "│"
STYLE_NAMES = ("header", "rule", "date", "today", "freeze", "holiday", "clash", "reading")
CURSOR = Style(reverse=True, bold=True)
"""The cursor's date, reversed in any theme and without colour (NO_COLOR), and marked ▸ too."""


def fit(text: str, width: int) -> str:
    """Exactly `width` cells: cut with an ellipsis, or padded."""
    if cell_len(text) > width:
        return set_cell_size(text, max(width - 1, 0)) + "…" if width > 0 else ""
    return set_cell_size(text, width)


def day_lines(cell: DayCell, width: int) -> list[tuple[str, str]]:
    """(text, style name) for the lines under a day's date, `width` cells wide: its marks in words, each on
    its line (a clash first: it needs acting on; then freezes, then the holiday), then its releases, a
    clashing one marked `!`; when they do not all fit, the last line says how many more."""
    lines = [("⚠ clash", "clash")] if cell.clash else []
    lines += [(f"❄ {printable(freeze.name)}", "freeze") for freeze in cell.freezes]
    if cell.holiday:
        lines.append((f"H {printable(cell.holiday)}", "holiday"))
    lines = lines[:CONTENT_LINES - 1] if cell.entries else lines[:CONTENT_LINES]
    room = CONTENT_LINES - len(lines)
    entries = cell.entries if len(cell.entries) <= room else cell.entries[:room - 1]
    lines += [entry_line("!" if e.release_id in cell.clashing else " ", e.version, e.title, width)
              for e in entries]
    if len(entries) < len(cell.entries):
        lines.append((f" +{len(cell.entries) - len(entries)} more", ""))
    return lines


def entry_line(mark: str, version: str, title: str, width: int) -> tuple[str, str]:
    """A release in a day's box: the whole version first, then as much of the title as says something. A
    version too long for the box keeps its end, where versions differ (`…4-hotfix.131`), as on a card."""
    room = width - len(mark)
    version = printable(version)
    if len(version) > room:
        version = keep_end(version, room)
    elif room - len(version) - 1 >= SHORTEST_TITLE:
        version = f"{version} {printable(title)}"
    return mark + version, "clash" if mark == "!" else ""


class CalendarView(Widget):
    """The visible weeks from `top` (a Monday), with the cursor's day and today marked."""

    DEFAULT_CSS = """
    CalendarView {
        height: 1fr;
        width: 1fr;
    }
    CalendarView > .calendar--header { text-style: bold dim; }
    CalendarView > .calendar--rule { text-style: dim; }
    CalendarView > .calendar--date { text-style: bold; }
    CalendarView > .calendar--today { color: $text-accent; text-style: bold underline; }
    CalendarView > .calendar--freeze { background: $primary-muted; }
    CalendarView > .calendar--holiday { color: $text-warning; }
    CalendarView > .calendar--clash { color: $text-error; text-style: bold; }
    CalendarView > .calendar--reading { text-style: dim italic; }
    """

    COMPONENT_CLASSES = {f"calendar--{name}" for name in STYLE_NAMES}

    class Resized(Message):
        """The number of weeks that fit may have changed: the screen reads them if it has not."""

    def __init__(self, cursor: date, today: date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.grid: CalendarGrid | None = None
        self.cursor = cursor
        self.today = today
        self.top = monday(cursor)
        self._drawn_cursor = cursor
        self._drawn_top = self.top
        self._styles: dict[str, Style] = {}
        self._rich: dict[Style | None, RichStyle] = {}
        """Each style drawn, over the widget's own (None: the widget's own), as Rich draws it."""
        self._weeks: dict[date, list[Strip]] = {}
        """Each drawn week's lines, by its Monday, until something in it changes."""

    def on_resize(self) -> None:
        self._forget()
        self.post_message(self.Resized())

    def notify_style_update(self) -> None:
        """A theme or style change: every line is drawn again in the new colours."""
        super().notify_style_update()
        self._forget()

    @property
    def week_count(self) -> int:
        """How many weeks fit: at least one, so a tiny terminal still shows the cursor's."""
        return max(1, (self.size.height - 1) // WEEK_LINES)

    def show(self, grid: CalendarGrid | None = None, cursor: date | None = None, today: date | None = None) -> None:
        """Draw again what changed; the first week shown follows the cursor (see `scroll_to_cursor`)."""
        if cursor is not None:
            self.cursor = cursor
        if today is not None and today != self.today:
            self.today = today
            self._forget()
        if grid is not None and grid is not self.grid:
            self._forget_changed(self.grid, grid)
            self.grid = grid
        self.scroll_to_cursor()
        if self.cursor != self._drawn_cursor:
            self._forget_week(monday(self._drawn_cursor))
            self._forget_week(monday(self.cursor))
        self._drawn_cursor = self.cursor
        if self.top != self._drawn_top:  # the weeks move up or down: drawn again, from those kept
            self._drawn_top = self.top
            first, last = self.visible_days()
            self._weeks = {week: lines for week, lines in self._weeks.items() if first <= week <= last}
            self.refresh()

    def _forget(self) -> None:
        """Draw every line again."""
        self._styles = {}
        self._rich.clear()
        self._weeks.clear()
        self.refresh()

    def _forget_week(self, week: date) -> None:
        """Draw again the lines of `week`, if it is on screen."""
        self._weeks.pop(week, None)
        shown = (week - self.top).days // 7
        if 0 <= shown < self.week_count:
            self.refresh(Region(0, 1 + shown * WEEK_LINES, self.size.width, WEEK_LINES))

    def _forget_changed(self, old: CalendarGrid | None, new: CalendarGrid) -> None:
        """Forget the weeks on screen whose days the new grid holds differently (none, after a read of
        other weeks)."""
        for n in range(self.week_count):
            week = self.top + timedelta(weeks=n)
            last = week + timedelta(days=6)
            covered = old is not None and old.covers(week, last)
            if covered != new.covers(week, last) or (covered and old.week(week) != new.week(week)):
                self._forget_week(week)

    def scroll_to_cursor(self) -> None:
        """Keep the cursor's week on screen, moving the first week shown as little as possible."""
        week = monday(self.cursor)
        last = self.top + timedelta(weeks=self.week_count - 1)
        if week < self.top:
            self.top = week
        elif week > last:
            self.top = week - timedelta(weeks=self.week_count - 1)

    def visible_days(self) -> tuple[date, date]:
        return self.top, self.top + timedelta(weeks=self.week_count, days=-1)

    def render_line(self, y: int) -> Strip:
        """Line `y`: the day names, then each week's lines (made once), then blank below the last week."""
        if not self._styles:
            self._load_styles()
        if y == 0:
            return self._strip(self._header(self._column_widths()))
        week, line = divmod(y - 1, WEEK_LINES)
        if week >= self.week_count:
            return Strip.blank(self.size.width, self.visual_style.rich_style)
        monday_of = self.top + timedelta(weeks=week)
        lines = self._weeks.get(monday_of)
        if lines is None:
            lines = self._weeks[monday_of] = [self._strip(spans) for spans in self._week(monday_of,
                                                                                          self._column_widths())]
        return lines[line]

    def _load_styles(self) -> None:
        self._styles = {name: self.get_visual_style(f"calendar--{name}", partial=True) for name in STYLE_NAMES}
        self._styles["frozen"] = self.get_visual_style("calendar--freeze")  # whole: its background too

    def _strip(self, spans: list[tuple[str, Style]]) -> Strip:
        """One line's spans over the widget's own style, exactly as wide as the widget."""
        rich = self._rich
        if not rich:
            rich[None] = self.visual_style.rich_style
        segments = []
        for text, style in spans:
            if style not in rich:
                rich[style] = (self.visual_style + style).rich_style
            segments.append(Segment(text, rich[style]))
        return Strip(segments).adjust_cell_length(self.size.width, rich[None])

    def _column_widths(self) -> list[int]:
        room = max(self.size.width - 6, 7)
        return [room // 7 + (1 if n < room % 7 else 0) for n in range(7)]

    def _line(self, cells: list[tuple[str, Style]], widths: list[int], joint: str = SEPARATOR) -> list[tuple[str, Style]]:
        """One line across the seven days: each cell cut or padded to its column, a rule between."""
        rule = self._styles["rule"]
        spans: list[tuple[str, Style]] = []
        for n, ((text, style), width) in enumerate(zip(cells, widths, strict=True)):
            if n:
                spans.append((joint, rule))
            spans.append((fit(text, width), style))
        return spans

    def _header(self, widths: list[int]) -> list[tuple[str, Style]]:
        header = self._styles["header"]
        return self._line([(name, header) for name in DAY_NAMES], widths)

    def _week(self, first: date, widths: list[int]) -> list[list[tuple[str, Style]]]:
        """The week's lines: each day's box worked out once, then drawn across, line by line."""
        days = [first + timedelta(days=n) for n in range(7)]
        boxes = [self._box(day, self.grid.cell(day) if self.grid and self.grid.covers(day, day) else None, width)
                 for day, width in zip(days, widths, strict=True)]
        lines = [self._line([box[line] for box in boxes], widths) for line in range(WEEK_LINES - 1)]
        rule = self._styles["rule"]
        lines.append(self._line([("─" * width, rule) for width in widths], widths, joint="┼"))
        return lines

    def _box(self, day: date, cell: DayCell | None, width: int) -> list[tuple[str, Style]]:
        """The lines of `day`'s box (`width` cells) and their styles: a frozen day is tinted all the way down
        (a whole style, background included, under each line's own colour); an unread day says so."""
        if cell is None:
            reading = self._styles["reading"]
            return [self._date_line(day), ("  …", reading), *[("", reading)] * (CONTENT_LINES - 1)]
        base = self._styles["frozen"] if cell.freezes else Style()
        lines = [(words, base + self._styles[style] if style else base)
                 for words, style in day_lines(cell, width)]
        return [self._date_line(day), *lines, *[("", base)] * (CONTENT_LINES - len(lines))]

    def _date_line(self, day: date) -> tuple[str, Style]:
        label = f"{'▸' if day == self.cursor else ' '}{day.day:>2} {day:%b}{' ●' if day == self.today else ''}"
        style = self._styles["date"]
        if day == self.today:
            style += self._styles["today"]
        if day == self.cursor:
            style += CURSOR
        return label, style
