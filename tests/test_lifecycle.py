"""One release's whole life, as a release manager lives it: the command line for what a pipeline does, the
app for the rollback plan and the go/no-go meeting, and at every step what `show`, `export` and `minutes`
tell an auditor.

The commands run through `cli.main` in this process (the real parser, handlers and exit codes; each
`relmgr` process would cost an interpreter start and the walk takes dozens of commands). The app is
driven by Pilot on the same database file.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from textual.widgets import TextArea

from relmgr_tui.bootstrap import create_app
from relmgr_tui.cli import main
from relmgr_tui.domain.model import PHASES
from relmgr_tui.ui.screens.decision import DecisionModal
from relmgr_tui.ui.screens.gonogo import GoNoGoScreen
from relmgr_tui.ui.screens.release import ReleaseScreen
from relmgr_tui.ui.screens.step_form import StepFormModal
from tests.ui.helpers import screen_text

pytestmark = pytest.mark.slow

VERSION = "5.0.0"
SIZE = (120, 36)


class Relmgr:
    """`relmgr --db DB ...` in this process: the exit status, standard output and standard error."""

    def __init__(self, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self.capsys = capsys

    def __call__(self, *args: str, expect: int = 0) -> tuple[str, str]:
        self.capsys.readouterr()
        status = main(["--db", str(self.db), *args])
        out, err = self.capsys.readouterr()
        assert status == expect, f"relmgr {' '.join(args)} exited {status}, not {expect}:\n{out}\n{err}"
        return out, err

    def detail(self) -> dict:
        out, _ = self("show", VERSION, "--json")
        return json.loads(out)

    def tick_current_phase(self) -> None:
        data = self.detail()
        for item in data["checklist"][data["phase"]]:
            if not item["done"] and not item["rule"]:  # a rule item follows the evidence by itself
                self("check", VERSION, str(item["number"]))


def assert_record(relmgr: Relmgr, phase: str, state: str = "active") -> None:
    """What show, export and list say about the release agree with where it is."""
    data = relmgr.detail()
    assert (data["phase"], data["state"]) == (phase, state)
    shown, _ = relmgr("show", VERSION)
    label = next(p.label for p in PHASES if p.value == phase)
    assert f"| {label} (" in shown.splitlines()[1]
    markdown, _ = relmgr("export", VERSION, "--format", "md")
    assert label in markdown
    listed, _ = relmgr("list", "--all", "--json")
    assert [(r["version"], r["phase"], r["state"]) for r in json.loads(listed) if r["version"] == VERSION] == [
        (VERSION, phase, state)]


async def hold_in_the_app(db: Path, clock) -> None:
    """On the board: `H` on the card in Building, a reason and a date, and the card says HOLD."""
    app = create_app(str(db), clock=clock, who="priya")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("H")  # the focus starts on the only card
        await pilot.pause()
        await pilot.press(*"vendor review", "enter", *"2099-12-01", "enter")
        await app.writes_settled()
        await pilot.pause()
        assert "HOLD" in screen_text(app)


async def record_rollback_and_go(db: Path, clock) -> None:
    """In the app: a rollback step added and rehearsed, then a GO recorded in the go/no-go review."""
    app = create_app(str(db), clock=clock, who="priya")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the only card, in Preparing, has the focus
        await pilot.pause()
        assert isinstance(app.screen, ReleaseScreen)
        await pilot.press("3", "a")
        assert isinstance(app.screen, StepFormModal)
        await pilot.press(*"Redeploy 4.9.2", "tab", *"deploy --version 4.9.2", "tab", *"ops", "tab",
                          "backspace", "backspace", *"12", "ctrl+s")
        await app.writes_settled()
        await pilot.pause()
        assert "1 step · 12 min expected in total" in screen_text(app)
        await pilot.press("r")
        await app.writes_settled()
        await pilot.pause()
        assert "✓ rehearsed" in screen_text(app)
        await record_go(pilot, app, clock)


async def record_go_again(db: Path, clock) -> None:
    """A fix-forward goes through a new go/no-go review: the GO of the first deployment is stale."""
    app = create_app(str(db), clock=clock, who="priya")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await record_go(pilot, app, clock)


async def record_go(pilot, app, clock) -> None:
    """From the workspace: the go/no-go review, priya's GO vote, a rationale, saved."""
    await pilot.press("g")
    await pilot.pause()
    assert isinstance(app.screen, GoNoGoScreen)
    clock.advance(minutes=25)  # the meeting
    await pilot.press("v")
    await pilot.pause()
    assert isinstance(app.screen, DecisionModal)
    await pilot.press("g")  # priya, the release manager, is there already: her vote
    assert "Suggested by the votes: ✓ GO (1 go vote, no no-go)" in screen_text(app)
    for _ in range(12):
        if isinstance(app.focused, TextArea):
            break
        await pilot.press("tab")
    await pilot.press(*"All green")
    await pilot.press("ctrl+s")
    await app.writes_settled()
    await pilot.pause()
    assert isinstance(app.screen, GoNoGoScreen), screen_text(app)


async def test_a_release_from_planning_to_released(db_path: Path, clock, capsys) -> None:
    relmgr = Relmgr(db_path, capsys)
    out, _ = relmgr("new", VERSION, "--title", "Ledger five", "--kind", "major", "--target", "2026-12-10",
                    "--owner", "priya")
    assert f"Created {VERSION} (major, waterfall) in Planning" in out
    assert_record(relmgr, "planning")
    _, err = relmgr("minutes", VERSION, expect=2)
    assert "relmgr: error:" in err and "decision" in err

    # A waterfall gate refuses while required items are open, and lists every one of them.
    _, err = relmgr("advance", VERSION, expect=1)
    assert err.startswith("relmgr: blocked:") and err.count("\n  - ") >= 5

    for here, there in (("planning", "building"), ("building", "testing"), ("testing", "preparing")):
        relmgr.tick_current_phase()
        if here == "building":
            await hold_in_the_app(db_path, clock)
            assert_record(relmgr, "building", "on_hold")
            assert "  on hold: vendor review (until 2099-12-01)" in relmgr("show", VERSION)[0]
            _, err = relmgr("advance", VERSION, expect=1)
            assert "  - on hold: vendor review (resume it first)" in err
            relmgr("resume", VERSION)
        if here == "testing":
            relmgr("cancel", VERSION, "--reason", "budget frozen")
            assert_record(relmgr, "testing", "cancelled")
            assert "cancelled: budget frozen" in relmgr("export", VERSION, "--format", "md")[0]
            assert relmgr("reopen", VERSION)[0] == f"{VERSION} is back on the board, in Testing.\n"
        out, _ = relmgr("advance", VERSION)
        assert out.startswith(f"{VERSION} moved from {here.capitalize()} to {there.capitalize()}.")
        assert_record(relmgr, there)

    # Preparing -> Deploying needs more than ticks: a rehearsed rollback plan, sign-offs and a GO.
    relmgr.tick_current_phase()
    _, err = relmgr("advance", VERSION, expect=1)
    assert "rollback" in err.lower() and "go" in err.lower() and "Sign-off missing: qa" in err

    await record_rollback_and_go(db_path, clock)
    # The GO was taken over the missing sign-offs: once these blockers are cleared, and signing clears them.
    relmgr("signoff", VERSION, "--role", "qa", "--comment", "UAT passed")
    relmgr("signoff", VERSION, "--role", "ops")

    shown, _ = relmgr("show", VERSION)
    assert "GO on Preparing by priya: current" in shown and "STALE" not in shown
    assert "[rehearsed] Redeploy 4.9.2" in shown
    minutes, _ = relmgr("minutes", VERSION, "--format", "json")
    assert json.loads(minutes)["outcome"] == "go"

    out, _ = relmgr("advance", VERSION)
    assert out.startswith(f"{VERSION} moved from Preparing to Deploying.")
    assert_record(relmgr, "deploying")

    relmgr.tick_current_phase()
    out, _ = relmgr("advance", VERSION)
    assert out == f"{VERSION} is released.\n"
    assert_record(relmgr, "deploying", "released")
    listed, _ = relmgr("list")
    assert VERSION not in listed  # it left the board for the archive
    markdown, _ = relmgr("export", VERSION, "--format", "md")
    assert "Released" in markdown and "GO" in markdown
    assert "- **Phase:** Deploying (released)" in markdown
    assert "1. **rehearsed** Redeploy 4.9.2 `deploy --version 4.9.2` (12 min, ops)" in markdown
    assert "### GO on Preparing, 2026-11-26 09:55 UTC by priya" in markdown
    minutes, _ = relmgr("minutes", VERSION)
    assert "- **Decision:** ✓ GO" in minutes and "| priya | release manager | ✓ GO |" in minutes
    # The GO authorised the move into Deploying; ticking every Deploying item afterwards leaves it so.
    authorised = "authorised the move to Deploying at "  # when `relmgr advance` ran (the real clock)
    assert f"- **Status now:** {authorised}" in minutes and "stale" not in minutes
    # The review held in the app under the fixed clock: its real start and length, never an invented 2 h.
    assert "- **Review:** 09:30 UTC to 09:55 UTC, 25 min, driven by priya" in minutes
    shown, _ = relmgr("show", VERSION)
    assert f"GO on Preparing by priya: {authorised}" in shown and "STALE" not in shown
    decision = relmgr.detail()["decisions"][0]
    assert decision["stale"] is False and decision["authorised_move_at"]
    assert f"Status: {authorised}" in markdown and "stale" not in markdown
    shown, _ = relmgr("show", VERSION)
    # The command line's clock is the real one: how early depends on the day the test runs.
    assert re.search(r"\n  released (\d+ days? (early|late)|on the target date)\n", shown)
    assert "Gate: none, the release is released" in shown
    assert "OVERDUE" not in shown and "blocker" not in shown

    # An outage: rolled back from Released, the rollback step that was run marked executed.
    out, _ = relmgr("rolled-back", VERSION, "--reason", "checkout errors", "--executed", "1")
    assert out == f"{VERSION} is rolled back: checkout errors. 1 rollback step marked executed.\n"
    assert_record(relmgr, "deploying", "rolled_back")
    assert "[executed] Redeploy 4.9.2" in relmgr("show", VERSION)[0]
    assert relmgr("list", "--all", "--json")[0].count('"state_reason": "checkout errors"') == 1

    # The fix-forward starts again in Preparing and goes out through the gates.
    assert relmgr("reopen", VERSION)[0] == f"{VERSION} is back on the board, in Preparing.\n"
    assert_record(relmgr, "preparing")
    await record_go_again(db_path, clock)
    _, err = relmgr("advance", VERSION, expect=1)
    assert "Sign-off stale: qa by " in err  # the roll back changed what they approved: sign again
    for role in ("qa", "ops"):
        relmgr("signoff", VERSION, "--role", role)
    relmgr("advance", VERSION)
    assert_record(relmgr, "deploying")
    relmgr("rolled-back", VERSION, "--reason", "smoke tests failed")
    assert_record(relmgr, "deploying", "rolled_back")
    relmgr("reopen", VERSION)
    # The GO of the second deployment authorised that move only: the third needs a decision of its own.
    _, err = relmgr("advance", VERSION, expect=1)
    assert "a decision authorises one move. Hold the review again (g, or relmgr decide)." in err, err
    relmgr("decide", VERSION, "--outcome", "go", "--attendee", "priya:release manager:go",
           "--rationale", "smoke tests fixed")
    relmgr("advance", VERSION)  # nothing they signed changed since the second sign-offs
    assert relmgr("advance", VERSION)[0] == f"{VERSION} is released.\n"
    assert_record(relmgr, "deploying", "released")
    _, err = relmgr("reopen", VERSION, expect=2)
    assert err.endswith("a released release is not reopened: a follow-up is a new release;"
                        " allowed from here: rolled-back\n")
    assert json.loads(relmgr("minutes", VERSION, "--format", "json")[0])["outcome"] == "go"


JIRA_EXPORT = """\
Issue key,Summary,Issue Type,Status,Priority
PAY-1,Refunds in one click,Story,Done,Medium
PAY-2,Card declined on retry,Bug,In Progress,High
PAY-3,Statements by email,Story,To Do,Low
PAY-4,Rotate the keys,Task,Done,Low
"""


async def the_scope_pane_in_the_app(db: Path, clock) -> None:
    """In the app: the Scope pane lists the imported items with their status in words."""
    app = create_app(str(db), clock=clock, who="priya")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the only card
        await pilot.pause()
        assert isinstance(app.screen, ReleaseScreen)
        await pilot.press("5")
        await pilot.pause()
        shown = screen_text(app)
        assert "PAY-2" in shown and "critical" in shown and "PAY-1" in shown and "done" in shown, shown


async def test_what_is_in_it_who_signed_when_and_what_was_learned(db_path: Path, clock, capsys, monkeypatch) -> None:
    """A release with a scope, a deployment window in a change freeze and the sign-offs it needs, walked to
    Released, reviewed, rolled back and reopened: at each step the gate, `show`, `export`, the minutes and
    the evidence pack agree with what happened, and the review changes nothing recorded before the release."""
    relmgr = Relmgr(db_path, capsys)
    relmgr("new", VERSION, "--title", "Ledger five", "--kind", "minor", "--target", "2099-12-18", "--owner", "priya")
    relmgr("new", "5.1.0", "--title", "Ledger five, part two", "--kind", "minor", "--owner", "priya")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(JIRA_EXPORT.encode("utf-8"))))
    assert relmgr("scope", "import", VERSION)[0] == f"Imported into {VERSION}: 4 added, 0 updated, 0 unchanged.\n"
    relmgr("schedule", VERSION, "--window", "2099-12-22 22:00/2099-12-23 01:00", "--zone", "UTC")
    relmgr("freeze", "add", "Year end", "--from", "2099-12-20", "--to", "2100-01-04", "--reason", "Holidays")
    await the_scope_pane_in_the_app(db_path, clock)

    for _ in range(3):  # Planning -> Building -> Testing -> Preparing
        relmgr.tick_current_phase()
        relmgr("advance", VERSION)
    assert_record(relmgr, "preparing")
    relmgr.tick_current_phase()
    relmgr("step", "add", VERSION, "Redeploy 4.9.2", "--command", "deploy --version 4.9.2", "--minutes", "12")
    relmgr("step", "rehearse", VERSION, "1")

    # Every blocker of the move into Deploying at once: the open bug, the freeze and the missing sign-offs.
    _, err = relmgr("advance", VERSION, expect=1)
    assert "  - Open critical bug PAY-2: Card declined on retry\n" in err, err  # Jira's High is our critical
    assert "Change freeze 'Year end'" in err and "Sign-off missing: qa" in err and "Sign-off missing: ops" in err
    warnings = relmgr.detail()["gate"]["warnings"]
    assert any("PAY-3" in w for w in warnings), warnings  # an unfinished feature warns, with the way to defer it

    relmgr("scope", "set", VERSION, "PAY-2", "--status", "done")
    relmgr("scope", "defer", VERSION, "--to", "5.1.0")
    assert [i["key"] for i in json.loads(relmgr("scope", "list", "5.1.0", "--json")[0])] == ["PAY-3"]
    relmgr("schedule", VERSION, "--window", "2100-01-06 22:00/2100-01-07 01:00", "--zone", "UTC")
    relmgr("signoff", VERSION, "--role", "qa", "--comment", "UAT passed")
    relmgr("signoff", VERSION, "--role", "ops")
    relmgr("decide", VERSION, "--outcome", "go", "--attendee", "priya:release manager:go", "--rationale", "All green")

    data = relmgr.detail()
    assert data["gate"]["blockers"] == [], data["gate"]
    assert {(s["role"], s["verdict"]) for s in data["signoffs"]} == {("qa", "approve"), ("ops", "approve")}
    assert data["window"]["start"].startswith("2100-01-06T22:00")
    minutes = json.loads(relmgr("minutes", VERSION, "--format", "json")[0])
    assert minutes["outcome"] == "go" and {s["role"] for s in minutes["signoffs"]} == {"qa", "ops"}

    relmgr("advance", VERSION)
    relmgr.tick_current_phase()
    assert relmgr("advance", VERSION)[0] == f"{VERSION} is released.\n"
    assert_record(relmgr, "deploying", "released")
    sealed = relmgr("evidence", VERSION, "--verify")[0]
    assert "unchanged since release" in sealed

    notes = relmgr("notes", VERSION)[0]
    assert "PAY-1" in notes and "PAY-2" in notes and "PAY-3" not in notes  # deferred to 5.1.0
    markdown = relmgr("export", VERSION, "--format", "md")[0]
    assert "PAY-1" in markdown and "Sign-offs" in markdown

    # What was learned: the review and its action change nothing the seal covers.
    relmgr("review", VERSION, "--went-well", "Quiet deploy", "--went-badly", "Late QA", "--findings", "Stale data",
           "--action", "Refresh the test data;ana;2100-01-20")
    review = json.loads(relmgr("review", VERSION, "--json")[0])["review"]
    assert [(a["text"], a["owner"], a["done"]) for a in review["actions"]] == [("Refresh the test data", "ana", False)]
    assert relmgr("evidence", VERSION, "--verify")[0] == sealed

    # Rolled back and reopened: the sign-offs given for the first deployment are stale for the fix-forward.
    relmgr("rolled-back", VERSION, "--reason", "checkout errors", "--executed", "1")
    assert_record(relmgr, "deploying", "rolled_back")
    relmgr("reopen", VERSION)
    assert_record(relmgr, "preparing")
    _, err = relmgr("advance", VERSION, expect=1)
    assert "Sign-off stale: qa" in err and "a decision authorises one move" in err, err
    log = json.loads(relmgr("log", VERSION, "--json")[0])
    actions = [e["action"] for e in log]
    for expected in ("scope.import", "scope.status", "scope.defer", "release.window", "signoff.approve",
                     "release.evidence", "review.create", "release.rolled_back", "release.reopen"):
        assert expected in actions, (expected, actions)
