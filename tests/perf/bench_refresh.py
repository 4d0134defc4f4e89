"""Live refresh figures for issue #18. Prints figures; CI does not run it.

    RELMGR_TEST_PG_URL=postgresql+psycopg://postgres@127.0.0.1:55432/postgres \\
        python tests/perf/bench_refresh.py [--writes 20] [--idle-seconds 20]

On a fresh PostgreSQL database (created beside the one the URL names, dropped afterwards) and a SQLite
file, with the seeded board of the UI tests:
- write in one process -> on the screen of the app in another: a writer process creates a release and
  prints the (system-wide monotonic) time of its commit; the app (Pilot, in this process) notes when the
  board has read it (its cards) and when it drew the first frame showing it (tests/ui/helpers.Frames).
  Median and p95 over `--writes` writes, with the app's start-up objects kept out of the collector's full
  passes as relmgr keeps them (`collector_as_in_relmgr`).
- queries per minute sent by an idle app: every statement its SQLAlchemy engines send, counted over
  `--idle-seconds`, on PostgreSQL (LISTEN) and on SQLite (the change marker's poll).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import event  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402

from tests.conftest import PG_URL_ENV, _pg_create, _pg_drop, _pg_name  # noqa: E402
from tests.ui.helpers import Frames, collector_as_in_relmgr, make_app  # noqa: E402

SIZE = (120, 36)
WRITER = """
import datetime, sys, time
from relmgr_tui.domain import templates
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store
service = Service(Store.open(sys.argv[1]), templates.builtin(), who="bob")
for n, line in enumerate(sys.stdin):
    # Each due before the last, so that it is the top card of its column: drawn, not scrolled out of sight.
    due = datetime.date(2026, 1, 1) - datetime.timedelta(days=n)
    service.create_release(line.strip(), "Made by bob", owner="bob", target_date=due)
    print(time.monotonic(), flush=True)
"""


async def latencies(url: str, writes: int) -> tuple[list[float], list[float]]:
    """(commit -> the board has the card, commit -> the first frame showing it), one pair per write."""
    app = make_app(url)
    frames = Frames(app)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, url], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True)
    try:
        async with app.run_test(size=SIZE) as pilot:
            app.screen.columns[-1].focus()  # the cursor elsewhere: Planning stays scrolled to its top card
            await pilot.pause(1.0)
            read, drawn = [], []
            with collector_as_in_relmgr():
                for n in range(writes):
                    version = f"9.{n}.0"
                    asked = time.monotonic()
                    writer.stdin.write(version + "\n")
                    writer.stdin.flush()
                    while not any(card.release.version == version for card in app.screen.cards):
                        await pilot.pause(0.002)
                    on_board = time.monotonic()
                    while frames.first_showing(version, asked) is None:
                        await pilot.pause(0.002)
                    committed = float(writer.stdout.readline())
                    read.append(on_board - committed)
                    drawn.append(frames.first_showing(version, asked) - committed)
                    await pilot.pause(0.3)
            return read, drawn
    finally:
        writer.stdin.close()
        writer.wait()


async def idle_statements(db: str, seconds: float, seed: bool) -> int:
    app = make_app(db, seed=seed)
    sent: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        sent.append(statement)

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(1.0)
        event.listen(Engine, "before_cursor_execute", count)
        try:
            await pilot.pause(seconds)
        finally:
            event.remove(Engine, "before_cursor_execute", count)
    return len(sent)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--writes", type=int, default=20)
    parser.add_argument("--idle-seconds", type=float, default=20.0)
    args = parser.parse_args()
    admin = os.environ.get(PG_URL_ENV)
    if not admin:
        sys.exit(f"set {PG_URL_ENV} to a PostgreSQL server URL")
    name = _pg_name("bench")
    url = _pg_create(admin, name)
    try:
        read, drawn = asyncio.run(latencies(url, args.writes))
        for what, took in (("board has the card", read), ("frame showing it", drawn)):
            print(f"PostgreSQL write -> other process's {what}, over {len(took)} writes: "
                  f"median {statistics.median(took) * 1000:.0f} ms, p95 {percentile(took, 0.95) * 1000:.0f} ms, "
                  f"max {max(took) * 1000:.0f} ms")
        per_minute = 60 / args.idle_seconds
        pg = asyncio.run(idle_statements(url, args.idle_seconds, seed=False))
        print(f"idle app on PostgreSQL (LISTEN): {pg * per_minute:.0f} statements a minute")
    finally:
        _pg_drop(admin, name)
    with tempfile.TemporaryDirectory() as folder:
        sqlite = asyncio.run(idle_statements(str(Path(folder) / "relmgr.db"), args.idle_seconds, seed=True))
    print(f"idle app on SQLite (polling): {sqlite * per_minute:.0f} statements a minute"
          f" (BEGIN and the change marker's read, once a second)")


if __name__ == "__main__":
    main()
