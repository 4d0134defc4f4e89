"""The post-release review screen: opened with `P` from the workspace (only for a released or rolled-back
release) and the archive; its texts, actions with status words, template proposal, and the keys that
write them, checked in the database."""

from __future__ import annotations

from pathlib import Path

import pytest

from relmgr_tui.ui.screens.post_review import PostReviewScreen
from relmgr_tui.ui.screens.release import ReleaseScreen
from relmgr_tui.ui.screens.review_forms import ActionFormModal, ProposalModal, ReviewFormModal
from tests.service.test_every_write_undoable import release_it
from tests.ui.helpers import make_app, screen_text, wait_for

SMALL = (80, 24)


def reviewed_app(db_path: Path, clock):
    """The board's releases, and 1.8.0 released with a review of three actions: one proposing a template
    item (due next week), one overdue, one closed."""
    app = make_app(db_path, clock, seed=False)
    service = app.service
    with service.unrecorded():
        service.create_release("2.0.0", "Still on the board")
        release_id = release_it(service, "1.8.0")
        review = service.create_review(release_id, "Calm deploy [bold]night[/]", "QA started late",
                                       "Test data was a month old")
        service.add_review_action(review.id, "Load test the payment API", "ana", "2026-12-04", "testing",
                                  "Load test the payment API")
        service.add_review_action(review.id, "Fix the runbook", "bo", "2026-11-20")
        closed = service.add_review_action(review.id, "Page the DBA earlier", "cy", "2026-11-21")
        service.set_review_action_done(closed.id, True)
    return app, release_id


async def open_review(pilot, release_id: int) -> PostReviewScreen:
    pilot.app.open_release(release_id)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ReleaseScreen) and pilot.app.screen.detail)
    await pilot.press("P")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, PostReviewScreen) and pilot.app.screen.release)
    await pilot.pause()
    return pilot.app.screen


async def test_the_review_shows_its_texts_and_actions_with_status_words(db_path, clock) -> None:
    app, release_id = reviewed_app(db_path, clock)
    async with app.run_test(size=SMALL) as pilot:
        await open_review(pilot, release_id)
        text = screen_text(app)
        assert "Post-release review · 1.8.0 Shipped (released)" in text
        assert "Calm deploy [bold]night[/]" in text, "database text shows as typed, not as markup"
        assert "Actions · 1 of 3 done, 1 overdue" in text
        assert "1. [due 2026-12-04] Load test the payment API (ana)" in text
        assert "2. [OVERDUE since 2026-11-20] Fix the runbook (bo)" in text
        assert "3. [done] Page the DBA earlier (cy)" in text
        assert "Proposes: add item 'Load test the payment API' to Testing" in text
        await pilot.press("t")
        assert isinstance(app.screen, ProposalModal)
        lines = screen_text(app)
        assert "[patch]" in lines and "testing = [" in lines
        assert '{ text = "Load test the payment API" },' in lines
        await pilot.press("escape", "j")
        assert "Proposes:" not in screen_text(app), "the proposal follows the action under the cursor"
        assert app.screen.check_action("proposal", ()) is False


async def test_keys_add_close_and_edit_and_the_database_holds_it(db_path, clock) -> None:
    app, release_id = reviewed_app(db_path, clock)
    async with app.run_test(size=SMALL) as pilot:
        await open_review(pilot, release_id)
        await pilot.press("j", "space")
        await app.writes_settled()
        await wait_for(pilot, lambda: "2. [done] Fix the runbook" in screen_text(app))
        await pilot.press("a")
        assert isinstance(app.screen, ActionFormModal)
        await pilot.press(*"Rotate keys", "tab", *"dee", "tab", *"2026-12-01", "ctrl+s")
        await app.writes_settled()
        await wait_for(pilot, lambda: "4. [due 2026-12-01] Rotate keys (dee)" in screen_text(app))
        await pilot.press("e")
        assert isinstance(app.screen, ReviewFormModal)
        await pilot.press("end", *" and calm", "ctrl+s")
        await app.writes_settled()
        await wait_for(pilot, lambda: "Calm deploy [bold]night[/] and calm" in screen_text(app))
    review = app.service.review(release_id)
    assert [(a.text, a.done) for a in review.actions] == [
        ("Load test the payment API", False), ("Fix the runbook", True), ("Page the DBA earlier", True),
        ("Rotate keys", False)]
    assert review.went_well == "Calm deploy [bold]night[/] and calm"


async def test_a_bad_due_date_stays_in_the_form_under_its_field(db_path, clock) -> None:
    app, release_id = reviewed_app(db_path, clock)
    async with app.run_test(size=SMALL) as pilot:
        await open_review(pilot, release_id)
        await pilot.press("a", *"Rotate keys", "tab", *"dee", "tab", *"01/12/2026", "ctrl+s")
        await app.writes_settled()
        await wait_for(pilot, lambda: "due date '01/12/2026' is not a date: use YYYY-MM-DD" in screen_text(app))
        assert isinstance(app.screen, ActionFormModal)
    assert len(app.service.review(release_id).actions) == 3


async def test_the_key_is_hidden_for_a_release_still_on_the_board(db_path, clock) -> None:
    app, _ = reviewed_app(db_path, clock)
    active = app.service.release("2.0.0")
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_release(active.id)
        await wait_for(pilot, lambda: isinstance(app.screen, ReleaseScreen) and app.screen.detail)
        assert app.screen.check_action("post_review", ()) is False
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, ReleaseScreen)


async def test_the_archive_opens_the_review_of_the_selected_release(db_path, clock) -> None:
    app, _ = reviewed_app(db_path, clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a")
        await wait_for(pilot, lambda: "1.8.0" in screen_text(app))
        await pilot.press("P")
        await wait_for(pilot, lambda: isinstance(app.screen, PostReviewScreen) and app.screen.review)
        assert "Fix the runbook" in screen_text(app)


@pytest.mark.parametrize("size", [SMALL, (120, 36)], ids=["80x24", "120x36"])
def test_the_review_screen(snap_compare, db_path, clock, size) -> None:
    app, release_id = reviewed_app(db_path, clock)

    async def run_before(pilot) -> None:
        await open_review(pilot, release_id)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
