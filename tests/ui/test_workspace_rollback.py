"""The rollback pane: the ordered plan, its total time, rehearsals, and the gate into Deploying reading it."""

from __future__ import annotations

import pytest

from relmgr_tui.domain.model import Phase, StepStatus
from relmgr_tui.ui.screens.confirm import ConfirmModal
from relmgr_tui.ui.screens.outcome import OutcomeModal
from relmgr_tui.ui.screens.step_form import StepFormModal
from relmgr_tui.ui.widgets.gate_summary import GateSummary
from relmgr_tui.ui.widgets.rollback_list import RollbackList
from tests.ui.helpers import screen_text, tick_phase
from tests.ui.workspace_seed import open_workspace, settle, workspace_app

SIZE = (120, 36)


@pytest.fixture
def seeded(db_path, clock):
    return workspace_app(db_path, clock)


def steps(app, release_id):
    return app.service.detail(release_id).steps


async def open_rollback(pilot, release_id):
    screen = await open_workspace(pilot, release_id)
    await pilot.press("3")
    assert screen.pane == "rollback"
    return screen


async def test_the_plan_shows_order_status_and_total_time(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        await open_rollback(pilot, release_id)
        text = screen_text(app)
        assert "3 steps · 37 min expected in total" in text
        assert "✗ 2 not rehearsed: they block Deploying" in text
        assert "○ pending" in text and "✓ rehearsed" in text
        assert "2026-11-26 09:30" in text  # when the rehearsed step was rehearsed, local time


async def test_a_adds_a_step_and_minutes_are_checked(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_rollback(pilot, release_id)
        await pilot.press("a")
        assert isinstance(app.screen, StepFormModal)
        await pilot.press(*"Flush the CDN", "tab", *"cdn purge --all", "tab", *"ops", "tab", "backspace", *"x")
        assert "expected minutes must be a whole number" in screen_text(app)
        await pilot.press("backspace", "3", "ctrl+s")
        await settle(pilot)
        added = steps(app, release_id)[-1]
        assert (added.action, added.command, added.owner, added.expected_minutes) == (
            "Flush the CDN", "cdn purge --all", "ops", 3)
        assert screen.query_one(RollbackList).current.id == added.id
        assert "4 steps · 40 min expected in total" in screen_text(app)


async def test_e_edits_a_step_and_a_changed_command_needs_a_new_rehearsal(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        await open_rollback(pilot, release_id)
        await pilot.press("down", "e")  # the rehearsed step
        assert isinstance(app.screen, StepFormModal)
        await pilot.press("tab", "end", *" --clean", "ctrl+s")
        await settle(pilot)
        step = steps(app, release_id)[1]
        assert step.command.endswith("--clean")
        assert step.status is StepStatus.PENDING
        assert "✗ 3 not rehearsed" in screen_text(app)


async def test_shift_arrows_reorder_the_plan(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_rollback(pilot, release_id)
        first, second, third = (s.id for s in steps(app, release_id))
        await pilot.press("shift+down")
        assert [s.id for s in screen.query_one(RollbackList).rows] == [second, first, third]  # shown at once
        await pilot.press("shift+down")
        await settle(pilot)
        assert [s.id for s in steps(app, release_id)] == [second, third, first]
        assert screen.query_one(RollbackList).current.id == first
        await pilot.press("shift+up")
        await settle(pilot)
        assert [s.id for s in steps(app, release_id)] == [second, first, third]


async def test_r_marks_a_step_rehearsed_with_the_time(seeded, clock):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        await open_rollback(pilot, release_id)
        clock.advance(hours=2)
        await pilot.press("r")
        await settle(pilot)
        step = steps(app, release_id)[0]
        assert step.status is StepStatus.REHEARSED and step.last_rehearsed_at == clock.now
        assert "2026-11-26 11:30" in screen_text(app)
        assert "✗ 1 not rehearsed" in screen_text(app)


async def test_x_records_executed_or_failed_in_a_real_rollback(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        await open_rollback(pilot, release_id)
        await pilot.press("x")
        assert isinstance(app.screen, OutcomeModal)
        await pilot.press("enter")  # executed
        await pilot.press("down", "x", "down", "enter")  # failed
        await settle(pilot)
        first, second, _ = steps(app, release_id)
        assert (first.status, second.status) == (StepStatus.EXECUTED, StepStatus.FAILED)
        text = screen_text(app)
        assert "✓ executed" in text and "✗ failed" in text
        actions = [e.action for e in app.service.activity(release_id)[:2]]
        assert actions == ["step.failed", "step.executed"]


async def test_d_removes_a_step_after_confirming(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        await open_rollback(pilot, release_id)
        await pilot.press("end", "d")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await settle(pilot)
        assert len(steps(app, release_id)) == 3
        await pilot.press("d", "y")
        await settle(pilot)
        assert [s.action for s in steps(app, release_id)] == [
            "Switch traffic back to the blue pool", "Restore the ledger snapshot"]


async def test_the_gate_into_deploying_follows_the_rehearsals(seeded):
    app, release_id = seeded
    service = app.service
    for risk in service.detail(release_id).risks:  # what blocks is the plan, not the register
        if risk.score >= 16:
            service.accept_risk(risk.id, "priya", "the sponsor takes it on")
    for _ in range(3):  # Planning -> Building -> Testing -> Preparing
        tick_phase(service, release_id)
        service.advance(release_id)
    tick_phase(service, release_id)
    assert service.detail(release_id).release.phase is Phase.PREPARING
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_rollback(pilot, release_id)
        blockers = [text for text, name in screen.query_one(GateSummary).lines if name == "blocker"]
        assert "  ✗ Rollback step not rehearsed: Switch traffic back to the blue pool" in blockers
        assert "  ✗ Rollback step not rehearsed: Announce the rollback in #release" in blockers
        await pilot.press("r")
        blockers = [text for text, name in screen.query_one(GateSummary).lines if name == "blocker"]
        assert not any("Switch traffic" in b for b in blockers)  # at once
        await pilot.press("end", "r")
        await settle(pilot)
        blockers = [text for text, name in screen.query_one(GateSummary).lines if name == "blocker"]
        assert not any("not rehearsed" in b for b in blockers)
        assert "✓ every step rehearsed" in screen_text(app)
        assert any("go/no-go" in b for b in blockers)  # what is left is the decision
