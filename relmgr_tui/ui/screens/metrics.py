"""Delivery metrics over 30, 90 or 365 days (`M` on the board, or the palette; `[` and `]` change the
period): releases per week and time in each phase as bar charts, and every figure in words too, so the
screen reads at 80x24, in 16 colours and with NO_COLOR.

The figures are computed in SQL (store/metrics.py) in a worker thread. Once the first period is shown the
same worker loads the charting library (most of a second to import on a busy machine) and reads the other
two periods, so `[` and `]` show theirs at once; a change in the database reads them again. The words are
drawn first and the charts a frame later: building a plot costs more than reading the figures.
"""

from __future__ import annotations

import importlib

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from relmgr_tui.domain.errors import RelmgrError
from relmgr_tui.domain.metrics import PERIOD_DAYS, TITLES, Metrics
from relmgr_tui.ui import stylesheets
from relmgr_tui.ui.messages import DataChanged
from relmgr_tui.ui.widgets.key_footer import KeyFooter

CHARTS = "textual_plotext"
DEFAULT_DAYS = 90
WEEK_TICKS = 4
"""Dates written under the weekly chart: more would run into each other at 80 columns."""
TEXT_SECTIONS = ("lead_time", "change_failure_rate", "time_to_restore", "on_time_rate", "gate_overrides",
                 "risks_occurred")
"""The metrics said in words only; releases per week and time in each phase have a chart above their words."""


class MetricsScreen(Screen):
    CSS_PATH = stylesheets.LATER
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Board", id="metrics.leave"),
        Binding("left_square_bracket", "period(-1)", "Shorter period", key_display="[", id="metrics.shorter"),
        Binding("right_square_bracket", "period(1)", "Longer period", key_display="]", id="metrics.longer"),
    ]

    class Loaded(Message):
        def __init__(self, figures: dict[int, Metrics]) -> None:
            super().__init__()
            self.figures = figures

    class ChartsReady(Message):
        """The charting library is imported: the charts can be mounted without the UI waiting for it."""

    def __init__(self, days: int = DEFAULT_DAYS) -> None:
        super().__init__()
        self.days = days
        self.figures: dict[int, Metrics] = {}
        self.charts = False

    def compose(self) -> ComposeResult:
        yield Static(Content(f"Delivery metrics · last {self.days} days · reading…"), id="metrics-title")
        with VerticalScroll(id="metrics-body"):
            yield Static(id="metrics-summary")
            yield Vertical(id="metrics-weeks-box", classes="metrics-chart")
            yield Static(id="metrics-weeks-text", classes="metrics-figures")
            yield Vertical(id="metrics-phases-box", classes="metrics-chart")
            yield Static(id="metrics-phases-text", classes="metrics-figures")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#metrics-body").focus()
        self.load(self.days)

    def on_data_changed(self, _message: DataChanged) -> None:
        """Another terminal, an undo or a redo changed the database: every period's figures are old."""
        self.figures = {}
        self.load(self.days)

    def on_screen_resume(self) -> None:
        if self.figures:
            self.app.catch_up(self)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self, days: int) -> None:
        """The shown period's figures; `prefetch` reads the rest once they are on screen."""
        try:
            self.post_message(self.Loaded({days: self.app.service.metrics(days)}))
        except RelmgrError as exc:
            self.app.call_from_thread(self.app.report_error, exc)

    @work(thread=True, group="prefetch", exit_on_error=False)
    def prefetch(self) -> None:
        """After the first figures are drawn (not beside them: an import holds the interpreter): the
        charting library, then the other periods."""
        if not self.charts:
            importlib.import_module(CHARTS)
            self.post_message(self.ChartsReady())
        try:
            figures = {days: self.app.service.metrics(days) for days in PERIOD_DAYS if days not in self.figures}
        except RelmgrError as exc:
            self.app.call_from_thread(self.app.report_error, exc)
            return
        self.post_message(self.Loaded(figures))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        self.figures.update(message.figures)
        self.show()
        if not self.charts or any(days not in self.figures for days in PERIOD_DAYS):
            self.call_after_refresh(self.prefetch)

    @on(ChartsReady)
    def mount_charts(self) -> None:
        from textual_plotext import PlotextPlot

        if self.charts:
            return
        self.charts = True
        self.query_one("#metrics-weeks-box").mount(PlotextPlot(id="metrics-weeks"))
        self.query_one("#metrics-phases-box").mount(PlotextPlot(id="metrics-phases"))
        self.call_after_refresh(self._draw_charts)

    def action_period(self, step: int) -> None:
        """`[` a shorter period, `]` a longer one (they stop at 30 and 365 days)."""
        index = PERIOD_DAYS.index(self.days) if self.days in PERIOD_DAYS else PERIOD_DAYS.index(DEFAULT_DAYS)
        chosen = PERIOD_DAYS[max(0, min(len(PERIOD_DAYS) - 1, index + step))]
        if chosen == self.days:
            return
        self.days = chosen
        if self.days in self.figures:
            self.show()
        else:
            self.load(self.days)

    def show(self) -> None:
        metrics = self.figures.get(self.days)
        title = self.query_one("#metrics-title", Static)
        if metrics is None:
            title.update(Content(f"Delivery metrics · last {self.days} days · reading…"))
            return
        title.update(Content(f"Metrics · last {self.days} days, {metrics.period.wording()} · [ ] period"))
        sentences = metrics.sentences()
        self.query_one("#metrics-summary", Static).update(Content("\n".join(
            line for key in TEXT_SECTIONS for line in _section(TITLES[key], sentences[key]))))
        self.call_after_refresh(self._draw_charts)
        self.query_one("#metrics-weeks-text", Static).update(Content("\n".join(
            [sentences["releases_per_week"][0], _weekly_counts(metrics)])))
        self.query_one("#metrics-phases-text", Static).update(Content("\n".join(sentences["time_in_phase"])))

    def _draw_charts(self) -> None:
        """After the words are on screen (a plot takes longer to build than the figures took to read)."""
        metrics = self.figures.get(self.days)
        if metrics is not None and self.charts:
            self._weeks_chart(metrics)
            self._phases_chart(metrics)

    def _weeks_chart(self, metrics: Metrics) -> None:
        chart = self.query_one("#metrics-weeks")
        plt = chart.plt
        plt.clear_figure()
        counts = [week.releases for week in metrics.per_week]
        plt.bar(list(range(1, len(counts) + 1)), counts, marker="hd", width=0.6)
        every = max(1, -(-len(counts) // WEEK_TICKS))
        ticks = list(range(1, len(counts) + 1, every))
        plt.xticks(ticks, [metrics.per_week[n - 1].start.strftime("%d %b") for n in ticks])
        _whole_number_ticks(plt, max(counts, default=0))
        plt.title(TITLES["releases_per_week"])
        chart.refresh()

    def _phases_chart(self, metrics: Metrics) -> None:
        chart = self.query_one("#metrics-phases")
        plt = chart.plt
        plt.clear_figure()
        totals = [round(t.total_days) for t in metrics.phase_times]
        plt.bar([t.phase.label for t in metrics.phase_times], totals, marker="hd", width=0.5)
        _whole_number_ticks(plt, max(totals, default=0))
        plt.title(f"{TITLES['time_in_phase']} (total days)")
        chart.refresh()


def _whole_number_ticks(plt, top: int) -> None:
    """Counts and days have no fractions: at most five ticks, on whole numbers from 0."""
    step = max(1, -(-top // 4))
    plt.yticks(list(range(0, top + step, step)))


def _section(title: str, lines: list[str]) -> list[str]:
    return [f"{title}: {lines[0]}"] if len(lines) == 1 else [f"{title}:", *(f"  {line}" for line in lines)]


def _weekly_counts(metrics: Metrics) -> str:
    """Every week's count in words, the numbers in order: the chart's figures for who cannot see it."""
    counts = " ".join(str(week.releases) for week in metrics.per_week)
    return f"Each week from {metrics.period.start.date().isoformat()}: {counts}"
