"""The Activity pane (4): events in words, what is new comes into view at the top unless the user reads
further down (then the title counts it), and `enter` shows one event whole."""

from __future__ import annotations

from relmgr_tui.domain.model import Phase
from relmgr_tui.ui.screens.event_view import EventModal
from relmgr_tui.ui.widgets.activity_log import ActivityLog
from tests.ui.helpers import screen_text
from tests.ui.workspace_seed import open_workspace, settle, workspace_app

SIZE = (120, 36)
SUMMARY = ("Move card payments to the new processor, then retire the old gateway once the ledger totals agree"
           " for a week.\nSee [bold]runbook[/bold] section 4.")


def items(app, release_id: int):
    return app.service.detail(release_id).items_in(Phase.PLANNING)


async def test_new_events_come_into_view_at_the_top_in_words(db_path, clock):
    app, release_id = workspace_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workspace(pilot, release_id)
        await pilot.press("4", "1", "down", "down", "space", "4")
        await settle(pilot)
        log = screen.query_one(ActivityLog)
        assert log.cursor == 0 and log.current.action == "item.tick", "the newest, in view"
        text = screen_text(app)
        assert "ticked" in text and "item.tick" not in text
        assert "created" in text and "release.create" not in text


async def test_new_events_below_the_top_are_counted_in_the_title_until_the_top_is_reached(db_path, clock):
    app, release_id = workspace_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workspace(pilot, release_id)
        await pilot.press("4", "down", "down")
        log = screen.query_one(ActivityLog)
        reading = log.current
        for item in items(app, release_id)[3:6]:
            app.service.set_done(item.id, True)
        screen.reload_now()
        await pilot.pause()
        assert log.current == reading, "the row being read stays under the cursor"
        assert "3 new ↑" in screen_text(app)
        await pilot.press("home")
        await pilot.pause()
        assert "new ↑" not in screen_text(app)


async def test_enter_shows_one_event_whole_with_markup_as_typed(db_path, clock):
    app, release_id = workspace_app(db_path, clock)
    release = app.service.release_by_id(release_id)
    app.service.edit_release(release_id, release.row_version, summary=SUMMARY)
    async with app.run_test(size=SIZE) as pilot:
        await open_workspace(pilot, release_id)
        await pilot.press("4", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EventModal)
        shown = str(app.screen.query_one("#event-text Static").render())
        assert "alice · edited · action release.edit" in shown
        assert "Before:\nsummary: Move card payments to the new processor." in shown
        assert f"After:\nsummary: {SUMMARY}" in shown, "the whole value, its line break and [bold] as typed"
        await pilot.press("escape")
        assert not isinstance(app.screen, EventModal)


async def test_at_80_columns_every_event_still_says_who(db_path, clock):
    """An audit log without who is no audit log: the narrow table drops nothing an auditor asks first."""
    app, release_id = workspace_app(db_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_workspace(pilot, release_id)
        await pilot.press("4")
        await settle(pilot)
        log = screen.query_one(ActivityLog)
        header = next(line for line in screen_text(app).splitlines() if "When" in line and "What" in line)
        assert "Who" in header
        row = screen_text(app).splitlines()[screen_text(app).splitlines().index(header) + 1]
        assert log.current.who[:6] in row
