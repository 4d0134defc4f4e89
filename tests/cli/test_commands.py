"""The command line end to end, the way a person or a CI pipeline runs it: what it prints, its exit status,
what the database holds afterwards.

Commands run through `cli.main` in this process (tests/cli/in_process.py). What only a real process
shows (the status `python -m relmgr_tui` exits with, argparse's own exits) runs in one: `relmgr_process`.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from relmgr_tui import __version__
from relmgr_tui.domain import templates
from relmgr_tui.domain.model import Phase, ReleaseDetail
from relmgr_tui.service import Service
from relmgr_tui.store.migrations import HEAD
from relmgr_tui.store.repo import Store
from tests.cli.in_process import relmgr

PLANNING = (
    "Connect with stakeholders and agree what the release must deliver",
    "Hold the kickoff meeting with development, QA, operations and product",
    "Write the business case and the scope of the release",
    "Build the work breakdown structure",
    "Get the release plan approved by the sponsor",
    "Publish the release schedule with its milestones",
)


def relmgr_process(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m relmgr_tui ARGS` in a process of its own, `env` added to the environment: for the
    status the process exits with (the autouse fixture has pointed XDG_* at private folders)."""
    return subprocess.run(
        [sys.executable, "-m", "relmgr_tui", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONUTF8": "1", **(env or {})},
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )


def ok(*args: str) -> str:
    result = relmgr(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def ok_process(*args: str, env: dict[str, str] | None = None) -> str:
    """`ok` in a process of its own."""
    result = relmgr_process(*args, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    """The stderr of a failed command: exactly one line, no traceback."""
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("relmgr: error: ")
    assert "Traceback" not in result.stderr
    return lines[0]


@contextmanager
def service_on(db: str) -> Iterator[Service]:
    store = Store.open(db)
    try:
        yield Service(store, templates.builtin(), who="alice")
    finally:
        store.close()


def detail(db: str, version: str) -> ReleaseDetail:
    with service_on(db) as service:
        return service.detail_by_version(version)


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "relmgr.db")


@pytest.fixture
def release(db: str) -> str:
    """A waterfall release 2.4.0 in Planning, with the standard checklists."""
    with service_on(db) as service:
        service.create_release("2.4.0", title="Checkout: Apple Pay", owner="Priya", target_date="2026-12-01")
    return "2.4.0"


def test_version_flag_prints_the_version() -> None:
    result = relmgr_process("--version")

    assert (result.returncode, result.stdout.strip()) == (0, f"relmgr {__version__}")


def test_new_creates_a_release_that_list_shows(db: str) -> None:
    ok("--db", db, "new", "2.4.0", "--title", "Checkout: Apple Pay", "--owner", "Priya", "--target", "2026-12-01",
       "--kind", "Major")

    [row] = json.loads(ok("--db", db, "list", "--json"))

    assert row == {
        "version": "2.4.0",
        "title": "Checkout: Apple Pay",
        "kind": "major",
        "methodology": "waterfall",
        "phase": "planning",
        "state": "active",
        "state_reason": "",
        "state_changed_at": None,
        "hold_until": None,
        "released_at": None,
        "closed_at": None,
        "owner": "Priya",
        "target_date": "2026-12-01",
        "done": 0,
        "total": 6,
    }


def test_list_is_a_table_that_marks_overdue_releases(db: str) -> None:
    late = datetime.now(UTC).date() - timedelta(days=3)
    with service_on(db) as service:
        service.create_release("1.0.0", kind="patch", target_date=late)
        service.create_release("1.1.0", owner="Sam [ops] Patel")

    header, first, second = ok("--db", db, "list").splitlines()

    assert header.split() == ["VERSION", "PHASE", "STATE", "KIND", "OWNER", "TARGET", "DONE", "TITLE"]
    assert first.split()[:4] == ["1.0.0", "Planning", "active", "patch"]
    assert f"{late.isoformat()} (3d overdue)" in first
    assert "Sam [ops] Patel" in second


def test_info_reports_database_config_schema_and_counts(db: str, release: str, isolated_user_dirs: Path) -> None:
    info = json.loads(ok("--db", db, "info", "--json"))

    assert info["version"] == __version__
    assert info["database"] == str(Path(db).resolve())
    assert info["config"] == str(isolated_user_dirs / "config" / "relmgr" / "config.toml")
    assert info["schema_revision"] == HEAD
    assert info["counts"]["releases"] == 1
    assert info["counts"]["checklist_items"] == 28


def test_check_by_number_and_by_text_then_show_marks_them_done(db: str, release: str) -> None:
    assert "Ticked" in ok("--db", db, "check", release, "1")
    assert "kickoff meeting" in ok("--db", db, "check", release, "KICKOFF")

    planning = json.loads(ok("--db", db, "show", release, "--json"))["checklist"]["planning"]

    assert [item["done"] for item in planning] == [True, True, False, False, False, False]
    assert planning[1]["done_by"]


def test_uncheck_and_check_in_another_phase(db: str, release: str) -> None:
    with service_on(db) as service:
        service.set_done(service.find_item(release, "3").id, True)

    ok("--db", db, "uncheck", release, "business case")
    ok("--db", db, "check", release, "announce", "--phase", "Preparing")  # an early item: allowed before its phase

    after = detail(db, release)
    assert not any(item.done for item in after.items_in(Phase.PLANNING))
    assert [item.text for item in after.items_in(Phase.PREPARING) if item.done] == [
        "Announce the release window to users and support"]


def test_ambiguous_item_text_is_refused_in_one_line(db: str, release: str) -> None:
    line = one_line_error(relmgr("--db", db, "check", release, "the"))

    assert "matches 6 Planning items" in line


def test_advance_through_a_closed_gate_exits_1_and_prints_every_blocker(db: str, release: str) -> None:
    result = relmgr_process("--db", db, "advance", release)

    assert result.returncode == 1
    blockers = [line.strip() for line in result.stderr.splitlines() if line.startswith("  - ")]
    assert blockers == [f"- Required Planning item not done: {text}" for text in PLANNING]
    assert "Traceback" not in result.stderr
    assert detail(db, release).release.phase is Phase.PLANNING


def test_advance_once_the_required_items_are_done_and_back_again(db: str, release: str) -> None:
    with service_on(db) as service:
        for item in service.detail_by_version(release).items_in(Phase.PLANNING):
            service.set_done(item.id, True)

    assert "moved from Planning to Building" in ok("--db", db, "advance", release)
    assert detail(db, release).release.phase is Phase.BUILDING
    assert "moved back from Building to Planning" in ok("--db", db, "back", release, "--reason", "scope changed")
    assert detail(db, release).release.phase is Phase.PLANNING


def test_agile_gate_is_overridden_only_with_a_reason(db: str) -> None:
    with service_on(db) as service:
        service.create_release("3.0.0", methodology="agile")

    refused = relmgr("--db", db, "advance", "3.0.0")
    assert refused.returncode == 1
    assert "--reason" in refused.stderr

    assert "Overrode 6 blockers" in ok("--db", db, "advance", "3.0.0", "--reason", "sponsor accepted the open items")
    assert detail(db, "3.0.0").release.phase is Phase.BUILDING


def test_back_from_planning_is_refused(db: str, release: str) -> None:
    assert "first phase" in one_line_error(relmgr("--db", db, "back", release))


@pytest.mark.parametrize("command", [["show", "9.9.9"], ["check", "9.9.9", "1"]])
def test_unknown_version_is_a_one_line_error(db: str, release: str, command: list[str]) -> None:
    line = one_line_error(relmgr("--db", db, *command))

    assert "9.9.9" in line


def test_a_text_file_as_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"release notes, not a database\n")

    line = one_line_error(relmgr("--db", str(notes), "list"))

    assert str(notes) in line
    assert notes.read_bytes() == b"release notes, not a database\n"


def test_db_after_the_subcommand_wins_over_the_one_before(tmp_path: Path) -> None:
    first, second = str(tmp_path / "first.db"), str(tmp_path / "second.db")

    ok("--db", first, "new", "1.0.0", "--db", second)

    assert detail(second, "1.0.0").release.version == "1.0.0"
    assert not Path(first).exists()


def test_relmgr_db_environment_variable_names_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "from-env.db"
    monkeypatch.setenv("RELMGR_DB", str(path))

    ok("new", "5.0.0")

    assert detail(str(path), "5.0.0").release.version == "5.0.0"


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--phase", "shipping"],
        ["risk", "add", "2.4.0", "Vendor late", "--likelihood", "3"],
        ["demo", "--releases", "0"],
    ],
)
def test_bad_arguments_exit_2_with_a_usage_message(db: str, args: list[str]) -> None:
    result = relmgr_process("--db", db, *args)

    assert result.returncode == 2
    assert result.stderr.startswith("usage: relmgr")
    assert "error:" in result.stderr.splitlines()[-1]
    assert "Traceback" not in result.stderr


def test_risk_add_records_the_risk_and_checks_its_ratings(db: str, release: str) -> None:
    output = ok("--db", db, "risk", "add", release, "Card data leak", "--likelihood", "4", "--impact", "5",
                "--owner", "Bob", "--mitigation", "Tokenise before storing", "--response", "avoid")

    assert "score 20, critical" in output
    [risk] = detail(db, release).risks
    assert (risk.title, risk.score, risk.owner, risk.mitigation, risk.response.value) == (
        "Card data leak", 20, "Bob", "Tokenise before storing", "avoid"
    )
    assert "likelihood" in one_line_error(
        relmgr("--db", db, "risk", "add", release, "X", "--likelihood", "6", "--impact", "2")
    )


def test_read_only_mode_refuses_changes(db: str, release: str) -> None:
    one_line_error(relmgr("--db", db, "--read-only", "check", release, "1"))

    assert not detail(db, release).items[0].done


def test_show_lists_risks_by_score_and_every_gate_blocker(db: str, release: str) -> None:
    with service_on(db) as service:
        release_id = service.release(release).id
        service.add_risk(release_id, "Vendor late", 2, 3)
        service.add_risk(release_id, "Card data leak", 4, 5)

    output = ok("--db", db, "show", release)

    for heading in ("Checklist", "Risks", "Rollback plan", "Go/no-go decisions", "Gate: Planning"):
        assert heading in output
    assert output.index("20 critical Card data leak") < output.index(" 6 medium   Vendor late")
    for text in PLANNING:
        assert f"- Required Planning item not done: {text}" in output
    assert "Gate: Planning -> Building\n  6 blockers before Planning -> Building." in output
    assert "→" not in output, "command-line text keeps to one arrow, the ASCII one"


def test_show_prints_markup_literally_and_control_characters_escaped(db: str) -> None:
    with service_on(db) as service:
        service.create_release("6.0.0", title="[bold red]urgent[/] \x1b[2Jfix")

    output = ok("--db", db, "show", "6.0.0")

    assert "[bold red]urgent[/] \\x1b[2Jfix" in output
    assert "\x1b" not in output


@pytest.mark.parametrize("command", [["list", "--json"], ["show", "6.0.0", "--json"]])
def test_json_output_escapes_bidi_and_c1_characters_and_keeps_the_data(db: str, command: list[str]) -> None:
    title = "invoice \u202etxt.exe\u202c \x85next \u200bzero \x1b[2J"
    with service_on(db) as service:
        service.create_release("6.0.0", title=title)

    output = ok("--db", db, *command)

    assert "\\u202etxt.exe\\u202c \\u0085next \\u200bzero \\u001b[2J" in output
    assert not any(character in output for character in "\u202e\u202c\x85\u200b\x1b")
    data = json.loads(output)
    assert (data[0] if isinstance(data, list) else data)["title"] == title


def test_export_renders_markdown_json_and_toml(db: str, release: str) -> None:
    with service_on(db) as service:
        service.set_done(service.find_item(release, "1").id, True)

    markdown = ok("--db", db, "export", release)
    data = json.loads(ok("--db", db, "export", release, "--format", "json"))
    toml = tomllib.loads(ok("--db", db, "export", release, "--format", "toml"))

    assert markdown.startswith("# 2.4.0: Checkout: Apple Pay\n")
    assert f"- [x] 1. {PLANNING[0]}" in markdown
    assert data["checklist"]["planning"][0]["done"] is True
    assert data["gate"]["blockers"] == [f"Required Planning item not done: {text}" for text in PLANNING[1:]]
    assert toml["version"] == "2.4.0"
    assert toml["checklist"]["planning"][0]["done"] is True


def test_backup_is_a_readable_sqlite_copy(db: str, release: str, tmp_path: Path) -> None:
    copy = tmp_path / "backups" / "copy.db"
    copy.parent.mkdir()

    ok("--db", db, "backup", str(copy))

    with sqlite3.connect(copy) as connection:
        assert connection.execute("SELECT version FROM release").fetchall() == [("2.4.0",)]
    assert detail(str(copy), release).release.title == "Checkout: Apple Pay"


def test_demo_creates_the_releases_asked_for_deterministically(tmp_path: Path) -> None:
    first, second = str(tmp_path / "a.db"), str(tmp_path / "b.db")

    output = ok("--db", first, "demo", "--releases", "30", "--seed", "7")
    ok("--db", second, "demo", "--releases", "30", "--seed", "7")

    assert "Added 30 demo releases (5 on the board, 25 archived)" in output
    listing = json.loads(ok("--db", first, "list", "--all", "--json"))
    assert len({row["version"] for row in listing}) == 30
    assert listing == json.loads(ok("--db", second, "list", "--all", "--json"))


def test_demo_adds_to_an_existing_database_without_version_clashes(db: str) -> None:
    ok("--db", db, "demo", "--releases", "20")
    ok("--db", db, "demo", "--releases", "20")

    with service_on(db) as service:
        service.create_release("after-demo")
        versions = [r.version for r in service.releases(include_archived=True)]
    assert len(versions) == len(set(versions)) == 41


def test_a_broken_config_file_is_a_warning_not_a_failure(db: str, release: str, isolated_user_dirs: Path) -> None:
    config = isolated_user_dirs / "config" / "relmgr" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("theme = \n", encoding="utf-8")

    result = relmgr("--db", db, "list")

    assert result.returncode == 0
    [warning] = result.stderr.splitlines()
    assert warning.startswith(f"relmgr: warning: {config}")
