"""Evidence on ticks: `relmgr check VERSION ITEM --evidence URL --note TEXT` keeps what proved the item done,
without any credential pasted with it, and every rendering of the release shows it literally."""

from __future__ import annotations

import json
import sqlite3
import tomllib
from pathlib import Path

import pytest

ITEM = "Connect with stakeholders"
URL = "https://ci.example.com/runs/1423?page=2"
NOTE = "1,423 passed [b]bold[/b] *not emphasis*"


@pytest.fixture
def relmgr(run_cli):
    run_cli("new", "7.0.0", "--title", "Ledger")
    return run_cli


def planning_item(relmgr) -> dict:
    return json.loads(relmgr("show", "7.0.0", "--json")[0])["checklist"]["planning"][0]


def test_check_records_the_url_and_the_note_and_show_prints_them(relmgr) -> None:
    out, _ = relmgr("check", "7.0.0", "1", "--evidence", URL, "--note", NOTE)
    assert out.endswith(f"\n  evidence: {URL} - {NOTE}\n")
    item = planning_item(relmgr)
    assert (item["done"], item["evidence_url"], item["evidence_note"]) == (True, URL, NOTE)
    text, _ = relmgr("show", "7.0.0")
    assert f"        evidence: {URL} - {NOTE}\n" in text


def test_a_url_with_credentials_or_a_token_is_stored_without_them(relmgr, db_path: Path) -> None:
    pasted = "https://bot:ghp_SeCrEt123@ci.example.com/runs/9?private_token=glpat-XyZ&job=4&sig=abc"
    out, err = relmgr("check", "7.0.0", "1", "--evidence", pasted, "--note", "rerun with token=glpat-XyZ")
    for secret in ("ghp_SeCrEt123", "glpat-XyZ", "bot:", "sig=abc"):
        assert secret not in out + err
    item = planning_item(relmgr)
    assert (item["evidence_url"], item["evidence_note"]) == ("https://ci.example.com/runs/9?job=4",
                                                             "rerun with token=***")
    with sqlite3.connect(db_path) as db:
        stored = " ".join(str(v) for row in db.execute("SELECT * FROM checklist_item") for v in row)
        logged = " ".join(str(v) for row in db.execute("SELECT * FROM event") for v in row)
    assert "SeCrEt" not in stored + logged and "glpat" not in stored + logged


@pytest.mark.parametrize("url", ["ftp://ci.example.com/run/1", "javascript:alert(1)", "ci.example.com/run/1",
                                 "https://", "https://ci.example.com/a b", "file:///etc/passwd"])
def test_a_url_that_is_not_http_or_https_is_refused_with_one_line(relmgr, url: str) -> None:
    out, err = relmgr("check", "7.0.0", "1", "--evidence", url, expect=2)
    assert err.count("\n") == 1 and err.startswith("relmgr: error: the evidence URL ")
    assert "Traceback" not in err and out == ""
    assert planning_item(relmgr)["done"] is False, "nothing ticked"


def test_new_evidence_on_a_ticked_item_replaces_it_and_unticking_clears_it(relmgr) -> None:
    relmgr("check", "7.0.0", "1")
    out, _ = relmgr("check", "7.0.0", "1", "--evidence", URL, "--note", "green")
    assert out.startswith("Evidence recorded: Planning item of 7.0.0")
    assert planning_item(relmgr)["evidence_note"] == "green"
    relmgr("uncheck", "7.0.0", "1")
    item = planning_item(relmgr)
    assert (item["done"], item["evidence_url"], item["evidence_note"]) == (False, "", "")
    events = [json.loads(line) for line in relmgr("events", "--json")[0].splitlines()]
    untick = [e for e in events if e["action"] == "item.untick"][-1]
    assert untick["old"] == f"evidence cleared: {URL} - green"


def test_export_shows_the_evidence_in_every_format(relmgr) -> None:
    relmgr("check", "7.0.0", "1", "--evidence", URL, "--note", NOTE)
    markdown, _ = relmgr("export", "7.0.0", "--format", "md")
    assert "  - Evidence: https://ci.example.com/runs/1423?page=2 - 1,423 passed \\[b\\]bold\\[/b\\] \\*not" \
           " emphasis\\*" in markdown
    item = json.loads(relmgr("export", "7.0.0", "--format", "json")[0])["checklist"]["planning"][0]
    assert (item["evidence_url"], item["evidence_note"]) == (URL, NOTE)
    item = tomllib.loads(relmgr("export", "7.0.0", "--format", "toml")[0])["checklist"]["planning"][0]
    assert (item["evidence_url"], item["evidence_note"]) == (URL, NOTE)
