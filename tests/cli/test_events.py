"""`relmgr events`: the audit log as lines, resumable by id, followed across processes, handed to hooks."""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from collections.abc import Iterator
from pathlib import Path

import pytest

from relmgr_tui.domain import templates
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store
from tests.cli.test_commands import ok_process as ok, relmgr_process as relmgr
from tests.conftest import FixedClock


@contextmanager
def writer(db: str, who: str = "alice") -> Iterator[Service]:
    store = Store.open(db)
    try:
        yield Service(store, templates.builtin(), who=who, clock=FixedClock())
    finally:
        store.close()


def spawn(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "relmgr_tui", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                            env={**os.environ, "PYTHONUTF8": "1"})


def read_line(stream, timeout: float = 15.0) -> str:
    """The next line of a child's output, failing the test instead of hanging when none comes."""
    with selectors.DefaultSelector() as selector:
        selector.register(stream, selectors.EVENT_READ)
        assert selector.select(timeout), "no line within the timeout"
    return stream.readline()


def ids(lines: str) -> list[int]:
    return [json.loads(line)["id"] for line in lines.splitlines()]


@pytest.mark.slow
def test_events_are_json_lines_oldest_first_and_resume_after_an_id(backend: str) -> None:
    with writer(backend) as service:
        release = service.create_release("2.4.0", title="Payments")
        service.set_done(service.detail(release.id).items[0].id, True)
        service.create_release("2.5.0")
    everything = ok("--db", backend, "events", "--json")
    records = [json.loads(line) for line in everything.splitlines()]
    assert [r["id"] for r in records] == sorted(r["id"] for r in records)
    first = records[0]
    assert set(first) == {"id", "time", "who", "release", "action", "old", "new", "reason"}
    assert (first["who"], first["release"], first["action"]) == ("alice", "2.4.0", "release.create")
    assert first["time"] == "2026-11-26T09:30:00+00:00"
    resumed = ok("--db", backend, "events", "--json", "--since", str(records[0]["id"]))
    assert ids(resumed) == [r["id"] for r in records[1:]]
    assert ok("--db", backend, "events", "--since", str(records[-1]["id"])) == ""


def test_the_readable_form_escapes_what_the_database_holds(db_path: Path) -> None:
    with writer(str(db_path), who="mallory\x1b]0;owned\x07") as service:
        service.create_release("2.4.0")
    line = ok("--db", str(db_path), "events")
    assert line == "#1 2026-11-26 09:30 mallory\\x1b]0;owned\\x07 2.4.0 release.create: minor waterfall\n"


def test_a_since_that_is_not_an_id_is_one_error_line(db_path: Path) -> None:
    with writer(str(db_path)) as service:
        service.create_release("2.4.0")
    result = relmgr("--db", str(db_path), "events", "--since", "-3")
    assert result.returncode == 2
    *usage, line = result.stderr.splitlines()
    assert usage[0].startswith("usage: relmgr events")
    assert line == "relmgr: error: argument --since: '-3' is not an event id (a whole number from 0)"


@pytest.mark.slow
def test_follow_sees_another_process_write_and_ctrl_c_ends_it_with_130(backend: str) -> None:
    with writer(backend) as service:
        service.create_release("2.4.0")
    follower = spawn("--db", backend, "events", "--follow", "--json")
    try:
        assert json.loads(read_line(follower.stdout))["release"] == "2.4.0"
        with writer(backend, who="bob") as service:
            service.create_release("2.5.0")
        seen = json.loads(read_line(follower.stdout))
        assert (seen["who"], seen["release"]) == ("bob", "2.5.0")
        follower.send_signal(signal.SIGINT)
        assert follower.wait(timeout=15) == 130
        assert follower.stderr.read() == ""
    finally:
        follower.kill()
        follower.wait()


@pytest.mark.slow
def test_follow_ends_with_141_when_its_reader_leaves(db_path: Path) -> None:
    with writer(str(db_path)) as service:
        service.create_release("2.4.0")
    follower = spawn("--db", str(db_path), "events", "--follow")
    try:
        read_line(follower.stdout)
        follower.stdout.close()
        assert follower.wait(timeout=15) == 141
        assert follower.stderr.read() == ""
    finally:
        follower.kill()
        follower.wait()


HOOK = """\
import json, sys, time
from pathlib import Path
calls = Path(sys.argv[1])
count = int(calls.read_text()) + 1 if calls.exists() else 1
calls.write_text(str(count))
if count == 1:
    sys.exit(3)            # fails
if count == 2:
    time.sleep(30)         # too slow: stopped by --hook-timeout
event = json.load(sys.stdin)
with open(sys.argv[2], "a") as got:
    got.write(f"{event['id']} {event['release']}\\n")
"""


@pytest.mark.slow
def test_a_hook_that_fails_twice_gets_each_event_once_in_order_and_a_restart_resumes(
    db_path: Path, tmp_path: Path
) -> None:
    db = str(db_path)
    with writer(db) as service:
        for version in ("2.4.0", "2.5.0", "2.6.0"):
            service.create_release(version)
    hook = tmp_path / "hook.py"
    hook.write_text(HOOK)
    calls, got = tmp_path / "calls", tmp_path / "got"
    command = f"{sys.executable} {hook} {calls} {got} password=hunter2"
    result = relmgr("--db", db, "events", "--json", "--exec", command, "--hook-timeout", "0.5")
    assert result.returncode == 0, result.stderr
    assert got.read_text() == "1 2.4.0\n2 2.5.0\n3 2.6.0\n"
    assert calls.read_text() == "5"  # two failed tries, then one run per event
    assert ids(result.stdout) == [1, 2, 3]  # what was delivered, for the consumer to resume from
    warnings = result.stderr.splitlines()
    assert len(warnings) == 2, result.stderr
    assert "failed on event 1 (exit status 3): trying it again in 1 s" in warnings[0]
    assert "failed on event 1 (still running after 0.5 s, stopped): trying it again in 2 s" in warnings[1]
    assert "hunter2" not in result.stderr and "password=***" in warnings[0]

    with writer(db) as service:
        service.create_release("2.7.0")
    again = relmgr("--db", db, "events", "--json", "--since", "3", "--exec", command)
    assert again.returncode == 0, again.stderr
    assert got.read_text() == "1 2.4.0\n2 2.5.0\n3 2.6.0\n4 2.7.0\n"
    assert again.stderr == ""


def backend_activity(url: str) -> dict[int, object]:
    """Each other backend on the database: when it last did anything."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return dict(connection.execute(text(
                "SELECT pid, state_change FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )).all())
    finally:
        engine.dispose()


@pytest.mark.slow
@pytest.mark.postgres
def test_follow_on_postgresql_waits_on_listen_without_queries_and_hears_a_write_at_once(pg_backend: str) -> None:
    with writer(pg_backend) as service:
        service.create_release("2.4.0")
    follower = spawn("--db", pg_backend, "events", "--follow", "--json")
    try:
        assert json.loads(read_line(follower.stdout))["release"] == "2.4.0"
        time.sleep(0.5)  # its LISTEN and first read are through: from here it only waits
        before = backend_activity(pg_backend)
        time.sleep(1.5)
        assert backend_activity(pg_backend) == before  # no query while idle (polling read every 0.5 s)
        with writer(pg_backend, who="bob") as service:
            service.create_release("2.5.0")
            written = time.monotonic()
        seen = json.loads(read_line(follower.stdout))
        took = time.monotonic() - written
        print(f"\nevents --follow printed another process's event after {took * 1000:.0f} ms")
        assert (seen["who"], seen["release"]) == ("bob", "2.5.0")
        assert took < 0.3
    finally:
        follower.kill()
        follower.wait()


@pytest.mark.slow
@pytest.mark.postgres
def test_follow_on_postgresql_reconnects_and_misses_nothing_written_meanwhile(pg_backend: str) -> None:
    from tests.ui.test_live_refresh_pg import connections_refused

    with writer(pg_backend) as service:
        service.create_release("2.4.0")
    follower = spawn("--db", pg_backend, "events", "--follow", "--json")
    try:
        assert json.loads(read_line(follower.stdout))["release"] == "2.4.0"
        with connections_refused(pg_backend):
            assert "following again in 1 s, missing no event" in read_line(follower.stderr)
        with writer(pg_backend, who="bob") as service:  # before the follower is back: its NOTIFY is lost
            service.create_release("2.5.0")
        assert json.loads(read_line(follower.stdout))["release"] == "2.5.0"
        follower.send_signal(signal.SIGINT)
        assert follower.wait(timeout=15) == 130
        assert follower.stdout.read() == ""  # nothing twice
    finally:
        follower.kill()
        follower.wait()
