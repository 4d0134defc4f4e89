"""The workspace as a whole: panes, palette, the way in and out, phase moves, activity, sizes, templates."""

from __future__ import annotations

from pathlib import Path

import pytest

from relmgr_tui import paths
from relmgr_tui.bootstrap import create_app
from relmgr_tui.domain import templates
from relmgr_tui.domain.model import Phase, ReleaseKind
from relmgr_tui.ui import change_poll
from relmgr_tui.ui.screens.board import BoardScreen
from relmgr_tui.ui.screens.gate import GateModal
from relmgr_tui.ui.screens.gate_report import GateReportModal
from relmgr_tui.ui.screens.release import ReleaseScreen
from relmgr_tui.ui.widgets.activity_log import ActivityLog
from relmgr_tui.ui.widgets.checklist_view import ChecklistView
from relmgr_tui.ui.widgets.risk_heatmap import RiskHeatmap
from relmgr_tui.ui.widgets.risk_table import RiskTable
from relmgr_tui.ui.widgets.rollback_list import RollbackList
from relmgr_tui.ui.widgets.scope_list import ScopeList
from tests.conftest import FixedClock
from tests.ui.helpers import screen_text, wait_for
from tests.ui.workspace_seed import open_workspace, settle, workspace_app

SIZE = (120, 36)


@pytest.fixture
def seeded(db_path, clock):
    return workspace_app(db_path, clock)


async def test_number_keys_and_tab_switch_panes_and_focus_their_list(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workspace(pilot, release_id)
        assert screen.query_one(ChecklistView).has_focus
        for key, pane, widget in (("2", "risks", RiskTable), ("3", "rollback", RollbackList),
                                  ("4", "activity", ActivityLog), ("5", "scope", ScopeList),
                                  ("1", "checklist", ChecklistView)):
            await pilot.press(key)
            assert screen.pane == pane
            assert screen.query_one(widget).has_focus
            assert f"▸{key} {pane.capitalize()}" in screen_text(app)
        await pilot.press("tab")
        assert screen.pane == "risks"
        await pilot.press("tab", "tab", "tab", "tab")
        assert screen.pane == "checklist"
        await pilot.press("shift+tab")
        assert screen.pane == "scope"


async def test_the_footer_shows_the_keys_of_the_pane_shown(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        await open_workspace(pilot, release_id)
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        for words in ("space Tick", "a Add", "e Edit", "d Remove", "⇧↑⇧↓ Move", "o Owner", "[] Phase"):
            assert words in footer
        await pilot.press("2")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "c Close risk" in footer and "m Heat map" in footer and "space Tick" not in footer
        await pilot.press("3")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "r Rehearse" in footer and "x Executed/failed" in footer and "c Close" not in footer


async def test_palette_commands_switch_panes_and_add(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workspace(pilot, release_id)
        await pilot.press("ctrl+p")
        await pilot.press(*"Rollback pane")
        await wait_for(pilot, lambda: "The rollback plan (3)" in screen_text(app))
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and screen.pane == "rollback"
        await pilot.press("ctrl+p", *"Add risk")
        await wait_for(pilot, lambda: "To the risk register" in screen_text(app))
        await pilot.press("enter")
        await pilot.pause()
        assert screen.pane == "risks"
        assert type(app.screen).__name__ == "RiskFormModal"


async def test_enter_opens_and_escape_returns_to_the_same_card(db_path, clock):
    app, _ = workspace_app(db_path, clock, board=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("j", "j")  # Planning: 2.3.7, 2.4.0, 2.5.0 by target date
        assert app.screen.current.release.version == "2.5.0"
        await pilot.press("enter")
        assert isinstance(app.screen, ReleaseScreen)
        assert "2.5.0  Card payments migration" in screen_text(app)
        await pilot.press("2", "escape")
        assert isinstance(app.screen, BoardScreen)
        assert app.screen.current.release.version == "2.5.0"


async def test_advance_is_refused_with_every_blocker_then_moves_and_back_returns(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workspace(pilot, release_id)
        await pilot.press("greater_than_sign")
        assert isinstance(app.screen, GateModal)
        text = screen_text(app)
        assert "4 blockers to clear first" in text
        assert "Build the work breakdown structure" in text
        await pilot.press("escape")
        assert app.service.detail(release_id).release.phase is Phase.PLANNING
        for _ in range(4):  # tick the four open required items with the keyboard
            await pilot.press("down", "down", "space") if _ == 0 else await pilot.press("down", "space")
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert app.service.detail(release_id).release.phase is Phase.BUILDING
        assert screen.viewing is Phase.BUILDING  # the checklist follows the release
        assert "● BUILDING" in screen_text(app)
        await pilot.press("less_than_sign")
        await settle(pilot)
        assert app.service.detail(release_id).release.phase is Phase.PLANNING
        assert "● PLANNING" in screen_text(app)


async def test_b_lists_every_blocker(seeded):
    app, release_id = seeded
    service = app.service
    for n in range(12):
        service.add_item(release_id, Phase.PLANNING, f"Extra check {n}")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_workspace(pilot, release_id)
        summary = next(line for line in screen_text(app).splitlines() if "blockers before" in line)
        blockers = int(summary.split("✗ ")[1].split(" blockers")[0])
        hidden = next(line for line in screen_text(app).splitlines() if "press b to list them all" in line)
        shown = sum(line.lstrip().startswith("✗ Required") for line in screen_text(app).splitlines())
        assert f"… {blockers - shown} more blockers" in hidden, (summary, hidden)  # never more than there are
        await pilot.press("b")
        assert isinstance(app.screen, GateReportModal)
        text = str(app.screen.query_one(".gate-lines.-blocker").content)
        assert "Extra check 0" in text and "Extra check 11" in text
        await pilot.press("escape")
        assert isinstance(app.screen, ReleaseScreen)


async def test_activity_is_newest_first_and_follows_changes(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workspace(pilot, release_id)
        await pilot.press("down", "down", "space", "4")
        await settle(pilot)
        rows = screen.query_one(ActivityLog).rows
        assert rows[0].action == "item.tick"
        assert rows[-1].action == "release.create"
        text = screen_text(app)
        assert text.index("ticked") < text.index("created")
        assert "2026-11-26 09:30 alice" in text
        await pilot.press("1", "space", "4")
        await settle(pilot)
        assert screen.query_one(ActivityLog).rows[0].action == "item.untick"


async def test_at_80x24_the_heat_map_moves_under_the_table(seeded):
    app, release_id = seeded
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_workspace(pilot, release_id)
        await pilot.press("2")
        table, heatmap = screen.query_one(RiskTable), screen.query_one(RiskHeatmap)
        assert screen.has_class("-narrow")
        assert heatmap.region.y >= table.region.bottom
        assert table.region.height >= 4  # the header and at least three risks
        assert "[red]Identity provi" in screen_text(app)


async def test_at_120x36_the_heat_map_is_beside_the_table(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_workspace(pilot, release_id)
        await pilot.press("2")
        table, heatmap = screen.query_one(RiskTable), screen.query_one(RiskHeatmap)
        assert screen.has_class("-wide")
        assert heatmap.region.x >= table.region.right


async def test_read_only_mode_refuses_changes(db_path, clock):
    app, release_id = workspace_app(db_path, clock)
    app.service.close()
    reader = create_app(str(db_path), clock=clock, who="bo", read_only=True)
    async with reader.run_test(size=SIZE) as pilot:
        await open_workspace(pilot, release_id)
        await pilot.press("down", "down", "space", "a")
        await pilot.pause()
        assert isinstance(reader.screen, ReleaseScreen)
        assert not reader.service.detail(release_id).items_in(Phase.PLANNING)[2].done
        footer = screen_text(reader).splitlines()[-1]
        assert "Tick" not in footer and "Add" not in footer, "the keys that would write are not offered"


async def test_a_change_in_another_terminal_shows_up(seeded, db_path, clock):
    app, release_id = seeded
    other = create_app(str(db_path), clock=clock, who="bo").service
    async with app.run_test(size=SIZE) as pilot:
        await open_workspace(pilot, release_id)
        item = other.detail(release_id).items_in(Phase.PLANNING)[3]
        other.set_done(item.id, True)
        app.check_for_changes()
        await settle(pilot)
        assert "  4 ✓ Build the work breakdown structure" in screen_text(app)
        assert "bo" in screen_text(app)


async def test_a_stale_tick_says_so_and_shows_the_new_state(seeded, db_path, clock, monkeypatch):
    monkeypatch.setattr(change_poll, "WATCH_SECONDS", 3600)  # no refresh between the two writes
    app, release_id = seeded
    other = create_app(str(db_path), clock=clock, who="bo").service
    async with app.run_test(size=SIZE) as pilot:
        await open_workspace(pilot, release_id)
        item = other.detail(release_id).items_in(Phase.PLANNING)[2]
        other.edit_item(item.id, item.row_version, text="Business case, rewritten by bo")
        await pilot.press("down", "down", "space")
        await settle(pilot)
        assert not other.detail(release_id).items_in(Phase.PLANNING)[2].done  # nothing overwritten
        assert any("another terminal" in n for n in app.notified)
        assert "Business case, rewritten by bo" in screen_text(app)


def test_emergency_releases_get_the_expedited_checklist(service):
    release = service.create_release("2.5.1", "Hotfix", ReleaseKind.EMERGENCY)
    expected = templates.builtin().for_kind(ReleaseKind.EMERGENCY)
    detail = service.detail(release.id)
    for phase, items in expected.items():
        assert [i.text for i in detail.items_in(phase)] == [t.text for t in items]


async def test_a_malformed_user_template_falls_back_with_a_message_naming_file_and_line(tmp_path: Path):
    broken = paths.templates_file()
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_text('[standard]\nplanning = [\n  { text = "Kickoff" },\n  { text = "Scope" \n]\n', encoding="utf-8")
    app = create_app(str(tmp_path / "t.db"), clock=FixedClock(), who="alice")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        messages = list(app.notified)
        assert any(str(broken) in m and "line" in m and "built-in templates" in m for m in messages), messages
        await pilot.press("n", *"9.9.9", "ctrl+s")
        await app.writes_settled()  # a loaded machine may still be opening the service: wait for the write
        await pilot.pause()
    detail = app.service.detail_by_version("9.9.9")
    builtin = templates.builtin().for_kind(ReleaseKind.MINOR)
    for phase, items in builtin.items():
        assert [i.text for i in detail.items_in(phase)] == [t.text for t in items]


async def test_a_good_user_template_is_used(tmp_path: Path):
    own = paths.templates_file()
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text('[standard]\nplanning = ["Our own kickoff", { text = "Our scope", required = false }]\n',
                   encoding="utf-8")
    app = create_app(str(tmp_path / "t.db"), clock=FixedClock(), who="alice")
    release_id = app.service.create_release("3.0.0", "Own process").id
    async with app.run_test(size=SIZE) as pilot:
        await open_workspace(pilot, release_id)
        text = screen_text(app)
        assert "Our own kickoff" in text and "optional" in text
