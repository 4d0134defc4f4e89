"""A release to open in the workspace, with a fixed clock: items ticked, risks, a rollback plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from relmgr_tui.bootstrap import create_app
from relmgr_tui.domain.model import Phase
from relmgr_tui.service import Service
from relmgr_tui.ui.app import RelmgrApp
from relmgr_tui.ui.screens.release import ReleaseScreen
from tests.conftest import FixedClock
from tests.ui import seeded
from tests.ui.helpers import make_app, seed_board

TARGET = date(2026, 12, 8)


def seed_workspace(service: Service) -> int:
    """Release 2.5.0 in Planning: two items ticked, four risks (one closed), three steps (one rehearsed)."""
    release = service.create_release("2.5.0", "Card payments migration", "major", "waterfall", "ana", TARGET,
                                      "Move card payments to the new processor.")
    items = service.detail(release.id).items_in(Phase.PLANNING)
    service.set_done(items[0].id, True)
    service.set_done(items[1].id, True)
    service.edit_item(items[2].id, None, owner="bo", note="Waiting for the finance sign-off")
    service.add_item(release.id, Phase.PLANNING, "Confirm the freeze window with ops", False, "cy")
    service.add_risk(release.id, "Card processor API change", 3, 4, owner="ana", mitigation="Pin the API version")
    service.add_risk(release.id, "[red]Identity provider outage[/]", 4, 5, owner="cy", response="transfer")
    service.add_risk(release.id, "Ledger rounding drift", 2, 2, owner="bo")
    staffing = service.add_risk(release.id, "Late QA staffing", 3, 3, owner="dee")
    service.close_risk(staffing.id, "mitigated", note="Two contractors hired")
    service.add_step(release.id, "Switch traffic back to the blue pool", "kubectl rollout undo deploy/payments",
                     "ops", 10)
    restore = service.add_step(release.id, "Restore the ledger snapshot", "pg_restore -d ledger ledger.dump",
                               "dba", 25)
    service.rehearse_step(restore.id)
    service.add_step(release.id, "Announce the rollback in #release", "", "ana", 2)
    return release.id


def workspace_app(db: Path, clock: FixedClock, board: bool = False) -> tuple[RelmgrApp, int]:
    """The app with the workspace release (not yet opened); `board` adds the board's six releases."""
    if seeded.may_copy(db):
        release_id = seeded.copy_seeded(db, clock.now, f"workspace board={board}",
                                        lambda service: _seed_both(service, board))
        return create_app(str(db), clock=clock, who="alice"), release_id
    app = make_app(db, clock, seed=board)
    with app.service.unrecorded():
        return app, seed_workspace(app.service)


def _seed_both(service: Service, board: bool) -> int:
    if board:
        seed_board(service)
    return seed_workspace(service)


def detail_text(screen, pane: str) -> str:
    """The line under a pane's list: all of the row under the cursor, uncut."""
    return str(screen.query_one(f"#{pane}-detail").content)


async def open_workspace(pilot, release_id: int) -> ReleaseScreen:
    pilot.app.open_release(release_id)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReleaseScreen)
    return screen


async def settle(pilot) -> None:
    """Let the background reload finish and the screen redraw."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
