"""The release form beyond its fields: a target date in the past is said beside the field and still saved;
a kind change offers the new kind's checklists for the phases not yet reached."""

from __future__ import annotations

from pathlib import Path

import pytest

from relmgr_tui.domain.model import Phase
from relmgr_tui.ui.screens.board import BoardScreen
from relmgr_tui.ui.screens.confirm import ConfirmModal
from relmgr_tui.ui.screens.release_form import ReleaseFormModal
from tests.ui.helpers import make_app, screen_text, wait_for
from tests.ui.test_board import focus_release

SIZE = (120, 36)


@pytest.fixture
def app(db_path: Path, clock):
    return make_app(db_path, clock)


async def test_a_past_target_date_is_warned_about_beside_the_field_and_still_saved(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", *"5.1.0")
        app.screen.query_one("#target_date").value = "2026-11-20"
        await pilot.pause()
        assert "⚠ target date 2026-11-20 is in the past (6 days ago)" in screen_text(app)
        app.screen.query_one("#target_date").value = "2026-12-20"
        await pilot.pause()
        assert "in the past" not in screen_text(app)
        app.screen.query_one("#target_date").value = "2026-11-20"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen))
        assert app.service.release("5.1.0").target_date.isoformat() == "2026-11-20"


async def test_a_kind_change_offers_the_new_kinds_checklists_and_yes_applies_them(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await focus_release(pilot, "1.9.2")  # a minor release in Building
        await pilot.press("e")
        assert isinstance(app.screen, ReleaseFormModal)
        app.screen.query_one("#kind").value = "patch"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        assert "Apply the patch checklists to Testing, Preparing, Deploying?" in screen_text(app)
        assert "Ticked items and items you added are kept" in screen_text(app)

        await pilot.press("y")
        await app.writes_settled()
        await pilot.pause()

        detail = app.service.detail(app.service.release("1.9.2").id)
        assert [i.text for i in detail.items_in(Phase.DEPLOYING)] == [
            "Deploy to production", "Verify the release in the live environment", "Close the release tasks and tickets"]
        assert len(detail.items_in(Phase.BUILDING)) == 6, "the phase the release is in keeps its items"
        assert "Testing: 4 items removed, 2 added" in screen_text(app)


async def test_no_keeps_the_checklists_as_they_are(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await focus_release(pilot, "1.9.2")
        release_id = app.service.release("1.9.2").id
        before = app.service.detail(release_id).items
        await pilot.press("e")
        app.screen.query_one("#kind").value = "patch"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("n")
        await app.writes_settled()
        assert app.service.release("1.9.2").kind.value == "patch"
        assert app.service.detail(release_id).items == before
