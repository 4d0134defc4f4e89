"""Checklist items: tick and untick, find, add, edit, remove, reorder."""

from __future__ import annotations

import pytest

from relmgr_tui.domain.errors import InvalidInput, NotFound, StaleWrite
from relmgr_tui.domain.model import ChecklistItem, Phase
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store
from tests.service.support import assert_event, only_new_event


def planning_items(service: Service, release_id: int) -> tuple[ChecklistItem, ...]:
    return service.detail(release_id).items_in(Phase.PLANNING)


def test_tick_records_who_and_when_and_untick_clears_it(service: Service, clock) -> None:
    release = service.create_release("2.4.0")
    item = planning_items(service, release.id)[1]
    clock.advance(minutes=30)
    ticked = service.set_done(item.id, True, expected_version=item.row_version)
    assert (ticked.done, ticked.done_by, ticked.done_at) == (True, "alice", clock.now)
    assert ticked.row_version == item.row_version + 1
    stored = planning_items(service, release.id)[1]
    assert stored == ticked
    assert_event(only_new_event(service, release.id, 1), clock.now, action="item.tick", version="2.4.0",
                 new=item.text)
    assert service.release("2.4.0").evidence_revision == release.evidence_revision + 1

    clock.advance(minutes=5)
    unticked = service.set_done(item.id, False)
    assert (unticked.done, unticked.done_by, unticked.done_at) == (False, "", None)
    assert_event(only_new_event(service, release.id, 2), clock.now, action="item.untick", version="2.4.0",
                 new=item.text)


def test_ticking_a_ticked_item_changes_nothing(service: Service, store: Store, db_contents) -> None:
    release = service.create_release("2.4.0")
    item = planning_items(service, release.id)[0]
    service.set_done(item.id, True)
    before = db_contents(store)
    service.set_done(item.id, True)
    after = db_contents(store)
    assert after["event"] == before["event"]
    assert after["checklist_item"] == before["checklist_item"]


def test_untick_clears_who_and_when(service: Service) -> None:
    release = service.create_release("2.4.0")
    item = planning_items(service, release.id)[0]
    assert service.set_done(item.id, True).done is True
    unticked = service.set_done(item.id, False)
    assert (unticked.done, unticked.done_by, unticked.done_at) == (False, "", None)
    assert [e.action for e in service.activity(release.id)[:2]] == ["item.untick", "item.tick"]


def test_tick_of_an_item_changed_elsewhere_is_stale(service: Service, store: Store, db_contents) -> None:
    release = service.create_release("2.4.0")
    item = planning_items(service, release.id)[0]
    service.edit_item(item.id, item.row_version, note="Bob is on it")
    before = db_contents(store)
    with pytest.raises(StaleWrite, match="checklist item was changed in another terminal by alice"):
        service.set_done(item.id, True, expected_version=item.row_version)
    assert db_contents(store) == before


def test_tick_of_a_removed_item_says_it_is_gone(service: Service) -> None:
    release = service.create_release("2.4.0")
    item = planning_items(service, release.id)[0]
    service.remove_item(item.id)
    with pytest.raises(NotFound, match="That checklist item no longer exists"):
        service.set_done(item.id, True)


# -- find ------------------------------------------------------------------------------------------


def test_find_item_by_number_in_the_current_phase(service: Service) -> None:
    release = service.create_release("2.4.0")
    items = planning_items(service, release.id)
    assert service.find_item("2.4.0", "1") == items[0]
    assert service.find_item("2.4.0", " 6 ") == items[5]
    testing = service.detail(release.id).items_in(Phase.TESTING)
    assert service.find_item("2.4.0", "4", phase=Phase.TESTING) == testing[3]


def test_find_item_by_a_unique_piece_of_text(service: Service) -> None:
    service.create_release("2.4.0")
    assert service.find_item("2.4.0", "KICKOFF").text.startswith("Hold the kickoff meeting")
    assert service.find_item("2.4.0", "regression", phase=Phase.TESTING).text == "Run the full regression test suite"


@pytest.mark.parametrize(
    ("ref", "error", "message"),
    [
        ("the", InvalidInput, "'the' matches 6 Planning items of 2.4.0: use more words or the item number"),
        ("deploy to mars", NotFound, "no Planning item of 2.4.0 contains 'deploy to mars'; `relmgr show 2.4.0`"),
        ("7", NotFound, "2.4.0 has 6 Planning items; there is no item 7"),
        ("0", NotFound, "2.4.0 has 6 Planning items; there is no item 0"),
        ("  ", InvalidInput, "give the item's number in its phase or a piece of its text"),
    ],
)
def test_find_item_explains_what_went_wrong(service: Service, ref: str, error: type, message: str) -> None:
    service.create_release("2.4.0")
    with pytest.raises(error) as caught:
        service.find_item("2.4.0", ref)
    assert message in str(caught.value)


def test_empty_reference_never_picks_the_only_item(quick: Service) -> None:
    """With one item in the phase, an empty ITEM must not silently tick that item."""
    release = quick.create_release("2.4.1-hotfix", kind="emergency")
    assert len(quick.detail(release.id).items_in(Phase.PLANNING)) == 1
    with pytest.raises(InvalidInput):
        quick.find_item("2.4.1-hotfix", "")


def test_find_item_of_an_unknown_release(service: Service) -> None:
    with pytest.raises(NotFound, match="No release '9.9': `relmgr list --all` shows the versions there are."):
        service.find_item("9.9", "1")


# -- add, edit, remove, move ------------------------------------------------------------------------


def test_add_item_appends_to_its_phase(service: Service, clock) -> None:
    release = service.create_release("2.4.0")
    added = service.add_item(release.id, "Testing", "  Run the accessibility audit ", required=False, owner="Ravi")
    testing = service.detail(release.id).items_in(Phase.TESTING)
    assert testing[-1] == added
    assert (added.text, added.required, added.owner, added.position) == (
        "Run the accessibility audit", False, "Ravi", len(testing)
    )
    assert_event(only_new_event(service, release.id, 1), clock.now, action="item.add", version="2.4.0",
                 new="testing: Run the accessibility audit")


@pytest.mark.parametrize(
    ("phase", "text", "message"),
    [
        ("testing", "   ", "the item text is required"),
        ("qa", "Check", "phase 'qa' is not one of: planning, building, testing, preparing, deploying"),
        ("testing", "x" * 501, "the item text is 501 characters long; at most 500 fit"),
    ],
)
def test_invalid_new_item_is_refused(service: Service, store: Store, db_contents, phase: str, text: str,
                                     message: str) -> None:
    release = service.create_release("2.4.0")
    before = db_contents(store)
    with pytest.raises(InvalidInput, match=message):
        service.add_item(release.id, phase, text)
    assert db_contents(store) == before


def test_edit_item_logs_old_and_new(service: Service, clock) -> None:
    release = service.create_release("2.4.0")
    item = planning_items(service, release.id)[0]
    edited = service.edit_item(item.id, item.row_version, text="Meet the stakeholders", required=False,
                               note="Tuesday 10:00")
    assert (edited.text, edited.required, edited.note) == ("Meet the stakeholders", False, "Tuesday 10:00")
    assert_event(only_new_event(service, release.id, 1), clock.now, action="item.edit", version="2.4.0",
                 old=f"text: {item.text}; required: True; note: ",
                 new="text: Meet the stakeholders; required: False; note: Tuesday 10:00")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"text": ""}, "the item text is required"),
        ({"done": True}, "cannot edit done of a checklist item"),
        ({"note": "x" * 10_001}, "the note is 10001 characters long"),
    ],
)
def test_invalid_item_edit_is_refused(service: Service, store: Store, db_contents, changes: dict,
                                      message: str) -> None:
    release = service.create_release("2.4.0")
    item = planning_items(service, release.id)[0]
    before = db_contents(store)
    with pytest.raises(InvalidInput, match=message):
        service.edit_item(item.id, item.row_version, **changes)
    assert db_contents(store) == before


def test_remove_item(service: Service, clock) -> None:
    release = service.create_release("2.4.0")
    item = planning_items(service, release.id)[2]
    service.remove_item(item.id, item.row_version)
    assert item.id not in [i.id for i in planning_items(service, release.id)]
    assert_event(only_new_event(service, release.id, 1), clock.now, action="item.remove", version="2.4.0",
                 old=f"planning: {item.text}")


def test_move_item_swaps_with_its_neighbour(service: Service, clock) -> None:
    release = service.create_release("2.4.0")
    first, second, third = planning_items(service, release.id)[:3]
    moved = service.move_item(third.id, -1)
    assert moved.position == 2
    assert [i.id for i in planning_items(service, release.id)[:3]] == [first.id, third.id, second.id]
    assert [i.position for i in planning_items(service, release.id)] == [1, 2, 3, 4, 5, 6]
    assert_event(only_new_event(service, release.id, 1), clock.now, action="item.move", version="2.4.0",
                 new=f"{third.text} -> position 2")
    service.move_item(first.id, +1)
    assert [i.id for i in planning_items(service, release.id)[:3]] == [third.id, first.id, second.id]


def test_move_past_the_end_changes_nothing(service: Service, store: Store, db_contents) -> None:
    release = service.create_release("2.4.0")
    items = planning_items(service, release.id)
    before = db_contents(store)
    service.move_item(items[0].id, -1)
    service.move_item(items[-1].id, +1)
    after = db_contents(store)
    assert after["checklist_item"] == before["checklist_item"]
    assert after["event"] == before["event"]
