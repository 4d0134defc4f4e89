"""How fast the workspace reflects a tick and a reorder on a big release: 500 checklist items, 200 risks;
and how fast scope items import (5,000 from a Jira CSV) and show (a release of 2,000 in the Scope pane).

Run:  .venv/bin/python tests/perf/bench_workspace.py [--rounds 30]

Prints, for each action, the median and 90th percentile of
  key → frame: from the key event reaching the app until the first frame that shows the change is drawn;
  handler: the part of that spent in the screen's action (the database write, the patch, the list redraw);
  key → idle: until Pilot sees the app idle again, which adds Pilot's own waiting and the background
  reload of the whole release (that reload does not delay what the user sees).
A cursor key is measured the same way as a baseline. Not collected by pytest (tests/perf is ignored).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from textual import events

from relmgr_tui.bootstrap import create_app
from relmgr_tui.domain import scope_import
from relmgr_tui.domain.model import Phase
from relmgr_tui.ui.screens.checklist_pane import ChecklistPane
from relmgr_tui.ui.screens.release import ReleaseScreen
from relmgr_tui.ui.screens.rollback_pane import RollbackPane
from relmgr_tui.ui.widgets.checklist_view import ChecklistView
from relmgr_tui.ui.widgets.rollback_list import RollbackList
from relmgr_tui.ui.widgets.scope_list import ScopeList

ITEMS = 500
RISKS = 200
STEPS = 20


def build(db: Path) -> int:
    """A release whose Planning phase holds 500 items (the worst case: all in the phase on screen)."""
    app = create_app(str(db), who="bench")
    service = app.service
    release = service.create_release("9.0.0", "Big release", "major")
    start = len(service.detail(release.id).items_in(Phase.PLANNING))

    def fill(loader) -> None:
        loader.insert("checklist_item", [
            {"release_id": release.id, "phase": "planning", "position": start + n, "text": f"Check number {n}",
             "required": n % 3 != 0, "early": False, "done": False, "done_by": "", "owner": "", "note": "", "row_version": 1}
            for n in range(1, ITEMS - start + 1)
        ])
        loader.insert("risk", [
            {"release_id": release.id, "title": f"Risk {n}", "likelihood": n % 5 + 1, "impact": n // 5 % 5 + 1,
             "description": "", "category": "", "owner": "", "response": "reduce", "mitigation": "",
             "contingency": "", "status": "open", "row_version": 1}
            for n in range(RISKS)
        ])
        loader.insert("rollback_step", [
            {"release_id": release.id, "position": n, "action": f"Step {n}", "command": "", "owner": "",
             "expected_minutes": 5, "status": "pending", "row_version": 1}
            for n in range(1, STEPS + 1)
        ])

    service.load_bulk(fill)
    service.close()
    return release.id


class Clock:
    """Timestamps of the last key event and of every frame the app draws."""

    def __init__(self, app) -> None:
        self.key = 0.0
        self.frames: list[float] = []
        on_event, display = app.on_event, app._display

        async def on_key_event(event):
            if isinstance(event, events.Key):
                self.key = time.perf_counter()
            await on_event(event)

        def on_display(screen, renderable):
            display(screen, renderable)
            self.frames.append(time.perf_counter())

        app.on_event, app._display = on_key_event, on_display

    def key_to_frame(self, shown: Callable[[], bool], after: float) -> float:
        """Time from the key to the first frame drawn once `shown()` held (checked right after the handler)."""
        assert shown()
        return next(f for f in self.frames if f >= after) - self.key


async def measure(db: Path, release_id: int, rounds: int) -> dict[str, list[float]]:
    app = create_app(str(db), who="bench")
    clock = Clock(app)
    names = ("cursor key→frame", "tick key→frame", "tick handler", "tick key→idle",
             "reorder key→frame", "reorder handler", "reorder key→idle")
    times: dict[str, list[float]] = {name: [] for name in (*names, "cursor key→idle")}
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_release(release_id)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReleaseScreen)
        detail = screen.detail
        assert len(detail.items_in(Phase.PLANNING)) == ITEMS and len(detail.risks) == RISKS
        handled = {"at": 0.0}

        def timed(action, name):
            """The pane's key handler: it reads the row and hands the write to the queue."""
            def wrapper(*args):
                started = time.perf_counter()
                action(*args)
                handled["at"] = time.perf_counter()
                times[name].append(handled["at"] - started)
            return wrapper

        applied = screen.changed

        def changed(detail):
            """The written change reaches the screen (after the write queue): the frame after this shows it."""
            applied(detail)
            handled["applied"] = time.perf_counter()

        screen.changed = changed
        checklist_pane = screen.query_one(ChecklistPane)
        checklist_pane.action_tick = timed(checklist_pane.action_tick, "tick handler")
        rollback_pane = screen.query_one(RollbackPane)
        rollback_pane.action_move_step = timed(rollback_pane.action_move_step, "reorder handler")
        checklist = screen.query_one(ChecklistView)

        async def press(key: str, name: str) -> None:
            await app.workers.wait_for_complete()
            await pilot.pause()
            started = time.perf_counter()
            await pilot.press(key)
            times[name].append(time.perf_counter() - started)

        for n in range(rounds):
            row = checklist.cursor
            await press("down" if n % 2 == 0 else "up", "cursor key→idle")
            times["cursor key→frame"].append(clock.key_to_frame(lambda row=row: checklist.cursor != row, clock.key))
            before = checklist.current.done
            await press("space", "tick key→idle")
            times["tick key→frame"].append(
                clock.key_to_frame(lambda before=before: checklist.current.done is not before, handled["applied"]))
        await pilot.press("3")
        steps = screen.query_one(RollbackList)
        for n in range(rounds):
            step = steps.current.id
            await press("shift+down" if n % 2 == 0 else "shift+up", "reorder key→idle")
            moved_to = (n + 1) % 2
            times["reorder key→frame"].append(clock.key_to_frame(
                lambda step=step, moved_to=moved_to: steps.current.id == step and steps.cursor == moved_to,
                handled["applied"]))
        del times["cursor key→idle"]
    return times


IMPORTED = 5_000
SCOPE = 2_000


def jira_csv(count: int) -> str:
    """A Jira export of `count` issues: stories, bugs and tasks in every status."""
    kinds, statuses, priorities = ("Story", "Bug", "Task"), ("To Do", "In Progress", "Done"), ("High", "Low")
    rows = [f"PAY-{n},Issue number {n},{kinds[n % 3]},{statuses[n % 3]},{priorities[n % 2]},S{n % 9}"
            for n in range(1, count + 1)]
    return "\n".join(["Issue key,Summary,Issue Type,Status,Priority,Sprint", *rows]) + "\n"


def measure_import(db: Path) -> tuple[float, int]:
    """Seconds to read a 5,000-row Jira CSV and import it (one transaction), and the release's id."""
    app = create_app(str(db), who="bench")
    service = app.service
    release = service.create_release("9.1.0", "Big scope", "minor")
    text = jira_csv(IMPORTED)
    started = time.perf_counter()
    result = service.import_scope(release.id, scope_import.from_csv(text))
    elapsed = time.perf_counter() - started
    assert len(result.added) == IMPORTED
    service.close()
    return elapsed, release.id


def build_scope(db: Path) -> tuple[int, int]:
    """A release with 2,000 scope items (and its checklists), and one like it without scope (the baseline)."""
    app = create_app(str(db), who="bench")
    release = app.service.create_release("9.2.0", "Wide scope", "minor")
    app.service.import_scope(release.id, scope_import.from_csv(jira_csv(SCOPE)))
    baseline = app.service.create_release("9.3.0", "No scope", "minor")
    app.service.close()
    return release.id, baseline.id


async def measure_scope(db: Path, releases: tuple[int, int], rounds: int) -> dict[str, list[float]]:
    """Opening the workspace of a release with 2,000 scope items, to its first frame (and, as the baseline,
    of one without scope); and a cursor key in the Scope pane to the frame that shows it."""
    app = create_app(str(db), who="bench")
    clock = Clock(app)
    release_id, baseline = releases
    opened = {release_id: "open 2,000 scope→frame", baseline: "open no scope→frame"}
    times: dict[str, list[float]] = {**{name: [] for name in opened.values()}, "scope cursor key→frame": []}
    async with app.run_test(size=(120, 36)) as pilot:
        for n in range(2 * min(rounds, 10) + 1):
            target = release_id if n % 2 else baseline  # the first open, which loads the styles, is left out
            await pilot.pause()
            started = time.perf_counter()
            app.open_release(target)
            await pilot.pause()
            assert isinstance(app.screen, ReleaseScreen)
            if n:
                times[opened[target]].append(next(f for f in clock.frames if f >= started) - started)
            await app.workers.wait_for_complete()
            await pilot.press("escape")
            await pilot.pause()
        app.open_release(release_id)
        await pilot.pause()
        await pilot.press("5")
        scope = app.screen.query_one(ScopeList)
        for n in range(rounds):
            await app.workers.wait_for_complete()
            await pilot.pause()
            row = scope.cursor
            await pilot.press("down" if n % 2 == 0 else "up")
            times["scope cursor key→frame"].append(clock.key_to_frame(lambda row=row: scope.cursor != row, clock.key))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--scope-only", action="store_true", help="only the scope figures")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        release_id = build(db)
        times = {} if args.scope_only else asyncio.run(measure(db, release_id, args.rounds))
        imported, _ = measure_import(Path(folder) / "import.db")
        scope_db = Path(folder) / "scope.db"
        times.update(asyncio.run(measure_scope(scope_db, build_scope(scope_db), args.rounds)))
    print(f"workspace with {ITEMS} checklist items (all in the phase shown), {RISKS} risks, {STEPS} steps;"
          f" {args.rounds} rounds")
    print(f"  import of {IMPORTED:,} scope items from a Jira CSV (one transaction): {imported:.2f} s (target < 5 s)")
    print(f"  scope: a release of {SCOPE:,} items (targets: open < 300 ms, key < 50 ms)")
    for name, values in times.items():
        ms = sorted(v * 1000 for v in values)
        p90 = ms[min(len(ms) - 1, int(len(ms) * 0.9))]
        print(f"  {name:<20} median {statistics.median(ms):6.1f} ms   p90 {p90:6.1f} ms")


if __name__ == "__main__":
    main()
