"""hold, resume, cancel, rolled-back and reopen on the command line: what they print, the one error line of
a refused transition naming what is allowed, and a held release refused by `advance` (exit 1).

Run through `cli.main` in this process: the parser, the handlers and the exit codes are the real ones."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def relmgr(run_cli):
    run_cli("new", "5.0.0", "--target", "2026-12-20")
    return run_cli


def test_hold_with_a_date_then_resume(relmgr) -> None:
    out, _ = relmgr("hold", "5.0.0", "--reason", "legal review", "--until", "2026-12-10")
    assert out == "5.0.0 is on hold: legal review (until 2026-12-10).\n"
    data = json.loads(relmgr("show", "5.0.0", "--json")[0])
    assert (data["state"], data["state_reason"], data["hold_until"]) == ("on_hold", "legal review", "2026-12-10")
    shown = relmgr("show", "5.0.0")[0]
    assert "  on hold: legal review (until 2026-12-10)\n" in shown
    assert "  - on hold: legal review (resume it first)\n" in shown
    out, _ = relmgr("resume", "5.0.0")
    assert out == "5.0.0 is active again, in Planning.\n"


def test_a_held_release_does_not_advance_until_resumed(relmgr) -> None:
    data = json.loads(relmgr("show", "5.0.0", "--json")[0])
    for item in data["checklist"]["planning"]:
        relmgr("check", "5.0.0", str(item["number"]))
    relmgr("hold", "5.0.0", "--reason", "legal review")
    _, err = relmgr("advance", "5.0.0", expect=1)
    assert err == ("relmgr: blocked: 1 blocker before Planning -> Building.\n"
                   "  - on hold: legal review (resume it first)\n")
    relmgr("resume", "5.0.0")
    out, _ = relmgr("advance", "5.0.0")
    assert out == "5.0.0 moved from Planning to Building.\n"


@pytest.mark.parametrize(("args", "message"), [
    (("hold", "5.0.0"), "a reason is needed to hold 5.0.0: say why (--reason TEXT)"),
    (("cancel", "5.0.0", "--reason", " "), "a reason is needed to cancel 5.0.0: say why (--reason TEXT)"),
    (("resume", "5.0.0"), "cannot resume 5.0.0, which is active: only a release on hold can be resumed;"
                          " allowed from here: hold, cancel"),
    (("reopen", "5.0.0"), "cannot reopen 5.0.0, which is active: only a cancelled or rolled-back release can be"
                          " reopened; allowed from here: hold, cancel"),
    (("rolled-back", "5.0.0", "--reason", "x"), "cannot mark 5.0.0 rolled back, which is active: only a release"
     " in Deploying, or released recently, can be marked rolled back; allowed from here: hold, cancel"),
    (("hold", "5.0.0", "--reason", "x", "--until", "2026-02-30"),
     "until date '2026-02-30' is not a date: use YYYY-MM-DD, e.g. 2026-12-31"),
])
def test_a_refused_transition_exits_2_with_one_line(relmgr, args, message) -> None:
    _, err = relmgr(*args, expect=2)
    assert err == f"relmgr: error: {message}\n"
    assert json.loads(relmgr("show", "5.0.0", "--json")[0])["state"] == "active"


def test_cancel_leaves_the_board_and_reopen_brings_it_back(relmgr) -> None:
    out, _ = relmgr("cancel", "5.0.0", "--reason", "scope moved to 5.1")
    assert out == "5.0.0 is cancelled: scope moved to 5.1. It left the board for the archive.\n"
    assert "5.0.0" not in relmgr("list")[0]
    listed = json.loads(relmgr("list", "--all", "--json")[0])
    assert [(r["state"], r["state_reason"]) for r in listed] == [("cancelled", "scope moved to 5.1")]
    assert listed[0]["closed_at"] == listed[0]["state_changed_at"] is not None
    _, err = relmgr("hold", "5.0.0", "--reason", "x", expect=2)
    assert err.endswith("allowed from here: reopen\n")
    assert relmgr("reopen", "5.0.0")[0] == "5.0.0 is back on the board, in Planning.\n"
    assert "5.0.0" in relmgr("list")[0]


def test_a_past_target_date_is_accepted_with_a_warning(relmgr) -> None:
    out, err = relmgr("new", "9.0.0", "--target", "2020-01-01")
    assert out.startswith("Created 9.0.0")
    assert err.startswith("relmgr: warning: target date 2020-01-01 is in the past (")
    assert err.count("\n") == 1


def test_an_item_of_a_later_phase_is_refused_on_the_command_line(relmgr) -> None:
    _, err = relmgr("check", "5.0.0", "1", "--phase", "deploying", expect=2)
    assert err == ("relmgr: error: 'Deploy to production' is a Deploying item and 5.0.0 is in Planning: tick it once"
                   " the release reaches Deploying\n")
