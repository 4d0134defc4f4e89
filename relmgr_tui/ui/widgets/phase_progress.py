"""Checklist progress of every phase on one line: the phase shown is marked ▸ ◂, the release's current
phase ●, a complete phase ✓. `[` and `]` step through them (the keys live on the screen).

Built at draw time (`render()`), so it fits the width it has and the styles follow the theme in use.
"""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.widget import Widget

from relmgr_tui.domain.model import PHASES, Phase, ReleaseDetail

STYLE_NAMES = ("viewing", "other", "complete")
SHORT = {
    Phase.PLANNING: "Plan", Phase.BUILDING: "Build", Phase.TESTING: "Test",
    Phase.PREPARING: "Prep", Phase.DEPLOYING: "Deploy",
}
WIDE = 96
"""Narrower than this, the phases go by their short names."""


class PhaseProgress(Widget):
    DEFAULT_CSS = """
    PhaseProgress > .phase-progress--viewing {
        color: $text;
        background: $primary 50%;
        text-style: bold;
    }
    PhaseProgress > .phase-progress--complete {
        color: $text-success;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"phase-progress--{name}" for name in STYLE_NAMES}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.current: Phase | None = None
        self.viewing: Phase | None = None
        self.totals: dict[Phase, tuple[int, int]] = {}

    def show(self, detail: ReleaseDetail, viewing: Phase) -> None:
        counts = {phase: [0, 0] for phase in PHASES}
        for item in detail.items:
            counts[item.phase][0] += item.done
            counts[item.phase][1] += 1
        totals = {phase: (done, total) for phase, (done, total) in counts.items()}
        shown = (detail.release.phase, viewing, totals)
        if shown != (self.current, self.viewing, self.totals):
            self.current, self.viewing, self.totals = shown
            self.refresh()

    def render(self) -> Content:
        if self.current is None:
            return Content("")
        wide = self.size.width >= WIDE
        parts: list[tuple[str, object] | str] = [("Phase: ", self._style("other"))]
        for phase in PHASES:
            done, total = self.totals[phase]
            name = phase.label if wide else SHORT[phase]
            current = "●" if phase == self.current else ""
            complete = " ✓" if total and done == total else ""
            text = f"{current}{name} {done}/{total}{complete}"
            if phase == self.viewing:
                parts.append((f"▸{text}◂", self._style("viewing")))
            else:
                parts.append((f" {text} ", self._style("complete" if complete else "other")))
            parts.append(" ")
        return Content.assemble(*parts)

    def _style(self, name: str):
        return self.get_visual_style(f"phase-progress--{name}", partial=True)
