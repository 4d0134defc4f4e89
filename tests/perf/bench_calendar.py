"""Calendar benchmarks on the 20,000-release demo. Prints figures; CI does not run it.

    python tests/perf/bench_calendar.py [--releases 20000] [--rounds 30]

Builds (once, cached in the temp folder) a database with `relmgr demo`, then measures, in process with
Pilot at 120x36 (a frame "with data" is one drawn while `shown` holds: Pilot's `press` returns only once
the process is idle, after any read behind the frame, so the time it returns says nothing):
- open: from `c` on the board to the first frame drawn with the visible weeks read (worker read and layout
  included);
- a week down (`j`) and up (`k`) within the weeks already read: from the key to the next frame drawn
  (as bench_board.py times the board's cursor key, measured here too as the baseline);
- a week on past them: from the key to the first frame drawn with the next week read, the days held past
  the visible weeks dropped first (a step at a time never waits for a read: the margins are read ahead);
- `Service.calendar` alone for the weeks on screen and their margins, and `calendar_grid.layout` of it.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
SIZE = (120, 36)


def build_database(releases: int) -> Path:
    path = Path(tempfile.gettempdir()) / f"relmgr-bench-calendar-{releases}.db"
    if not path.exists():
        started = time.perf_counter()
        subprocess.run([str(VENV_BIN / "relmgr"), "--db", str(path), "demo", "--releases", str(releases)], check=True,
                       stdout=subprocess.DEVNULL)
        print(f"demo --releases {releases}: {time.perf_counter() - started:.1f} s (cached at {path})")
    return path


def figures(name: str, samples: list[float]) -> None:
    ms = sorted(s * 1000 for s in samples)
    p90 = ms[min(len(ms) - 1, int(len(ms) * 0.9))]
    print(f"{name:<36} median {statistics.median(ms):7.1f} ms   p90 {p90:7.1f} ms   (n={len(ms)})")


async def until(pilot, condition, timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the calendar did not show its weeks")
        await pilot.pause(0)


def shown(screen) -> bool:
    """The calendar shows read data for every visible week, and no read is on its way."""
    return screen.loaded is not None and screen.reading is None and screen.loaded.covers(*screen.view.visible_days())


def frames_with_data(app, calendar_screen: type) -> list[tuple[float, bool]]:
    """(time, shown) of every frame the app draws from now on."""
    frames: list[tuple[float, bool]] = []
    display = app._display

    def on_display(screen, renderable):
        display(screen, renderable)
        frames.append((time.perf_counter(), isinstance(app.screen, calendar_screen) and shown(app.screen)))

    app._display = on_display
    return frames


def first_with_data(frames: list[tuple[float, bool]], after: float) -> float:
    return next(at for at, with_data in frames if at >= after and with_data) - after


def held_only(grid, first, last):
    """The grid's days from first to last only: as if nothing past the visible weeks had been read."""
    return type(grid)(first, last, {day: cell for day, cell in grid.cells.items() if first <= day <= last})


async def measure(db: Path, rounds: int) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from relmgr_tui.bootstrap import create_app
    from relmgr_tui.domain.calendar_grid import layout
    from relmgr_tui.ui.screens.calendar import CalendarScreen
    from tests.perf.bench_workspace import Clock

    app = create_app(str(db), who="bench")
    clock = Clock(app)
    frames = frames_with_data(app, CalendarScreen)
    board_keys, opens, within, past = [], [], [], []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        gc.freeze()  # as `relmgr` does once started
        for key in ["j", "k"] * rounds:  # the baseline: the board's cursor key, key to frame
            await pilot.pause()
            await pilot.press(key)
            board_keys.append(clock.key_to_frame(lambda: True, clock.key))
        for _ in range(max(rounds // 3, 5)):
            await pilot.pause()
            started = time.perf_counter()
            await pilot.press("c")
            await until(pilot, lambda: isinstance(app.screen, CalendarScreen) and shown(app.screen))
            await pilot.pause()
            opens.append(first_with_data(frames, started))
            await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, CalendarScreen) and shown(app.screen))
        screen = app.screen
        for key in ["j", "k"] * rounds:  # within the weeks read: key to the frame that shows the move
            await pilot.pause()
            await pilot.press(key)
            within.append(clock.key_to_frame(lambda: True, clock.key))
        for _ in range(screen.view.week_count):  # the cursor on the last week shown: each `j` then moves them
            await pilot.press("j")
        for _ in range(rounds * 2):  # on into the future: key to the frame that shows the weeks read
            await until(pilot, lambda: shown(screen) and not getattr(screen, "reading_margins", False))
            await pilot.pause()
            screen.loaded = held_only(screen.loaded, *screen.view.visible_days())
            await pilot.press("j")
            key = clock.key
            await until(pilot, lambda: shown(screen))
            await pilot.pause()
            past.append(first_with_data(frames, key))
        first, last = screen.view.visible_days()
        first -= timedelta(weeks=8)
        last -= timedelta(weeks=8)
        service = app.service
        reads, lays = [], []
        for _ in range(rounds):
            started = time.perf_counter()
            span = service.calendar(first, last)
            reads.append(time.perf_counter() - started)
            started = time.perf_counter()
            layout(span)
            lays.append(time.perf_counter() - started)
    figures("board cursor key → frame (baseline)", board_keys)
    figures("open the calendar (c → weeks shown)", opens)
    figures("a week within the weeks read → frame", within)
    figures("a week past them → frame with data", past)
    figures(f"Service.calendar ({(last - first).days + 1} days)", reads)
    figures("calendar_grid.layout of that span", lays)
    print(f"releases in that span: {len(span.entries)}, freezes: {len(span.freezes)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    asyncio.run(measure(build_database(args.releases), args.rounds))


if __name__ == "__main__":
    main()
