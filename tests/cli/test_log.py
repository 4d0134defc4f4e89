"""`relmgr log`: the audit log out for an auditor (text, JSON, CSV), and `export` carrying the release's log."""

from __future__ import annotations

import csv
import io
import json
import tomllib

import pytest

RISKY = 'Ship "today", then [b]celebrate[/b]\nsecond line'


@pytest.fixture
def relmgr(run_cli):
    run_cli("new", "8.0.0", "--title", "Ledger")
    run_cli("check", "8.0.0", "1", "--evidence", "https://ci.example.com/runs/1", "--note", "12 passed")
    run_cli("new", "9.0.0", "--title", "Other")
    run_cli("edit", "8.0.0", "--summary", RISKY)
    return run_cli


def test_log_json_of_one_release_has_who_when_what_old_and_new_oldest_first(relmgr) -> None:
    events = json.loads(relmgr("log", "8.0.0", "--json")[0])
    assert [e["action"] for e in events] == ["release.create", "item.tick", "item.evidence", "release.edit"]
    assert {e["release"] for e in events} == {"8.0.0"}
    assert [e["id"] for e in events] == sorted(e["id"] for e in events)
    edit = events[-1]
    assert (edit["old"], edit["new"]) == ("summary: ", f"summary: {RISKY}")
    assert edit["who"] and edit["time"].endswith("+00:00")
    assert len(json.loads(relmgr("log", "--json")[0])) == 5, "without a version: every release's events"


def test_log_csv_has_a_header_and_quotes_what_needs_it(relmgr) -> None:
    out, _ = relmgr("log", "8.0.0", "--format", "csv")
    assert out.startswith("id,time,who,release,action,old,new,reason\n")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["action"] for row in rows] == ["release.create", "item.tick", "item.evidence", "release.edit"]
    assert rows[-1]["new"] == f"summary: {RISKY}", "commas, quotes and line breaks survive the round trip"


def test_log_text_and_since(relmgr) -> None:
    out, _ = relmgr("log", "8.0.0")
    assert out.splitlines()[1].endswith("8.0.0 item.tick: Connect with stakeholders and agree what the release"
                                        " must deliver")
    assert relmgr("log", "--since", "2999-01-01")[0] == ""
    assert len(relmgr("log", "--since", "2000-01-01")[0].splitlines()) == 5


@pytest.mark.parametrize("day", ["2026-13-01", "yesterday", "20260101"])
def test_a_bad_since_date_is_one_line_and_exit_2(relmgr, day: str) -> None:
    out, err = relmgr("log", "--since", day, expect=2)
    assert (out, err) == ("", f"relmgr: error: --since date {day!r} is not a date: use YYYY-MM-DD, e.g."
                              " 2026-12-31\n")


def test_export_carries_the_release_log_in_every_format(relmgr) -> None:
    markdown, _ = relmgr("export", "8.0.0")
    log = markdown.split("## Audit log\n")[1]
    assert "| release.edit | summary: | summary: Ship \"today\", then \\[b\\]celebrate\\[/b\\] second line |" in log
    assert "9.0.0" not in log
    for fmt, load in (("json", json.loads), ("toml", tomllib.loads)):
        events = load(relmgr("export", "8.0.0", "--format", fmt)[0])["log"]
        assert [e["action"] for e in events] == ["release.create", "item.tick", "item.evidence", "release.edit"]
        assert events[-1]["new"] == f"summary: {RISKY}"
