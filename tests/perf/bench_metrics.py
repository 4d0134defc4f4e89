"""Delivery metrics benchmarks on a large demo database. Prints figures; CI does not run it.

    python tests/perf/bench_metrics.py [--releases 20000] [--rounds 5]

Builds (once, cached in the temp folder) a database with `relmgr demo`, then measures:
- each period's figures read by the service (every query of store/metrics.py), per period;
- the metrics screen: `M` to its figures on screen, and `[` / `]` to the other period's figures on screen
  (Pilot, in process, the collector frozen as `relmgr` freezes it after start-up);
- `relmgr report` as a process, beside `relmgr info` (the start-up every command pays).
Targets (issue #17): figures shown < 500 ms, period change < 300 ms, `relmgr report` < 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

VENV_BIN = Path(sys.executable).parent


def build_database(releases: int) -> Path:
    """Its own cache name: a database from before the demo wrote phase moves would have nothing to measure."""
    path = Path(tempfile.gettempdir()) / f"relmgr-bench-metrics-{releases}.db"
    if not path.exists():
        started = time.perf_counter()
        subprocess.run([str(VENV_BIN / "relmgr"), "--db", str(path), "demo", "--releases", str(releases)],
                       check=True)
        print(f"demo --releases {releases}: {time.perf_counter() - started:.1f} s (built once, cached at {path})")
    return path


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def measure_service(db: Path, rounds: int) -> None:
    from relmgr_tui.bootstrap import open_context
    from relmgr_tui.domain.metrics import PERIOD_DAYS

    service = open_context(str(db)).service
    try:
        for days in PERIOD_DAYS:
            times, cpu = [], []
            for _ in range(rounds):
                started, used = time.perf_counter(), time.process_time()
                service.metrics(days)
                times.append(time.perf_counter() - started)
                cpu.append(time.process_time() - used)
            print(f"service.metrics({days} days): median {ms(statistics.median(times))} (CPU"
                  f" {ms(statistics.median(cpu))}), all {[round(t * 1000) for t in times]}")
    finally:
        service.close()


async def measure_screen(db: Path, rounds: int) -> None:
    """Key press to the first frame drawn after the screen put the figures in its widgets (the workspace
    bench's Clock). Pilot's own waits include the worker reading the other periods, so they are not used
    as the measure."""
    from relmgr_tui.bootstrap import create_app
    from relmgr_tui.ui.screens.metrics import MetricsScreen
    from tests.perf.bench_workspace import Clock

    shown_at: list[float] = []
    show = MetricsScreen.show

    def timed_show(screen: MetricsScreen) -> None:
        show(screen)
        if screen.days in screen.figures:
            shown_at.append(time.perf_counter())

    MetricsScreen.show = timed_show  # type: ignore[method-assign]
    work = Path(tempfile.mkdtemp()) / "metrics.db"
    shutil.copy(db, work)
    opened, changes = [], []
    for _ in range(rounds):
        app = create_app(str(work))
        clock = Clock(app)
        async with app.run_test(size=(120, 36)) as pilot:
            await app.workers.wait_for_complete()  # the board's cards, read behind its first frame
            await pilot.pause(0.5)
            gc.freeze()
            shown_at.clear()
            await pilot.press("M")
            screen = app.screen
            while not (screen.charts and len(screen.figures) == 3):  # the charts' library and the other periods
                await asyncio.sleep(0.01)
            await pilot.pause()
            opened.append(clock.key_to_frame(lambda: bool(shown_at), shown_at[0]))
            for key in ("right_square_bracket", "left_square_bracket", "left_square_bracket"):
                shown_at.clear()
                await pilot.press(key)
                await pilot.pause()
                changes.append(clock.key_to_frame(lambda: bool(shown_at), shown_at[0]))
    MetricsScreen.show = show  # type: ignore[method-assign]
    print(f"metrics screen, M to the frame with the figures (90 days): median {ms(statistics.median(opened))},"
          f" all {[round(t * 1000) for t in opened]}")
    print(f"period change ([ or ]) to the frame with its figures: median {ms(statistics.median(changes))},"
          f" max {ms(max(changes))}")


def measure_report(db: Path, rounds: int) -> None:
    def run(*args: str) -> float:
        started = time.perf_counter()
        subprocess.run([str(VENV_BIN / "relmgr"), "--db", str(db), *args], check=True, stdout=subprocess.DEVNULL)
        return time.perf_counter() - started

    for args in (("report",), ("report", "--since", "365d", "--format", "json"), ("info",)):
        times = [run(*args) for _ in range(rounds)]
        print(f"relmgr {' '.join(args)}: median {ms(statistics.median(times))}, all {[round(t * 1000) for t in times]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    db = build_database(args.releases)
    measure_service(db, args.rounds)
    asyncio.run(measure_screen(db, args.rounds))
    measure_report(db, args.rounds)


if __name__ == "__main__":
    main()
