"""Two OS processes writing to one database at once: no error, no lost update.

On SQLite each process runs 500 read-then-write transactions through the service. Both wait on a barrier (a
line on stdin) after start-up, so the writes really overlap rather than one process finishing before the
other has imported relmgr.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from relmgr_tui.domain import templates
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store

PER_PROCESS = {"sqlite": 500, "postgres": 50}
"""PostgreSQL commits wait for the server's fsync: fewer rounds keep the test short; the race is the same."""

WORKER = r"""
import json, sys
from relmgr_tui.domain import templates
from relmgr_tui.domain.errors import StaleWrite
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store
db, count, who = sys.argv[1], int(sys.argv[2]), sys.argv[3]
store = Store.open(db)
service = Service(store, templates.builtin(), who=who)
print("ready", flush=True)
sys.stdin.readline()
retries = 0
for _ in range(count):
    # read the note, write note+1 with the version read; a StaleWrite means "read again"
    while True:
        item = service.find_item("2.4.0", "1")
        try:
            service.edit_item(item.id, item.row_version, note=str(int(item.note) + 1))
            break
        except StaleWrite:
            retries += 1
store.close()
print(json.dumps({"retries": retries}), flush=True)
"""


def run_two_writers(db: str, count: int) -> list[dict]:
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, db, str(count), who],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for who in ("alice", "bob")
    ]
    try:
        for process in processes:
            assert process.stdout.readline().strip() == "ready", process.stderr.read()
        for process in processes:  # release both at once
            process.stdin.write("go\n")
            process.stdin.flush()
        results = []
        for process in processes:
            out, err = process.communicate(timeout=120)
            assert process.returncode == 0, err
            assert "Traceback" not in err, err
            results.append(json.loads(out.strip().splitlines()[-1]))
        return results
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()


@pytest.mark.slow
def test_two_processes_read_then_write_through_the_service_lose_nothing(backend: str) -> None:
    """Each process reads an item's note holding a number and writes number+1 with the row version it read,
    reading again when the service says the row changed (StaleWrite). No other error may happen (SQLite
    starts every write with BEGIN IMMEDIATE; a deferred BEGIN fails here with 'database is locked'), and no
    increment may be lost."""
    store = Store.open(backend)
    try:
        count = PER_PROCESS["sqlite" if store.is_sqlite else "postgres"]
        service = Service(store, templates.builtin(), who="setup")
        release = service.create_release("2.4.0")
        item = service.find_item("2.4.0", "1")
        service.edit_item(item.id, item.row_version, note="0")
        start = store.revision()

        retries = [r["retries"] for r in run_two_writers(backend, count)]

        assert service.find_item("2.4.0", "1").note == str(2 * count), f"lost updates (retries: {retries})"
        edits = [e for e in service.activity(release.id, limit=5000) if e.action == "item.edit"]
        assert len(edits) == 2 * count + 1
        assert {e.who for e in edits[:-1]} == {"alice", "bob"}
        assert store.revision() == start + 2 * count, "one change marker per committed transaction"
    finally:
        store.close()


def test_writers_take_turns_so_event_ids_commit_in_order(backend_store: Store) -> None:
    """A feed resumes after the last id it saw: a smaller id committed later would be lost. The second
    writer must wait for the first to commit before it can add an event at all."""
    import threading

    from relmgr_tui.store.event_feed import events_after

    service = Service(backend_store, templates.builtin(), who="alice")
    release = service.create_release("2.4.0")
    start = events_after(backend_store, 0)[-1].id
    first_in, let_first_commit, second_done = threading.Event(), threading.Event(), threading.Event()

    def first() -> None:
        with backend_store.write() as repo:
            repo.record(service.event(release, "test.first"))
            first_in.set()
            let_first_commit.wait(10)

    def second() -> None:
        first_in.wait(10)
        with backend_store.write() as repo:
            repo.record(service.event(release, "test.second"))
        second_done.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    assert first_in.wait(10)
    assert not second_done.wait(0.5), "the second writer added its event while the first had not committed"
    let_first_commit.set()
    for thread in threads:
        thread.join(10)
    assert [e.action for e in events_after(backend_store, start)] == ["test.first", "test.second"]
