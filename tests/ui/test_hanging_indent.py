"""At 80x24, text that wraps hangs under its own first letter, not under its mark or key (issue #19)."""

from __future__ import annotations

import re

from relmgr_tui.domain.model import Phase
from relmgr_tui.ui.screens.gate import GateModal
from relmgr_tui.ui.screens.gate_report import GateReportModal
from relmgr_tui.ui.screens.gonogo import GoNoGoScreen
from relmgr_tui.ui.screens.help import HelpScreen
from tests.ui.gonogo_data import review_app
from tests.ui.helpers import make_app, screen_text
from tests.ui.workspace_seed import open_workspace, settle, workspace_app

SIZE = (80, 24)
LONG_ITEM = "Confirm with every payment partner that the new processor's settlement files reconcile"


def hang(app, start: str) -> tuple[int, int]:
    """(column where `start` begins, column of the first letter on the line below it)."""
    lines = screen_text(app).splitlines()
    row = next(n for n, line in enumerate(lines) if start in line)
    letter = re.search(r"\w", lines[row + 1])
    assert letter, f"no continuation under {start!r}:\n{lines[row]}\n{lines[row + 1]}"
    return lines[row].index(start), letter.start()


async def test_a_long_key_description_in_the_help_wraps_under_the_description(db_path, clock):
    app = make_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("end")
        await pilot.pause()
        text_column, next_column = hang(app, "command palette: open a release")
        assert next_column == text_column


async def test_a_long_review_item_wraps_under_its_text_not_its_mark(db_path, clock):
    app, release_id = review_app(db_path, clock)
    first = app.service.detail(release_id).items_in(Phase.PREPARING)[0]
    app.service.edit_item(first.id, None, text=LONG_ITEM)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GoNoGoScreen)
        text_column, next_column = hang(app, "Confirm with every")
        assert "[✓] DONE  Confirm with every" in screen_text(app)
        assert next_column == text_column


async def test_a_long_blocker_in_the_gate_dialog_wraps_under_its_text(db_path, clock):
    app = make_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "greater_than_sign")  # 2.4.0, whose Planning items are all open
        await pilot.pause()
        assert isinstance(app.screen, GateModal)
        text_column, next_column = hang(app, "Required Planning item not done: Connect")
        assert next_column == text_column


async def test_a_long_blocker_in_the_gate_report_wraps_under_its_text(db_path, clock):
    app, release_id = workspace_app(db_path, clock)
    app.service.add_item(release_id, Phase.PLANNING, LONG_ITEM)
    async with app.run_test(size=SIZE) as pilot:
        await open_workspace(pilot, release_id)
        await settle(pilot)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, GateReportModal)
        text_column, next_column = hang(app, f"Required Planning item not done: {LONG_ITEM[:20]}")
        assert next_column == text_column
