"""`B` on a Deploying release: the roll-back dialog lists the rehearsed steps it will mark executed."""

from __future__ import annotations

from relmgr_tui.domain.model import ReleaseState, StepStatus
from relmgr_tui.ui.screens.board import BoardScreen
from relmgr_tui.ui.screens.transition import TransitionModal
from tests.ui.helpers import make_app, screen_text, wait_for
from tests.ui.test_board import focus_release

SIZE = (120, 36)


async def test_roll_back_lists_the_rehearsed_steps_and_marks_them_executed(db_path, clock):
    app = make_app(db_path, clock)
    deploying = app.service.release("2.2.0")
    with app.service.unrecorded():
        app.service.add_step(deploying.id, "Page the on-call DBA")  # pending: not listed, not executed
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen) and app.service_ready)
        await app.workers.wait_for_complete()
        await focus_release(pilot, "2.2.0")
        await pilot.press("B")
        await wait_for(pilot, lambda: isinstance(app.screen, TransitionModal))
        text = screen_text(app)
        assert "Mark rolled back 2.2.0" in text
        assert "Marks 1 rehearsed rollback step executed:" in text
        assert "1. Redeploy the previous build" in text
        assert "Page the on-call DBA" not in text
        await pilot.press(*"checkout errors", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, BoardScreen))
        await app.writes_settled()
        detail = app.service.detail(deploying.id)
        assert detail.release.state is ReleaseState.ROLLED_BACK
        assert {s.action: s.status for s in detail.steps} == {
            "Redeploy the previous build": StepStatus.EXECUTED, "Page the on-call DBA": StepStatus.PENDING}
