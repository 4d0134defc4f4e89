"""Seeded board data and a reader for what the terminal shows, for Pilot and snapshot tests."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from textual.pilot import Pilot

from relmgr_tui.bootstrap import create_app
from relmgr_tui.service import Service
from relmgr_tui.ui.app import RelmgrApp
from tests.conftest import FixedClock
from tests.ui import seeded

TODAY = date(2026, 11, 26)

# version, title, kind, methodology, owner, target offset (days), phase steps to advance
BOARD = [
    ("2.4.0", "Spring payments overhaul", "major", "waterfall", "ana", 12, 0),
    ("2.3.7", "Fix [bold red]urgent[/] ledger rounding", "patch", "agile", "bo", -3, 0),
    ("1.9.2", "Reporting exports", "minor", "waterfall", "ana", 30, 1),
    ("3.0.0", "New onboarding flow", "major", "agile", "cy", 4, 2),
    ("2.3.8", "Hotfix login timeout", "emergency", "waterfall", "dee", 1, 3),
    ("2.2.0", "Search relevance tuning", "minor", "waterfall", "eli", -10, 4),
]


def tick_phase(service: Service, release_id: int) -> None:
    """Tick the phase's items a person ticks; rule-linked ones follow the evidence by themselves."""
    detail = service.detail(release_id)
    for item in detail.items_in(detail.release.phase):
        if not item.done and not item.rule:
            service.set_done(item.id, True)


def seed_board(service: Service) -> dict[str, int]:
    """Six releases spread over the five phases; returns version -> id."""
    ids = {}
    for version, title, kind, methodology, owner, offset, steps in BOARD:
        release = service.create_release(
            version, title, kind, methodology, owner, TODAY + timedelta(days=offset), f"Summary of {version}"
        )
        ids[version] = release.id
        advance_by(service, release.id, steps)
    service.add_risk(ids["2.4.0"], "Card processor API change", 3, 4, owner="ana")
    service.add_risk(ids["3.0.0"], "Identity provider outage", 4, 5, owner="cy")
    service.add_risk(ids["2.3.8"], "Session store migration", 2, 2, owner="dee")
    return ids


def advance_by(service: Service, release_id: int, steps: int) -> None:
    """Move a release `steps` phases on, doing what each gate asks."""
    for _ in range(steps):
        if service.detail(release_id).release.phase.value == "preparing":
            _ready_to_deploy(service, release_id)
        tick_phase(service, release_id)
        service.advance(release_id)


def _ready_to_deploy(service: Service, release_id: int) -> None:
    from relmgr_tui.domain.model import Attendee, Vote

    step = service.add_step(release_id, "Redeploy the previous build", "deploy --version previous", "ops", 10)
    service.rehearse_step(step.id)
    tick_phase(service, release_id)
    for role in service.required_signoffs(service.release_by_id(release_id)):
        service.sign_off(release_id, role, "approve")
    service.record_decision(release_id, "go", [Attendee("Ana", "release manager", Vote.GO)], "All evidence green")


def make_app(db: Path | str, clock: FixedClock | None = None, seed: bool = True) -> RelmgrApp:
    clock = clock or FixedClock()
    if seed and seeded.may_copy(db):
        seeded.copy_seeded(db, clock.now, "board", seed_board)
        return create_app(str(db), clock=clock, who="alice")
    app = create_app(str(db), clock=clock, who="alice")
    if seed:
        with app.service.unrecorded():  # the test's first `u` undoes the test's change, not the seeding
            seed_board(app.service)
    return app


def screen_text(app: RelmgrApp) -> str:
    """The terminal as plain text: what a person reading the screen would see, toasts included (from the
    app's public record of notifications).

    The one private reach left in the tests (`Screen._compositor`, checked against Textual 8.2.8): the
    only public render of the whole screen, dialogs over their background included, is the SVG screenshot
    (`App.export_screenshot`), which draws through this same compositor and, with its text read back out
    of the SVG, costs 5 to 7 times as much (78 ms against 12 to 19 ms a call, the workspace at 120x36);
    the tests read the screen thousands of times. If a Textual upgrade breaks this line, that is the
    place to look. Elsewhere only test_board's check of textual#6666 names a private class (it counts
    the live FooterKey objects)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join([*(strip.text for strip in strips), *app.notified])


POLL_SECONDS = 0.02
"""How often `wait_for` looks again while the app works (a palette search, a resize, a worker)."""


async def wait_for(pilot: Pilot, condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Let the app run until `condition()` holds: no fixed sleep, so a fast machine does not wait and a
    slow one is not flaky. After `timeout` seconds it fails with what the screen shows."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s; the screen shows:\n{screen_text(pilot.app)}")
        await pilot.pause(POLL_SECONDS)


def toast_texts(app: RelmgrApp) -> list[str]:
    """Each notification as its toast draws it (title, then message): markup in the text would be read
    here as the screen reads it. Needs `run_test(notifications=True)`."""
    return [toast.render().plain for toast in app.screen.query("Toast")]  # by name: the class is private


LONG_VERSION = "156.24.1-hotfix.1"
"""Longer than a card is wide at 80 columns, and than a card with its badge at 120."""


def seed_every_badge(service: Service) -> None:
    """An emergency with a long version, late, a critical risk, blockers and an overdue condition of its GO;
    and a release on hold: every badge a card has."""
    from relmgr_tui.domain.model import Attendee, Condition, Vote

    release = service.create_release(LONG_VERSION, "Hotfix: card payments time out", "emergency", "agile",
                                     "Sofia Lindqvist", TODAY - timedelta(days=2), "Card payments time out")
    advance_by(service, release.id, 3)  # into Preparing, where a GO's conditions are followed
    conditions = [Condition("Monitor the error rate", "Sofia", TODAY - timedelta(days=1))]
    service.record_decision(release.id, "conditional_go", [Attendee("Ana", "release manager", Vote.GO)],
                            "Customers are failing to pay", conditions, override_reason="Customers cannot pay")
    service.add_risk(release.id, "Processor rejects retries", 4, 5, owner="Sofia")
    service.transition(service.release("3.0.0").id, "hold", "vendor review")


class Frames:
    """When the app drew each frame, and what it drew, recorded as it draws (through `App._display`, as
    tests/perf/bench_workspace.py's Clock), on the clock every process shares (`time.monotonic`): the time
    to the frame that shows a change, not to the moment a test polling the screen (a whole render per
    look) happened to see it.

    The frame's text is read only when asked, from the update Textual hands its driver: the changed lines
    (`ChopsUpdate.chops`, a dict of strips per line) or the whole screen (`LayoutUpdate.strips`), both
    checked against Textual 8.2.8."""

    def __init__(self, app: RelmgrApp) -> None:
        self.drawn: list[tuple[float, object]] = []
        display = app._display

        def on_display(screen, update) -> None:
            display(screen, update)
            self.drawn.append((time.monotonic(), update))

        app._display = on_display

    def first_showing(self, text: str, after: float) -> float | None:
        """When the first frame drawn after `after` that shows `text` was drawn (None: none yet)."""
        return next((at for at, update in self.drawn if at >= after and text in _drawn_text(update)), None)


def _drawn_text(update: object) -> str:
    chops = getattr(update, "chops", None)
    lines = [chop.values() for chop in chops] if chops is not None else getattr(update, "strips", [])
    return "\n".join("".join(strip.text for strip in line if strip is not None) for line in lines)


@contextmanager
def collector_as_in_relmgr() -> Iterator[None]:
    """The app's start-up objects kept out of the collector's full passes, as `relmgr` keeps them
    (`RelmgrApp._freeze_long_lived_objects`, which a headless app skips: tests run many apps in one
    process). Without it a full pass over the test process's objects (0.3 to 1.2 s on a loaded 2-core
    machine) lands now and then inside the time measured, a pause the user's relmgr does not have."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
