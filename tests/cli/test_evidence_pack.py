"""`relmgr evidence`: the canonical evidence pack and its hash, sealed into the audit log when the release is
marked released, and `--verify` telling a record edited behind relmgr's back from later, honest records."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

VERSION = "6.1.0"


@pytest.fixture
def released(run_cli):
    """An agile patch walked to Released over its gates, with evidence on a tick and a decision."""
    run_cli("new", VERSION, "--kind", "patch", "--methodology", "agile", "--title", "Ledger")
    run_cli("check", VERSION, "1", "--evidence", "https://ci.example.com/runs/1", "--note", "12 passed")
    run_cli("risk", "add", VERSION, "Vendor API", "--likelihood", "2", "--impact", "2")
    run_cli("step", "add", VERSION, "Redeploy 6.0.0")
    for _ in range(3):
        run_cli("advance", VERSION, "--reason", "patch: gates advise")
    run_cli("decide", VERSION, "--outcome", "go", "--attendee", "ana:qa:go", "--rationale", "green",
            "--reason", "agreed")
    for _ in range(2):
        run_cli("advance", VERSION, "--reason", "patch: gates advise")
    return run_cli


def test_the_pack_is_canonical_json_whose_sha256_is_printed(released, tmp_path: Path) -> None:
    target = tmp_path / "pack.json"
    out, _ = released("evidence", VERSION, "--output", str(target))
    body = target.read_bytes()
    digest = hashlib.sha256(body).hexdigest()
    assert out.endswith(f"\nsha256 {digest}\n")
    pack = json.loads(body)
    assert body == json.dumps(pack, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    assert sorted(pack) == ["checklists", "decisions", "log", "release", "risks", "rollback_plan", "scope"]
    assert pack["checklists"]["planning"][0]["evidence_url"] == "https://ci.example.com/runs/1"
    assert pack["decisions"][0]["attendees"] == [{"function": "qa", "name": "ana", "vote": "go"}]
    assert [e["action"] for e in pack["log"]][-2:] == ["release.override", "release.evidence"]
    printed = json.loads(released("evidence", VERSION, "--json")[0])
    assert (printed["sha256"], printed["pack"]) == (digest, pack)
    _, err = released("evidence", VERSION, "--output", str(target), expect=2)
    assert err == f"relmgr: error: cannot use {target} (File exists): choose another name, or remove the file first\n"


def test_marking_released_seals_the_hash_and_verify_says_unchanged(released) -> None:
    sealed = [e for e in json.loads(released("log", VERSION, "--json")[0]) if e["action"] == "release.evidence"]
    assert len(sealed) == 1 and sealed[0]["new"].startswith("sha256 ")
    digest = sealed[0]["new"].split(";")[0].split()[1]
    out, _ = released("evidence", VERSION, "--verify")
    assert out == f"{VERSION}: unchanged since release (sha256 {digest})\n"
    released("rolled-back", VERSION, "--reason", "payments failing")  # recorded after: not a change
    assert released("evidence", VERSION, "--verify")[0] == out


def test_verify_names_a_checklist_row_edited_behind_relmgrs_back(released, db_path: Path) -> None:
    with sqlite3.connect(db_path) as db:
        db.execute("UPDATE checklist_item SET evidence_note = '13 passed' WHERE evidence_note = '12 passed'")
    out, err = released("evidence", VERSION, "--verify", expect=1)
    assert (out, err) == (f"{VERSION}: changed since release: checklists\n", "")
    with sqlite3.connect(db_path) as db:
        db.execute("UPDATE event SET who = 'mallory' WHERE action = 'item.tick'")
        db.execute("UPDATE risk SET impact = 1")
    result = json.loads(released("evidence", VERSION, "--verify", "--json", expect=1)[0])
    assert result["changed_parts"] == ["checklists", "risks", "log"]


def test_verify_refuses_a_release_that_was_not_released(run_cli) -> None:
    run_cli("new", "6.2.0")
    out, err = run_cli("evidence", "6.2.0", "--verify", expect=2)
    assert err == ("relmgr: error: 6.2.0 has not been released, so it has no sealed evidence pack:"
                   " `relmgr evidence 6.2.0` shows the pack as it stands\n")
