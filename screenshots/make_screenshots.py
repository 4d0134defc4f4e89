"""Make the README's screenshots from demo data with a fixed clock: `python screenshots/make_screenshots.py`
(or only the named ones: `python screenshots/make_screenshots.py metrics`).

Each shot is an SVG of the real app driven by keys, so the pictures are the product, not a mock-up.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
DEMO_RELEASES = 240
DEMO_SEED = 7


@dataclass
class Shot:
    name: str
    size: tuple[int, int] = (120, 36)
    keys: list[str] = field(default_factory=list)
    before: Callable[[object], Awaitable[None]] | None = None


async def focus_first_card_in(pilot, phase: str) -> None:
    """Walk the board with keys to the first card of `phase` (a column with cards)."""
    screen = pilot.app.screen
    for _ in range(5):
        if screen.current_column.phase.value == phase:
            await pilot.press("home")
            return
        await pilot.press("l")


def in_preparing(pilot):
    return focus_first_card_in(pilot, "preparing")


async def press_until(pilot, key: str, found: Callable[[], bool], tries: int = 60) -> bool:
    """Press `key` until `found()` holds, at most `tries` times: walk to the row a shot is about."""
    for _ in range(tries):
        if found():
            return True
        await pilot.press(key)
    return found()


async def preparing_with_open_bug(pilot) -> None:
    """Of the Preparing cards whose gate names an open bug (the demo gives a few one), the one with the most
    scope done, else the first card."""
    from relmgr_tui.domain.model import ScopeStatus

    await in_preparing(pilot)
    screen, service = pilot.app.screen, pilot.app.service
    blocked = [card.release.id for card in screen.current_column.cards
               if any(" bug " in blocker for blocker in card.gate.blockers)]
    if not blocked:
        print("  no Preparing release with an open bug: the first one instead")
        return
    best = max(blocked, key=lambda rid: sum(i.status is ScopeStatus.DONE for i in service.detail(rid).scope))
    await press_until(pilot, "j", lambda: screen.current.release.id == best)


async def preparing_signed_off(pilot) -> None:
    """The Preparing card with the most sign-offs given (the demo's releases cleared to deploy have them)."""
    await in_preparing(pilot)
    screen, service = pilot.app.screen, pilot.app.service
    ids = [card.release.id for card in screen.current_column.cards]
    best = max(ids, key=lambda rid: len(service.detail(rid).signoffs))
    await press_until(pilot, "j", lambda: screen.current.release.id == best)


async def released_with_review(pilot) -> None:
    """Open, from the archive, the first released release that has a post-release review."""
    from relmgr_tui.domain.model import ReleaseState
    from relmgr_tui.ui.widgets.archive_table import ArchiveTable

    await pilot.press("a")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    table, service = pilot.app.screen.query_one(ArchiveTable), pilot.app.service

    def reviewed() -> bool:
        release = table.current
        return (release is not None and release.state is ReleaseState.RELEASED
                and service.review(release.id) is not None)

    if not await press_until(pilot, "j", reviewed, tries=400):
        raise SystemExit("post-review: no released release with a review in the demo data")
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


SHOTS = [
    Shot("board"),
    Shot("board-80x24", size=(80, 24)),
    Shot("gate-dialog", keys=["greater_than_sign"], before=in_preparing),
    Shot("help", keys=["question_mark"]),
    Shot("archive", keys=["a"]),
    Shot("metrics", keys=["M"]),
    Shot("workspace-checklist", keys=["enter"], before=in_preparing),
    Shot("workspace-risks", keys=["enter", "2"], before=in_preparing),
    Shot("workspace-rollback", keys=["enter", "3"], before=in_preparing),
    Shot("workspace-activity", keys=["enter", "4"], before=in_preparing),
    Shot("workspace-checklist-80x24", size=(80, 24), keys=["enter"], before=in_preparing),
    Shot("workspace-scope", keys=["enter", "5"], before=preparing_with_open_bug),
    Shot("calendar", keys=["c"]),
    Shot("calendar-80x24", size=(80, 24), keys=["c"]),
    Shot("freezes", keys=["c", "f"]),
    Shot("review-signoffs", keys=["g", "4"], before=preparing_signed_off),
    Shot("post-review", keys=["P"], before=released_with_review),
    Shot("review", keys=["g"], before=in_preparing),
    Shot("decision", keys=["g", "v", "g", "tab", "tab", "tab", "n"], before=in_preparing),
]


def fixed_clock() -> datetime:
    return NOW


async def take(shot: Shot, db: Path, out: Path) -> None:
    from relmgr_tui.bootstrap import create_app

    app = create_app(str(db), clock=fixed_clock, who="demo")
    async with app.run_test(size=shot.size) as pilot:
        await pilot.pause()
        if shot.before:
            await shot.before(pilot)
        for key in shot.keys:
            await pilot.press(key)
        await app.workers.wait_for_complete()  # the archive and the metrics read in a worker
        await pilot.pause(0.2)
        await app.workers.wait_for_complete()  # the metrics' charts, started once the figures are drawn
        await pilot.pause(0.2)
        app.save_screenshot(filename=f"{shot.name}.svg", path=str(out))
    print(f"screenshots/{shot.name}.svg")


def main() -> None:
    os.environ["TZ"] = "UTC"
    time.tzset()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_CONFIG_HOME"] = os.environ["XDG_DATA_HOME"] = folder
        from relmgr_tui import demo
        from relmgr_tui.bootstrap import open_context

        db = Path(folder) / "demo.db"
        context = open_context(str(db), clock=fixed_clock, who="demo")
        demo.generate(context.service, DEMO_RELEASES, DEMO_SEED, NOW)
        context.service.close()
        wanted = set(sys.argv[1:])
        for shot in SHOTS:
            if not wanted or shot.name in wanted:
                asyncio.run(take(shot, db, HERE))


if __name__ == "__main__":
    main()
