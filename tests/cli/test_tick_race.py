"""CI pipelines tick the same checklist item at the same time: `relmgr check`/`uncheck` must all succeed,
and the audit log must say what happened, one event per change, the last of them matching the item.

Four processes each call `main()` 100 times (on SQLite) (see tick_race_worker.py): 800 interpreter starts would cost
minutes, and the race is between database sessions, not interpreters; 400 calls meet hundreds of busy
waits and conflicts, and the suite's time goes to the new features' tests instead. Each call still opens the database
afresh, as a pipeline's `relmgr check` does, which costs about 50 ms of CPU: PostgreSQL, where the same
retry meets the same conflicts, gets 4 x 50 calls to keep the suite within its CPU budget.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from relmgr_tui import cli
from relmgr_tui.cli import checklist
from relmgr_tui.domain import templates
from relmgr_tui.domain.errors import StaleWrite
from relmgr_tui.domain.model import Event, Phase
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store

PROCESSES = 4
CALLS = {"sqlite": 100, "postgres": 50}
VERSION = "2.4.0"
WORKER = Path(__file__).with_name("tick_race_worker.py")
APP_CONFLICT_WORDING = ("keep editing", "reload to see")


def _start_worker(backend: str, item_text: str, seed: int, calls: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), backend, VERSION, item_text, str(seed), str(calls)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
    )


def _ticks(store: Store, release_id: int, item_text: str) -> list[Event]:
    """The item's tick and untick events, oldest first."""
    with store.read() as repo:
        events = repo.events(release_id, limit=1_000_000)
    return [e for e in reversed(events) if e.action in ("item.tick", "item.untick") and e.new == item_text]


@pytest.mark.slow
def test_concurrent_checks_and_unchecks_all_succeed_and_the_audit_log_names_the_last(
        backend: str, backend_store: Store) -> None:
    calls = CALLS["postgres" if backend.startswith("postgresql") else "sqlite"]
    service = Service(backend_store, templates.builtin(), who="setup")
    release = service.create_release(VERSION, "Spring payments overhaul")
    item = service.detail(release.id).items_in(Phase.PLANNING)[0]

    workers = [_start_worker(backend, item.text, seed, calls) for seed in range(PROCESSES)]
    outputs = [worker.communicate(timeout=600) for worker in workers]
    assert [worker.returncode for worker in workers] == [0] * PROCESSES, [err for _, err in outputs]
    results = [result for out, _ in outputs for result in json.loads(out)]

    assert len(results) == PROCESSES * calls
    assert [r for r in results if r["status"] != 0] == []
    assert [r for r in results if any(w in r["out"] + r["err"] for w in APP_CONFLICT_WORDING)] == []
    assert [r for r in results if r["err"] or not r["out"].startswith(("Ticked", "Unticked", "Already"))] == []
    changes = [r for r in results if r["out"].startswith(("Ticked", "Unticked"))]
    assert all(r["out"].startswith("Ticked" if r["command"] == "check" else "Unticked") for r in changes)

    ticks = _ticks(backend_store, release.id, item.text)
    assert len(ticks) == len(changes), "every change wrote exactly one event, and nothing else wrote one"
    assert all(a.action != b.action for a, b in zip(ticks, ticks[1:])), "each event changed the state"
    assert ticks[0].action == "item.tick"
    final = service.detail(release.id).items_in(Phase.PLANNING)[0]
    assert final.done is (ticks[-1].action == "item.tick")


def test_a_tick_that_keeps_losing_the_race_is_one_cli_worded_line(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], backend: str,
        backend_store: Store) -> None:
    Service(backend_store, templates.builtin()).create_release(VERSION)

    def always_stale(self: Service, *args: object) -> None:
        raise StaleWrite("This checklist item was changed in another terminal by ci: reload to see it, or keep"
                         " editing and save again.")

    monkeypatch.setattr(Service, "set_done", always_stale)
    monkeypatch.setattr(checklist, "TICK_BACKOFF_SECONDS", 0, raising=False)

    assert cli.main(["--db", backend, "check", VERSION, "1"]) == 2
    assert capsys.readouterr() == ("", (
        "relmgr: error: could not tick the Planning item of 2.4.0: Connect with stakeholders and agree what the"
        " release must deliver: other sessions changed it 8 times in a row; run the command again\n"))
