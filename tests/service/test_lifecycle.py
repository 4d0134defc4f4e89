"""Hold, resume, cancel, rolled back and reopen through the service: the dates and reasons they leave on the
release, the rollback steps they mark, the window for rolling back a released release, and undo."""

from __future__ import annotations

import pytest

from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import Phase, ReleaseState, StepStatus
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store
from tests.service.support import finish_phase, make_deployable


@pytest.fixture
def tracked(store: Store, small_templates, clock) -> Service:
    return Service(store, small_templates, who="alice", clock=clock, remember=True, rollback_window_days=30)


def deploying(service: Service):
    with service.unrecorded():
        release = make_deployable(service, service.create_release("2.4.0"))
        return service.advance(release.id)


def test_rolled_back_from_deploying_marks_the_named_steps_executed_and_undo_puts_them_back(
        tracked: Service, clock) -> None:
    release = deploying(tracked)
    step = tracked.detail(release.id).steps[0]
    rolled = tracked.transition(release.id, "rolled_back", "checkout errors", executed_steps=[step.id])
    assert (rolled.state, rolled.state_reason, rolled.closed_at) == (ReleaseState.ROLLED_BACK, "checkout errors",
                                                                     clock.now)
    assert tracked.step(step.id).status is StepStatus.EXECUTED
    assert [e.action for e in tracked.activity(release.id)][0] == "release.rolled_back"
    assert tracked.undo() == "Undid: mark rolled back 2.4.0"
    back = tracked.release_by_id(release.id)
    assert (back.state, back.phase, back.state_reason, back.closed_at) == (ReleaseState.ACTIVE, Phase.DEPLOYING,
                                                                           "", None)
    assert tracked.step(step.id).status is StepStatus.REHEARSED


def test_reopening_a_rolled_back_release_starts_a_fix_forward_in_preparing(tracked: Service) -> None:
    release = deploying(tracked)
    tracked.transition(release.id, "rolled_back", "checkout errors")
    reopened = tracked.transition(release.id, "reopen")
    assert (reopened.state, reopened.phase, reopened.closed_at) == (ReleaseState.ACTIVE, Phase.PREPARING, None)


def test_a_released_release_rolls_back_within_the_window_only(tracked: Service, clock) -> None:
    release = deploying(tracked)
    finish_phase(tracked, release)
    released = tracked.advance(release.id)
    assert released.released_at == clock.now
    with pytest.raises(InvalidInput, match="released release is not reopened: a follow-up is a new release"):
        tracked.transition(release.id, "reopen")
    clock.advance(days=31)
    with pytest.raises(InvalidInput, match="released more than 30 days ago .rollback_window_days in config.toml."):
        tracked.transition(release.id, "rolled_back", "late regression")
    clock.advance(days=-2)
    rolled = tracked.transition(release.id, "rolled_back", "late regression")
    assert (rolled.state, rolled.released_at) == (ReleaseState.ROLLED_BACK, released.released_at)


def test_undo_of_the_release_itself_clears_its_dates(tracked: Service) -> None:
    release = deploying(tracked)
    finish_phase(tracked, release)
    tracked.advance(release.id)
    tracked.undo()
    back = tracked.release_by_id(release.id)
    assert (back.state, back.released_at, back.closed_at) == (ReleaseState.ACTIVE, None, None)


def test_until_goes_with_hold_only(tracked: Service) -> None:
    release = tracked.create_release("2.4.0")
    with pytest.raises(InvalidInput, match="--until goes with hold only"):
        tracked.transition(release.id, "cancel", "why", until="2026-12-10")


def test_an_item_of_a_later_phase_cannot_be_ticked_early(service: Service, store: Store, db_contents) -> None:
    release = service.create_release("2.4.0", kind="patch")
    deploy = service.detail(release.id).items_in(Phase.DEPLOYING)[0]
    before = db_contents(store)
    with pytest.raises(InvalidInput, match="'Deploy to production' is a Deploying item and 2.4.0 is in Planning:"
                                           " tick it once the release reaches Deploying"):
        service.set_done(deploy.id, True)
    assert db_contents(store) == before


def test_an_early_item_can_be_ticked_before_its_phase(service: Service) -> None:
    release = service.create_release("2.4.0", kind="major")
    [announce] = [i for i in service.detail(release.id).items if i.early]
    assert (announce.phase, announce.text) == (Phase.PREPARING, "Announce the release window to users and support")
    assert service.set_done(announce.id, True).done


def held(service: Service):
    release = service.create_release("2.5.0")
    return service.transition(release.id, "hold", "legal review", until="2026-12-10")


def cancelled(service: Service):
    return service.transition(service.create_release("2.6.0").id, "cancel", "superseded")


@pytest.mark.parametrize(("make", "transition", "reason", "state"), [
    (lambda s: s.create_release("2.7.0"), "hold", "legal review", ReleaseState.ON_HOLD),
    (held, "resume", "", ReleaseState.ACTIVE),
    (lambda s: s.create_release("2.7.0"), "cancel", "superseded", ReleaseState.CANCELLED),
    (cancelled, "reopen", "", ReleaseState.ACTIVE),
], ids=["hold", "resume", "cancel", "reopen"])
def test_each_transition_is_undone_to_the_state_reason_and_dates_it_left(
        tracked: Service, make, transition, reason, state) -> None:
    with tracked.unrecorded():
        before = make(tracked)
    after = tracked.transition(before.id, transition, reason)
    assert after.state is state
    assert tracked.undo().startswith("Undid: ")
    back = tracked.release_by_id(before.id)
    assert (back.state, back.phase, back.state_reason, back.hold_until, back.closed_at) == (
        before.state, before.phase, before.state_reason, before.hold_until, before.closed_at)


@pytest.mark.parametrize("transition", ["hold", "cancel", "rolled_back"])
def test_a_transition_that_needs_a_reason_is_refused_without_one(tracked: Service, transition) -> None:
    release = deploying(tracked)
    with pytest.raises(InvalidInput, match="a reason is needed"):
        tracked.transition(release.id, transition, "  ")
    assert tracked.release_by_id(release.id).state is ReleaseState.ACTIVE


@pytest.mark.parametrize(("make", "transition", "message"), [
    (lambda s: s.create_release("2.8.0"), "resume", "only a release on hold can be resumed; allowed from here:"
                                                    " hold, cancel"),
    (held, "cancel", None),
    (cancelled, "hold", "allowed from here: reopen"),
], ids=["resume-active", "cancel-held-allowed", "hold-cancelled"])
def test_a_move_the_state_does_not_allow_is_refused_naming_what_is(tracked: Service, make, transition,
                                                                   message) -> None:
    with tracked.unrecorded():
        release = make(tracked)
    if message is None:  # allowed: a held release can be cancelled
        assert tracked.transition(release.id, transition, "budget gone").state is ReleaseState.CANCELLED
        return
    with pytest.raises(InvalidInput, match=message):
        tracked.transition(release.id, transition, "x")
    assert tracked.release_by_id(release.id).state is release.state
