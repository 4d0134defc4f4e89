"""Undo of several changes to one row, in one terminal: each undo leaves the row with a new row_version, and
the older changes' inverses follow it, while a colleague's write in between is still refused."""

from __future__ import annotations

import pytest

from relmgr_tui.domain.errors import StaleWrite
from relmgr_tui.domain.model import Phase
from relmgr_tui.service import Service

COLLEAGUE_REFUSAL = "bob changed it since in another terminal"


@pytest.fixture
def release(tracked: Service):
    with tracked.unrecorded():
        return tracked.create_release("2.4.0", "Payments", "minor", owner="ana")


@pytest.fixture
def item(tracked: Service, release):
    return tracked.detail(release.id).items_in(Phase.PLANNING)[0]


def rename_twice(service: Service, item_id: int) -> None:
    service.edit_item(item_id, service.item(item_id).row_version, text="Book the war room")
    service.edit_item(item_id, service.item(item_id).row_version, text="Book the big war room")


def test_two_renames_undo_twice_restore_the_original_text(tracked, item):
    rename_twice(tracked, item.id)
    assert tracked.undo() == "Undid: edit 'Book the big war room' on 2.4.0"
    assert tracked.undo() == "Undid: edit 'Book the war room' on 2.4.0"
    assert tracked.item(item.id).text == item.text


def test_redo_after_two_undos_makes_both_renames_again(tracked, item):
    rename_twice(tracked, item.id)
    tracked.undo()
    tracked.undo()
    tracked.redo()
    assert tracked.item(item.id).text == "Book the war room"
    tracked.redo()
    assert tracked.item(item.id).text == "Book the big war room"
    tracked.undo()
    tracked.undo()
    assert tracked.item(item.id).text == item.text


def test_a_colleagues_write_between_my_two_renames_still_stops_the_second_undo(tracked, colleague, item):
    tracked.edit_item(item.id, item.row_version, text="Book the war room")
    colleague.edit_item(item.id, None, note="room 4 is free")
    tracked.edit_item(item.id, tracked.item(item.id).row_version, text="Book the big war room")
    tracked.undo()
    with pytest.raises(StaleWrite, match="Cannot undo 'edit 'Book the war room'': .* changed it since in another"):
        tracked.undo()
    after = tracked.item(item.id)
    assert (after.text, after.note) == ("Book the war room", "room 4 is free")


def test_tick_and_note_then_undo_both(tracked, item):
    tracked.set_done(item.id, True)
    tracked.edit_item(item.id, tracked.item(item.id).row_version, note="done by QA")
    tracked.undo()
    tracked.undo()
    after = tracked.item(item.id)
    assert (after.done, after.note) == (False, "")


def test_edit_risk_twice_then_undo_twice(tracked, release):
    with tracked.unrecorded():
        risk = tracked.add_risk(release.id, "Vendor API change", 3, 4)
    tracked.edit_risk(risk.id, risk.row_version, likelihood=4)
    tracked.edit_risk(risk.id, tracked.risk(risk.id).row_version, impact=5)
    tracked.undo()
    tracked.undo()
    assert (tracked.risk(risk.id).likelihood, tracked.risk(risk.id).impact) == (3, 4)


def test_edit_of_the_neighbour_then_a_swap_undo_both(tracked, release):
    """A swap changes two rows: undoing it must carry the neighbour's older inverse along too."""
    first, second = tracked.detail(release.id).items_in(Phase.PLANNING)[:2]
    tracked.edit_item(second.id, second.row_version, note="ask ops")
    tracked.move_item(first.id, 1)
    tracked.undo()
    tracked.undo()
    assert tracked.item(second.id).note == ""
    assert [i.id for i in tracked.detail(release.id).items_in(Phase.PLANNING)[:2]] == [first.id, second.id]


def test_edit_then_remove_then_undo_both(tracked, item):
    """A removed row comes back with a new row_version: the edit before the removal can still be undone."""
    tracked.edit_item(item.id, item.row_version, text="Book the war room")
    tracked.remove_item(item.id)
    tracked.undo()
    tracked.undo()
    assert tracked.item(item.id).text == item.text


def test_edit_then_delete_the_release_then_undo_both(tracked, release, item):
    tracked.edit_item(item.id, item.row_version, text="Book the war room")
    tracked.delete_release(release.id)
    tracked.undo()
    tracked.undo()
    assert tracked.item(item.id).text == item.text


# -- undo of an addition ------------------------------------------------------------------------


def test_undo_of_an_added_item_refuses_after_a_colleague_edited_it(tracked, colleague, release):
    added = tracked.add_item(release.id, Phase.PLANNING, "Book the war room")
    colleague.edit_item(added.id, None, note="room 4")
    with pytest.raises(StaleWrite, match=COLLEAGUE_REFUSAL):
        tracked.undo()
    assert tracked.item(added.id).note == "room 4"


def test_undo_of_an_added_risk_refuses_after_a_colleague_edited_it(tracked, colleague, release):
    risk = tracked.add_risk(release.id, "Vendor API change", 3, 4)
    colleague.edit_risk(risk.id, None, impact=5)
    with pytest.raises(StaleWrite, match=COLLEAGUE_REFUSAL):
        tracked.undo()
    assert tracked.risk(risk.id).impact == 5


def test_undo_of_an_added_step_refuses_after_a_colleague_edited_it(tracked, colleague, release):
    step = tracked.add_step(release.id, "Redeploy previous build")
    colleague.edit_step(step.id, None, owner="ops")
    with pytest.raises(StaleWrite, match=COLLEAGUE_REFUSAL):
        tracked.undo()
    assert tracked.step(step.id).owner == "ops"


def test_undo_of_an_added_item_after_my_own_edit_of_it(tracked, release):
    added = tracked.add_item(release.id, Phase.PLANNING, "Book the war room")
    tracked.edit_item(added.id, added.row_version, note="room 4")
    tracked.undo()
    tracked.undo()
    assert "Book the war room" not in [i.text for i in tracked.detail(release.id).items]


def test_undo_of_a_created_release_refuses_after_a_colleague_edited_it(tracked, colleague):
    created = tracked.create_release("2.5.0", "Ledger", "minor")
    colleague.edit_release(created.id, None, owner="bob")
    with pytest.raises(StaleWrite, match=COLLEAGUE_REFUSAL):
        tracked.undo()
    assert tracked.release("2.5.0").owner == "bob"
