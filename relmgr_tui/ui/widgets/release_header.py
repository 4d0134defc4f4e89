"""The top of the workspace: the release in three lines (title, facts, phase track), and a fourth for its
milestones, planned against done, when it has any.

The data comes in through `show()`; the lines are built in `render()`, at draw time, so their colours come
from the component classes of the current theme (a theme chosen in the palette recolours them at once).
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.content import Content
from textual.widget import Widget

from relmgr_tui.domain import lifecycle
from relmgr_tui.domain.milestones import MilestoneProgress, one_line, slip_days
from relmgr_tui.domain.model import PHASES, Methodology, Release, ReleaseState
from relmgr_tui.ui.text import printable

STYLE_NAMES = ("version", "title", "dim", "state", "overdue", "soon", "current", "past")
Part = tuple[str, str]
"""(text, style name)"""


def days_left(target: date | None, today: date) -> Part:
    """('2026-12-08 · 3 days left' | '… · due today' | '… · 2 days OVERDUE', style name)."""
    if target is None:
        return "no target date", "dim"
    days = (target - today).days
    if days < 0:
        return f"{target.isoformat()} · {-days} day{'s' if days != -1 else ''} OVERDUE", "overdue"
    if days == 0:
        return f"{target.isoformat()} · due today", "soon"
    words = f"{target.isoformat()} · {days} day{'s' if days != 1 else ''} left"
    return words, "soon" if days <= 7 else ""


def header_lines(release: Release, today: date) -> list[list[Part]]:
    method = "gates enforced" if release.methodology is Methodology.WATERFALL else "gates advise"
    wording = lifecycle.state_wording(release, today)
    state = f"{printable(wording)} · " if wording else ""
    target = (release.target_date.isoformat() if release.target_date else "no target date", "dim") \
        if release.finished else days_left(release.target_date, today)
    return [
        [(printable(release.version), "version"), ("  ", ""), (printable(release.title) or "(no title)", "title")],
        [
            (state, "state"), ("owner ", "dim"), (printable(release.owner) or "-", ""), (" · target ", "dim"),
            target,
            (f" · {release.kind.value} · {release.methodology.value} ({method})", "dim"),
        ],
        phase_track(release),
    ]


def phase_track(release: Release) -> list[Part]:
    """✓ past › ● CURRENT › ○ next: the current phase is marked by words and symbols, not colour only."""
    parts: list[Part] = []
    released = release.state is ReleaseState.RELEASED
    for phase in PHASES:
        if parts:
            parts.append((" › ", "dim"))
        if released or phase.index < release.phase.index:
            parts.append((f"✓ {phase.label}", "past"))
        elif phase == release.phase:
            parts.append((f"● {phase.label.upper()}", "current"))
        else:
            parts.append((f"○ {phase.label}", "dim"))
    return parts


class ReleaseHeader(Widget):
    DEFAULT_CSS = """
    ReleaseHeader > .release-header--version {
        color: $text-accent;
        text-style: bold;
    }
    ReleaseHeader > .release-header--title {
        text-style: bold;
    }
    ReleaseHeader > .release-header--dim {
        color: $text-muted;
    }
    ReleaseHeader > .release-header--state {
        color: $text-warning;
        text-style: bold;
    }
    ReleaseHeader > .release-header--overdue {
        color: $text-error;
        text-style: bold;
    }
    ReleaseHeader > .release-header--soon {
        color: $text-warning;
    }
    ReleaseHeader > .release-header--current {
        color: $text-primary;
        text-style: bold reverse;
    }
    ReleaseHeader > .release-header--past {
        color: $text-success;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"release-header--{name}" for name in STYLE_NAMES}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[Release, date] | None = None
        self._milestones: tuple[MilestoneProgress, ...] = ()

    def show(self, release: Release, today: date, milestones: tuple[MilestoneProgress, ...] = ()) -> None:
        if (release, today) != self._shown or milestones != self._milestones:
            self._shown = (release, today)
            self._milestones = milestones
            self.refresh(layout=True)

    def render(self) -> Content:
        if self._shown is None:
            return Content("")
        lines = [
            Content.assemble(*((text, self._style(name)) for text, name in parts if text))
            for parts in header_lines(*self._shown)
        ]
        if self._milestones:
            lines.append(self._milestone_line(self._shown[1]))
        return Content("\n").join(lines)

    def _milestone_line(self, today: date) -> Content:
        """One line at any width; in the overdue colour (as well as the words) while the current phase is late."""
        late = any(slip_days(m.planned, None, today) for m in self._milestones if m.current)
        text = one_line(self._milestones, today, self.size.width or 80)
        return Content(text).stylize(self._style("overdue" if late else "dim"))

    def _style(self, name: str):
        return self.get_visual_style(f"release-header--{name}", partial=True) if name else ""
