"""The gate report for leaving the current phase, fitted to the lines the layout gives it.

"✓ Ready ..." or the summary and then every blocker (✗) and warning (!) as a sentence. When they do not
all fit, the last line says how many more there are and that `b` lists them all: nothing is hidden
silently, and the .tcss alone decides how many lines the header spends on it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

from relmgr_tui.domain.gates import GateReport
from relmgr_tui.domain.wording import plural
from relmgr_tui.ui.text import printable
from relmgr_tui.ui.widgets.row_list import fit

STYLE_NAMES = ("ready", "blocked", "blocker", "warning", "more")


def line_count(report: GateReport) -> int:
    return 1 + len(report.blockers) + len(report.warnings)


def report_line(report: GateReport, index: int) -> tuple[str, str]:
    """(text, style name) of line `index`: the summary, then every blocker (✗), then every warning (!)."""
    if index == 0:
        if not report.state.on_board:
            return f"· {report.summary()}", "ready"  # a finished release: no gate, nothing blocks
        return (f"✓ {report.summary()}", "ready") if report.open else (f"✗ {report.summary()}", "blocked")
    index -= 1
    if index < len(report.blockers):
        return f"  ✗ {printable(report.blockers[index])}", "blocker"
    return f"  ! {printable(report.warnings[index - len(report.blockers)])}", "warning"


def hidden_line(report: GateReport, shown: int) -> str:
    """What the lines after the first `shown` blockers and warnings hold, in words: "… 12 more blockers and
    2 warnings", so the count never reads as more blockers than the summary says there are."""
    blockers = max(len(report.blockers) - shown, 0)
    warnings = len(report.warnings) - max(shown - len(report.blockers), 0)
    parts = [plural(blockers, "more blocker")] if blockers else []
    if warnings:
        parts.append(plural(warnings, "warning" if blockers else "more warning"))
    return f"  … {' and '.join(parts)}: press b to list them all"


def report_lines(report: GateReport) -> list[tuple[str, str]]:
    return [report_line(report, index) for index in range(line_count(report))]


class GateSummary(Widget):
    """Formats only the lines it shows: a release with hundreds of open items costs no more to redraw."""

    DEFAULT_CSS = """
    GateSummary > .gate-summary--ready {
        color: $text-success;
        text-style: bold;
    }
    GateSummary > .gate-summary--blocked {
        color: $text-error;
        text-style: bold;
    }
    GateSummary > .gate-summary--blocker {
        color: $text-error;
    }
    GateSummary > .gate-summary--warning {
        color: $text-warning;
    }
    GateSummary > .gate-summary--more {
        color: $text-muted;
        text-style: italic;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"gate-summary--{name}" for name in STYLE_NAMES}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.report: GateReport | None = None
        self.count = 0

    @property
    def lines(self) -> list[tuple[str, str]]:
        return report_lines(self.report) if self.report else []

    def show(self, report: GateReport) -> None:
        count, height = line_count(report), self.size.height
        # A new layout only when the height may change: not when both reports overflow the lines given.
        same_height = count == self.count or (self.count > height and count >= height)
        self.report, self.count = report, count
        self.refresh(layout=not same_height)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(self.count, 1)

    def render_line(self, y: int) -> Strip:
        width, height = self.size
        base = self.rich_style
        if self.report is None or y >= self.count:
            return Strip.blank(width, base)
        if self.count > height and y == height - 1:
            text, name = hidden_line(self.report, shown=height - 2), "more"
        else:
            text, name = report_line(self.report, y)
        style = base + self.get_component_rich_style(f"gate-summary--{name}", partial=True)
        return Strip([Segment(fit(text, width), style)])
