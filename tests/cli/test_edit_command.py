"""`relmgr edit`: only the options given change, a methodology change after Planning needs a reason and is
its own audit event, and a change the go/no-go meeting saw makes the decision stale, naming the change."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def relmgr(run_cli):
    run_cli("new", "5.0.0", "--title", "Ledger", "--target", "2027-01-20", "--owner", "priya")
    return run_cli


def shown(relmgr) -> dict:
    return json.loads(relmgr("show", "5.0.0", "--json")[0])


def test_only_the_options_given_change(relmgr) -> None:
    assert relmgr("edit", "5.0.0", "--title", "Ledger five")[0] == "Edited 5.0.0.\n"
    data = shown(relmgr)
    assert (data["title"], data["owner"], data["target_date"]) == ("Ledger five", "priya", "2027-01-20")
    assert relmgr("edit", "5.0.0", "--title", "Ledger five")[0] == "5.0.0: nothing changed.\n"
    _, err = relmgr("edit", "5.0.0", expect=2)
    assert err.startswith("relmgr: error: nothing to change: give at least one of --new-version")


def test_a_methodology_change_after_planning_needs_a_reason_and_makes_the_decision_stale(relmgr) -> None:
    relmgr("edit", "5.0.0", "--methodology", "agile")  # in Planning: no reason needed
    relmgr("advance", "5.0.0", "--reason", "agile: planning done elsewhere")
    relmgr("decide", "5.0.0", "--outcome", "no-go", "--attendee", "priya:release manager:no-go",
           "--rationale", "not yet")
    _, err = relmgr("edit", "5.0.0", "--methodology", "waterfall", expect=2)
    assert err == ("relmgr: error: 5.0.0 is in Building: changing its methodology after Planning needs a"
                   " written reason\n")
    assert shown(relmgr)["methodology"] == "agile"
    relmgr("edit", "5.0.0", "--methodology", "waterfall", "--reason", "the change board wants gates enforced")
    data = shown(relmgr)
    assert data["methodology"] == "waterfall"
    assert data["decisions"][0]["stale"] is True
    assert data["decisions"][0]["status"].startswith(
        "stale: changed since: changed methodology 'waterfall' by ")
    events = [json.loads(line) for line in relmgr("events", "--json")[0].splitlines()]
    change = [e for e in events if e["action"] == "release.methodology"][-1]
    assert (change["old"], change["new"], change["reason"]) == (
        "agile", "waterfall", "the change board wants gates enforced")


def test_a_target_date_in_the_past_is_kept_with_a_warning(relmgr) -> None:
    _, err = relmgr("edit", "5.0.0", "--target", "2020-01-01")
    assert err.startswith("relmgr: warning: target date 2020-01-01 is in the past")
    assert shown(relmgr)["target_date"] == "2020-01-01"


def test_a_kind_change_with_apply_templates_replaces_the_later_phases_items_and_says_what_changed(relmgr) -> None:
    out, _ = relmgr("edit", "5.0.0", "--kind", "patch")
    assert "`relmgr edit 5.0.0 --apply-templates` gives the phases not yet reached the patch items" in out
    assert len(shown(relmgr)["checklist"]["deploying"]) == 5, "the kind alone leaves the checklists"

    out, _ = relmgr("edit", "5.0.0", "--apply-templates")

    assert out == ("Applied the patch checklists to 5.0.0:\n"
                   "  Building: 6 items removed, 2 added\n"
                   "  Testing: 4 items removed, 2 added\n"
                   "  Preparing: 4 items removed, 1 added\n"
                   "  Deploying: 2 items removed, 0 added\n")
    checklists = shown(relmgr)["checklist"]
    assert [item["text"] for item in checklists["deploying"]] == [
        "Deploy to production", "Verify the release in the live environment", "Close the release tasks and tickets"]
    assert len(checklists["planning"]) == 6, "the phase the release is in keeps its items"
    assert relmgr("edit", "5.0.0", "--apply-templates")[0] == (
        "5.0.0: the phases not yet reached already have the patch checklists.\n")


def test_apply_templates_on_a_finished_release_is_refused(relmgr) -> None:
    relmgr("cancel", "5.0.0", "--reason", "superseded")
    _, err = relmgr("edit", "5.0.0", "--kind", "patch", "--apply-templates", expect=2)
    assert err == ("relmgr: error: 5.0.0 is cancelled: its checklists are the record of what was done and no"
                   " longer change\n")
    assert shown(relmgr)["kind"] == "minor", "nothing is half done"
