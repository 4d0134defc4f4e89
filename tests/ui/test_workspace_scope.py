"""The scope pane (5): the release's items by key with their status in words, and its keys: add, set the
status, defer every unfinished item to another release, and the release notes, shown and copied."""

from __future__ import annotations

import pytest

from relmgr_tui.domain.model import ScopeStatus
from relmgr_tui.ui.screens.notes_view import NotesModal
from relmgr_tui.ui.screens.outcome import OutcomeModal
from relmgr_tui.ui.screens.scope_form import ScopeFormModal
from relmgr_tui.ui.widgets.scope_list import ScopeList
from tests.ui.helpers import screen_text
from tests.ui.workspace_seed import open_workspace, settle, workspace_app

SIZE = (120, 36)


def seed_scope(service, release_id: int) -> None:
    service.add_scope_item(release_id, "PAY-12", "Card declined on retry", type="bug", severity="critical",
                           url="https://jira.example.com/browse/PAY-12")
    service.add_scope_item(release_id, "PAY-7", "Refunds in *one* click", status="done",
                           url="https://jira.example.com/browse/PAY-7")
    service.add_scope_item(release_id, "PAY-9", "Statements as PDF", status="in progress")
    service.add_scope_item(release_id, "OPS-3", "Rotate the [b]keys[/b]", type="chore", status="deferred")
    service.create_release("2.6.0", "Next payments release", "minor")


@pytest.fixture
def seeded(db_path, clock):
    app, release_id = workspace_app(db_path, clock)
    with app.service.unrecorded():
        seed_scope(app.service, release_id)
    return app, release_id


def scope(app, release_id):
    return {item.key: item for item in app.service.detail(release_id).scope}


async def open_scope(pilot, release_id):
    screen = await open_workspace(pilot, release_id)
    await pilot.press("5")
    assert screen.pane == "scope"
    return screen


async def test_5_and_tab_reach_the_scope_pane_which_says_each_status_in_words(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workspace(pilot, release_id)
        await pilot.press("4", "tab")
        assert screen.pane == "scope" and screen.query_one(ScopeList).has_focus
        text = screen_text(app)
        assert "Scope · 1 done, 2 unfinished of 4 · ✗ 1 open bug blocks Deploying" in text
        for shown in ("○ open", "◐ in progress", "✓ done", "→ deferred", "✗ critical", "Rotate the [b]keys[/b]"):
            assert shown in text
        await pilot.press("tab")
        assert screen.pane == "checklist", "tab goes round: 5 is the last pane"


async def test_a_adds_an_item_and_s_sets_its_status(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_scope(pilot, release_id)
        await pilot.press("a")
        assert isinstance(app.screen, ScopeFormModal)
        await pilot.press(*"pay-20", "tab", *"Fees on statements", "ctrl+s")
        await settle(pilot)
        added = scope(app, release_id)["PAY-20"]
        assert (added.title, added.status) == ("Fees on statements", ScopeStatus.OPEN)
        assert screen.query_one(ScopeList).current.id == added.id
        await pilot.press("s")
        assert isinstance(app.screen, OutcomeModal)
        await pilot.press("down", "enter")  # open is the status now: in progress, done, deferred are offered
        await settle(pilot)
        assert scope(app, release_id)["PAY-20"].status is ScopeStatus.DONE


async def test_shift_d_defers_every_unfinished_item_to_the_release_chosen(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        await open_scope(pilot, release_id)
        await pilot.press("D")
        assert isinstance(app.screen, OutcomeModal)
        assert "Defer 2 unfinished items to" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert sorted(scope(app, release_id)) == ["OPS-3", "PAY-7"]
        target = app.service.release("2.6.0")
        assert sorted(item.key for item in app.service.detail(target.id).scope) == ["PAY-12", "PAY-9"]
        assert "Scope · 1 done, 0 unfinished of 2" in screen_text(app)


async def test_n_shows_the_release_notes_and_copies_them(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        await open_scope(pilot, release_id)
        await pilot.press("n")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, NotesModal)
        assert app.clipboard.startswith("# Release notes 2.5.0: Card payments migration\n")
        assert "- [PAY-7](<https://jira.example.com/browse/PAY-7>): Refunds in \\*one\\* click" in app.clipboard
        assert "- [PAY-12](<https://jira.example.com/browse/PAY-12>): Card declined on retry (critical)" in app.clipboard
        assert "): Refunds in \\*one\\*" in screen_text(app), "shown as copied: the Markdown, escaped"


def test_scope_pane_snapshot(snap_compare, db_path, clock):
    app, release_id = workspace_app(db_path, clock)
    with app.service.unrecorded():
        seed_scope(app.service, release_id)

    async def run_before(pilot) -> None:
        await open_workspace(pilot, release_id)
        await pilot.press("5")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
