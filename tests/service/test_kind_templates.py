"""Applying a kind's checklists: the phases not yet reached get the new set; ticked items and items added by
hand stay; the current phase is never touched; one undo puts every item back as it was."""

from __future__ import annotations

import pytest

from relmgr_tui.domain import templates
from relmgr_tui.domain.errors import InvalidInput, StaleWrite
from relmgr_tui.domain.model import Phase
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store


@pytest.fixture
def tracked(store: Store, clock) -> Service:
    return Service(store, templates.builtin(), who="alice", clock=clock, remember=True)


def texts(service: Service, release_id: int, phase: Phase) -> list[str]:
    return [item.text for item in service.detail(release_id).items_in(phase)]


def minor_turned_patch(service: Service) -> int:
    """A minor release in Planning with its window announced early and a Testing item of its own, then
    made a patch (the kind alone: its checklists are still the minor ones)."""
    with service.unrecorded():
        release = service.create_release("5.1.1", kind="minor")
        announce = service.find_item("5.1.1", "Announce the release window", Phase.PREPARING)
        service.set_done(announce.id, True)
        service.add_item(release.id, Phase.TESTING, "Call the bank about the rounding fix")
        service.edit_release(release.id, None, kind="patch")
    return release.id


def test_the_phases_not_reached_get_the_patch_items_and_keep_ticked_and_hand_added_ones(tracked: Service) -> None:
    release_id = minor_turned_patch(tracked)
    planning = texts(tracked, release_id, Phase.PLANNING)

    changes = tracked.apply_kind_templates(release_id)

    assert texts(tracked, release_id, Phase.PLANNING) == planning, "the current phase is never changed"
    assert texts(tracked, release_id, Phase.TESTING) == [
        "Resolve, mitigate or accept every risk found so far", "Call the bank about the rounding fix",
        "Verify that each fix resolves its issue", "Run the regression test suite"]
    assert texts(tracked, release_id, Phase.PREPARING) == [
        "Write and rehearse the rollback plan", "Announce the release window to users and support",
        "Pass the QA sign-off"]
    assert tracked.find_item("5.1.1", "Announce", Phase.PREPARING).done
    assert [c.summary() for c in changes if c] == [
        "Building: 6 items removed, 2 added",
        "Testing: 4 items removed, 2 added; 1 item added by hand kept",
        "Preparing: 4 items removed, 1 added; 1 ticked item kept",
        "Deploying: 2 items removed, 0 added",
    ]
    event = tracked.activity(release_id)[0]
    assert (event.action, event.new.split(";")[0]) == ("release.templates", "patch: Building: 6 items removed, 2 added")


def test_undo_puts_every_item_back_with_its_id_and_redo_applies_again(tracked: Service) -> None:
    release_id = minor_turned_patch(tracked)
    before = tracked.detail(release_id).items
    tracked.apply_kind_templates(release_id)
    after = [(i.id, i.text) for i in tracked.detail(release_id).items]

    assert tracked.undo() == "Undid: apply the patch checklists to 5.1.1"
    assert [(i.id, i.phase, i.position, i.text, i.done, i.from_template) for i in tracked.detail(release_id).items] == [
        (i.id, i.phase, i.position, i.text, i.done, i.from_template) for i in before]
    tracked.redo()
    assert [(i.id, i.text) for i in tracked.detail(release_id).items] == after


def test_undo_refuses_when_a_colleague_changed_an_added_item_since(tracked: Service, store: Store, clock) -> None:
    release_id = minor_turned_patch(tracked)
    tracked.apply_kind_templates(release_id)
    colleague = Service(store, templates.builtin(), who="bo", clock=clock, remember=False)
    added = colleague.find_item("5.1.1", "Verify that each fix", Phase.TESTING)
    colleague.edit_item(added.id, None, owner="bo")

    with pytest.raises(StaleWrite):
        tracked.undo()
    assert colleague.find_item("5.1.1", "Verify that each fix", Phase.TESTING).owner == "bo"


def test_applying_the_set_a_release_already_has_changes_nothing(tracked: Service) -> None:
    with tracked.unrecorded():
        release = tracked.create_release("5.2.0", kind="patch")
    before = tracked.detail(release.id).items

    assert not any(tracked.apply_kind_templates(release.id))
    assert tracked.detail(release.id).items == before
    with pytest.raises(InvalidInput, match="nothing to undo"):
        tracked.undo()


def test_a_finished_release_keeps_its_checklists(tracked: Service) -> None:
    with tracked.unrecorded():
        release = tracked.create_release("5.3.0")
        tracked.transition(release.id, "cancel", "superseded")
    with pytest.raises(InvalidInput, match="5.3.0 is cancelled: its checklists are the record"):
        tracked.apply_kind_templates(release.id)
