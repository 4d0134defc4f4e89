"""Rows this relmgr does not understand (written by a newer relmgr, or by hand with sqlite3) never crash a
listing: the listing leaves the release out and says so, naming the row; reading that release fails with
one error line naming the table, id, column and value.

Each case spoils one row of a real SQLite file with raw SQL and runs the real command (`main`, in process:
an interpreter start per command would cost seconds).
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from relmgr_tui.cli import main
from relmgr_tui.domain import templates
from relmgr_tui.domain.errors import UnreadableRow
from relmgr_tui.domain.model import PHASES, Attendee, Condition, Vote
from relmgr_tui.domain.templates import TemplateItem, TemplateSet
from relmgr_tui.service import Service
from relmgr_tui.store.board_query import first_cards
from relmgr_tui.store.repo import Store
from tests.conftest import FixedClock


def sql(path: Path, statement: str, params: dict | None = None) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute(statement, params or {})
    connection.close()


def drop_not_null(path: Path, table: str, column: str) -> None:
    """Make `column` nullable the way only a foreign tool would: by rewriting the stored schema."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA writable_schema = ON")
    connection.execute(
        "UPDATE sqlite_schema SET sql = replace(sql, :old, :new) WHERE name = :table",
        {"old": f"{column} VARCHAR(16) NOT NULL", "new": f"{column} VARCHAR(16)", "table": table},
    )
    connection.commit()
    connection.close()


@pytest.fixture(scope="module")
def spoilable(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """A database made once per module: `1.0.0` and `2.0.0` on the board, `2.0.0` in Preparing with one row of
    every kind under it; and the ids of the rows a case spoils."""
    path = tmp_path_factory.mktemp("spoilable") / "relmgr.db"
    store = Store.open(str(path))
    one_item = TemplateSet({"standard": {phase: (TemplateItem(f"Finish {phase.value}"),) for phase in PHASES},
                            "emergency": {}}, source="test")
    service = Service(store, one_item, who="alice", clock=FixedClock())
    service.create_release("1.0.0", "Good one")
    bad = service.create_release("2.0.0", "Spoiled one", methodology="agile")
    for _ in range(3):
        detail = service.detail(bad.id)
        service.set_done(detail.items_in(detail.release.phase)[0].id, True)
        service.advance(bad.id)
    risk = service.add_risk(bad.id, "Outage", 1, 1)
    step = service.add_step(bad.id, "Switch back")
    decision = service.record_decision(
        bad.id, "conditional_go", [Attendee("Dana", "QA", Vote.GO)], "Fine", [Condition("Watch", "ops")],
        override_reason="accepted")
    store.close()
    with closing(sqlite3.connect(path)) as connection:
        def one(query: str) -> int:
            return connection.execute(query, {"release": bad.id}).fetchone()[0]

        ids = {
            "release": bad.id,
            "item": one("SELECT MIN(id) FROM checklist_item WHERE release_id = :release"),
            "risk": risk.id,
            "step": step.id,
            "decision": decision.id,
            "attendee": one("SELECT a.id FROM decision_attendee a JOIN decision d ON d.id = a.decision_id"
                            " WHERE d.release_id = :release"),
            "condition": one("SELECT c.id FROM decision_condition c JOIN decision d ON d.id = c.decision_id"
                             " WHERE d.release_id = :release"),
            "event": one("SELECT MAX(id) FROM event WHERE release_id = :release"),
        }
    return path, ids


@pytest.fixture
def releases(spoilable: tuple[Path, dict[str, int]], db_path: Path) -> dict[str, int]:
    """A fresh copy of the module's database at `db_path`, and the ids of its rows."""
    shutil.copyfile(spoilable[0], db_path)
    return spoilable[1]


@pytest.fixture
def service(db_path: Path, releases: dict[str, int], clock: FixedClock) -> Iterator[Service]:
    store = Store.open(str(db_path))
    yield Service(store, templates.builtin(), who="alice", clock=clock)
    store.close()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, list[str]]:
    """`relmgr ARGS` in process: (exit status, stdout, stderr lines)."""
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err.splitlines()


# (spoiling SQL, the problem named), with {release}, {item}... standing for the spoiled row's id
RELEASE_CASES = [
    pytest.param("UPDATE release SET phase = 'launch' WHERE id = {release}",
                 "release {release}: phase 'launch' is not one this relmgr knows", id="unknown phase"),
    pytest.param("UPDATE release SET kind = 'hotfix' WHERE id = {release}",
                 "release {release}: kind 'hotfix' is not one this relmgr knows", id="unknown kind"),
    pytest.param("UPDATE release SET methodology = 'scrum' WHERE id = {release}",
                 "release {release}: methodology 'scrum' is not one this relmgr knows", id="unknown methodology"),
    pytest.param("UPDATE release SET target_date = '2026-13-45' WHERE id = {release}",
                 "release {release}: target_date '2026-13-45' is not a date this relmgr can read", id="bad date"),
    pytest.param("UPDATE release SET target_date = '20260101' WHERE id = {release}",
                 "release {release}: target_date 20260101 is not a date this relmgr can read",
                 id="date SQLite keeps as a number"),
    pytest.param("UPDATE release SET created_at = 'yesterday' WHERE id = {release}",
                 "release {release}: created_at 'yesterday' is not a timestamp this relmgr can read",
                 id="bad timestamp"),
]

CHILD_CASES = [
    pytest.param("UPDATE checklist_item SET phase = 'launch' WHERE id = {item}",
                 "checklist_item {item}: phase 'launch' is not one this relmgr knows", id="item phase"),
    pytest.param("UPDATE checklist_item SET done_at = 'noon' WHERE id = {item}",
                 "checklist_item {item}: done_at 'noon' is not a timestamp this relmgr can read", id="item time"),
    pytest.param("UPDATE risk SET status = 'escalated' WHERE id = {risk}",
                 "risk {risk}: status 'escalated' is not one this relmgr knows", id="risk status"),
    pytest.param("UPDATE risk SET response = 'ignore' WHERE id = {risk}",
                 "risk {risk}: response 'ignore' is not one this relmgr knows", id="risk response"),
    pytest.param("UPDATE rollback_step SET status = 'skipped' WHERE id = {step}",
                 "rollback_step {step}: status 'skipped' is not one this relmgr knows", id="step status"),
    pytest.param("UPDATE decision SET outcome = 'maybe' WHERE id = {decision}",
                 "decision {decision}: outcome 'maybe' is not one this relmgr knows", id="decision outcome"),
    pytest.param("UPDATE decision_attendee SET vote = 'yes' WHERE id = {attendee}",
                 "decision_attendee {attendee}: vote 'yes' is not one this relmgr knows", id="attendee vote"),
    pytest.param("UPDATE decision_condition SET deadline = 'friday' WHERE id = {condition}",
                 "decision_condition {condition}: deadline 'friday' is not a date this relmgr can read",
                 id="condition deadline"),
]




def by_id(*ids: str) -> list:
    return [case for case in RELEASE_CASES + CHILD_CASES if case.id in ids]


def spoil(db_path: Path, ids: dict[str, int], statement: str, problem: str) -> str:
    sql(db_path, statement.format(**ids))
    return problem.format(**ids)


@pytest.mark.parametrize(("statement", "problem"), RELEASE_CASES)
def test_list_leaves_an_unreadable_release_out_and_says_so(db_path: Path, releases, capsys, statement, problem):
    problem = spoil(db_path, releases, statement, problem)

    status, out, err = run(capsys, "list", "--all", "--db", str(db_path))

    assert status == 0
    assert "1.0.0" in out and "2.0.0" not in out
    assert err == [f"relmgr: warning: {problem}: left out of this list"]


@pytest.mark.parametrize(("statement", "problem"), RELEASE_CASES + CHILD_CASES)
def test_show_fails_with_one_line_naming_the_row(db_path: Path, releases, capsys, statement, problem):
    problem = spoil(db_path, releases, statement, problem)

    status, out, err = run(capsys, "show", "2.0.0", "--db", str(db_path))

    assert (status, out) == (2, "")
    assert err == [f"relmgr: error: {problem}: a newer relmgr may have written it; open it with that one,"
                   " or correct the value"]


@pytest.mark.parametrize(("statement", "problem"), by_id("unknown phase", "risk status", "condition deadline"))
@pytest.mark.parametrize("command", ["export", "minutes"])
def test_export_and_minutes_fail_with_the_same_line(db_path: Path, releases, capsys, statement, problem, command):
    problem = spoil(db_path, releases, statement, problem)

    status, out, err = run(capsys, command, "2.0.0", "--db", str(db_path))

    assert (status, out, len(err)) == (2, "", 1)
    assert err[0].startswith(f"relmgr: error: {problem}: ")


def test_a_malformed_event_names_its_row_in_the_minutes(db_path: Path, releases, capsys):
    problem = spoil(db_path, releases, "UPDATE event SET at = 'soon' WHERE id = {event}",
                    "event {event}: at 'soon' is not a timestamp this relmgr can read")

    status, _, err = run(capsys, "minutes", "2.0.0", "--db", str(db_path))

    assert status == 2 and err[0].startswith(f"relmgr: error: {problem}: ")


def test_a_null_where_a_value_is_required_is_named(db_path: Path, releases, capsys):
    drop_not_null(db_path, "release", "phase")
    sql(db_path, f"UPDATE release SET phase = NULL WHERE id = {releases['release']}")
    problem = f"release {releases['release']}: phase is empty (NULL), which this relmgr does not expect"

    assert run(capsys, "list", "--db", str(db_path))[2] == [f"relmgr: warning: {problem}: left out of this list"]
    status, _, err = run(capsys, "show", "2.0.0", "--db", str(db_path))
    assert status == 2 and err[0].startswith(f"relmgr: error: {problem}: ")


def test_a_write_to_an_unreadable_release_is_refused_with_the_same_line(db_path: Path, releases, capsys):
    problem = spoil(db_path, releases, *RELEASE_CASES[0].values)
    before = db_path.read_bytes()

    for args in (["check", "2.0.0", "1"], ["advance", "2.0.0"], ["risk", "add", "2.0.0", "New", "--likelihood",
                                                                  "1", "--impact", "1"]):
        status, _, err = run(capsys, *args, "--db", str(db_path))
        assert (status, len(err)) == (2, 1) and err[0].startswith(f"relmgr: error: {problem}: "), args
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(
    ("statement", "problem"), by_id("unknown phase", "bad date", "risk status", "step status", "decision outcome"))
def test_the_board_leaves_the_card_out_and_the_service_says_which(db_path: Path, releases, service: Service,
                                                                  statement, problem):
    problem = spoil(db_path, releases, statement, problem)

    assert [card.release.version for card in service.board()] == ["1.0.0"]
    assert service.skipped_rows() == (problem,)
    assert service.card(releases["release"]) is None
    first = first_cards(db_path, per_phase=10)
    assert first is not None
    assert [row.release.version for row in first.rows] == ["1.0.0"]
    assert (first.skipped, first.complete) == ((problem,), True)


def test_archive_and_palette_lists_leave_the_row_out(db_path: Path, service: Service):
    service.transition(service.release("1.0.0").id, "cancel", "superseded")
    released = service.create_release("0.9.0")
    service.transition(released.id, "cancel", "superseded")
    sql(db_path, f"UPDATE release SET updated_at = 'later' WHERE id = {released.id}")
    problem = f"release {released.id}: updated_at 'later' is not a timestamp this relmgr can read"

    assert [r.version for r in service.archive()] == ["1.0.0"]
    assert [r.version for r in service.releases(None, include_archived=True)] == ["1.0.0", "2.0.0"]
    assert service.skipped_rows() == (problem,), "said once, however many lists left it out"


def test_unreadable_row_keeps_the_problem_apart_from_the_advice():
    error = UnreadableRow("release 7: phase 'launch' is not one this relmgr knows")
    assert error.problem == "release 7: phase 'launch' is not one this relmgr knows"
    assert str(error).startswith(error.problem + ": ")


async def test_the_board_notifies_each_unreadable_release_once(db_path: Path, releases, clock: FixedClock):
    """Through the quick start's sqlite3 read and the service behind it: one toast, shown literally."""
    from relmgr_tui.bootstrap import launch_app
    from tests.ui.helpers import screen_text

    sql(db_path, f"UPDATE release SET phase = '[/]launch' WHERE id = {releases['release']}")
    problem = f"release {releases['release']}: phase '[/]launch' is not one this relmgr knows: left out"
    app = launch_app(str(db_path), clock=clock)
    assert app.quick_start is not None, "the first frame comes from the plain sqlite3 read"
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        for _ in range(200):
            if app.service_ready:
                break
            await pilot.pause(0.05)
        app.screen.reload()
        app.screen.check_for_changes()
        await pilot.pause()

        assert list(app.notified) == [problem]
        assert "1.0.0" in screen_text(app) and "2.0.0" not in screen_text(app)
