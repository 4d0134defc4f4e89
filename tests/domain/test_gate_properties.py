"""Property tests of the gate rules (hypothesis, derandomized so every run checks the same cases)."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from relmgr_tui.domain.gates import GateEvidence, evaluate
from relmgr_tui.domain.model import BOARD_STATES, Methodology, Outcome, Phase, ReleaseState
from relmgr_tui.domain.risk import RiskBand, band_of

DETERMINISTIC = settings(derandomize=True, database=None, deadline=None, max_examples=150)

texts = st.text(alphabet="abcdefghij klm", min_size=1, max_size=12)
scores = st.sampled_from(sorted({lk * im for lk in range(1, 6) for im in range(1, 6)}))

evidence_strategy = st.builds(
    GateEvidence,
    version=st.just("2.4.0"),
    phase=st.sampled_from(list(Phase)),
    methodology=st.sampled_from(list(Methodology)),
    state=st.sampled_from(list(BOARD_STATES)),  # a finished release has no gate: tests/domain/test_gates.py
    open_required_items=st.lists(texts, max_size=4).map(tuple),
    open_optional_items=st.integers(0, 3),
    rollback_steps=st.integers(0, 4),
    unrehearsed_steps=st.lists(texts, max_size=3).map(tuple),
    live_risks=st.lists(st.tuples(texts, scores), max_size=4).map(tuple),
    decision_outcome=st.none() | st.sampled_from(list(Outcome)),
    decision_stale=st.booleans(),
    decision_conditions=st.integers(0, 3),
)
bands = st.sampled_from(list(RiskBand))


def deploy_conditions_hold(e: GateEvidence, band: RiskBand) -> bool:
    return (
        e.rollback_steps > 0
        and not e.unrehearsed_steps
        and all(band_of(score) < band for _, score in e.live_risks)
        and e.decision_outcome in (Outcome.GO, Outcome.CONDITIONAL_GO)
        and not e.decision_stale
    )


@DETERMINISTIC
@given(evidence_strategy, bands)
def test_gate_is_open_exactly_when_nothing_required_is_missing(e: GateEvidence, band: RiskBand) -> None:
    expected = (
        e.state is ReleaseState.ACTIVE
        and not e.open_required_items
        and (e.phase is not Phase.PREPARING or deploy_conditions_hold(e, band))
    )
    assert evaluate(e, band).open is expected


@DETERMINISTIC
@given(evidence_strategy, bands)
def test_every_open_required_item_has_its_own_blocker(e: GateEvidence, band: RiskBand) -> None:
    blockers = evaluate(e, band).blockers
    assert len(blockers) >= len(e.open_required_items)
    for text in e.open_required_items:
        assert f"Required {e.phase.label} item not done: {text}" in blockers


# (change, whether it blocks in every phase; the others block the gate into Deploying only)
blocker_additions = st.sampled_from(
    [
        (lambda e: replace(e, open_required_items=(*e.open_required_items, "one more thing")), True),
        (lambda e: replace(e, state=ReleaseState.ON_HOLD), True),
        (lambda e: replace(e, rollback_steps=0), False),
        (lambda e: replace(e, rollback_steps=e.rollback_steps + 1,
                           unrehearsed_steps=(*e.unrehearsed_steps, "step")), False),
        (lambda e: replace(e, live_risks=(*e.live_risks, ("meteor", 25))), False),
        (lambda e: replace(e, decision_stale=True), False),
        (lambda e: replace(e, decision_outcome=Outcome.NO_GO), False),
        (lambda e: replace(e, decision_outcome=None), False),
    ]
)


@DETERMINISTIC
@given(evidence_strategy, bands, blocker_additions)
def test_adding_a_blocker_condition_never_opens_a_gate(e: GateEvidence, band: RiskBand, addition) -> None:
    add, everywhere = addition
    before = evaluate(e, band)
    after = evaluate(add(e), band)
    assert len(after.blockers) >= len(before.blockers)
    if not before.open:
        assert not after.open
    if everywhere or e.phase is Phase.PREPARING:
        assert not after.open


@DETERMINISTIC
@given(evidence_strategy, bands)
def test_methodology_changes_only_whether_the_gate_may_be_overridden(e: GateEvidence, band: RiskBand) -> None:
    waterfall = evaluate(replace(e, methodology=Methodology.WATERFALL), band)
    agile = evaluate(replace(e, methodology=Methodology.AGILE), band)
    assert waterfall.blockers == agile.blockers
    assert not waterfall.overridable
    # A NO-GO is a stop on every methodology: nothing overrides it but a new decision.
    assert agile.stopped is (e.phase is Phase.PREPARING and e.decision_outcome is Outcome.NO_GO)
    assert agile.overridable is (e.state is ReleaseState.ACTIVE and not agile.stopped)


@DETERMINISTIC
@given(st.integers(1, 25), st.integers(1, 25))
def test_band_of_is_monotonic(a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert band_of(low) <= band_of(high)


@DETERMINISTIC
@given(st.integers(1, 5), st.integers(1, 5), st.integers(1, 5), st.integers(1, 5))
def test_raising_likelihood_or_impact_never_lowers_the_band(lk: int, im: int, lk2: int, im2: int) -> None:
    assert band_of(max(lk, lk2) * max(im, im2)) >= band_of(lk * im)


READY = GateEvidence(
    version="2.4.0", phase=Phase.PREPARING, methodology=Methodology.WATERFALL, rollback_steps=2,
    decision_outcome=Outcome.GO,
)
BREAKERS = {
    "blocking risk": lambda e: replace(e, live_risks=(*e.live_risks, ("Outage", 25))),
    "no decision": lambda e: replace(e, decision_outcome=None),
    "no rollback plan": lambda e: replace(e, rollback_steps=0),
    "no-go": lambda e: replace(e, decision_outcome=Outcome.NO_GO),
    "on hold": lambda e: replace(e, state=ReleaseState.ON_HOLD),
    "required item": lambda e: replace(e, open_required_items=("Pass the final QA sign-off",)),
    "stale decision": lambda e: replace(e, decision_stale=True),
    "unrehearsed step": lambda e: replace(e, unrehearsed_steps=("Restore the snapshot",)),
}
DECISION_BREAKERS = {"no decision", "no-go", "stale decision"}
"""One sentence covers the decision, whichever way it is wrong."""


@DETERMINISTIC
@given(
    st.sets(st.sampled_from(sorted(BREAKERS))),
    st.sampled_from(list(Methodology)),
    st.sampled_from([Outcome.GO, Outcome.CONDITIONAL_GO]),
    st.lists(st.tuples(texts, st.sampled_from([1, 4, 6, 12, 15])), max_size=2).map(tuple),
)
def test_deploy_gate_opens_only_when_every_condition_holds(broken: set[str], methodology: Methodology,
                                                          outcome: Outcome, harmless_risks) -> None:
    """Start from a release ready to deploy (with risks below the blocking band), break any set of the
    conditions in domain/gates.py, and the gate must stay shut with at least one sentence for each."""
    evidence = replace(READY, methodology=methodology, decision_outcome=outcome, live_risks=harmless_risks)
    for name in sorted(broken):
        evidence = BREAKERS[name](evidence)
    report = evaluate(evidence)
    assert report.open is (not broken)
    expected = len(broken - DECISION_BREAKERS) + (1 if broken & DECISION_BREAKERS else 0)
    assert len(report.blockers) >= expected
