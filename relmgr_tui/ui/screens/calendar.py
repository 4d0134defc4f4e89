"""The release calendar (`c` on the board): weeks in rows, days in columns, releases on their windows.

The visible weeks are read first (`Service.calendar(first, last)`, in a thread worker), then the weeks
either side (`MARGIN_WEEKS`), so that the first frame waits for no more than it shows and the next moves
read nothing. Each read fetches only the days not held yet and joins them to those held
(`calendar_grid.joined`); a move that leaves the margins thin reads more behind it. What falls on which
day is `domain/calendar_grid.py`'s, laid out in the worker too; `widgets/calendar_view.py` draws it.
"""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from relmgr_tui.domain.calendar_grid import CalendarGrid, DayCell, joined, layout, monday, unread, within
from relmgr_tui.domain.errors import RelmgrError
from relmgr_tui.domain.schedule import CalendarEntry
from relmgr_tui.ui import stylesheets
from relmgr_tui.ui.messages import DataChanged
from relmgr_tui.ui.text import printable
from relmgr_tui.ui.widgets.calendar_view import WEEK_LINES, CalendarView
from relmgr_tui.ui.widgets.key_footer import KeyFooter

MARGIN_WEEKS = timedelta(weeks=2)
"""Read before and after the visible weeks, once they are shown: a few moves of the cursor need no read."""
KEPT_WEEKS = timedelta(weeks=8)
"""Held either side of the visible weeks: what the cursor left behind is dropped past that."""
LEGEND = "▸ cursor  ● today  ⚠ clash (! its releases)  ❄ freeze  H holiday"


def day_words(cell: DayCell, zone: ZoneInfo, width: int) -> str:
    """The cursor's day in full, for the line under the calendar (`width` cells): the boxes cut long names
    short. A busy day lists the releases that fit and how many more (the demo has days of a hundred)."""
    parts = [f"{cell.day:%a %d %b %Y}"]
    parts += _as_many_as_fit([f"{printable(e.version)} {_when(e, zone)}" for e in cell.entries], width) or [
        "no release"]
    parts += [f"❄ {printable(f.name)} freeze {f.starts.astimezone(zone):%d %b %H:%M}"
              f"–{f.ends.astimezone(zone):%d %b %H:%M}" for f in cell.freezes]
    if cell.holiday:
        parts.append(f"H {printable(cell.holiday)}")
    if cell.clash:
        parts.append("⚠ windows overlap: " + ", ".join(_as_many_as_fit(
            [printable(e.version) for e in cell.entries if e.release_id in cell.clashing], width)))
    return " · ".join(parts)


def _as_many_as_fit(words: list[str], width: int) -> list[str]:
    """The first words that fit in `width` cells, then '+N more' for the others."""
    used = 0
    for n, word in enumerate(words):
        used += len(word) + 3
        if used > width and n:
            return [*words[:n], f"+{len(words) - n} more"]
    return words


def _when(entry: CalendarEntry, zone: ZoneInfo) -> str:
    if entry.window is None:
        return "(target date)"
    start, end = entry.window.start.astimezone(zone), entry.window.end.astimezone(zone)
    return f"{start:%H:%M}–{end:%H:%M}" if start.date() == end.date() else f"{start:%d %b %H:%M}–{end:%d %b %H:%M}"


class CalendarScreen(Screen):
    CSS_PATH = stylesheets.LATER
    BINDINGS = [
        Binding("escape,c", "app.pop_screen", "Board", id="calendar.leave"),
        Binding("enter", "open", "Open", id="calendar.open"),
        Binding("left,h", "move(-1)", "◀ Day", show=False, id="calendar.day_back"),
        Binding("right,l", "move(1)", "Day ▶", show=False, id="calendar.day_on"),
        Binding("up,k", "move(-7)", "▲ Week", show=False, id="calendar.week_back"),
        Binding("down,j", "move(7)", "▼ Week", show=False, id="calendar.week_on"),
        Binding("t", "today", "Today", id="calendar.today"),
        Binding("f", "freezes", "Freezes", id="calendar.freezes"),
    ]

    class Loaded(Message):
        """Days read: `grids` of the spans asked for, read in `generation` (see `on_data_changed`)."""

        def __init__(self, grids: tuple[CalendarGrid, ...], zone: ZoneInfo, generation: int, waited: bool) -> None:
            super().__init__()
            self.grids = grids
            self.zone = zone
            self.generation = generation
            self.waited = waited

    def __init__(self) -> None:
        super().__init__()
        self.zone: ZoneInfo | None = None
        self.loaded: CalendarGrid | None = None
        self.reading: tuple[date, date] | None = None
        """The visible days a read is on its way for: the weeks show them once it lands."""
        self.reading_margins = False
        self.loaded_anew = False
        """The next visible read replaces the days held instead of joining them (the data changed)."""
        self._generation = 0
        """Counts the changes made elsewhere: a read made before the latest one is dropped."""

    def compose(self) -> ComposeResult:
        today = self.app.today()
        yield Static(Content("Calendar · reading…"), id="calendar-title")
        yield CalendarView(today, today, id="calendar-view")
        yield Static(Content(LEGEND), id="calendar-legend")
        yield Static(id="calendar-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        """Read the weeks the terminal's height allows now, before the first layout: the read and the first
        frame's drawing overlap (the layout then finds the visible weeks on their way)."""
        top = self.view.top
        self._read_visible(top, top + timedelta(weeks=max(1, (self.app.size.height - 2) // WEEK_LINES), days=-1))

    @property
    def view(self) -> CalendarView:
        return self.query_one(CalendarView)

    def on_calendar_view_resized(self) -> None:
        """Laid out (or resized): as many weeks as fit, read if they were not."""
        self.after_move()

    def on_data_changed(self, _message: DataChanged) -> None:
        """Another terminal, an undo or a redo changed the database: read the visible weeks again, anew."""
        self._generation += 1
        self.loaded_anew = True
        self.reading_margins = False
        self._read_visible(*self.view.visible_days(), everything=True)

    def on_screen_resume(self) -> None:
        if self.loaded is not None:
            self.app.catch_up(self)

    def after_move(self) -> None:
        """Draw the cursor where it is now; read the visible days not held yet, or else the margins'."""
        view = self.view
        view.show()
        first, last = view.visible_days()
        if not self._holds(first, last):
            self._read_visible(first, last)
        elif self.reading is None and not self.reading_margins:
            self.reading_margins = True
            self.call_after_refresh(self._read_margins)  # after the frame: the read would slow its drawing
        self._describe()
        zone = f" · times in {self.zone.key}" if self.zone else " · reading…"
        title = Content(f"Calendar · {first:%d %b} – {last:%d %b %Y}{zone}")
        self.query_one("#calendar-title", Static).update(title, layout=False)  # one line: no new layout

    def _holds(self, first: date, last: date) -> bool:
        """The days are held, or on their way."""
        held = self.loaded is not None and self.loaded.covers(first, last)
        coming = self.reading is not None and self.reading[0] <= first and last <= self.reading[1]
        return held or coming

    def _read_visible(self, first: date, last: date, everything: bool = False) -> None:
        self.reading = (first, last)
        self.read([(first, last)] if everything else unread(self.loaded, first, last), waited=True)

    def _read_margins(self) -> None:
        first, last = self.view.visible_days()
        spans = unread(self.loaded, first - MARGIN_WEEKS, last + MARGIN_WEEKS)
        self.reading_margins = bool(spans)
        if spans:
            self.read(spans, waited=False)

    def read(self, spans: list[tuple[date, date]], waited: bool) -> None:
        self._read(spans, self._generation, waited)

    @work(thread=True, exit_on_error=False)
    def _read(self, spans: list[tuple[date, date]], generation: int, waited: bool) -> None:
        service = self.app.service
        try:
            grids = tuple(layout(service.calendar(first, last)) for first, last in spans)
        except RelmgrError as exc:
            self.app.call_from_thread(self.app.report_error, exc)
            return
        self.post_message(self.Loaded(grids, service.timezone, generation, waited))

    @on(Loaded)
    def loaded_weeks(self, message: Loaded) -> None:
        if message.generation != self._generation:
            return  # read before a change made elsewhere: the read after it is on its way
        grid = None if self.loaded_anew and message.waited else self.loaded
        for read in message.grids:
            grid = read if grid is None else joined(grid, read)
        first, last = self.view.visible_days()
        self.loaded = within(grid, first - KEPT_WEEKS, last + KEPT_WEEKS)
        self.zone = message.zone
        if message.waited:
            self.loaded_anew = False
            if self.reading is not None and self.loaded.covers(*self.reading):
                self.reading = None
        else:
            self.reading_margins = False
        today = self.app.clock().astimezone(message.zone).date()
        self.view.show(self.loaded, today=today)
        self.after_move()

    def _describe(self) -> None:
        view = self.view
        grid = self.loaded
        words = day_words(grid.cell(view.cursor), self.zone, self.size.width) if grid and self.zone and grid.covers(
            view.cursor, view.cursor) else f"{view.cursor:%a %d %b %Y} · reading…"
        self.query_one("#calendar-status", Static).update(Content(words), layout=False)

    def action_move(self, days: int) -> None:
        self.view.cursor += timedelta(days=days)
        self.after_move()

    def action_today(self) -> None:
        self.view.cursor = self.view.today
        self.view.top = monday(self.view.today)
        self.after_move()

    def action_open(self) -> None:
        """The release on the cursor's day; with several, a list to choose from."""
        cell = self.loaded.cell(self.view.cursor) if self.loaded else None
        entries = cell.entries if cell else ()
        if not entries:
            self.notify(f"No release on {self.view.cursor:%a %d %b}: move to a day with one.", timeout=4)
        elif len(entries) == 1:
            self.app.open_release(entries[0].release_id)
        else:
            from relmgr_tui.ui.screens.release_choice import ReleaseChoiceModal

            self.app.push_screen(ReleaseChoiceModal(self.view.cursor, entries), self._chosen)

    def _chosen(self, release_id: int | None) -> None:
        if release_id is not None:
            self.app.open_release(release_id)

    def action_freezes(self) -> None:
        from relmgr_tui.ui.screens.freezes import FreezesScreen

        self.app.push_screen(FreezesScreen())
