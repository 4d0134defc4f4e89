"""The state-change dialogs at 80x24: every field under a label that says what to type, and a bad "until"
date said beside its field with the dialog kept open and nothing typed lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from relmgr_tui.domain.model import ReleaseState
from relmgr_tui.ui.screens.board import BoardScreen
from relmgr_tui.ui.screens.transition import TransitionModal
from tests.ui.helpers import make_app, screen_text, wait_for


@pytest.fixture
def app(db_path: Path, clock):
    return make_app(db_path, clock)


async def test_hold_labels_its_fields_and_a_bad_until_date_keeps_the_dialog_open(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("H")  # on 2.3.7, the first card
        assert isinstance(app.screen, TransitionModal)
        text = screen_text(app)
        assert "Reason (required: shown on the card and kept in the audit log)" in text
        assert "Until (YYYY-MM-DD, optional: the hold shows OVERDUE after it)" in text

        await pilot.press(*"legal review", "enter", *"2026-13-01", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TransitionModal)
        assert "✗ until date '2026-13-01' is not a date: use YYYY-MM-DD" in screen_text(app)
        assert app.screen.query_one("#transition-reason").value == "legal review"
        assert app.service.release("2.3.7").state is ReleaseState.ACTIVE

        app.screen.query_one("#transition-until").value = "2026-12-10"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen))
        await app.writes_settled()
        held = app.service.release("2.3.7")
        assert (held.state, held.state_reason, str(held.hold_until)) == (ReleaseState.ON_HOLD, "legal review",
                                                                        "2026-12-10")


async def test_rolled_back_names_the_steps_it_marks_executed(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("l", "l", "l", "l", "B")  # 2.2.0, in Deploying, with one rehearsed step
        await wait_for(pilot, lambda: isinstance(app.screen, TransitionModal)
                       and "Rollback steps executed" in screen_text(app))  # opens once the steps are read
        text = screen_text(app)
        assert "Reason (required: shown on the card and kept in the audit log)" in text
        assert "Marks 1 rehearsed rollback step executed:" in text
