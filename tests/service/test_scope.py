"""Scope items: added, edited, moved, deferred and imported as the user asked, each undoable, and a
decision that saw the scope goes stale when it changes."""

from __future__ import annotations

import pytest

from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain import templates
from relmgr_tui.domain.model import Attendee, Phase, Release, ScopeStatus, ScopeType, Severity, Vote
from relmgr_tui.service import Service


@pytest.fixture
def two(service: Service) -> tuple[int, int]:
    first = service.create_release("3.2.0", "Payments", "minor")
    second = service.create_release("3.3.0", "Next", "minor")
    return first.id, second.id


def keys(service: Service, release_id: int) -> list[tuple[str, str]]:
    return [(item.key, item.status.value) for item in service.detail(release_id).scope]


def test_add_keeps_the_fields_and_strips_a_token_from_the_url(service: Service, two) -> None:
    item = service.add_scope_item(two[0], "pay-12", "Card declined on retry", type="bug", severity="Critical",
                                  url="https://jira.example.com/browse/PAY-12?token=abc123")
    assert (item.key, item.type, item.severity, item.status) == ("PAY-12", ScopeType.BUG, Severity.CRITICAL,
                                                                 ScopeStatus.OPEN)
    assert "abc123" not in item.url and item.url.startswith("https://jira.example.com/browse/PAY-12")
    assert service.audit_log("3.2.0")[-1].action == "scope.add"


@pytest.mark.parametrize(("fields", "message"), [
    ({"key": "PAY 12"}, "key 'PAY 12' may use letters, digits and . _ - only"),
    ({"title": " "}, "the title is required"),
    ({"type": "epic"}, "type 'epic' is not one of: feature, bug, chore"),
    ({"status": "blocked"}, "status 'blocked' is not one of: open, in_progress, done, deferred"),
    ({"severity": "major"}, "severity is for bugs only"),
    ({"url": "ftp://x"}, "the URL must be one http:// or https:// address"),
])
def test_a_bad_field_is_named_and_nothing_is_written(service: Service, two, fields, message, store,
                                                     db_contents) -> None:
    before = db_contents(store)
    values = {"key": "PAY-1", "title": "Refunds", **fields}
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(")):
        service.add_scope_item(two[0], values.pop("key"), values.pop("title"), **values)
    assert db_contents(store) == before


def test_a_key_is_unique_per_release(service: Service, two) -> None:
    service.add_scope_item(two[0], "PAY-1", "Refunds")
    service.add_scope_item(two[1], "PAY-1", "Refunds, part two")
    with pytest.raises(InvalidInput, match="3.2.0 already has PAY-1"):
        service.add_scope_item(two[0], "pay-1", "Again")


def test_defer_moves_every_unfinished_item_in_one_step_and_undo_brings_them_back(tracked: Service) -> None:
    first = tracked.create_release("3.2.0", "Payments", "minor").id
    second = tracked.create_release("3.3.0", "Next", "minor").id
    for key, status in (("PAY-1", "done"), ("PAY-2", "open"), ("PAY-3", "in progress"), ("PAY-4", "deferred")):
        tracked.add_scope_item(first, key, f"Item {key}", status=status)
    moved = tracked.defer_scope(first, second)
    assert [item.key for item in moved] == ["PAY-2", "PAY-3"]
    assert keys(tracked, first) == [("PAY-1", "done"), ("PAY-4", "deferred")]
    assert keys(tracked, second) == [("PAY-2", "open"), ("PAY-3", "in_progress")]
    assert tracked.undo() == "Undid: defer PAY-2, PAY-3 to 3.3.0 on 3.2.0"
    assert [k for k, _ in keys(tracked, first)] == ["PAY-1", "PAY-2", "PAY-3", "PAY-4"]
    assert keys(tracked, second) == []


def test_import_adds_then_updates_only_what_changed(service: Service, two) -> None:
    records = [("line 2", {"key": "PAY-1", "title": "Refunds"}), ("line 3", {"key": "PAY-2", "title": "Card declined",
                                                               "type": "bug", "severity": "blocker"})]
    first = service.import_scope(two[0], records)
    assert (first.added, first.updated, first.unchanged) == (("PAY-1", "PAY-2"), (), ())
    again = service.import_scope(two[0], [("line 2", {"key": "PAY-1", "title": "Refunds"}),
                                          ("line 3", {"key": "PAY-2", "title": "Card declined", "status": "done",
                                               "type": "bug", "severity": "blocker"})])
    assert (again.added, again.updated, again.unchanged) == ((), ("PAY-2",), ("PAY-1",))
    assert keys(service, two[0]) == [("PAY-1", "open"), ("PAY-2", "done")]
    assert service.detail(two[0]).scope[1].row_version == 2


def test_a_bad_import_row_names_its_line_and_imports_nothing(service: Service, two, store, db_contents) -> None:
    before = db_contents(store)
    with pytest.raises(InvalidInput, match=r"^line 4: status 'blocked' is not one of"):
        service.import_scope(two[0], [("line 2", {"key": "PAY-1", "title": "Refunds"}),
                                      ("line 3", {"key": "PAY-2", "title": "Card"}),
                                      ("line 4", {"key": "PAY-3", "title": "Fees", "status": "blocked"})])
    assert db_contents(store) == before


def test_a_scope_change_makes_the_decision_stale(service: Service, two) -> None:
    service.record_decision(two[0], "go", [Attendee("ana", "qa", Vote.GO)], "All good")
    detail = service.detail(two[0])
    assert not detail.decisions[0].is_stale(detail.release)
    service.add_scope_item(two[0], "PAY-9", "Late change")
    detail = service.detail(two[0])
    assert detail.decisions[0].is_stale(detail.release)
    assert "added scope item 'PAY-9: Late change'" in service.decision_statuses(detail)[detail.decisions[0].id]


def test_the_card_and_the_workspace_give_the_same_scope_verdict(service: Service, two) -> None:
    """The board judges from its grouped query, the workspace from the loaded release: both name the bug."""
    with service._store.write() as repo:  # straight to Preparing: only the scope's part of the gate matters here
        repo.update(Release, two[0], {"phase": Phase.PREPARING})
    service.add_scope_item(two[0], "PAY-12", "Card declined on retry", type="bug", severity="critical")
    service.add_scope_item(two[0], "PAY-13", "Typo", type="bug", severity="major")
    service.add_scope_item(two[0], "PAY-14", "Refunds", status="in progress")
    report = service.gate_report(service.detail(two[0]))
    card = service.card(two[0])
    assert "Open critical bug PAY-12: Card declined on retry" in report.blockers
    assert not any("PAY-13" in blocker for blocker in report.blockers), "major is below the default, critical"
    assert any("(PAY-14)" in warning for warning in report.warnings)
    assert (card.gate.blockers, card.gate.warnings) == (report.blockers, report.warnings)


def test_blocking_bug_severity_lowers_the_bar(store, clock, two) -> None:
    strict = Service(store, templates.builtin(), who="alice", clock=clock, blocking_bug=Severity.MAJOR,
                     remember=False)
    with strict._store.write() as repo:
        repo.update(Release, two[0], {"phase": Phase.PREPARING})
    strict.add_scope_item(two[0], "PAY-13", "Typo", type="bug", severity="major")
    assert "Open major bug PAY-13: Typo" in strict.card(two[0]).gate.blockers
    assert "Open major bug PAY-13: Typo" in strict.gate_report(strict.detail(two[0])).blockers


def test_a_status_this_relmgr_does_not_know_names_its_row(service: Service, two, store) -> None:
    from sqlalchemy import text

    from relmgr_tui.domain.errors import UnreadableRow

    item = service.add_scope_item(two[0], "PAY-1", "Refunds")
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE scope_item SET status = 'blocked' WHERE id = :id"), {"id": item.id})
    with pytest.raises(UnreadableRow, match=f"scope_item {item.id}: status 'blocked' is not one this relmgr knows"):
        service.detail(two[0])
