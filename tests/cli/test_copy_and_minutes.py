"""`relmgr copy` and `relmgr minutes` end to end, as a user or a pipeline runs them (in this process:
tests/cli/in_process.py)."""

from __future__ import annotations

import json
from pathlib import Path

from relmgr_tui.bootstrap import open_context
from relmgr_tui.domain.model import Attendee, Condition, Vote
from tests.cli.in_process import relmgr


def test_copy_into_an_empty_file_then_refuses_to_mix(tmp_path: Path):
    source, target = tmp_path / "a.db", tmp_path / "b.db"
    assert relmgr("--db", str(source), "demo", "--releases", "12").returncode == 0
    done = relmgr("copy", "--from", str(source), "--to", str(target))
    assert done.returncode == 0, done.stderr
    assert "Copied 12 releases" in done.stdout
    listed = [json.loads(relmgr("--db", str(db), "list", "--all", "--json").stdout)
              for db in (source, target)]
    assert listed[0] == listed[1]
    again = relmgr("copy", "--from", str(source), "--to", str(target))
    assert again.returncode == 2
    assert again.stderr.count("\n") == 1 and "already holds 12 releases" in again.stderr


def test_minutes_in_markdown_and_json_match_the_decision(tmp_path: Path):
    db = tmp_path / "m.db"
    context = open_context(str(db), who="ana")
    service = context.service
    release = service.create_release("4.2.0", "Checkout revamp", methodology="agile")
    service.record_decision(
        release.id, "conditional_go",
        [Attendee("Ana", "release manager", Vote.GO), Attendee("Bo", "QA", Vote.ABSTAIN)],
        "Ship behind the flag", conditions=[Condition("Load test at 2x", "Bo", None)],
        override_reason="Checklist is being finished in the meeting",
    )
    service.close()
    markdown = relmgr("--db", str(db), "minutes", "4.2.0")
    assert markdown.returncode == 0, markdown.stderr
    assert "4.2.0" in markdown.stdout and "CONDITIONAL GO" in markdown.stdout
    assert "Load test at 2x" in markdown.stdout and "Ship behind the flag" in markdown.stdout
    data = json.loads(relmgr("--db", str(db), "minutes", "4.2.0", "--format", "json").stdout)
    assert data["outcome"] == "conditional_go"
    assert [a["name"] for a in data["attendees"]] == ["Ana", "Bo"]
    missing = relmgr("--db", str(db), "minutes", "9.9.9")
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
