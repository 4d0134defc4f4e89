"""Strict input in every use case: one limit for every person, owner and name field; versions unique without
regard to case, and found in any case when only one matches."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pytest

from relmgr_tui.domain.errors import InvalidInput, NotFound
from relmgr_tui.domain.model import Attendee, Condition, Phase, Vote
from relmgr_tui.domain.validation import MAX_NAME
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store
from tests.service.support import TEAM, walk_to

LONG = "x" * (MAX_NAME + 1)

NAME_FIELDS: list = [
    pytest.param(lambda s, r: partial(s.create_release, "9.9", owner=LONG), "release owner", "owner",
                 id="new release owner"),
    pytest.param(lambda s, r: partial(s.edit_release, r.id, r.row_version, owner=LONG), "release owner", "owner",
                 id="edited release owner"),
    pytest.param(lambda s, r: partial(s.add_item, r.id, "planning", "Sign off", owner=LONG), "item owner", "owner",
                 id="new item owner"),
    pytest.param(lambda s, r: partial(s.edit_item, s.detail(r.id).items[0].id, None, owner=LONG), "item owner",
                 "owner", id="edited item owner"),
    pytest.param(lambda s, r: partial(s.add_risk, r.id, "Outage", 2, 3, owner=LONG), "risk owner", "owner",
                 id="new risk owner"),
    pytest.param(lambda s, r: partial(s.add_risk, r.id, "Outage", 2, 3, category=LONG), "risk category",
                 "category", id="new risk category"),
    pytest.param(lambda s, r: partial(s.edit_risk, s.add_risk(r.id, "Outage", 2, 3).id, None, owner=LONG),
                 "risk owner", "owner", id="edited risk owner"),
    pytest.param(lambda s, r: partial(s.add_step, r.id, "Switch back", owner=LONG), "step owner", "owner",
                 id="new step owner"),
    pytest.param(lambda s, r: partial(s.edit_step, s.add_step(r.id, "Switch back").id, None, owner=LONG),
                 "step owner", "owner", id="edited step owner"),
    pytest.param(lambda s, r: partial(s.record_decision, r.id, "no_go", [Attendee(LONG, "QA", Vote.GO)], "No"),
                 "attendee name", "attendees", id="attendee name"),
    pytest.param(lambda s, r: partial(s.record_decision, r.id, "no_go", [Attendee("Dana", LONG, Vote.GO)], "No"),
                 "attendee function", "attendees", id="attendee function"),
    pytest.param(lambda s, r: partial(s.record_decision, r.id, "conditional_go", TEAM, "Watch it",
                                      [Condition("Watch errors", LONG)], override_reason="accepted"),
                 "condition owner", "conditions", id="condition owner"),
]
"""Each: (service, release) -> the call that sets one name field too long."""


@pytest.mark.parametrize(("use_case", "label", "field"), NAME_FIELDS)
def test_every_name_field_has_the_same_limit_and_message(service: Service, store: Store, db_contents,
                                                         use_case: Callable, label: str, field: str) -> None:
    attempt = use_case(service, service.create_release("2.4.0"))
    before = db_contents(store)
    with pytest.raises(InvalidInput) as caught:
        attempt()
    assert str(caught.value) == f"the {label} is {MAX_NAME + 1} characters long; at most {MAX_NAME} fit"
    assert caught.value.field == field, "the form shows the message beside this field"
    assert db_contents(store) == before


def test_a_name_of_the_limit_fits_everywhere(service: Service) -> None:
    name = "y" * MAX_NAME
    release = service.create_release("2.4.0", owner=name)
    risk = service.add_risk(release.id, "Outage", 2, 3, owner=name, category=name)
    step = service.add_step(release.id, "Switch back", owner=name)
    assert (release.owner, risk.owner, risk.category, step.owner) == (name, name, name, name)


def test_decision_names_are_trimmed_like_every_other_field(quick: Service) -> None:
    release = walk_to(quick, quick.create_release("2.4.0"), Phase.BUILDING)
    decision = quick.record_decision(release.id, "no_go", [Attendee("  Dana ", " QA  ", Vote.NO_GO)], "Not yet")
    assert decision.attendees == (Attendee("Dana", "QA", Vote.NO_GO),)


# -- versions and case ------------------------------------------------------------------------------


def test_a_version_differing_only_in_case_is_refused_on_rename(service: Service) -> None:
    service.create_release("v3.0")
    other = service.create_release("v3.1")
    with pytest.raises(InvalidInput) as caught:
        service.edit_release(other.id, other.row_version, version="V3.0")
    assert str(caught.value) == "version 'V3.0' is taken by v3.0 (Planning): choose another"
    assert caught.value.field == "version"


def test_a_release_may_change_the_case_of_its_own_version(service: Service) -> None:
    release = service.create_release("v3.0")
    renamed = service.edit_release(release.id, release.row_version, version="V3.0")
    assert renamed.version == "V3.0"


def test_the_message_names_the_phase_the_holder_is_in(quick: Service) -> None:
    walk_to(quick, quick.create_release("v3.0"), Phase.TESTING)
    with pytest.raises(InvalidInput, match=r"^version 'V3.0' is taken by v3.0 \(Testing\): choose another$"):
        quick.create_release("V3.0")


def test_a_version_typed_in_another_case_finds_the_one_release(service: Service) -> None:
    release = service.create_release("v3.0-RC")
    assert service.release("V3.0-rc").id == release.id
    assert service.detail_by_version("V3.0-RC").release.id == release.id


def add_raw_release(store: Store, version: str) -> None:
    """A release written past the service's check, as an older relmgr (case-sensitive) could have."""
    from sqlalchemy import text

    with store.write() as repo:
        repo.session.execute(text(
            "INSERT INTO release (version, title, kind, methodology, phase, state, owner, summary, created_at,"
            " updated_at, evidence_revision, row_version) VALUES (:v, '', 'minor', 'waterfall', 'planning',"
            " 'active', '', '', '2026-11-26 09:30:00', '2026-11-26 09:30:00', 0, 1)"), {"v": version})


def test_an_older_database_holding_both_cases_is_read_exactly(service: Service, store: Store) -> None:
    first = service.create_release("v3.0")
    add_raw_release(store, "V3.0")
    assert service.release("v3.0").id == first.id
    assert service.release("V3.0").id != first.id
    with pytest.raises(NotFound):
        service.release("v3.1")


def test_an_older_database_holding_both_cases_asks_for_the_exact_spelling(service: Service, store: Store) -> None:
    service.create_release("rc1")
    add_raw_release(store, "RC1")
    with pytest.raises(InvalidInput) as caught:
        service.release("Rc1")
    assert str(caught.value) == "'Rc1' could be RC1 and rc1: type the version exactly as listed"
    release = service.release("RC1")
    edited = service.edit_release(release.id, release.row_version, title="still editable")
    assert edited.title == "still editable", "a release of such a pair can still be edited"
