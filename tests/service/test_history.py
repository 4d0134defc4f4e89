"""Undo and redo of this terminal's changes: each kind of change, the audit log, and other terminals."""

from __future__ import annotations

import pytest

from relmgr_tui.domain.errors import InvalidInput, NotFound, StaleWrite
from relmgr_tui.domain.model import Phase, ReleaseState, RiskStatus, StepStatus
from relmgr_tui.service import Service


@pytest.fixture
def release(tracked: Service):
    return tracked.create_release("2.4.0", "Payments", "minor", owner="ana")


def first_item(service: Service, release_id: int):
    return service.detail(release_id).items_in(Phase.PLANNING)[0]


def test_tick_undo_redo_and_the_audit_log_says_undo(tracked, release):
    item = first_item(tracked, release.id)
    tracked.set_done(item.id, True)
    assert tracked.undo() == f"Undid: tick '{item.text}' on 2.4.0"
    assert not tracked.item(item.id).done
    assert tracked.activity(release.id)[0].action == "item.untick"
    assert tracked.activity(release.id)[0].reason == "undo"
    assert tracked.redo() == f"Redid: tick '{item.text}' on 2.4.0"
    assert tracked.item(item.id).done
    assert tracked.activity(release.id)[0].reason == "redo"


def test_undo_is_repeatable_newest_first(tracked, release):
    items = tracked.detail(release.id).items_in(Phase.PLANNING)
    for item in items[:3]:
        tracked.set_done(item.id, True)
    tracked.undo()
    tracked.undo()
    assert [tracked.item(i.id).done for i in items[:3]] == [True, False, False]
    tracked.undo()
    assert tracked.undo() == "Undid: create 2.4.0"
    assert tracked.releases() == []
    with pytest.raises(InvalidInput, match="nothing to undo"):
        tracked.undo()


def test_edit_release_undo_restores_the_old_values(tracked, release):
    tracked.edit_release(release.id, release.row_version, title="Payments v2", owner="bo")
    tracked.undo()
    back = tracked.release_by_id(release.id)
    assert (back.title, back.owner) == ("Payments", "ana")
    tracked.redo()
    assert tracked.release_by_id(release.id).title == "Payments v2"


def test_move_between_phases_undo_and_redo_through_the_gate(tracked, release):
    for item in tracked.detail(release.id).items_in(Phase.PLANNING):
        tracked.set_done(item.id, True)
    tracked.advance(release.id)
    assert tracked.release_by_id(release.id).phase is Phase.BUILDING
    assert tracked.undo().startswith("Undid: move 2.4.0 to Building")
    assert tracked.release_by_id(release.id).phase is Phase.PLANNING
    tracked.redo()
    assert tracked.release_by_id(release.id).phase is Phase.BUILDING
    tracked.move_back(release.id)
    tracked.undo()
    assert tracked.release_by_id(release.id).phase is Phase.BUILDING


def test_delete_release_undo_brings_everything_back_with_its_ids(tracked, release):
    risk = tracked.add_risk(release.id, "Vendor API change", 3, 4)
    step = tracked.add_step(release.id, "Redeploy previous build")
    before = tracked.detail(release.id)
    tracked.delete_release(release.id)
    with pytest.raises(NotFound):
        tracked.detail(release.id)
    tracked.undo()
    after = tracked.detail(release.id)
    assert [i.id for i in after.items] == [i.id for i in before.items]
    assert tracked.risk(risk.id).title == "Vendor API change"
    assert tracked.step(step.id).action == "Redeploy previous build"
    assert tracked.activity(release.id)[0].action == "release.restore"
    tracked.redo()
    assert release.version not in [r.version for r in tracked.releases()]


def test_reorder_undo_puts_the_item_back(tracked, release):
    items = tracked.detail(release.id).items_in(Phase.PLANNING)
    tracked.move_item(items[0].id, 1)
    tracked.undo()
    assert [i.id for i in tracked.detail(release.id).items_in(Phase.PLANNING)] == [i.id for i in items]


def test_add_and_remove_item_undo(tracked, release):
    item = tracked.add_item(release.id, Phase.PLANNING, "Book the war room")
    tracked.undo()
    assert "Book the war room" not in [i.text for i in tracked.detail(release.id).items]
    tracked.redo()
    assert tracked.item(item.id).text == "Book the war room"
    tracked.remove_item(item.id)
    tracked.undo()
    assert tracked.item(item.id).text == "Book the war room"


def test_risk_and_step_changes_undo(tracked, release):
    risk = tracked.add_risk(release.id, "Vendor API change", 3, 4)
    tracked.close_risk(risk.id, "mitigated")
    tracked.undo()
    assert tracked.risk(risk.id).status is RiskStatus.OPEN
    tracked.edit_risk(risk.id, tracked.risk(risk.id).row_version, likelihood=5)
    tracked.undo()
    assert tracked.risk(risk.id).likelihood == 3
    step = tracked.add_step(release.id, "Redeploy previous build")
    tracked.rehearse_step(step.id)
    tracked.undo()
    assert tracked.step(step.id).status is StepStatus.PENDING
    tracked.undo()  # the step's addition
    with pytest.raises(NotFound):
        tracked.step(step.id)


def test_undo_refuses_to_revert_a_colleagues_later_change(tracked, colleague, release):
    item = first_item(tracked, release.id)
    tracked.set_done(item.id, True)
    colleague.edit_item(item.id, None, note="checked with QA")
    with pytest.raises(StaleWrite, match="bob changed it since in another terminal"):
        tracked.undo()
    assert tracked.item(item.id).done  # the tick stays
    assert tracked.item(item.id).note == "checked with QA"  # and so does the colleague's note


def test_undo_of_a_move_refuses_after_a_colleague_moved_it_again(tracked, colleague, release):
    for item in tracked.detail(release.id).items_in(Phase.PLANNING):
        tracked.set_done(item.id, True)
    tracked.advance(release.id)
    colleague.transition(release.id, "hold", "waiting for legal")
    with pytest.raises(StaleWrite):
        tracked.undo()
    assert tracked.release_by_id(release.id).state is ReleaseState.ON_HOLD


def test_a_new_change_clears_redo(tracked, release):
    items = tracked.detail(release.id).items_in(Phase.PLANNING)
    tracked.set_done(items[0].id, True)
    tracked.undo()
    tracked.set_done(items[1].id, True)
    with pytest.raises(InvalidInput, match="nothing to redo"):
        tracked.redo()
