"""The checklist pane through the keyboard: what the screen shows and what the database then holds."""

from __future__ import annotations

import pytest

from relmgr_tui.domain.model import Phase
from relmgr_tui.ui.screens import form_base
from relmgr_tui.ui.screens.confirm import ConfirmModal
from relmgr_tui.ui.screens.item_form import ItemFormModal
from relmgr_tui.ui.screens.prompt import PromptModal
from relmgr_tui.ui.widgets.checklist_view import ChecklistView
from relmgr_tui.ui.widgets.gate_summary import GateSummary
from tests.ui.helpers import screen_text, tick_phase
from tests.ui.workspace_seed import detail_text, open_workspace, settle, workspace_app

SIZE = (120, 36)


@pytest.fixture
def seeded(db_path, clock):
    return workspace_app(db_path, clock)


def planning(app, release_id):
    return app.service.detail(release_id).items_in(Phase.PLANNING)


def gate_lines(screen) -> list[str]:
    return [text for text, _ in screen.query_one(GateSummary).lines]


async def test_space_ticks_and_unticks_with_who_and_when(seeded, clock):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workspace(pilot, release_id)
        await pilot.press("down", "down")  # item 3, not done
        assert screen.query_one(ChecklistView).current.text.startswith("Write the business case")
        await pilot.press("space")
        await settle(pilot)
        item = planning(app, release_id)[2]
        assert item.done and item.done_by == "alice" and item.done_at == clock.now
        assert "  3 ✓ Write the business case" in screen_text(app)
        await pilot.press("space")
        await settle(pilot)
        assert not planning(app, release_id)[2].done
        assert "  3 ✗ Write the business case" in screen_text(app)
        assert screen.query_one(ChecklistView).cursor == 2  # the cursor stays on the row


async def test_gate_report_follows_the_ticks(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workspace(pilot, release_id)
        assert gate_lines(screen)[0].startswith("✗ 4 blockers")
        await pilot.press("down", "down", "space")
        assert gate_lines(screen)[0].startswith("✗ 3 blockers")  # at once, before the background reload
        for _ in range(3):
            await pilot.press("down", "space")
        await settle(pilot)
        lines = gate_lines(screen)
        assert lines[0].startswith("✓ Ready to move from Planning")
        assert "✓ Ready to move from Planning" in screen_text(app)
        assert all(i.done for i in planning(app, release_id) if i.required)


async def test_a_adds_an_item_to_the_phase_shown_and_selects_it(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workspace(pilot, release_id)
        await pilot.press("a")
        assert isinstance(app.screen, ItemFormModal)
        await pilot.press(*"Sign the [b]DPA[/b]")
        await pilot.press("tab", "enter", "down", "enter")  # need: optional
        await pilot.press("tab", *"eve", "ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        added = planning(app, release_id)[-1]
        assert (added.text, added.required, added.owner) == ("Sign the [b]DPA[/b]", False, "eve")
        assert screen.query_one(ChecklistView).current.id == added.id
        assert "○ Sign the [b]DPA[/b]" in screen_text(app)


async def test_an_invalid_item_shows_the_problem_beside_the_field_and_keeps_the_typing(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        await open_workspace(pilot, release_id)
        count = len(planning(app, release_id))
        await pilot.press("a", "tab", "tab", *"eve", "ctrl+s")
        form = app.screen
        assert isinstance(form, ItemFormModal)
        assert "the item text is required" in screen_text(app)
        assert form.values()["owner"] == "eve"
        await pilot.press("escape")
        assert len(planning(app, release_id)) == count


async def test_e_edits_text_need_owner_and_note(seeded, monkeypatch):
    app, release_id = seeded
    monkeypatch.setattr(form_base, "edit_in_editor", lambda _app, text, suffix: text + "Signed on Friday.")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workspace(pilot, release_id)
        await pilot.press("down", "down", "e")
        assert isinstance(app.screen, ItemFormModal)
        await pilot.press("end", *" (v2)")
        await pilot.press("tab", "tab", "tab")  # need, owner, note
        await pilot.press("ctrl+e")  # the note in $EDITOR, even though the TextArea has focus
        await pilot.press("ctrl+s")
        await settle(pilot)
        item = planning(app, release_id)[2]
        assert item.text.endswith("(v2)")
        assert item.note == "Waiting for the finance sign-offSigned on Friday."
        assert "note: Waiting for the finance sign-offSigned on Friday." in detail_text(screen, "checklist")
        assert screen.query_one(ChecklistView).cursor == 2


async def test_d_removes_after_confirming_and_no_is_the_default(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        await open_workspace(pilot, release_id)
        before = [i.id for i in planning(app, release_id)]
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("enter")  # the default answer: No
        await settle(pilot)
        assert [i.id for i in planning(app, release_id)] == before
        await pilot.press("d", "y")
        await settle(pilot)
        assert [i.id for i in planning(app, release_id)] == before[1:]
        assert "Connect with stakeholders" not in screen_text(app)


async def test_shift_arrows_reorder_and_the_cursor_follows(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workspace(pilot, release_id)
        first, second = planning(app, release_id)[:2]
        await pilot.press("shift+down")
        assert screen.query_one(ChecklistView).current.id == first.id
        assert screen.query_one(ChecklistView).cursor == 1
        await settle(pilot)
        assert [i.id for i in planning(app, release_id)[:2]] == [second.id, first.id]
        await pilot.press("shift+up")
        await settle(pilot)
        assert [i.id for i in planning(app, release_id)[:2]] == [first.id, second.id]
        await pilot.press("shift+up")  # already first: nothing moves, nothing breaks
        await settle(pilot)
        assert [i.id for i in planning(app, release_id)[:2]] == [first.id, second.id]


async def test_o_sets_the_owner(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        await open_workspace(pilot, release_id)
        await pilot.press("down", "o")
        assert isinstance(app.screen, PromptModal)
        await pilot.press(*"fay", "enter")
        await settle(pilot)
        assert planning(app, release_id)[1].owner == "fay"
        assert "fay" in screen_text(app)


async def test_brackets_step_through_the_phases_with_their_progress(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workspace(pilot, release_id)
        assert "▸●Planning 2/7◂" in screen_text(app)
        await pilot.press("right_square_bracket")
        assert screen.viewing is Phase.BUILDING
        text = screen_text(app)
        assert "▸Building 0/" in text and "Planning 2/7" in text
        building = app.service.detail(release_id).items_in(Phase.BUILDING)
        assert building[0].text in text
        await pilot.press("space")  # a Building item waits for Building: refused, and nothing is ticked
        await settle(pilot)
        assert not app.service.detail(release_id).items_in(Phase.BUILDING)[0].done
        await pilot.press("left_square_bracket", "left_square_bracket")  # stops at Planning
        assert screen.viewing is Phase.PLANNING


async def test_v_ticks_with_evidence_shown_literally_and_a_bad_url_stays_in_the_dialog(seeded):
    from relmgr_tui.ui.screens.evidence import EvidenceModal

    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workspace(pilot, release_id)
        await pilot.press("down", "down", "v")  # item 3, not done
        assert isinstance(app.screen, EvidenceModal)
        await pilot.press(*"ftp://ci/1", "tab", *"[b]9 passed[/b]", "enter")
        await settle(pilot)
        assert isinstance(app.screen, EvidenceModal), "a refused URL keeps the dialog and what was typed"
        assert "✗ the evidence URL must be one http:// or https:// address" in screen_text(app)
        assert not planning(app, release_id)[2].done
        await pilot.press("shift+tab", *["backspace"] * 10, *"https://tok:s3cret@ci.example.com/1", "enter")
        await settle(pilot)
        item = planning(app, release_id)[2]
        assert (item.done, item.evidence_url, item.evidence_note) == (True, "https://ci.example.com/1",
                                                                      "[b]9 passed[/b]")
        assert "evidence: https://ci.example.com/1 - [b]9 passed[/b]" in detail_text(screen, "checklist")


async def test_after_a_phase_move_the_cursor_is_on_the_first_open_item_of_the_new_phase(seeded):
    app, release_id = seeded
    with app.service.unrecorded():
        tick_phase(app.service, release_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workspace(pilot, release_id)
        await pilot.press("end", "greater_than_sign")
        await settle(pilot)
        assert app.service.release_by_id(release_id).phase is Phase.BUILDING
        first = app.service.detail(release_id).items_in(Phase.BUILDING)[0]
        assert screen.query_one(ChecklistView).current.id == first.id
        assert screen.query_one(ChecklistView).cursor == 0
