"""The board through the keyboard: what the screen shows after keys, and what the database then holds."""

from __future__ import annotations

import re

from pathlib import Path

import pytest

from relmgr_tui.domain.model import Phase, ReleaseState
from relmgr_tui.ui.screens.archive import ArchiveScreen
from relmgr_tui.ui.screens.board import BoardScreen
from relmgr_tui.ui.screens.confirm import ConfirmModal
from relmgr_tui.ui.screens.gate import GateModal
from relmgr_tui.ui.screens.help import HelpScreen
from relmgr_tui.ui.screens.release import ReleaseScreen
from relmgr_tui.ui.screens.release_form import ReleaseFormModal
from relmgr_tui.ui.widgets.phase_column import PhaseColumn
from tests.ui.helpers import TODAY, make_app, screen_text, tick_phase, wait_for

SIZE = (120, 36)


def column(app, phase: Phase) -> PhaseColumn:
    return app.screen.query_one(f"#column-{phase.value}", PhaseColumn)


def current_version(app) -> str | None:
    card = app.screen.current
    return card.release.version if card else None


async def focus_release(pilot, version: str) -> None:
    """Move the board cursor to `version` with keys only (columns left to right, cards top down)."""
    app = pilot.app
    for _ in range(5):
        col = app.screen.current_column
        versions = [c.release.version for c in col.cards]
        if version in versions:
            await pilot.press("home")
            for _ in range(versions.index(version)):
                await pilot.press("j")
            assert current_version(app) == version
            return
        await pilot.press("l")
    raise AssertionError(f"{version} is not on the board")


@pytest.fixture
def app(db_path: Path, clock):
    return make_app(db_path, clock)


async def test_columns_are_titled_with_phase_and_count(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        for title in ("Planning 2", "Building 1", "Testing 1", "Preparing 1", "Deploying 1"):
            assert title in text
        assert "6 active releases" in text


async def test_cards_show_literal_markup_and_due_words(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Fix [bold red]urgen" in text  # markup shown as typed, not as bold red
        assert "LATE 3d" in text  # overdue is a word, not only a colour
        assert "EMERGENCY" in text
        assert "risk:C" in text  # likelihood 4 x impact 5 = 20, critical


async def test_arrows_and_vim_keys_move_between_cards_and_columns(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert current_version(app) == "2.3.7"  # the earliest target date comes first
        await pilot.press("down")
        assert current_version(app) == "2.4.0"
        await pilot.press("k")
        assert current_version(app) == "2.3.7"
        await pilot.press("end")
        assert current_version(app) == "2.4.0"
        await pilot.press("home")
        assert current_version(app) == "2.3.7"
        await pilot.press("right")
        assert current_version(app) == "1.9.2"
        await pilot.press("l", "l")
        assert current_version(app) == "2.3.8"
        await pilot.press("h")
        assert current_version(app) == "3.0.0"
        await pilot.press("left", "left")
        assert current_version(app) == "2.3.7"
        assert "2.3.7 ·" in screen_text(app)  # the status line follows the cursor


async def test_enter_opens_the_release_and_escape_returns_to_the_same_card(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await focus_release(pilot, "3.0.0")
        await pilot.press("enter")
        assert isinstance(app.screen, ReleaseScreen)
        assert "New onboarding flow" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)
        assert current_version(app) == "3.0.0"


async def test_new_release_is_saved_with_template_checklists(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        assert isinstance(app.screen, ReleaseFormModal)
        await pilot.press(*"5.0.0", "tab", *"Quarterly platform")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        detail = app.service.detail_by_version("5.0.0")
        assert detail.release.title == "Quarterly platform"
        assert len(detail.items_in(Phase.PLANNING)) == 6
        assert current_version(app) == "5.0.0"  # the new card has the focus
        assert "Planning 3" in screen_text(app)


async def test_form_rejects_a_bad_date_beside_the_field_and_keeps_what_was_typed(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n", *"5.1.0")
        form = app.screen
        form.query_one("#target_date").value = "2026-13-40"
        await pilot.pause()
        assert "not a date: use YYYY-MM-DD" in screen_text(app)  # checked as typed
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReleaseFormModal)
        assert form.query_one("#version").value == "5.1.0"
        assert [r.version for r in app.service.releases()].count("5.1.0") == 0


async def test_form_refuses_a_duplicate_version(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n", *"2.4.0", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReleaseFormModal)
        assert "version '2.4.0' is taken by 2.4.0" in screen_text(app)
        await pilot.press("escape", "y")  # what was typed is thrown away only after a yes
        assert isinstance(app.screen, BoardScreen)
        assert len(app.service.releases()) == 6


async def test_edit_changes_the_release_in_the_database(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await focus_release(pilot, "2.4.0")
        await pilot.press("e")
        form = app.screen
        form.query_one("#title").value = "Payments overhaul (phase 1)"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.service.release("2.4.0").title == "Payments overhaul (phase 1)"
        assert "Payments overhaul (p…" in screen_text(app)
        assert current_version(app) == "2.4.0"


async def test_delete_asks_and_no_is_the_default(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await focus_release(pilot, "2.4.0")
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("enter")  # the focused button is No
        await pilot.pause()
        assert app.service.release("2.4.0")
        await pilot.press("d", "y")
        await pilot.pause()
        assert "2.4.0" not in [r.version for r in app.service.releases()]
        assert "Planning 1" in screen_text(app)


async def test_blocked_advance_lists_every_blocker_and_keeps_the_phase(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await focus_release(pilot, "2.4.0")
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert isinstance(app.screen, GateModal)
        text = screen_text(app)
        assert "6 blockers to clear first" in text
        assert text.count("✗ Required Planning item not done") == 6
        assert "Waterfall release: the gate is enforced" in text
        await pilot.press("escape")
        assert app.service.release("2.4.0").phase is Phase.PLANNING


async def test_agile_override_needs_a_reason_and_logs_it(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await focus_release(pilot, "2.3.7")
        await pilot.press("greater_than_sign")
        await pilot.pause()
        await pilot.press("ctrl+s")  # no reason yet
        assert "A reason is required" in screen_text(app)
        await pilot.press(*"Sponsor accepted the risk", "ctrl+s")
        await pilot.pause()
        release = app.service.release("2.3.7")
        assert release.phase is Phase.BUILDING
        event = app.service.activity(release.id)[0]
        assert event.action == "release.override"
        assert event.reason.startswith("Sponsor accepted the risk")
        assert current_version(app) == "2.3.7"  # the card kept the focus in its new column
        assert app.screen.current_column.phase is Phase.BUILDING


async def test_open_gate_moves_the_card_and_back_returns_it(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await focus_release(pilot, "1.9.2")
        release = app.service.release("1.9.2")
        for item in app.service.detail(release.id).items_in(Phase.BUILDING):
            app.service.set_done(item.id, True)
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert app.service.release("1.9.2").phase is Phase.TESTING
        assert "Testing 2" in screen_text(app)
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert app.service.release("1.9.2").phase is Phase.BUILDING
        assert current_version(app) == "1.9.2"


async def test_filter_narrows_columns_and_counts_and_escape_clears(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"ana")
        await pilot.pause()
        text = screen_text(app)
        assert "2 of 6 releases match" in text
        assert "Planning 1/2" in text and "Building 1" in text and "Testing 0/1" in text
        assert [c.release.version for c in column(app, Phase.PLANNING).cards] == ["2.4.0"]
        assert "2.4.0 · " in text and "2.3.7 · " not in text, "the status line speaks of a card still shown"
        await pilot.press("enter")  # back to the cards, the filter stays
        assert current_version(app) == "2.4.0"
        await pilot.press("escape")
        await pilot.pause()
        assert "6 active releases" in screen_text(app)


async def test_archive_lists_released_releases_sorts_and_opens(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        release = app.service.release("2.2.0")
        for item in app.service.detail(release.id).items_in(Phase.DEPLOYING):
            app.service.set_done(item.id, True)
        await focus_release(pilot, "2.2.0")
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert app.service.release("2.2.0").state is ReleaseState.RELEASED
        assert "Deploying 0" in screen_text(app)
        await pilot.press("a")
        assert isinstance(app.screen, ArchiveScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Search relevance tuning" in screen_text(app)
        assert "released" in screen_text(app)
        await pilot.press("s")
        assert "sorted by Version" in screen_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, ReleaseScreen)
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, BoardScreen)


async def test_help_lists_the_keys(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "◀ Column" in text, "hidden bindings are in the help too"
        await pilot.press("end")  # the help scrolls by keys at any size
        assert "command palette" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


async def test_palette_opens_a_release_by_version(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"3.0.0")
        await wait_for(pilot, lambda: "Open release 3.0.0" in screen_text(app))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReleaseScreen)
        assert app.screen.release_id == app.service.release("3.0.0").id


async def test_empty_board_says_how_to_start(db_path, clock):
    app = make_app(db_path, clock, seed=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "no releases yet" in text
        assert "relmgr demo" in text


async def test_too_small_terminal_says_so(app):
    async with app.run_test(size=(59, 20)) as pilot:
        await pilot.pause()
        assert "Terminal too small: 59x20" in screen_text(app)


async def test_shrinking_below_60x20_says_so_and_growing_back_restores_the_board(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(70, 19)
        await wait_for(pilot, lambda: "Terminal too small: 70x19" in screen_text(app))
        await pilot.resize_terminal(84, 30)
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen))
        assert "Plan 2" in screen_text(app)


async def test_below_80_columns_the_board_shows_the_cursors_column_and_its_neighbours(app):
    def titles() -> list[str]:
        return re.findall(r"╭─ (\w+) ", screen_text(app).splitlines()[1])

    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert titles() == ["Plan", "Build", "Test"]
        await pilot.press("l", "l")
        await pilot.pause()
        assert titles() == ["Build", "Test", "Prep"] and app.screen.current_column.phase is Phase.TESTING
        await pilot.press("right", "right")
        await pilot.pause()
        assert titles() == ["Test", "Prep", "Deploy"]
        await pilot.press("h", "h")
        await pilot.pause()
        assert titles() == ["Build", "Test", "Prep"]  # the window follows the cursor back
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert titles() == ["Plan", "Build", "Test", "Prep", "Deploy"]


async def test_quit(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_theme_choice_is_remembered(app, isolated_user_dirs):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.theme = "nord"
        await pilot.pause()
    config = (isolated_user_dirs / "config" / "relmgr" / "config.toml").read_text()
    assert 'theme = "nord"' in config


async def test_a_move_between_long_columns_keeps_both_scrolled_right(db_path: Path, clock):
    """Thirty cards per column: more than fit. A move changes two columns' lengths without a layout pass."""
    from datetime import timedelta

    from tests.ui.helpers import TODAY

    app = make_app(db_path, clock, seed=False)
    for n in range(60):
        release = app.service.create_release(
            f"5.{n}.0", f"Long column release {n}", "minor", "agile", "ana", TODAY + timedelta(days=n), ""
        )
        if n % 2:
            app.service.advance(release.id, "seeding a long Building column")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l", "end")  # the last card of Building: 5.59.0, scrolled to the bottom
        assert current_version(app) == "5.59.0"
        await pilot.press("less_than_sign")
        await pilot.pause()

        assert app.service.release("5.59.0").phase is Phase.PLANNING
        text = screen_text(app)
        assert "Planning 31" in text and "Building 29" in text
        assert current_version(app) == "5.59.0" and "5.59.0" in text, "the moved card is focused and on screen"
        planning, building = column(app, Phase.PLANNING), column(app, Phase.BUILDING)
        height, visible = planning.card_height, planning.scrollable_content_region.height
        top = planning.cursor * height
        assert planning.scroll_y <= top and top + height - 1 <= planning.scroll_y + visible, "all of it in view"
        assert building.scroll_y <= 29 * height - visible, "the shorter column shows no blank past its last card"
        await pilot.press("l", "end")
        assert current_version(app) == "5.57.0" and "5.57.0" in screen_text(app)


async def test_a_long_archive_opens_sorts_and_reaches_its_last_row_by_keys(db_path: Path, clock):
    app = make_app(db_path, clock, seed=False)
    for n in range(300):
        release = app.service.create_release(f"1.{n}.0", f"Archived [b]{n}[/b]", "patch", "agile", "bo", None, "")
        app.service.transition(release.id, "cancel", "superseded")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "Archive · 300 releases · sorted by Closed" in text and "cancelled" in text
        assert "Archived [b]" in text, "titles show literally"

        await pilot.press("s")  # by version, A to Z
        await pilot.pause()
        versions = [line.replace("▌", " ").split()[0] for line in screen_text(app).splitlines() if "Archived [b]" in line]
        assert versions[:3] == ["1.0.0", "1.1.0", "1.2.0"], "1.10.0 comes after 1.9.0, not after 1.1.0"

        await pilot.press("end", "enter")
        assert isinstance(app.screen, ReleaseScreen) and "1.299.0" in screen_text(app)


async def test_palette_finds_a_release_by_a_piece_of_its_title_and_lists_only_matches(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"onboard")
        await wait_for(pilot, lambda: "Open release 3.0.0 — New onboarding flow" in screen_text(app))
        text = screen_text(app)
        assert "Open release 3.0.0 — New onboarding flow" in text
        assert "Open release 2.4.0" not in text and "Open release 1.9.2" not in text
        await pilot.press(*["backspace"] * 7, *"3.")
        await wait_for(pilot, lambda: all(f"Open release {v}" in screen_text(app) for v in ("2.3.7", "2.3.8")))
        hits = [line.split("Open release ")[1].split()[0] for line in screen_text(app).splitlines()
                if "Open release " in line]
        assert hits[0] == "3.0.0" and {"2.3.7", "2.3.8"} <= set(hits), "a version that starts so comes first"


async def test_keys_that_arrive_together_go_to_the_column_the_first_one_chose(app):
    """Over SSH `l` and `j` often arrive in one read: `j` must move the cursor in the new column."""
    from textual import events

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await focus_release(pilot, "2.3.7")  # Planning, second card
        await pilot.press("home")
        for key in ("l", "h", "l", "j"):  # queued before any of them is handled
            app.post_message(events.Key(key, key))
        await pilot.pause()
        assert app.screen.current_column.phase is Phase.BUILDING
        assert column(app, Phase.PLANNING).cursor == 0, "no key went to the column that was left"


async def test_two_column_keys_that_arrive_together_move_two_columns(app):
    """`l l` typed fast moves two columns, not one: the second `l` starts from where the first went."""
    from textual import events

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key in ("l", "l"):
            app.post_message(events.Key(key, key))
        await pilot.pause()
        assert app.screen.current_column.phase is Phase.TESTING
        assert app.focused is column(app, Phase.TESTING)


async def test_a_filter_typed_in_one_burst_keeps_every_letter(app):
    """`/` and the text typed right after it often arrive together: none of it may go to the board (where
    `a` would open the archive), and a `/` typed in the filter is part of the text."""
    from textual import events
    from textual.widgets import Input

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key, character in (("slash", "/"), ("a", "a"), ("n", "n"), ("a", "a")):
            app.post_message(events.Key(key, character))
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen), "no key opened anything"
        assert app.screen.query_one("#filter", Input).value == "ana"
        assert "2 of 6 releases match" in screen_text(app)
        assert "esc Clear filter" in screen_text(app), "the footer says how to leave the filter"
        await pilot.press("slash")
        assert app.screen.query_one("#filter", Input).value == "ana/"


async def test_the_palette_offers_only_the_transitions_allowed_and_a_refused_key_says_what_is(app):
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await focus_release(pilot, "3.0.0")
        await pilot.press("R")  # an active release cannot be resumed
        await pilot.pause()
        assert "allowed from here: hold, cancel" in screen_text(app)
        await pilot.press("ctrl+p", *"resume")
        await wait_for(pilot, lambda: "No matches found" in screen_text(app))
        assert "3.0.0 (R)" not in screen_text(app)
        await pilot.press(*["backspace"] * 6, *"hold")
        await wait_for(pilot, lambda: "3.0.0 (H)" in screen_text(app))
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"vendor review", "enter", "enter")
        await app.writes_settled()
        await pilot.pause()
        release = app.service.release("3.0.0")
        assert (release.state, release.state_reason) == (ReleaseState.ON_HOLD, "vendor review")
        await pilot.press("ctrl+p", *"resume")
        await wait_for(pilot, lambda: "3.0.0 (R)" in screen_text(app))


async def test_focus_starts_on_the_first_card_even_when_the_first_columns_are_empty(db_path: Path, clock):
    app = make_app(db_path, clock, seed=False)
    with app.service.unrecorded():
        release = app.service.create_release("4.1.0", "Only one", target_date=TODAY)
        for _ in range(3):
            tick_phase(app.service, release.id)
            app.service.advance(release.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.service.release("4.1.0").phase is Phase.PREPARING
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReleaseScreen) and app.screen.release_id == release.id


async def test_delete_asks_about_a_release_without_a_title_without_a_stray_space(db_path: Path, clock):
    app = make_app(db_path, clock, seed=False)
    with app.service.unrecorded():
        app.service.create_release("4.0.0")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "relmgr · 1 active release " in screen_text(app), "one release, not one releases"
        await pilot.press("d")
        assert str(app.screen.query_one("#confirm-question").render()) == "Delete release 4.0.0?"
