"""Every write use case can be undone, or says why not.

The writes are found from their registration (`@undoable` / `@not_undoable`), not from a list kept here:
a new write without an example below fails `test_every_undoable_write_has_an_example`, and a write that
is not declared at all cannot run (`unit()` refuses it). Each undoable write runs on a seeded database;
undo must bring every release back to what it was, and redo to what the write made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import text

from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import (
    Attendee,
    Condition,
    Vote,
    ChecklistItem,
    Phase,
    ReleaseDetail,
    ReleaseState,
    Risk,
    RiskStatus,
    RollbackStep,
    ScopeItem,
    StepStatus,
)
from relmgr_tui.domain.review import Review, ReviewAction
from relmgr_tui.domain.schedule import Freeze, parse_window
from relmgr_tui.domain.templates import TemplateSet
from relmgr_tui.service import Service
from relmgr_tui.service.base import UseCases
from relmgr_tui.service import undo
from relmgr_tui.service.undo import WRITES, undoable
from relmgr_tui.store.repo import Store
from tests.conftest import FixedClock, database_contents, restore_contents

BOOKKEEPING = {"row_version", "updated_at", "evidence_revision"}
"""What every write moves on and no undo moves back: the conflict check and the go/no-go staleness."""


@dataclass
class Seed:
    """A release in Planning (items ticked, so it may advance) and one in Building, with a bit of all."""

    planning: int
    building: int
    item: ChecklistItem  # unticked, with a neighbour below, in Building
    risk: Risk
    closed: Risk
    step: RollbackStep  # rehearsed, with a neighbour below
    removed_item: ChecklistItem
    removed_risk: Risk
    removed_step: RollbackStep
    deleted: ReleaseDetail
    scope_item: ScopeItem  # an open feature in Building; a done bug beside it
    removed_scope: ScopeItem
    released: int  # released, with a review of two actions (the first closed)
    unreviewed: int  # released, no review
    review: Review
    removed_review: Review  # of another released release, with its action
    removed_action: ReviewAction
    freeze: Freeze
    removed_freeze: Freeze


def release_it(service: Service, version: str) -> int:
    """A release marked released in the database directly: walking it there through five gates would cost
    each of these tests more than the write it checks."""
    release = service.create_release(version, "Shipped", "patch")
    with service._store.engine.begin() as connection:
        connection.execute(text("UPDATE release SET state = 'released', released_at = :now WHERE id = :id"),
                           {"now": service.clock(), "id": release.id})
    return release.id


def seed_reviews(service: Service) -> tuple[int, int, Review, Review, ReviewAction]:
    """Seeded first, removals last: SQLite hands a removed row's id to the next row inserted."""
    released, other, unreviewed = (release_it(service, v) for v in ("5.0.0", "6.0.0", "7.0.0"))
    review = service.create_review(released, "Smooth deploy", "Late QA", "Test data was stale")
    closed = service.add_review_action(review.id, "Refresh test data", "ana", "2026-12-01", "testing",
                                       "Refresh the test data")
    service.set_review_action_done(closed.id, True)
    service.add_review_action(review.id, "Page the DBA earlier", "bo", "2026-12-10")
    gone = service.create_review(other, "Gone review")
    service.add_review_action(gone.id, "Gone review's action", "dee", "2026-12-12")
    removed_review = service.review(other)
    removed_action = service.add_review_action(review.id, "Gone action", "cy", "2026-12-11")
    service.remove_review_action(removed_action.id)
    service.remove_review(gone.id)
    return released, unreviewed, service.review(released), removed_review, removed_action


def seed(service: Service) -> Seed:
    with service.unrecorded():
        reviews = seed_reviews(service)
        planning = service.create_release("1.0.0", "Checkout", "minor", owner="ana")
        for item in service.detail(planning.id).items_in(Phase.PLANNING):
            service.set_done(item.id, True)
        service.edit_release(planning.id, None, kind="emergency")  # its later phases still have minor's items
        building = service.create_release("2.0.0", "Ledger", "minor", owner="bo")
        for item in service.detail(building.id).items_in(Phase.PLANNING):
            service.set_done(item.id, True)
        service.advance(building.id)
        service.add_item(building.id, Phase.BUILDING, "Second check")
        item = service.detail(building.id).items_in(Phase.BUILDING)[0]
        risk = service.add_risk(building.id, "Vendor API change", 3, 4)
        closed = service.add_risk(building.id, "Late QA", 2, 2)
        service.close_risk(closed.id, "mitigated")
        step = service.add_step(building.id, "Redeploy the previous build", "deploy 1.9")
        service.rehearse_step(step.id)
        service.add_step(building.id, "Restore the snapshot")
        removed_item = service.add_item(building.id, Phase.BUILDING, "Gone item")
        service.remove_item(removed_item.id)
        removed_risk = service.add_risk(building.id, "Gone risk", 1, 1)
        service.remove_risk(removed_risk.id)
        removed_step = service.add_step(building.id, "Gone step")
        service.remove_step(removed_step.id)
        service.sign_off(building.id, "ops", "approve", "runbook read")
        service.record_decision(building.id, "conditional_go", [Attendee("ana", "QA", Vote.GO)], "Watch it",
                                [Condition("Watch the errors", "bo")])
        scope_item = service.add_scope_item(building.id, "PAY-1", "Refunds")
        service.add_scope_item(building.id, "PAY-2", "Card declined", type="bug", severity="critical", status="done")
        removed_scope = service.add_scope_item(building.id, "PAY-3", "Gone")
        service.remove_scope_item(removed_scope.id)
        doomed = service.create_release("3.0.0", "Doomed")
        service.add_scope_item(doomed.id, "PAY-9", "Goes with its release")
        deleted = service.detail(doomed.id)
        service.delete_release(doomed.id)
        freeze = service.add_freeze("Year end", datetime(2026, 12, 20, tzinfo=UTC), datetime(2027, 1, 5, tzinfo=UTC))
        removed_freeze = service.add_freeze("Gone", datetime(2027, 2, 1, tzinfo=UTC), datetime(2027, 2, 2, tzinfo=UTC))
        service.remove_freeze(removed_freeze.id)
    return Seed(planning.id, building.id, item, service.risk(risk.id), service.risk(closed.id),
                service.step(step.id), removed_item, removed_risk, removed_step, deleted,
                service.scope_item(scope_item.id), removed_scope, *reviews,
                freeze, removed_freeze)


Example = Callable[[Service, Seed], Any]

EXAMPLES: dict[str, Example] = {
    "create_release": lambda s, d: s.create_release("4.0.0", "New", "major"),
    "edit_release": lambda s, d: s.edit_release(d.planning, None, title="Checkout v2", owner="cy"),
    "transition": lambda s, d: s.transition(d.building, "hold", "legal review", until="2026-12-10"),
    "restore_lifecycle": lambda s, d: s.restore_lifecycle(
        d.building, {"phase": Phase.TESTING, "state": ReleaseState.ON_HOLD, "state_reason": "legal"},
        {d.step.id: StepStatus.FAILED}),
    "delete_release": lambda s, d: s.delete_release(d.building),
    "restore_release": lambda s, d: s.restore_release(d.deleted),
    "advance": lambda s, d: s.advance(d.planning),
    "move_back": lambda s, d: s.move_back(d.building),
    "set_done": lambda s, d: s.set_done(d.item.id, True, None, "https://ci.example.com/runs/7", "12 passed"),
    "restore_evidence": lambda s, d: s.restore_evidence(d.item.id, None, "https://ci.example.com/runs/8", "ok"),
    "add_item": lambda s, d: s.add_item(d.building, Phase.BUILDING, "Book the war room"),
    "edit_item": lambda s, d: s.edit_item(d.item.id, None, note="checked", owner="bo"),
    "remove_item": lambda s, d: s.remove_item(d.item.id),
    "restore_item": lambda s, d: s.restore_item(d.removed_item),
    "move_item": lambda s, d: s.move_item(d.item.id, 1),
    "apply_kind_templates": lambda s, d: s.apply_kind_templates(d.planning),
    "swap_items": lambda s, d: s.swap_items(d.building, (d.removed_item,), ((d.item.id, d.item.row_version),)),
    "add_risk": lambda s, d: s.add_risk(d.building, "Outage", 4, 5, owner="cy"),
    "edit_risk": lambda s, d: s.edit_risk(d.risk.id, None, likelihood=5, owner="dee"),
    "close_risk": lambda s, d: s.close_risk(d.risk.id, "occurred", note="it happened"),
    "reopen_risk": lambda s, d: s.reopen_risk(d.closed.id, RiskStatus.OPEN),
    "remove_risk": lambda s, d: s.remove_risk(d.risk.id),
    "restore_risk": lambda s, d: s.restore_risk(d.removed_risk),
    "add_step": lambda s, d: s.add_step(d.building, "Flush the caches", "make flush", "ops", 3),
    "edit_step": lambda s, d: s.edit_step(d.step.id, None, action="Redeploy 1.9.1", command="deploy 1.9.1"),
    "set_step_status": lambda s, d: s.set_step_status(d.step.id, StepStatus.FAILED),
    "rehearse_step": lambda s, d: s.rehearse_step(s.detail(d.building).steps[1].id),
    "move_step": lambda s, d: s.move_step(d.step.id, 1),
    "remove_step": lambda s, d: s.remove_step(d.step.id),
    "restore_step": lambda s, d: s.restore_step(d.removed_step),
    "accept_risk": lambda s, d: s.accept_risk(d.risk.id, "dana", "the vendor signed a fix date"),
    "set_condition_met": lambda s, d: s.set_condition_met(d.building, 1, note="watched"),
    "create_review": lambda s, d: s.create_review(d.unreviewed, "Quiet", "Slow build", "Cache it"),
    "edit_review": lambda s, d: s.edit_review(d.review.id, None, went_well="Smoother", findings="Stale data"),
    "remove_review": lambda s, d: s.remove_review(d.review.id),
    "restore_review": lambda s, d: s.restore_review(d.removed_review),
    "add_review_action": lambda s, d: s.add_review_action(d.review.id, "Load test", "cy", "2026-12-04",
                                                          "testing", "Load test the payment API"),
    "edit_review_action": lambda s, d: s.edit_review_action(d.review.actions[1].id, None, owner="dee",
                                                            due="2026-12-20"),
    "set_review_action_done": lambda s, d: s.set_review_action_done(d.review.actions[1].id, True),
    "remove_review_action": lambda s, d: s.remove_review_action(d.review.actions[0].id),
    "restore_review_action": lambda s, d: s.restore_review_action(d.removed_action),
    "sign_off": lambda s, d: s.sign_off(d.building, "qa", "reject", "UAT not done"),
    "revoke_signoff": lambda s, d: s.revoke_signoff(d.building, "ops"),
    "restore_signoff": lambda s, d: s.restore_signoff(d.building, "testing", "ops", None, False),
    "restore_condition": lambda s, d: s.restore_condition(d.building, s.detail(d.building).decisions[0].id, 1,
                                                          ("bo", s.clock(), "done earlier")),
    "add_scope_item": lambda s, d: s.add_scope_item(d.building, "PAY-7", "Fees", type="bug", severity="major"),
    "edit_scope_item": lambda s, d: s.edit_scope_item(d.scope_item.id, None, title="Refunds v2", status="done"),
    "remove_scope_item": lambda s, d: s.remove_scope_item(d.scope_item.id),
    "move_scope_items": lambda s, d: s.move_scope_items([d.scope_item.id], d.planning),
    "defer_scope": lambda s, d: s.defer_scope(d.building, d.planning),
    "import_scope": lambda s, d: s.import_scope(d.building, [("line 2", {"key": "PAY-1", "title": "Refunds, all"}),
                                                             ("line 3", {"key": "PAY-8", "title": "Statements"})]),
    "replace_scope": lambda s, d: s.replace_scope(d.building, ((d.scope_item.id, d.scope_item.row_version),),
                                                  (d.removed_scope,)),
    "set_window": lambda s, d: s.set_window(d.building, None, parse_window("2026-12-14 22:00/2026-12-14 23:30", "UTC")),
    "set_milestone": lambda s, d: s.set_milestone(d.building, Phase.TESTING, "2026-12-10"),
    "add_freeze": lambda s, d: s.add_freeze("Spring", d.freeze.starts, d.freeze.ends),
    "edit_freeze": lambda s, d: s.edit_freeze(d.freeze.id, None, name="Year end (all)", exempt_kinds=frozenset()),
    "remove_freeze": lambda s, d: s.remove_freeze(d.freeze.id),
    "restore_freeze": lambda s, d: s.restore_freeze(d.removed_freeze),
}

UNDOABLE = sorted(name for name, reason in WRITES.items() if not reason)


def plain(obj: Any) -> Any:
    """A domain object without its bookkeeping, for comparing what a person would see."""
    if isinstance(obj, tuple):
        return tuple(plain(o) for o in obj)
    if hasattr(obj, "__dataclass_fields__"):
        return {f.name: plain(getattr(obj, f.name)) for f in fields(obj) if f.name not in BOOKKEEPING}
    return obj


def world(service: Service) -> dict[str, Any]:
    """Every release's detail (items, risks, steps, decisions, fields, phase and state), by version."""
    releases = {r.version: plain(service.detail(r.id)) for r in service.releases(include_archived=True)}
    return {**releases, "change freezes": [plain(f) for f in service.freezes()]}


@pytest.fixture
def used(store: Store, small_templates: TemplateSet, clock: FixedClock) -> Service:
    """With sign-offs asked before Testing, so that the seeded release in Building can be signed."""
    signing = replace(small_templates, signoffs={"testing": ("qa", "ops")})
    return Service(store, signing, who="alice", identity="alice", clock=clock, remember=True)


SEEDED: dict[str, tuple[dict[str, list[tuple]], Seed]] = {}
"""Per backend, the rows `seed` wrote and what it returned: seeding costs some sixty writes, made once per
test process and put back before each test (the same rows and ids; nothing on the undo history)."""


@pytest.fixture
def seeded(used: Service) -> Seed:
    """`seed(used)`, or the same rows put back from the first time this process seeded."""
    kind = "sqlite" if used._store.is_sqlite else "postgres"
    if kind in SEEDED:
        rows, made = SEEDED[kind]
        restore_contents(used._store, rows)
        return made
    made = seed(used)
    SEEDED[kind] = database_contents(used._store), made
    return made


def test_every_write_is_declared_and_every_undoable_one_has_an_example() -> None:
    assert set(UNDOABLE) == set(EXAMPLES), "give each new undoable write an example in EXAMPLES"
    assert {name: reason for name, reason in WRITES.items() if reason} == {
        "record_decision": WRITES["record_decision"], "load_bulk": WRITES["load_bulk"]}
    assert all(hasattr(Service, name) for name in WRITES)


@pytest.mark.parametrize("name", UNDOABLE)
def test_undo_puts_everything_back_and_redo_makes_it_again(name: str, used: Service, seeded: Seed) -> None:
    before = world(used)
    EXAMPLES[name](used, seeded)
    after = world(used)
    assert after != before, f"the example of {name} changes nothing"
    assert used.undo().startswith("Undid: ")
    assert world(used) == before
    assert used.redo().startswith("Redid: ")
    assert world(used) == after
    assert used.undo().startswith("Undid: ")
    assert world(used) == before


def test_seeding_unrecorded_leaves_nothing_to_undo(used: Service) -> None:
    seed(used)
    with pytest.raises(InvalidInput, match="nothing to undo in this terminal"):
        used.undo()


def test_a_write_that_is_not_declared_cannot_run(used: Service) -> None:
    class Careless(Service):
        def rename(self, release_id: int) -> None:
            with self.unit() as unit:
                unit.repo.update(type(unit.repo.release(release_id)), release_id, {"title": "x"})

    careless = Careless(used._store, used.templates, who="alice", clock=used.clock)
    release = careless.create_release("9.0.0")
    with pytest.raises(RuntimeError, match="declared @undoable or @not_undoable"):
        careless.rename(release.id)


def test_an_undoable_write_that_records_no_inverse_is_refused(used: Service, monkeypatch) -> None:
    monkeypatch.setattr(undo, "WRITES", dict(WRITES))  # the registration below is this test's own

    class Forgetful(UseCases):
        @undoable
        def touch(self, release_id: int) -> None:
            with self.unit() as unit:
                unit.event(unit.repo.release(release_id), "release.touch")

    service = Forgetful(used._store, used.templates, who="alice", clock=used.clock)
    release = used.create_release("9.0.0")
    with pytest.raises(RuntimeError, match="touch changed data but recorded no inverse"):
        service.touch(release.id)
