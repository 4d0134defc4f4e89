"""Writes run in a thread, in order: a database locked by another writer never freezes the screen."""

from __future__ import annotations

import sqlite3

import pytest

from relmgr_tui.domain.model import Phase
from relmgr_tui.ui.widgets.checklist_view import ChecklistView
from relmgr_tui.ui.write_queue import WAITING
from tests.ui.helpers import screen_text, wait_for
from tests.ui.workspace_seed import open_workspace, workspace_app

SIZE = (120, 36)


def hold_write_lock(db_path) -> sqlite3.Connection:
    """Another writer: a second connection in the middle of a write transaction."""
    lock = sqlite3.connect(db_path, isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")
    return lock


def planning(app, release_id):
    return app.service.detail(release_id).items_in(Phase.PLANNING)


async def test_a_write_waiting_for_a_lock_says_so_keys_still_move_and_it_lands_once_freed(db_path, clock):
    app, release_id = workspace_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_workspace(pilot, release_id)
        checklist = app.screen.query_one(ChecklistView)
        was_done = planning(app, release_id)[0].done
        lock = hold_write_lock(db_path)
        try:
            await pilot.press("space")
            await wait_for(pilot, lambda: WAITING in screen_text(app))
            await pilot.press("down", "down")
            assert checklist.current.id == planning(app, release_id)[2].id  # the cursor moved meanwhile
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        await app.writes_settled()
        await pilot.pause()
        assert planning(app, release_id)[0].done is not was_done
        assert WAITING not in screen_text(app)


@pytest.mark.slow
async def test_a_lock_held_past_the_busy_timeout_names_the_problem_and_writes_nothing(db_path, clock):
    app, release_id = workspace_app(db_path, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_workspace(pilot, release_id)
        was_done = planning(app, release_id)[0].done
        lock = hold_write_lock(db_path)
        try:
            await pilot.press("space")
            await app.writes_settled()
            await pilot.pause()
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        assert "locked by another program that keeps writing: try again in a moment" in screen_text(app)
        assert planning(app, release_id)[0].done is was_done
        assert WAITING not in screen_text(app)


async def test_two_writes_queued_behind_a_held_lock_both_land_in_order(db_path, clock):
    app, release_id = workspace_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_workspace(pilot, release_id)
        release = app.service.detail(release_id).release
        landed: list[str] = []
        lock = hold_write_lock(db_path)
        try:
            app.write(lambda: app.service.edit_release(release.id, release.row_version, title="first"),
                      lambda saved: landed.append(saved.title), lambda exc: landed.append(f"failed: {exc}"))
            app.write(lambda: app.service.edit_release(release.id, release.row_version + 1, title="second"),
                      lambda saved: landed.append(saved.title), lambda exc: landed.append(f"failed: {exc}"))
            await wait_for(pilot, lambda: WAITING in screen_text(app))
            # A real while, on purpose: what is tested is that neither write lands as long as the lock is held.
            await pilot.pause(0.3)
            assert landed == []
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        await app.writes_settled()
        assert landed == ["first", "second"]
        assert app.service.detail(release_id).release.title == "second"


async def test_a_form_saved_while_another_writer_holds_the_database_stays_open_until_it_lands(db_path, clock):
    app, _release_id = workspace_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n", *"5.0.0", "tab", *"Quarterly platform")
        form = app.screen
        lock = hold_write_lock(db_path)
        try:
            await pilot.press("ctrl+s")
            await wait_for(pilot, lambda: WAITING in screen_text(app))
            assert app.screen is form and form.query_one("#version").value == "5.0.0"
        finally:
            lock.execute("ROLLBACK")
            lock.close()
        await app.writes_settled()
        await pilot.pause()
        assert app.screen is not form
        assert app.service.detail_by_version("5.0.0").release.title == "Quarterly platform"
