"""The rollback plan: add, edit, reorder, rehearse, mark failed or executed, remove steps."""

from __future__ import annotations

import pytest

from relmgr_tui.domain import gates
from relmgr_tui.domain.errors import InvalidInput, StaleWrite
from relmgr_tui.domain.model import StepStatus
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store
from tests.service.support import assert_event, only_new_event


def test_add_steps_in_order(service: Service, clock) -> None:
    release = service.create_release("2.4.0")
    first = service.add_step(release.id, " Put the site in maintenance mode ", "", "ops", "2")
    second = service.add_step(release.id, "Restore the database snapshot", "pg_restore -d shop snap.dump", "dba", 25)
    assert (first.position, second.position) == (1, 2)
    assert (second.command, second.owner, second.expected_minutes, second.status) == (
        "pg_restore -d shop snap.dump", "dba", 25, StepStatus.PENDING
    )
    assert first.action == "Put the site in maintenance mode"
    assert service.detail(release.id).steps == (first, second)
    assert_event(only_new_event(service, release.id, 2), clock.now, action="step.add", version="2.4.0",
                 new="Restore the database snapshot")


@pytest.mark.parametrize(
    ("action", "minutes", "message"),
    [
        ("", 5, "the step action is required"),
        ("Restore", "ten", "expected minutes must be a whole number of minutes, not 'ten'"),
        ("Restore", -1, "expected minutes must be from 0 to 1440, not -1"),
    ],
)
def test_invalid_step_is_refused(service: Service, store: Store, db_contents, action: str, minutes,
                                 message: str) -> None:
    release = service.create_release("2.4.0")
    before = db_contents(store)
    with pytest.raises(InvalidInput, match=message):
        service.add_step(release.id, action, expected_minutes=minutes)
    assert db_contents(store) == before


def test_rehearse_step_records_when(service: Service, clock) -> None:
    release = service.create_release("2.4.0")
    step = service.add_step(release.id, "Restore the snapshot")
    clock.advance(hours=3)
    rehearsed = service.rehearse_step(step.id, step.row_version)
    assert (rehearsed.status, rehearsed.last_rehearsed_at) == (StepStatus.REHEARSED, clock.now)
    assert_event(only_new_event(service, release.id, 2), clock.now, action="step.rehearsed", version="2.4.0",
                 old="pending", new="rehearsed: Restore the snapshot")


def test_failed_rehearsal_blocks_the_gate_again(service: Service, clock) -> None:
    release = service.create_release("2.4.0")
    step = service.add_step(release.id, "Restore the snapshot")
    service.rehearse_step(step.id)
    failed = service.set_step_status(step.id, "failed")
    assert failed.status is StepStatus.FAILED
    assert_event(only_new_event(service, release.id, 3), clock.now, action="step.failed", version="2.4.0",
                 old="rehearsed", new="failed: Restore the snapshot")
    assert gates.evidence_of(service.detail(release.id)).unrehearsed_steps == ("Restore the snapshot",)


def test_unknown_step_status_is_refused(service: Service, store: Store, db_contents) -> None:
    release = service.create_release("2.4.0")
    step = service.add_step(release.id, "Restore")
    before = db_contents(store)
    with pytest.raises(InvalidInput, match="status 'done' is not one of: pending, rehearsed, executed, failed"):
        service.set_step_status(step.id, "done")
    assert db_contents(store) == before


def test_edit_step_logs_old_and_new(service: Service, clock) -> None:
    release = service.create_release("2.4.0")
    step = service.add_step(release.id, "Restore", owner="dba", expected_minutes=10)
    edited = service.edit_step(step.id, step.row_version, owner="ops", expected_minutes="15")
    assert (edited.owner, edited.expected_minutes) == ("ops", 15)
    assert_event(only_new_event(service, release.id, 2), clock.now, action="step.edit", version="2.4.0",
                 old="owner: dba; expected_minutes: 10", new="owner: ops; expected_minutes: 15")


@pytest.mark.parametrize("field", ["action", "command"])
def test_changing_what_a_rehearsed_step_does_needs_a_new_rehearsal(service: Service, field: str) -> None:
    release = service.create_release("2.4.0")
    step = service.rehearse_step(service.add_step(release.id, "Restore", command="restore.sh").id)
    edited = service.edit_step(step.id, step.row_version, **{field: "something else"})
    assert edited.status is StepStatus.PENDING


@pytest.mark.parametrize(
    "changes",
    [{"owner": "transaction team"}, {"owner": "incident commander"}, {"expected_minutes": 30}],
)
def test_changing_who_or_how_long_keeps_the_rehearsal(service: Service, changes: dict) -> None:
    release = service.create_release("2.4.0")
    step = service.rehearse_step(service.add_step(release.id, "Restore", command="restore.sh").id)
    edited = service.edit_step(step.id, step.row_version, **changes)
    assert edited.status is StepStatus.REHEARSED


def test_edit_of_a_step_changed_elsewhere_is_stale(service: Service, store: Store, db_contents) -> None:
    release = service.create_release("2.4.0")
    step = service.add_step(release.id, "Restore")
    service.rehearse_step(step.id, step.row_version)
    before = db_contents(store)
    with pytest.raises(StaleWrite, match="rollback step was changed in another terminal by alice"):
        service.edit_step(step.id, step.row_version, action="Mine")
    assert db_contents(store) == before


def test_move_and_remove_steps(service: Service, clock) -> None:
    release = service.create_release("2.4.0")
    a, b, c = (service.add_step(release.id, name) for name in ("Drain", "Restore", "Verify"))
    moved = service.move_step(c.id, -1)
    assert moved.position == 2
    assert [s.action for s in service.detail(release.id).steps] == ["Drain", "Verify", "Restore"]
    assert_event(only_new_event(service, release.id, 4), clock.now, action="step.move", version="2.4.0",
                 new="Verify -> position 2")
    service.move_step(a.id, -1)  # already first: nothing happens
    assert len(service.activity(release.id)) == 5
    service.remove_step(b.id)
    assert [s.action for s in service.detail(release.id).steps] == ["Drain", "Verify"]
    assert_event(only_new_event(service, release.id, 5), clock.now, action="step.remove", version="2.4.0",
                 old="Restore")
