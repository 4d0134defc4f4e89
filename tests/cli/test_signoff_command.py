"""`relmgr signoff` / `relmgr signoffs`: sign as yourself (the OS user on SQLite; there is no option to type a
name), the missing ones block `advance`, a change makes them stale, the owner is refused unless allowed."""

from __future__ import annotations

import getpass
import json
import re
import sqlite3
from pathlib import Path

import pytest

from relmgr_tui import paths
from relmgr_tui.domain import templates
from relmgr_tui.domain.model import Phase
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store
from tests.conftest import FixedClock
from tests.service.support import finish_phase, walk_to

VERSION = "2.4.0"


@pytest.fixture
def preparing(db_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> Path:
    """2.4.0 in Preparing, owned by priya, with all done but the sign-offs; this process runs as OS user ossie."""
    store = Store.open(str(db_path))
    try:
        service = Service(store, templates.builtin(), identity="setup", clock=clock, remember=False)
        release = walk_to(service, service.create_release(VERSION, "Checkout", owner="priya"), Phase.PREPARING)
        step = service.add_step(release.id, "Switch traffic back", "deploy rollback", "ops", 10)
        service.rehearse_step(step.id)
        finish_phase(service, release)
    finally:
        store.close()
    monkeypatch.setattr(getpass, "getuser", lambda: "ossie")
    monkeypatch.setenv("USER", "ossie")
    monkeypatch.setenv("LOGNAME", "ossie")
    return db_path


def stored_signoffs(db_path: Path) -> list[tuple]:
    with sqlite3.connect(db_path) as db:
        return db.execute("SELECT role, who, verdict, comment FROM signoff ORDER BY id").fetchall()


def test_missing_signoffs_refuse_advance_with_exit_1_naming_each_role(preparing, run_cli) -> None:
    run_cli("decide", VERSION, "--outcome", "go", "--attendee", "Dana:RM:go", "--rationale", "green")
    out, err = run_cli("advance", VERSION, expect=1)
    assert "Sign-off missing: qa (before Deploying): relmgr signoff 2.4.0 --role qa" in out + err
    assert "Sign-off missing: ops (before Deploying): relmgr signoff 2.4.0 --role ops" in out + err
    assert json.loads(run_cli("show", VERSION, "--json")[0])["phase"] == "preparing"


def test_signing_records_the_os_user_and_both_approvals_let_it_advance(preparing, run_cli) -> None:
    out, _ = run_cli("signoff", VERSION, "--role", "qa", "--comment", "UAT passed")
    assert out == "Signed off 2.4.0 as qa (approved, before Deploying) by ossie.\n"
    run_cli("signoff", VERSION, "--role", "ops")
    assert stored_signoffs(preparing) == [("qa", "ossie", "approve", "UAT passed"), ("ops", "ossie", "approve", "")]
    run_cli("decide", VERSION, "--outcome", "go", "--attendee", "Dana:RM:go", "--rationale", "green")
    run_cli("advance", VERSION)
    assert json.loads(run_cli("show", VERSION, "--json")[0])["phase"] == "deploying"


def test_there_is_no_option_to_type_who_signs(preparing, run_cli, capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        run_cli("signoff", VERSION, "--role", "qa", "--who", "mallory")
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "unrecognized arguments: --who mallory" in err and "Traceback" not in err
    assert stored_signoffs(preparing) == []


def test_a_tick_after_signing_makes_the_signoff_stale(preparing, run_cli) -> None:
    run_cli("signoff", VERSION, "--role", "qa")
    run_cli("uncheck", VERSION, "1")
    roles = json.loads(run_cli("signoffs", VERSION, "--json")[0])["roles"]
    assert [(r["role"], r["state"], (r["signoff"] or {}).get("stale")) for r in roles] == [
        ("qa", "approved, stale: the release changed since", True), ("ops", "missing", None)]
    out, err = run_cli("advance", VERSION, expect=1)
    assert ("Sign-off stale: qa by ossie, the release changed since (before Deploying): sign off again"
            " (relmgr signoff 2.4.0 --role qa)") in out + err


def test_an_unknown_role_is_one_error_line_naming_the_roles(preparing, run_cli) -> None:
    out, err = run_cli("signoff", VERSION, "--role", "security", expect=2)
    assert (out, err) == ("", "relmgr: error: unknown sign-off role 'security': the roles the templates ask for"
                              " are qa, ops\n")


def test_the_owner_is_refused_unless_config_allows_it(preparing, run_cli) -> None:
    run_cli("edit", VERSION, "--owner", "ossie")
    _, err = run_cli("signoff", VERSION, "--role", "qa", expect=2)
    assert err == ("relmgr: error: ossie owns 2.4.0 and cannot sign it off: ask someone else, or set"
                   " allow_self_signoff = true in config.toml\n")
    assert stored_signoffs(preparing) == []
    paths.config_file().parent.mkdir(parents=True, exist_ok=True)
    paths.config_file().write_text("allow_self_signoff = true\n", encoding="utf-8")
    run_cli("signoff", VERSION, "--role", "qa")
    assert stored_signoffs(preparing) == [("qa", "ossie", "approve", "")]


def test_revoke_takes_it_back_and_the_list_shows_it_missing(preparing, run_cli) -> None:
    run_cli("signoff", VERSION, "--role", "qa", "--reject", "--comment", "login broken")
    assert stored_signoffs(preparing) == [("qa", "ossie", "reject", "login broken")]
    out, _ = run_cli("signoffs", VERSION)
    lines = out.splitlines()
    assert lines[:2] == ["Sign-offs before Deploying of 2.4.0", "ROLE  VERDICT   WHO    WHEN              COMMENT"]
    assert re.fullmatch(r"qa    rejected  ossie  \d{4}-\d\d-\d\d \d\d:\d\d  login broken", lines[2])
    assert run_cli("signoff", VERSION, "--role", "qa", "--revoke")[0] == (
        "Revoked your qa sign-off of 2.4.0 (before Deploying).\n")
    assert stored_signoffs(preparing) == []
    assert "\nqa    missing  -    -\n" in run_cli("signoff", VERSION, "--list")[0]


def test_show_export_and_minutes_include_the_signoffs(preparing, run_cli) -> None:
    run_cli("signoff", VERSION, "--role", "qa", "--comment", "UAT passed")
    run_cli("decide", VERSION, "--outcome", "go", "--attendee", "Dana:RM:go", "--rationale", "green")
    text = run_cli("show", VERSION)[0]
    assert re.search(r"\nSign-offs before Deploying\n  qa: approved by ossie at [\d:\- ]+ UTC \(UAT passed\)\n"
                     r"  ops: missing\n", text)
    shown = json.loads(run_cli("show", VERSION, "--json")[0])["signoffs"]
    assert [(s["role"], s["who"], s["verdict"], s["stale"]) for s in shown] == [("qa", "ossie", "approve", False)]
    exported = run_cli("export", VERSION, "--format", "md")[0]
    assert re.search(r"## Sign-offs\n\n- Before Deploying, qa: approved by ossie, [\d:\- ]+ UTC: UAT passed\n", exported)
    minutes = run_cli("minutes", VERSION)[0]
    assert re.search(r"## Sign-offs before Deploying\n\n- qa: approved by ossie, [\d:\- ]+ UTC: UAT passed\n", minutes)
    pack = json.loads(run_cli("evidence", VERSION, "--json")[0])
    assert [(s["role"], s["who"]) for s in pack["pack"]["signoffs"]] == [("qa", "ossie")]
