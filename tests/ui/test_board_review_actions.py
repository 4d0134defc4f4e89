"""The board's title says how many post-release review actions are past their due date, in words."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from relmgr_tui.service import Service
from tests.service.test_every_write_undoable import release_it
from tests.ui.helpers import TODAY, make_app, screen_text, wait_for

SIZE = (120, 36)


def seed_review_actions(service: Service) -> list[int]:
    """A released release whose review has three actions past their due date, one due today and one
    overdue but closed; returns the overdue actions' ids."""
    service.create_release("2.0.0", "On the board")
    review = service.create_review(release_it(service, "1.8.0"), "Calm", "Slow QA", "Stale data")
    late = [service.add_review_action(review.id, f"Late action {n}", "ana", TODAY - timedelta(days=n)).id
            for n in (1, 2, 3)]
    service.add_review_action(review.id, "Due today", "bo", TODAY)
    closed = service.add_review_action(review.id, "Closed late", "cy", TODAY - timedelta(days=9))
    service.set_review_action_done(closed.id, True)
    return late


async def test_the_title_counts_open_actions_past_their_due_date(db_path: Path, clock) -> None:
    app = make_app(db_path, clock, seed=False)
    with app.service.unrecorded():
        late = seed_review_actions(app.service)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: "relmgr · 1 active release · 3 review actions due" in screen_text(app))
        app.service.set_review_action_done(late[0], True)
        app.service.set_review_action_done(late[1], True)
        app.screen.read_actions_due()
        await wait_for(pilot, lambda: "relmgr · 1 active release · 1 review action due" in screen_text(app))
        app.service.set_review_action_done(late[2], True)
        app.screen.read_actions_due()
        await wait_for(pilot, lambda: "review action" not in screen_text(app))


async def test_a_quick_start_says_them_once_the_service_has_opened(db_path: Path, clock) -> None:
    """The first frame's plain sqlite3 read leaves the count out; it arrives behind the first frame."""
    from relmgr_tui import bootstrap

    app = make_app(db_path, clock, seed=False)
    with app.service.unrecorded():
        seed_review_actions(app.service)
    app.service.close()
    quick = bootstrap.launch_app(str(db_path), clock=clock)
    assert quick.quick_start is not None, "the quick start's first frame"
    async with quick.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: "· 3 review actions due" in screen_text(quick), timeout=10)
