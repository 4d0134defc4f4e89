"""Milestones on screen: the workspace header says each planned against done, with the slip in days, and a
card whose current phase is past its milestone says so (SLIP 6d) at every board width."""

from __future__ import annotations

from datetime import date

import pytest

from relmgr_tui.ui.screens.release import ReleaseScreen
from tests.ui.helpers import make_app, screen_text, wait_for


def milestone_app(db_path, clock):
    """The clock stands on 26 November. 2.4.0 (Planning) planned to leave Planning on 20 November; 1.9.2 left
    Planning on 26 November, planned for the 24th, and plans to leave Building on 10 December."""
    app = make_app(db_path, clock)
    service = app.service
    with service.unrecorded():
        service.set_milestone(service.release("2.4.0").id, "planning", date(2026, 11, 20))
        reporting = service.release("1.9.2").id
        service.set_milestone(reporting, "planning", date(2026, 11, 24))
        service.set_milestone(reporting, "building", date(2026, 12, 10))
    return app


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
async def test_a_card_past_its_phase_milestone_says_slip(db_path, clock, size):
    app = milestone_app(db_path, clock)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: "2.4.0" in screen_text(app))
        text = screen_text(app)
        assert "SLIP 6d" in text or "!S6d" in text
        assert text.count("S6d") + text.count("SLIP") == 1  # 1.9.2 is on time in Building


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
async def test_the_workspace_header_says_planned_against_done_and_the_slip(db_path, clock, size):
    app = milestone_app(db_path, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.open_release(app.service.release("1.9.2").id)
        await wait_for(pilot, lambda: isinstance(app.screen, ReleaseScreen))
        await pilot.pause()
        line = next(line for line in screen_text(app).splitlines() if "Milestones" in line)
        assert "Building: planned 12-10, 14 days left" in line
        assert "Planning: planned 11-24, done 11-26, 2 days late" in line or "Planning 11-24 ✓11-26 +2d" in line
        assert len(line.rstrip()) <= size[0]
