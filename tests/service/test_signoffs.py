"""Sign-offs by role: missing, rejected or stale ones block the move the templates name; the signer is who the
store says this process is; the owner cannot approve their own release unless allowed; revoking takes it back."""

from __future__ import annotations

import pytest

from relmgr_tui.domain import templates
from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import Outcome, Phase, Verdict
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store
from tests.conftest import FixedClock
from tests.service.support import TEAM, finish_phase, walk_to


def signer(store: Store, clock: FixedClock, identity: str, **options) -> Service:
    return Service(store, templates.builtin(), identity=identity, clock=clock, remember=False, **options)


@pytest.fixture
def preparing(service: Service):
    """2.4.0 in Preparing, owned by priya, with everything but the sign-offs done and a current GO."""
    release = walk_to(service, service.create_release("2.4.0", "Checkout", owner="priya"), Phase.PREPARING)
    step = service.add_step(release.id, "Switch traffic back", "deploy rollback", "ops", 10)
    service.rehearse_step(step.id)
    finish_phase(service, release)
    return release


def blockers(service: Service, release_id: int) -> tuple[str, ...]:
    return service.gate_report(service.detail(release_id)).blockers


def test_missing_signoffs_block_the_move_into_deploying_naming_each_role(service: Service, preparing) -> None:
    assert blockers(service, preparing.id) == (
        "No go/no-go decision recorded: hold the go/no-go review (g, or relmgr decide).",
        "Sign-off missing: qa (before Deploying): relmgr signoff 2.4.0 --role qa",
        "Sign-off missing: ops (before Deploying): relmgr signoff 2.4.0 --role ops",
    )


def test_approvals_open_the_gate_and_the_board_card_agrees(service: Service, store, clock, preparing) -> None:
    signer(store, clock, "ravi").sign_off(preparing.id, "qa", "approve", "UAT passed")
    card = service.card(preparing.id)
    assert [b for b in card.gate.blockers if b.startswith("Sign-off")] == [
        "Sign-off missing: ops (before Deploying): relmgr signoff 2.4.0 --role ops"]
    signer(store, clock, "mei").sign_off(preparing.id, "ops", "approve")
    service.record_decision(preparing.id, Outcome.GO, TEAM, "All green.")
    assert blockers(service, preparing.id) == ()
    assert service.card(preparing.id).gate.open
    assert service.advance(preparing.id).phase is Phase.DEPLOYING


def test_a_signoff_records_the_signer_identity_not_the_audit_name(service: Service, store, clock, preparing) -> None:
    signed = signer(store, clock, "ravi").sign_off(preparing.id, "QA", "approve", " looks good ")
    stored = service.detail(preparing.id).signoffs
    assert [(s.role, s.who, s.verdict, s.comment, s.move, s.signed_at) for s in stored] == [
        ("qa", "ravi", Verdict.APPROVE, "looks good", "deploying", clock())]
    assert signed == stored[0]
    assert service.activity(preparing.id)[0].who == "ravi"


def test_a_rejection_blocks_with_who_rejected(service: Service, store, clock, preparing) -> None:
    signer(store, clock, "ravi").sign_off(preparing.id, "qa", Verdict.REJECT, "login broken")
    assert ("Sign-off rejected: qa by ravi (before Deploying): resolve it and sign off again"
            " (relmgr signoff 2.4.0 --role qa)") in blockers(service, preparing.id)


def test_a_change_after_signing_makes_it_stale_but_another_signoff_does_not(service, store, clock, preparing) -> None:
    signer(store, clock, "ravi").sign_off(preparing.id, "qa", "approve")
    signer(store, clock, "mei").sign_off(preparing.id, "ops", "approve")
    assert not [b for b in blockers(service, preparing.id) if b.startswith("Sign-off")]
    service.add_item(preparing.id, Phase.PREPARING, "Brief the support desk", required=False)
    stale = [b for b in blockers(service, preparing.id) if b.startswith("Sign-off")]
    assert stale == [
        "Sign-off stale: qa by ravi, the release changed since (before Deploying): sign off again"
        " (relmgr signoff 2.4.0 --role qa)",
        "Sign-off stale: ops by mei, the release changed since (before Deploying): sign off again"
        " (relmgr signoff 2.4.0 --role ops)",
    ]
    assert [b for b in service.card(preparing.id).gate.blockers if b.startswith("Sign-off")] == stale


def test_a_signoff_after_the_decision_makes_the_decision_stale(service: Service, store, clock, preparing) -> None:
    service.record_decision(preparing.id, Outcome.GO, TEAM, "Pending sign-offs.")
    signer(store, clock, "ravi").sign_off(preparing.id, "qa", Verdict.REJECT, "login broken")
    detail = service.detail(preparing.id)
    status = service.decision_statuses(detail)[detail.decisions[0].id]
    assert status.startswith("stale: changed since: rejected in sign-off 'qa: rejected (before Deploying)' by ravi")


def test_the_owner_cannot_sign_off_their_own_release_unless_allowed(store, clock, preparing) -> None:
    with pytest.raises(InvalidInput, match="^Priya owns 2.4.0 and cannot sign it off: ask someone else, or set"
                                           " allow_self_signoff = true in config.toml$"):
        signer(store, clock, "Priya").sign_off(preparing.id, "qa")
    allowed = signer(store, clock, "priya", allow_self_signoff=True)
    assert allowed.sign_off(preparing.id, "qa").who == "priya"


def test_an_unknown_role_names_the_roles_allowed(store, clock, preparing) -> None:
    with pytest.raises(InvalidInput, match="^unknown sign-off role 'dev': the roles the templates ask for are qa, ops$"):
        signer(store, clock, "ravi").sign_off(preparing.id, "dev")


def test_a_role_not_asked_for_the_next_move_is_refused(service: Service, store, clock) -> None:
    release = service.create_release("3.0.0")
    with pytest.raises(InvalidInput, match="^no qa sign-off is asked before Building, the next move of 3.0.0:"
                                           " qa signs off before Deploying$"):
        signer(store, clock, "ravi").sign_off(release.id, "qa")


def test_revoke_takes_your_own_signoff_back_and_refuses_someone_elses(service, store, clock, preparing) -> None:
    ravi, mei = signer(store, clock, "ravi"), signer(store, clock, "mei")
    ravi.sign_off(preparing.id, "qa")
    with pytest.raises(InvalidInput, match="^the qa sign-off of 2.4.0 is ravi's: only they can revoke it"
                                           r" \(you are mei\)$"):
        mei.revoke_signoff(preparing.id, "qa")
    assert ravi.revoke_signoff(preparing.id, "qa").who == "ravi"
    assert service.detail(preparing.id).signoffs == ()
    assert "Sign-off missing: qa (before Deploying): relmgr signoff 2.4.0 --role qa" in blockers(service, preparing.id)
    with pytest.raises(InvalidInput, match="^2.4.0 has no qa sign-off before Deploying to revoke$"):
        ravi.revoke_signoff(preparing.id, "qa")


def test_undo_of_a_second_signoff_leaves_the_first_current(store, clock, preparing) -> None:
    tracked = Service(store, templates.builtin(), identity="ravi", clock=clock, remember=True)
    tracked.sign_off(preparing.id, "qa")
    tracked.sign_off(preparing.id, "ops")
    tracked.undo()
    detail = tracked.detail(preparing.id)
    assert [(s.role, s.is_stale(detail.release)) for s in detail.signoffs] == [("qa", False)]
