"""Board benchmarks on a large demo database. Prints figures; CI does not run it.

    python tests/perf/bench_board.py [--releases 20000] [--idle-seconds 60]

Builds (once, cached in the temp folder) a database with `relmgr demo`, then measures, side by side in
one run:
- launch to cards on screen, for relmgr and for a bare Textual app showing one label (both under tmux,
  polling `tmux capture-pane` until the text appears);
- a cursor key (j/k), a column key (h/l) and a phase move, from key press to the screen showing it (Pilot,
  in process, the collector frozen as `relmgr` freezes it after start-up);
- peak memory (VmHWM) and CPU while idle of the running app.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
BARE_APP = """
from textual.app import App
from textual.widgets import Label
class Bare(App):
    def compose(self):
        yield Label("bare-ready")
Bare().run()
"""


def build_database(releases: int) -> Path:
    path = Path(tempfile.gettempdir()) / f"relmgr-bench-{releases}.db"
    if path.exists():
        return path
    started = time.perf_counter()
    subprocess.run([str(VENV_BIN / "relmgr"), "--db", str(path), "demo", "--releases", str(releases)], check=True)
    print(f"demo --releases {releases}: {time.perf_counter() - started:.1f} s (built once, cached at {path})")
    return path


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True).stdout


def launch_time(command: str, ready_text: str, session: str) -> tuple[float, int]:
    """Seconds from starting `command` in a fresh 120x36 tmux pane until `ready_text` is on screen."""
    tmux("kill-session", "-t", session)
    started = time.perf_counter()
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "36", command)
    while time.perf_counter() - started < 30:
        if ready_text in tmux("capture-pane", "-p", "-t", session):
            elapsed = time.perf_counter() - started
            pid = int(tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip())
            return elapsed, pid
        time.sleep(0.005)
    raise RuntimeError(f"{ready_text!r} never appeared for {command}")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def app_pid(shell_pid: int) -> int:
    """The python process under the pane's shell (or the shell itself when it exec'd)."""
    children = Path(f"/proc/{shell_pid}/task/{shell_pid}/children")
    kids = children.read_text().split() if children.exists() else []
    return int(kids[0]) if kids else shell_pid


def measure_launch(db: Path, rounds: int) -> tuple[int, str]:
    bare_file = Path(tempfile.gettempdir()) / "relmgr_bare_app.py"
    bare_file.write_text(BARE_APP)
    relmgr_times, bare_times = [], []
    pid = 0
    for n in range(rounds):
        bare, _ = launch_time(f"env -u PYTHONDONTWRITEBYTECODE {sys.executable} {bare_file}", "bare-ready",
                              "bench-bare")
        tmux("kill-session", "-t", "bench-bare")
        # "risk:" is on the last line of every card: it shows only once cards are drawn.
        relmgr, shell = launch_time(f"env -u PYTHONDONTWRITEBYTECODE {VENV_BIN / 'relmgr'} --db {db}", "risk:",
                                    "bench-relmgr")
        relmgr_times.append(relmgr)
        bare_times.append(bare)
        pid = app_pid(shell)
        if n < rounds - 1:
            tmux("kill-session", "-t", "bench-relmgr")
    r, b = statistics.median(relmgr_times), statistics.median(bare_times)
    print(f"launch to cards on screen: relmgr {r * 1000:.0f} ms, bare Textual label {b * 1000:.0f} ms,"
          f" ratio {r / b:.2f} (median of {rounds}; all relmgr: {[round(t * 1000) for t in relmgr_times]})")
    return pid, "bench-relmgr"


def measure_idle(pid: int, seconds: float) -> None:
    time.sleep(2)
    before, started = cpu_seconds(pid), time.perf_counter()
    time.sleep(seconds)
    used = cpu_seconds(pid) - before
    wall = time.perf_counter() - started
    print(f"idle CPU over {wall:.0f} s: {100 * used / wall:.2f}% of one core; peak memory {peak_mib(pid):.0f} MiB")


async def measure_keys(db: Path) -> None:
    """Key event to the first frame drawn after it (the workspace bench's Clock), and to Pilot's idle."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from relmgr_tui.bootstrap import create_app
    from relmgr_tui.domain.model import Phase
    from tests.perf.bench_workspace import Clock

    work = Path(tempfile.mkdtemp()) / "keys.db"
    shutil.copy(db, work)
    app = create_app(str(work))
    clock = Clock(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        gc.freeze()  # what `relmgr` does once it has started (RelmgrApp._freeze_long_lived_objects)
        board = app.screen
        for label, keys in (("cursor key (j/k)", ["j"] * 20 + ["k"] * 20), ("column key (h/l)", ["l", "h"] * 10)):
            to_frame = []
            for key in keys:
                await pilot.pause()
                await pilot.press(key)
                to_frame.append(clock.key_to_frame(lambda: True, clock.key))
            print(f"{label} to frame: median {statistics.median(to_frame) * 1000:.1f} ms,"
                  f" max {max(to_frame) * 1000:.1f} ms ({len(to_frame)} keys)")
        await measure_filter_keys(pilot, clock)
        moves = []
        for _ in range(5):
            movable = next(c for c in board.cards if c.gate.open and c.release.phase is not Phase.DEPLOYING)
            column = board.query_one(f"#column-{movable.release.phase.value}")
            column.focus()
            column.select_release(movable.release.id)
            await pilot.pause()
            await pilot.press("greater_than_sign")
            assert app.service.release(movable.release.version).phase is not movable.release.phase
            moves.append(clock.key_to_frame(lambda: True, clock.key))
        print(f"moving a release one phase, key to frame: median {statistics.median(moves) * 1000:.1f} ms,"
              f" all {[round(m * 1000) for m in moves]}")
        started = time.perf_counter()
        board.reload()
        print(f"full board reload ({len(board.cards)} cards): {(time.perf_counter() - started) * 1000:.0f} ms")
        started = time.perf_counter()
        await pilot.press("a")
        first_frame = clock.key_to_frame(lambda: True, clock.key)
        await app.workers.wait_for_complete()
        await pilot.pause()
        archive = app.screen
        print(f"archive ({len(archive.releases)} releases): screen in {first_frame * 1000:.0f} ms,"
              f" rows read and shown in {(time.perf_counter() - started) * 1000:.0f} ms")
        started = time.perf_counter()
        await pilot.press("s")
        print(f"archive re-sort, key to idle: {(time.perf_counter() - started) * 1000:.0f} ms")


FILTER_TYPED = "late risk:h+ pay"
"""Facets and a word, typed one key at a time: each key filters every card on the board again."""


async def measure_filter_keys(pilot, clock) -> None:
    """Each key typed in the `/` box, to the frame showing the narrowed columns and counts."""
    board = pilot.app.screen
    await pilot.press("slash")
    to_frame = []
    for key in FILTER_TYPED:
        await pilot.pause()
        await pilot.press(key)
        to_frame.append(clock.key_to_frame(lambda: True, clock.key))
    shown = sum(len(column.cards) for column in board.columns)
    print(f"filter key ({FILTER_TYPED!r} over {len(board.cards)} cards, {shown} left) to frame:"
          f" median {statistics.median(to_frame) * 1000:.1f} ms, max {max(to_frame) * 1000:.1f} ms")
    await pilot.press("escape")
    await pilot.pause()


def compile_like_an_install() -> None:
    """pip compiles installed packages; an editable checkout under PYTHONDONTWRITEBYTECODE would instead
    recompile relmgr on every launch and time the compiler, not the app."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    package = Path(__file__).resolve().parents[2] / "relmgr_tui"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=20000)
    parser.add_argument("--idle-seconds", type=float, default=60)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--keys-only", action="store_true", help="skip launch and idle (no tmux needed)")
    args = parser.parse_args()
    if args.keys_only:
        asyncio.run(measure_keys(build_database(args.releases)))
        return
    if not shutil.which("tmux"):
        sys.exit("tmux is needed: apt-get install -y tmux")
    compile_like_an_install()
    db = build_database(args.releases)
    pid, session = measure_launch(db, args.rounds)
    measure_idle(pid, args.idle_seconds)
    tmux("kill-session", "-t", session)
    asyncio.run(measure_keys(db))


if __name__ == "__main__":
    main()
