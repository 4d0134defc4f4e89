"""`relmgr copy`: SQLite -> SQLite and SQLite -> PostgreSQL -> SQLite give identical exports."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from relmgr_tui import export
from relmgr_tui.domain import templates
from relmgr_tui.domain.errors import DatabaseError
from relmgr_tui.domain.model import Attendee, Vote
from relmgr_tui.service import Service
from relmgr_tui.store.transfer import copy_database
from relmgr_tui.store.repo import Store
from tests.conftest import _pg_create, _pg_drop, pg_url


def fill(service: Service) -> None:
    release = service.create_release("2.4.0", "Payments [bold]x[/]", "major", owner="ana", target_date="2026-12-01")
    service.set_done(service.detail(release.id).items[0].id, True)
    service.add_risk(release.id, "Vendor API change", 4, 5, owner="bo", mitigation="contract test")
    service.add_step(release.id, "Redeploy previous build", "deploy --previous", "ops", 12)
    service.record_decision(release.id, "no_go", [Attendee("Ana", "QA", Vote.NO_GO)], "Not ready")
    service.create_release("2.4.1-hotfix.1", "Hotfix", "emergency")


def exports(url: str) -> dict[str, str]:
    store = Store.open(url, read_only=url.startswith("/"))
    service = Service(store, templates.builtin(), who="check")
    try:
        result = {}
        for release in service.releases(include_archived=True):
            detail = service.detail(release.id)
            result[release.version] = export.render("json", detail, service.gate_report(detail), service.decision_statuses(detail))
        with store.read() as repo:
            result["events"] = repr([(e.id, e.action, e.old, e.new, e.who) for e in repo.events(limit=10_000)])
        return result
    finally:
        store.close()


@pytest.fixture
def source(tmp_path: Path, clock) -> str:
    path = tmp_path / "source.db"
    store = Store.open(str(path))
    fill(Service(store, templates.builtin(), who="alice", clock=clock))
    store.close()
    return str(path)


def digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_copy_sqlite_to_sqlite_keeps_everything_and_leaves_the_source_alone(source: str, tmp_path: Path):
    before = digest(source)
    counts = copy_database(source, str(tmp_path / "copy.db"))
    assert counts["release"] == 2 and counts["checklist_item"] > 20 and counts["decision_attendee"] == 1
    assert exports(str(tmp_path / "copy.db")) == exports(source)
    assert digest(source) == before


def test_copy_refuses_a_target_that_has_releases(source: str, tmp_path: Path, clock):
    target = tmp_path / "busy.db"
    store = Store.open(str(target))
    Service(store, templates.builtin(), who="bob", clock=clock).create_release("9.9.9")
    store.close()
    with pytest.raises(DatabaseError, match="already holds 1 releases"):
        copy_database(source, str(target))
    assert [r for r in exports(str(target)) if r != "events"] == ["9.9.9"]


def test_copy_onto_itself_is_refused(source: str):
    with pytest.raises(DatabaseError, match="same database"):
        copy_database(source, source)


@pytest.mark.postgres
def test_copy_sqlite_to_postgres_and_back_gives_identical_exports(source: str, tmp_path: Path):
    admin = pg_url()
    if admin is None:
        pytest.skip("RELMGR_TEST_PG_URL not set: the PostgreSQL round trip needs a server (.ci/run starts one)")
    name = f"relmgr_copy_{abs(hash(str(tmp_path))) % 10**8}"
    url = _pg_create(admin, name)
    try:
        copy_database(source, url)
        back = str(tmp_path / "back.db")
        copy_database(url, back)
        assert exports(url) == exports(source)
        assert exports(back) == exports(source)
        # ids keep counting after the copy: a new release on PostgreSQL gets a fresh id
        store = Store.open(url)
        created = Service(store, templates.builtin(), who="carol").create_release("3.0.0")
        store.close()
        assert created.id == 3
    finally:
        _pg_drop(admin, name)


@pytest.mark.postgres
def test_a_nul_character_copied_to_postgres_names_its_row_and_column_and_copies_nothing(
    source: str, tmp_path: Path
):
    import sqlite3

    admin = pg_url()
    if admin is None:
        pytest.skip("RELMGR_TEST_PG_URL not set: the PostgreSQL copy needs a server (.ci/run starts one)")
    with sqlite3.connect(source) as plain:
        plain.execute("UPDATE risk SET mitigation = ?", ("contract\x00test",))
        [(risk_id,)] = plain.execute("SELECT id FROM risk").fetchall()
    plain.close()
    name = f"relmgr_nul_{abs(hash(str(tmp_path))) % 10**8}"
    url = _pg_create(admin, name)
    try:
        with pytest.raises(DatabaseError) as caught:
            copy_database(source, url)
        assert str(caught.value) == (
            f"risk id {risk_id} holds a NUL character in mitigation, which PostgreSQL cannot store: remove it from"
            f" that text in {source} and copy again; nothing was copied."
        )
        store = Store.open(url)
        with store.read() as repo:
            assert repo.counts()["releases"] == 0 and repo.counts()["events"] == 0
        store.close()
    finally:
        _pg_drop(admin, name)
