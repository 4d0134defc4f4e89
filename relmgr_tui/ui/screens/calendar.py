"""The release calendar (`c` on the board): weeks in rows, days in columns, releases on their windows.

Only the weeks around the visible ones are read (`Service.calendar(first, last)`), in a thread worker;
moving the cursor within them reads nothing, and moving past them reads the next span. What falls on
which day is `domain/calendar_grid.py`'s, laid out in the worker too; `widgets/calendar_view.py` draws it.
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

from relmgr_tui.domain.calendar_grid import CalendarGrid, DayCell, layout, monday, weeks_from
from relmgr_tui.domain.errors import RelmgrError
from relmgr_tui.domain.schedule import CalendarEntry
from relmgr_tui.ui import stylesheets
from relmgr_tui.ui.messages import DataChanged
from relmgr_tui.ui.text import printable
from relmgr_tui.ui.widgets.calendar_view import CalendarView
from relmgr_tui.ui.widgets.key_footer import KeyFooter

MARGIN_WEEKS = 2
"""Weeks read before and after the visible ones: a few moves of the cursor need no read."""
LEGEND = "▸ cursor  ● today  ⚠ clash (! its releases)  ❄ freeze  H holiday"


def day_words(cell: DayCell, zone: ZoneInfo) -> str:
    """The cursor's day in full, for the line under the calendar: the boxes cut long names short."""
    parts = [f"{cell.day:%a %d %b %Y}"]
    parts += [f"{printable(e.version)} {_when(e, zone)}" for e in cell.entries] or ["no release"]
    parts += [f"❄ {printable(f.name)} freeze {f.starts.astimezone(zone):%d %b %H:%M}"
              f"–{f.ends.astimezone(zone):%d %b %H:%M}" for f in cell.freezes]
    if cell.holiday:
        parts.append(f"H {printable(cell.holiday)}")
    if cell.clash:
        parts.append("⚠ windows overlap: " + ", ".join(
            printable(e.version) for e in cell.entries if e.release_id in cell.clashing))
    return " · ".join(parts)


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
        def __init__(self, grid: CalendarGrid, zone: ZoneInfo) -> None:
            super().__init__()
            self.grid = grid
            self.zone = zone

    def __init__(self) -> None:
        super().__init__()
        self.zone: ZoneInfo | None = None
        self.loaded: CalendarGrid | None = None
        self.reading: tuple[date, date] | None = None

    def compose(self) -> ComposeResult:
        today = self.app.today()
        yield Static(Content("Calendar · reading…"), id="calendar-title")
        yield CalendarView(today, today, id="calendar-view")
        yield Static(Content(LEGEND), id="calendar-legend")
        yield Static(id="calendar-status")
        yield KeyFooter()

    @property
    def view(self) -> CalendarView:
        return self.query_one(CalendarView)

    def on_calendar_view_resized(self) -> None:
        """Laid out (or resized): as many weeks as fit, read if they were not."""
        self.after_move()

    def on_data_changed(self, _message: DataChanged) -> None:
        """Another terminal, an undo or a redo changed the database: read the visible weeks again."""
        self.read_around(self.view.top)

    def on_screen_resume(self) -> None:
        if self.loaded is not None:
            self.app.catch_up(self)

    def after_move(self) -> None:
        """Draw the cursor where it is now, and read the weeks it shows if they have not been read."""
        view = self.view
        view.show()
        first, last = view.visible_days()
        if (self.loaded is None or not self.loaded.covers(first, last)) and not self._reading_covers(first, last):
            self.read_around(view.top)
        self._describe()
        zone = f" · times in {self.zone.key}" if self.zone else " · reading…"
        title = Content(f"Calendar · {first:%d %b} – {last:%d %b %Y}{zone}")
        self.query_one("#calendar-title", Static).update(title, layout=False)  # one line: no new layout

    def _reading_covers(self, first: date, last: date) -> bool:
        return self.reading is not None and self.reading[0] <= first and last <= self.reading[1]

    def read_around(self, top: date) -> None:
        self.reading = weeks_from(top - timedelta(weeks=MARGIN_WEEKS), self.view.week_count + 2 * MARGIN_WEEKS)
        self.read(*self.reading)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def read(self, first: date, last: date) -> None:
        service = self.app.service
        try:
            span = service.calendar(first, last)
        except RelmgrError as exc:
            self.app.call_from_thread(self.app.report_error, exc)
            return
        self.post_message(self.Loaded(layout(span), ZoneInfo(span.zone)))

    @on(Loaded)
    def loaded_weeks(self, message: Loaded) -> None:
        if self.reading is not None and self.reading != (message.grid.first_day, message.grid.last_day):
            return  # an older read, overtaken by the cursor: the newer one is on its way
        self.loaded, self.zone, self.reading = message.grid, message.zone, None
        today = self.app.clock().astimezone(message.zone).date()
        self.view.show(message.grid, today=today)
        self.after_move()

    def _describe(self) -> None:
        view = self.view
        grid = self.loaded
        words = day_words(grid.cell(view.cursor), self.zone) if grid and self.zone and grid.covers(
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
