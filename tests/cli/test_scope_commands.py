"""`relmgr scope ...` on the command line: a Jira CSV import (and its re-import), a bad row refused whole with
its line named, and the gate: an open blocker bug keeps a release out of Deploying until it is done.

Run through `cli.main` in this process: the parser, the handlers and the exit codes are the real ones."""

from __future__ import annotations

import io
import json

import pytest

from relmgr_tui import paths
from relmgr_tui.domain.model import PHASES, Phase
from relmgr_tui.domain.templates import TemplateItem, TemplateSet
from relmgr_tui.service import Service
from tests.service.support import make_deployable, walk_to

JIRA_EXPORT = """\
Issue key,Summary,Issue Type,Status,Priority,Sprint,URL
PAY-1,Refunds in one click,Story,Done,Medium,S12,https://jira.example.com/browse/PAY-1
PAY-2,"Card declined
on retry",Bug,In Progress,Highest,S12,
PAY-3,Rotate the keys,Task,To Do,Low,S13,
PAY-4,Old report,Story,Won't Do,Low,S13,
"""


@pytest.fixture
def relmgr(run_cli):
    run_cli("new", "3.2.0", "--title", "Payments")
    return run_cli


def feed(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))


def listed(relmgr) -> list[dict]:
    return json.loads(relmgr("scope", "list", "3.2.0", "--json")[0])


def test_a_jira_csv_imports_with_jira_words_turned_into_ours(relmgr, monkeypatch) -> None:
    feed(monkeypatch, JIRA_EXPORT)
    out, _ = relmgr("scope", "import", "3.2.0")
    assert out == "Imported into 3.2.0: 4 added, 0 updated, 0 unchanged.\n"
    assert listed(relmgr) == [
        {"key": "PAY-1", "title": "Refunds in one click", "type": "feature", "status": "done", "severity": None,
         "url": "https://jira.example.com/browse/PAY-1"},
        {"key": "PAY-2", "title": "Card declined on retry", "type": "bug", "status": "in_progress",
         "severity": "blocker", "url": ""},
        {"key": "PAY-3", "title": "Rotate the keys", "type": "chore", "status": "open", "severity": None, "url": ""},
        {"key": "PAY-4", "title": "Old report", "type": "feature", "status": "deferred", "severity": None, "url": ""},
    ]


def test_a_re_import_updates_what_changed_and_says_so(relmgr, monkeypatch) -> None:
    feed(monkeypatch, JIRA_EXPORT)
    relmgr("scope", "import", "3.2.0")
    feed(monkeypatch, JIRA_EXPORT.replace("Bug,In Progress", "Bug,Done") + "PAY-5,Fees,Story,To Do,Low,,\n")
    out, _ = relmgr("scope", "import", "3.2.0")
    assert out == "Imported into 3.2.0: 1 added, 1 updated, 3 unchanged.\n"
    statuses = {item["key"]: item["status"] for item in listed(relmgr)}
    assert statuses == {"PAY-1": "done", "PAY-2": "done", "PAY-3": "open", "PAY-4": "deferred", "PAY-5": "open"}


@pytest.mark.parametrize(("bad_row", "message"), [
    ("PAY-9,Fees,Story,Blocked,Low,,", "line 7: status 'Blocked' is not one relmgr knows: use To Do, In Progress,"
                                       " Done or Won't Do"),
    ("PAY-9,,Story,To Do,Low,,", "line 7: the title is required"),
    ("PAY-9,Fees,Story,To Do,Low,,ftp://files", "line 7: the URL must be one http:// or https:// address,"
                                                " e.g. https://jira.example.com/browse/PAY-123"),
    ("PAY-1,Again,Story,To Do,Low,,", "line 7: PAY-1 is on line 2 too: keep one row per key"),
])
def test_a_bad_row_names_its_line_and_nothing_is_imported(relmgr, monkeypatch, bad_row, message) -> None:
    feed(monkeypatch, JIRA_EXPORT + bad_row + "\n")
    _, err = relmgr("scope", "import", "3.2.0", expect=2)
    assert err == f"relmgr: error: {message}\n"
    assert listed(relmgr) == []


def test_an_open_blocker_bug_blocks_deploying_until_it_is_done(relmgr, store, clock) -> None:
    one_item = TemplateSet({"standard": {phase: (TemplateItem(f"Finish {phase.value}"),) for phase in PHASES}})
    service = Service(store, one_item, who="alice", clock=clock, remember=False)
    release = walk_to(service, service.create_release("4.0.0", "Ledger", "minor"), Phase.PREPARING)
    relmgr("scope", "add", "4.0.0", "PAY-12", "--title", "Card declined on retry", "--type", "bug",
           "--severity", "blocker")
    relmgr("scope", "add", "4.0.0", "PAY-13", "--title", "Minor typo", "--type", "bug", "--severity", "minor")
    make_deployable(service, release)
    # No sign-offs asked for here: a bug closed after a sign-off makes it stale (new code), as it should.
    paths.templates_file().parent.mkdir(parents=True, exist_ok=True)
    paths.templates_file().write_text("[signoffs]\n", encoding="utf-8")
    _, err = relmgr("advance", "4.0.0", expect=1)
    assert err == ("relmgr: blocked: 1 blocker before Preparing -> Deploying.\n"
                   "  - Open blocker bug PAY-12: Card declined on retry\n")
    assert json.loads(relmgr("show", "4.0.0", "--json")[0])["phase"] == "preparing"
    out, _ = relmgr("scope", "set", "4.0.0", "PAY-12", "--status", "done")
    assert out == "Changed PAY-12 in 4.0.0: status done.\n"
    out, _ = relmgr("advance", "4.0.0")
    assert out.startswith("4.0.0 moved from Preparing to Deploying.")


def test_release_notes_group_the_done_items_link_their_keys_and_escape_markup(relmgr, monkeypatch) -> None:
    feed(monkeypatch, JIRA_EXPORT + 'PAY-6,"A *bold* [link](x) <b>",Bug,Done,High,,https://jira.example.com/browse/PAY-6\n'
                                    "PAY-7,Crash on save,Bug,To Do,Medium,,\n")
    relmgr("scope", "import", "3.2.0")
    out, _ = relmgr("notes", "3.2.0")
    assert out == (
        "# Release notes 3.2.0: Payments\n"
        "\n## Features\n\n"
        "- [PAY-1](<https://jira.example.com/browse/PAY-1>): Refunds in one click\n"
        "\n## Bug fixes\n\n"
        "- [PAY-6](<https://jira.example.com/browse/PAY-6>): A \\*bold\\* \\[link\\](x) &lt;b&gt;\n"
        "\n## Known issues\n\n"
        "- PAY-2: Card declined on retry (blocker)\n"
        "- PAY-7: Crash on save (major)\n"
    )
    data = json.loads(relmgr("notes", "3.2.0", "--format", "json")[0])
    assert [item["key"] for item in data["done"]["bug"]] == ["PAY-6"]
    assert data["done"]["bug"][0]["title"] == "A *bold* [link](x) <b>", "JSON keeps the title as typed"
    assert [item["key"] for item in data["known_issues"]] == ["PAY-2", "PAY-7"]


def test_an_export_without_the_key_column_is_refused_naming_it(relmgr, monkeypatch) -> None:
    feed(monkeypatch, "Summary,Status\nRefunds,Done\n")
    _, err = relmgr("scope", "import", "3.2.0", expect=2)
    assert err == ("relmgr: error: line 1: the CSV has no 'Issue key' column: export the issues from Jira with"
                   " Issue key, Summary, Issue Type, Status and Priority\n")
