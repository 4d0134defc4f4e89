"""`relmgr review`: print a post-release review (text, Markdown, JSON), write its texts, add and close
actions; bad input is one line and exit 2."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from relmgr_tui.domain import templates
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store
from tests.service.test_evidence_seal import released

VERSION = "3.1.0"
ACTION_FORM = '"TEXT;OWNER;YYYY-MM-DD", e.g. "Load test the payment API;ana;2026-12-04"'


@pytest.fixture(scope="module")
def released_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3.1.0, an agile patch walked to Released once for the module: each test gets a copy."""
    path = tmp_path_factory.mktemp("released") / "relmgr.db"
    store = Store.open(str(path))
    released(Service(store, templates.builtin(), who="alice", remember=False))
    store.close()
    return path


@pytest.fixture
def shipped(run_cli, db_path: Path, released_database: Path):
    shutil.copyfile(released_database, db_path)
    return run_cli


@pytest.fixture
def reviewed(shipped):
    """Written through the command line: texts, an action proposing a template item, two overdue, one closed."""
    shipped("review", VERSION, "--went-well", "Smooth deploy", "--went-badly", "QA late", "--findings",
            "Stale test data", "--action", "Load test the payment API;ana;2099-12-04", "--propose",
            "testing;Load test the payment API")
    shipped("review", VERSION, "--action", "Fix the runbook;bo;2000-01-03", "--action", "Page the DBA;cy;2000-01-02",
            "--done", "3")
    return shipped


def test_a_release_without_a_review_says_so_and_exits_0(shipped) -> None:
    out, _ = shipped("review", VERSION)
    assert out == (f"{VERSION} has no post-release review yet: write one with relmgr review {VERSION}"
                   " --went-well TEXT --went-badly TEXT --findings TEXT\n")
    assert json.loads(shipped("review", VERSION, "--json")[0]) == {"version": VERSION, "review": None}


def test_the_review_prints_its_texts_and_numbered_actions_with_status_words(reviewed) -> None:
    out, _ = reviewed("review", VERSION)
    assert out.splitlines() == [
        f"Post-release review of {VERSION}", "", "What went well", "  Smooth deploy", "",
        "What did not go well", "  QA late", "", "Findings", "  Stale test data", "", "Actions",
        "  1. [due 2099-12-04] Load test the payment API (ana)",
        "     proposes: add item 'Load test the payment API' to Testing; add to templates.toml:",
        "       [patch]", "       testing = [",
        '         { text = "Verify that each fix resolves its issue" },',
        '         { text = "Resolve, mitigate or accept every risk found so far", rule = "risks_resolved" },',
        '         { text = "Run the regression test suite" },',
        '         { text = "Load test the payment API" },', "       ]",
        "  2. [OVERDUE since 2000-01-03] Fix the runbook (bo)",
        "  3. [done] Page the DBA (cy)",
    ]


def test_markdown_and_json_say_the_same(reviewed) -> None:
    markdown, _ = reviewed("review", VERSION, "--format", "md")
    assert markdown.startswith(f"# Post-release review of {VERSION}\n\n## What went well\n\nSmooth deploy\n")
    assert "2. Fix the runbook (bo, OVERDUE since 2000-01-03)\n3. Page the DBA (cy, done)\n" in markdown
    data = json.loads(reviewed("review", VERSION, "--json")[0])["review"]
    assert [(a["number"], a["status"], a["overdue"]) for a in data["actions"]] == [
        (1, "due 2099-12-04", False), (2, "OVERDUE since 2000-01-03", True), (3, "done", False)]
    assert data["actions"][0]["proposal"]["templates_toml"].endswith(
        '\n  { text = "Load test the payment API" },\n]')
    shown = json.loads(reviewed("show", VERSION, "--json")[0])["review"]
    assert (shown["findings"], len(shown["actions"])) == ("Stale test data", 3)


def test_reopening_and_editing(reviewed) -> None:
    out, _ = reviewed("review", VERSION, "--undone", "3", "--findings", "Test data was a month old")
    assert out == (f"Edited the post-release review of {VERSION}.\nReopened action 3 of {VERSION}: Page the DBA.\n")
    data = json.loads(reviewed("review", VERSION, "--json")[0])["review"]
    assert (data["findings"], data["actions"][2]["status"]) == ("Test data was a month old",
                                                                "OVERDUE since 2000-01-02")


@pytest.mark.parametrize(("spec", "problem"), [
    ("Load test", f"action 'Load test' is not in the form {ACTION_FORM}"),
    ("Load test;ana;04/12/2026", f"action 'Load test;ana;04/12/2026': the due date must be YYYY-MM-DD, as in {ACTION_FORM}"),
])
def test_a_badly_formed_action_is_one_line_naming_the_form(shipped, spec: str, problem: str) -> None:
    out, err = shipped("review", VERSION, "--action", spec, expect=2)
    assert (out, err) == ("", f"relmgr: error: {problem}\n")
    assert json.loads(shipped("review", VERSION, "--json")[0])["review"] is None


def test_closing_an_action_that_does_not_exist_names_the_numbers(reviewed) -> None:
    _, err = reviewed("review", VERSION, "--done", "9", expect=2)
    assert err == "relmgr: error: the review has no action 9 (actions: 1 to 3)\n"


def test_a_release_on_the_board_cannot_be_reviewed(run_cli) -> None:
    run_cli("new", "4.0.0")
    _, err = run_cli("review", "4.0.0", "--went-well", "early", expect=2)
    assert err == "relmgr: error: 4.0.0 is active: a post-release review is for a released or rolled-back release\n"


def test_the_evidence_sealed_at_release_is_unchanged_by_the_review(reviewed) -> None:
    out, _ = reviewed("evidence", VERSION, "--verify")
    assert out.startswith(f"{VERSION}: unchanged since release")
