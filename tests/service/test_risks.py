"""The risk register: add, edit, close; scores and bands as the board shows them."""

from __future__ import annotations

import pytest

from relmgr_tui.domain.errors import InvalidInput, StaleWrite
from relmgr_tui.domain.model import RiskOutcome, RiskResponse, RiskStatus
from relmgr_tui.domain.risk import RiskBand
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store
from tests.service.support import assert_event, only_new_event


def test_add_risk_stores_every_field_and_logs_the_score(service: Service, clock) -> None:
    release = service.create_release("2.4.0")
    risk = service.add_risk(
        release.id, " Payment provider outage ", "4", 5, description="If the PSP is down, checkout fails",
        category="external", owner="Ravi", response="transfer", mitigation="Second provider on standby",
        contingency="Switch provider",
    )
    assert (risk.title, risk.likelihood, risk.impact, risk.score) == ("Payment provider outage", 4, 5, 20)
    assert (risk.category, risk.owner, risk.response, risk.status) == (
        "external", "Ravi", RiskResponse.TRANSFER, RiskStatus.OPEN
    )
    assert risk.last_reviewed == clock.now
    assert service.detail(release.id).risks == (risk,)
    assert_event(only_new_event(service, release.id, 1), clock.now, action="risk.add", version="2.4.0",
                 new="Payment provider outage (L4 x I5)")


@pytest.mark.parametrize(
    ("likelihood", "impact", "field", "message"),
    [
        (0, 3, "likelihood", "likelihood must be from 1 to 5, not 0"),
        (6, 3, "likelihood", "likelihood must be from 1 to 5, not 6"),
        ("x", 3, "likelihood", "likelihood must be a whole number from 1 to 5, not 'x'"),
        (3, 9, "impact", "impact must be from 1 to 5, not 9"),
    ],
)
def test_ratings_outside_one_to_five_are_refused(service: Service, store: Store, db_contents, likelihood,
                                                 impact, field: str, message: str) -> None:
    release = service.create_release("2.4.0")
    before = db_contents(store)
    with pytest.raises(InvalidInput) as caught:
        service.add_risk(release.id, "Outage", likelihood, impact)
    assert str(caught.value) == message
    assert caught.value.field == field
    assert db_contents(store) == before


@pytest.mark.parametrize(
    ("title", "extra", "message"),
    [
        ("  ", {}, "the risk title is required"),
        ("Outage", {"response": "ignore"}, "response 'ignore' is not one of: avoid, reduce, transfer, accept"),
    ],
)
def test_other_invalid_risks_are_refused(service: Service, store: Store, db_contents, title: str, extra: dict,
                                         message: str) -> None:
    release = service.create_release("2.4.0")
    before = db_contents(store)
    with pytest.raises(InvalidInput, match=message):
        service.add_risk(release.id, title, 2, 2, **extra)
    assert db_contents(store) == before


def test_edit_risk_logs_old_and_new_and_marks_it_reviewed(service: Service, clock) -> None:
    release = service.create_release("2.4.0")
    risk = service.add_risk(release.id, "Outage", 2, 3)
    clock.advance(days=2)
    edited = service.edit_risk(risk.id, risk.row_version, likelihood=4, status="mitigating",
                               mitigation="Load test")
    assert (edited.likelihood, edited.status, edited.mitigation, edited.score) == (
        4, RiskStatus.MITIGATING, "Load test", 12
    )
    assert edited.last_reviewed == clock.now
    assert_event(only_new_event(service, release.id, 2), clock.now, action="risk.edit", version="2.4.0",
                 old="likelihood: 2; status: open; mitigation: ", new="likelihood: 4; status: mitigating;"
                 " mitigation: Load test")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"impact": 0}, "impact must be from 1 to 5, not 0"),
        ({"status": "gone"}, "status 'gone' is not one of: open, mitigating, closed, occurred"),
        ({"score": 25}, "cannot edit score of a risk"),
    ],
)
def test_invalid_risk_edit_is_refused(service: Service, store: Store, db_contents, changes: dict,
                                      message: str) -> None:
    release = service.create_release("2.4.0")
    risk = service.add_risk(release.id, "Outage", 2, 3)
    before = db_contents(store)
    with pytest.raises(InvalidInput, match=message):
        service.edit_risk(risk.id, risk.row_version, **changes)
    assert db_contents(store) == before


def test_edit_of_a_risk_changed_elsewhere_is_stale(service: Service, store: Store, db_contents) -> None:
    release = service.create_release("2.4.0")
    risk = service.add_risk(release.id, "Outage", 2, 3)
    service.edit_risk(risk.id, risk.row_version, impact=5)
    before = db_contents(store)
    with pytest.raises(StaleWrite, match="risk was changed in another terminal by alice"):
        service.edit_risk(risk.id, risk.row_version, impact=1)
    assert db_contents(store) == before


@pytest.mark.parametrize(
    ("outcome", "status"),
    [
        ("mitigated", RiskStatus.CLOSED),
        ("did not occur", RiskStatus.CLOSED),
        ("occurred", RiskStatus.OCCURRED),
    ],
)
def test_close_risk_records_how_it_ended(service: Service, clock, outcome: str, status: RiskStatus) -> None:
    release = service.create_release("2.4.0")
    risk = service.add_risk(release.id, "Outage", 4, 4)
    closed = service.close_risk(risk.id, outcome, risk.row_version, note=" PSP confirmed ")
    value = outcome.replace(" ", "_")
    assert (closed.status, closed.outcome) == (status, RiskOutcome(value))
    assert_event(only_new_event(service, release.id, 2), clock.now, action="risk.close", version="2.4.0",
                 old="open", new=f"{status.value} ({value}): Outage", reason="PSP confirmed")


def test_close_risk_with_an_unknown_outcome_is_refused(service: Service, store: Store, db_contents) -> None:
    release = service.create_release("2.4.0")
    risk = service.add_risk(release.id, "Outage", 4, 4)
    before = db_contents(store)
    with pytest.raises(InvalidInput, match="outcome 'forgotten' is not one of: mitigated, did_not_occur, occurred"):
        service.close_risk(risk.id, "forgotten")
    assert db_contents(store) == before


def test_card_shows_the_highest_live_band(service: Service) -> None:
    release = service.create_release("2.4.0")
    assert service.board()[0].highest_band is None
    service.add_risk(release.id, "Slow page", 2, 3)
    critical = service.add_risk(release.id, "Outage", 4, 4)
    assert service.board()[0].highest_band is RiskBand.CRITICAL
    service.close_risk(critical.id, "mitigated")
    assert service.board()[0].highest_band is RiskBand.MEDIUM
