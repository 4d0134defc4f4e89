"""The demo's schedule: windows from Testing on, milestones with a few slipped, and the year-end freeze,
added once however often the demo runs."""

from __future__ import annotations

from datetime import date

from relmgr_tui import demo
from relmgr_tui.domain.model import Phase
from relmgr_tui.service import Service
from tests.conftest import FIXED_NOW


def test_the_demo_has_windows_slipped_milestones_and_one_year_end_freeze(service: Service) -> None:
    demo.generate(service, 200, 3, FIXED_NOW)
    demo.generate(service, 50, 4, FIXED_NOW)

    assert [(f.name, f.dates_text()) for f in service.freezes()] == [("Year end", "2026-12-20 → 2027-01-04")]
    board = service.releases()
    windowed = [r for r in board if r.window]
    assert windowed and all(r.phase.index >= Phase.TESTING.index for r in windowed)
    today = FIXED_NOW.date()
    slipped = [r for r in board for m in service.detail(r.id).milestones if m.phase is r.phase and m.planned < today]
    assert 0 < len(slipped) < len(board) / 4, "a few milestones slipped, not most"
    span = service.calendar(date(2026, 11, 23), date(2027, 1, 10))
    assert span.freezes and len(span.entries) > 10
