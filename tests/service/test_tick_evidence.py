"""Evidence goes with the tick: undo of an untick puts it back, undo of new evidence restores the old, and
a deleted release put back keeps it."""

from __future__ import annotations

import pytest

from relmgr_tui.domain import templates
from relmgr_tui.domain.model import ChecklistItem, Phase
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store

URL, NOTE = "https://ci.example.com/runs/1423", "1,423 passed"


@pytest.fixture
def service(store: Store, clock) -> Service:
    """The app's service: it remembers its changes for undo."""
    return Service(store, templates.builtin(), who="alice", clock=clock, remember=True)


def first_item(service: Service, release_id: int) -> ChecklistItem:
    return service.detail(release_id).items_in(Phase.PLANNING)[0]


def evidence(item: ChecklistItem) -> tuple[bool, str, str]:
    return item.done, item.evidence_url, item.evidence_note


def test_undo_of_an_untick_puts_the_evidence_back(service: Service) -> None:
    release = service.create_release("2.4.0")
    item = first_item(service, release.id)
    service.set_done(item.id, True, None, URL, NOTE)
    service.set_done(item.id, False)
    assert evidence(first_item(service, release.id)) == (False, "", "")
    service.undo()
    assert evidence(first_item(service, release.id)) == (True, URL, NOTE)
    service.redo()
    assert evidence(first_item(service, release.id)) == (False, "", "")


def test_undo_of_new_evidence_on_a_ticked_item_restores_the_old_one(service: Service) -> None:
    release = service.create_release("2.4.0")
    item = first_item(service, release.id)
    service.set_done(item.id, True, None, URL, NOTE)
    service.set_done(item.id, True, None, "https://ci.example.com/runs/1424", "rerun")
    service.undo()
    assert evidence(first_item(service, release.id)) == (True, URL, NOTE)
    service.redo()
    assert evidence(first_item(service, release.id)) == (True, "https://ci.example.com/runs/1424", "rerun")


def test_undo_of_the_first_evidence_on_a_ticked_item_leaves_the_tick_without_evidence(service: Service) -> None:
    release = service.create_release("2.4.0")
    item = first_item(service, release.id)
    service.set_done(item.id, True)
    service.set_done(item.id, True, None, URL, NOTE)
    service.undo()
    assert evidence(first_item(service, release.id)) == (True, "", "")


def test_a_deleted_release_put_back_keeps_its_evidence(service: Service) -> None:
    release = service.create_release("2.4.0")
    service.set_done(first_item(service, release.id).id, True, None, URL, NOTE)
    service.delete_release(release.id)
    service.undo()
    assert evidence(first_item(service, service.release("2.4.0").id)) == (True, URL, NOTE)
