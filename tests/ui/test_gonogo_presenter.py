"""Presenter mode: the review can be shown, never changed."""

from __future__ import annotations

from relmgr_tui import paths
from relmgr_tui.domain.model import Phase
from relmgr_tui.ui.screens.gonogo import GoNoGoScreen
from tests.ui.gonogo_data import review_app
from tests.ui.helpers import screen_text

SIZE = (120, 36)


def state(app, release_id: int):
    """What a write would change: the release with its items and decisions, and the audit log."""
    return app.service.detail(release_id), app.service.activity(release_id)


async def test_read_only_review_refuses_every_write_key(db_path, clock, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app, release_id = review_app(db_path, clock, read_only=True)
    before = state(app, release_id)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("g")  # reading is fine
        assert isinstance(app.screen, GoNoGoScreen)
        assert "READ-ONLY: presenter mode" in screen_text(app)
        footer = screen_text(app).splitlines()[-1]
        assert "Tick" not in footer and "Note" not in footer and "Decide" not in footer, "write keys hidden"
        for key in ("space", "n", "v"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, GoNoGoScreen), key  # no form opened
        app.clear_notifications()
        await pilot.press("m")  # minutes: to the clipboard only, no file anywhere
        await pilot.pause()
        assert app.clipboard.startswith("# Go/no-go minutes: 2.4.0")
        assert "Read-only: no file written. The minutes are on the clipboard." in screen_text(app)
    assert state(app, release_id) == before
    assert not paths.data_dir().exists(), "not even the minutes folder is created"
    assert not list(tmp_path.rglob("minutes-*")), "nothing written in the current folder either"


async def test_presenter_mode_from_the_palette(db_path, clock):
    app, release_id = review_app(db_path, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.press(*"presenter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.service.read_only
        assert "READ-ONLY" in screen_text(app)
        app.open_review(release_id)
        await pilot.pause()
        await pilot.press("j", "space")
        assert not app.service.detail(release_id).items_in(Phase.PREPARING)[1].done


async def test_go_no_go_review_from_the_palette(db_path, clock):
    app, release_id = review_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.press(*"go/no")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GoNoGoScreen) and app.screen.release_id == release_id


def test_a_review_checklist_entry_shows_the_evidence_literally() -> None:
    from relmgr_tui.domain.model import ChecklistItem
    from relmgr_tui.ui.widgets.review_sections import checklist_entry

    item = ChecklistItem(1, 1, Phase.PREPARING, 1, "Run the suite", done=True, done_by="bo",
                         evidence_url="https://ci.example.com/runs/5", evidence_note="[red]5 passed[/red]")
    shown = checklist_entry(item).prompt.plain
    assert "evidence: https://ci.example.com/runs/5 - [red]5 passed[/red]" in shown
