"""Releases: create (with the checklists of their kind), edit, hold/resume/cancel, delete, list, archive."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from relmgr_tui.domain import templates
from relmgr_tui.domain.errors import InvalidInput, NotFound, StaleWrite
from relmgr_tui.domain.model import (
    PHASES,
    Methodology,
    Outcome,
    Phase,
    ReleaseKind,
    ReleaseState,
)
from relmgr_tui.service import Service
from relmgr_tui.store.migrations import HEAD
from relmgr_tui.store.repo import Store
from relmgr_tui.store.tables import (
    ChecklistItemRow,
    DecisionAttendeeRow,
    DecisionConditionRow,
    DecisionRow,
    EventRow,
    RiskRow,
    RollbackStepRow,
)
from tests.service.support import TEAM, assert_event, only_new_event

# -- create --------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(ReleaseKind))
def test_new_release_gets_the_template_checklists_of_its_kind(service: Service, kind: ReleaseKind) -> None:
    release = service.create_release("3.0.0", "Big one", kind=kind.value)
    detail = service.detail(release.id)
    expected = templates.builtin().for_kind(kind)
    for phase in PHASES:
        items = detail.items_in(phase)
        assert [(i.position, i.text, i.required, i.rule) for i in items] == [
            (n, t.text, t.required, t.rule) for n, t in enumerate(expected[phase], start=1)
        ]
        # Only the items a rule ticks are done: no risk blocks yet.
        assert [i.rule for i in items if i.done] == [i.rule for i in items if i.rule == "risks_resolved"]
    assert detail.release.kind is kind


def test_emergency_release_gets_the_short_expedited_list(service: Service) -> None:
    emergency = service.create_release("2.4.1-hotfix", "Fix checkout", kind="emergency")
    minor = service.create_release("2.5.0", "Regular", kind="minor")
    emergency_items = service.detail(emergency.id).items
    minor_items = service.detail(minor.id).items
    assert 0 < len(emergency_items) < len(minor_items)
    assert "Get emergency change approval" in [i.text for i in emergency_items]


def test_create_records_the_release_and_its_audit_event(service: Service, clock) -> None:
    release = service.create_release(
        " 2.4.0 ", "Checkout redesign", kind="major", owner="Dana", target_date="2026-12-15", summary="New flow"
    )
    assert (release.version, release.title, release.kind, release.owner) == (
        "2.4.0", "Checkout redesign", ReleaseKind.MAJOR, "Dana"
    )
    assert release.phase is Phase.PLANNING
    assert release.state is ReleaseState.ACTIVE
    assert release.methodology is Methodology.WATERFALL
    assert release.target_date == date(2026, 12, 15)
    assert release.created_at == release.updated_at == clock.now
    stored = service.release("2.4.0")
    assert stored == release
    event = only_new_event(service, release.id, 0)
    assert_event(event, clock.now, action="release.create", version="2.4.0", new="major waterfall")


def test_default_methodology_comes_from_the_settings(store: Store, clock) -> None:
    agile_team = Service(store, templates.builtin(), who="bob", clock=clock, default_methodology=Methodology.AGILE)
    assert agile_team.create_release("1.0").methodology is Methodology.AGILE
    assert agile_team.create_release("1.1", methodology="waterfall").methodology is Methodology.WATERFALL
    assert agile_team.activity(agile_team.release("1.0").id)[0].who == "bob"


def test_user_templates_fill_new_releases(store: Store, clock, tmp_path) -> None:
    user = tmp_path / "templates.toml"
    user.write_text('[standard]\nplanning = ["Talk to the CAB", { text = "Order cake", required = false }]\n')
    service = Service(store, templates.load(user), who="alice", clock=clock)
    detail = service.detail(service.create_release("9.0").id)
    assert [(i.text, i.required) for i in detail.items_in(Phase.PLANNING)] == [
        ("Talk to the CAB", True), ("Order cake", False)
    ]
    assert len(detail.items_in(Phase.BUILDING)) == len(templates.builtin().for_kind(ReleaseKind.MINOR)[Phase.BUILDING])


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"version": "2.4 beta"}, "version '2.4 beta' may use letters, digits and . _ + - only"),
        ({"version": ""}, "the version is required"),
        ({"version": "2.4.0"}, "version '2.4.0' is taken by 2.4.0 (Planning): choose another"),
        ({"version": "V2.4.0"}, "version 'V2.4.0' is taken by v2.4.0 (Planning): choose another"),
        ({"version": "3.0", "target_date": "20261215"}, "target date '20261215' is not a date: use YYYY-MM-DD"),
        ({"version": "3.0", "target_date": "2026-W01-1"}, "target date '2026-W01-1' is not a date: use YYYY-MM-DD"),
        ({"version": "3.0", "owner": "x" * 101}, "the release owner is 101 characters long; at most 100 fit"),
        ({"version": "3.0", "kind": "huge"}, "kind 'huge' is not one of: major, minor, patch, emergency"),
        ({"version": "3.0", "methodology": "scrum"}, "methodology 'scrum' is not one of: waterfall, agile"),
        ({"version": "3.0", "target_date": "15/12/2026"}, "target date '15/12/2026' is not a date: use YYYY-MM-DD"),
        ({"version": "3.0", "title": "x" * 201}, "the title is 201 characters long; at most 200 fit"),
    ],
)
def test_invalid_new_release_is_refused_and_writes_nothing(service: Service, store: Store, db_contents,
                                                           changes: dict, message: str) -> None:
    service.create_release("2.4.0")
    service.create_release("v2.4.0")
    before = db_contents(store)
    with pytest.raises(InvalidInput) as caught:
        service.create_release(**changes)
    assert message in str(caught.value)
    assert db_contents(store) == before


# -- edit ----------------------------------------------------------------------------------------


def test_edit_changes_the_fields_and_logs_old_and_new(service: Service, clock) -> None:
    release = service.create_release("2.4.0", "Checkout", owner="Dana")
    clock.advance(hours=2)
    edited = service.edit_release(release.id, release.row_version, title="Checkout v2", owner="Dana",
                                  target_date="2027-01-31", kind="major")
    assert (edited.title, edited.owner, edited.target_date, edited.kind) == (
        "Checkout v2", "Dana", date(2027, 1, 31), ReleaseKind.MAJOR
    )
    assert edited.row_version == release.row_version + 1
    assert edited.updated_at == clock.now != release.created_at
    assert service.release("2.4.0") == edited
    event = only_new_event(service, release.id, 1)
    assert_event(event, clock.now, action="release.edit", version="2.4.0",
                 old="title: Checkout; target_date: ; kind: minor",
                 new="title: Checkout v2; target_date: 2027-01-31; kind: major")


def test_edit_that_changes_nothing_writes_no_event(service: Service) -> None:
    release = service.create_release("2.4.0", "Checkout")
    same = service.edit_release(release.id, release.row_version, title=" Checkout ")
    assert same.row_version == release.row_version
    assert len(service.activity(release.id)) == 1


def test_renaming_the_version_is_logged_under_the_new_version(service: Service, clock) -> None:
    release = service.create_release("2.4.0")
    service.edit_release(release.id, release.row_version, version="2.4.1")
    assert service.release("2.4.1").id == release.id
    with pytest.raises(NotFound, match="No release '2.4.0'"):
        service.release("2.4.0")
    assert_event(service.activity(release.id)[0], clock.now, action="release.edit", version="2.4.1",
                 old="version: 2.4.0", new="version: 2.4.1")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"version": "2.5.0"}, "version '2.5.0' is taken by 2.5.0 \\(Planning\\): choose another"),
        ({"version": "RC-2.5.0"}, "version 'RC-2.5.0' is taken by rc-2.5.0 \\(Planning\\): choose another"),
        ({"target_date": "2026-W01-1"}, "target date '2026-W01-1' is not a date"),
        ({"owner": "x" * 101}, "the release owner is 101 characters long; at most 100 fit"),
        ({"phase": "deploying"}, "cannot edit phase of a release"),
        ({"target_date": "soon"}, "target date 'soon' is not a date"),
        ({"version": "bad version"}, "may use letters, digits"),
    ],
)
def test_invalid_edit_is_refused_and_writes_nothing(service: Service, store: Store, db_contents, changes: dict,
                                                    message: str) -> None:
    release = service.create_release("2.4.0")
    service.create_release("2.5.0")
    service.create_release("rc-2.5.0")
    before = db_contents(store)
    with pytest.raises(InvalidInput, match=message):
        service.edit_release(release.id, release.row_version, **changes)
    assert db_contents(store) == before


def test_edit_of_a_release_changed_elsewhere_is_stale(service: Service, store: Store, db_contents) -> None:
    release = service.create_release("2.4.0", "Checkout")
    service.transition(release.id, "hold", "waiting for legal")
    before = db_contents(store)
    with pytest.raises(StaleWrite, match="changed in another terminal by alice"):
        service.edit_release(release.id, release.row_version, title="Mine")
    assert db_contents(store) == before


# -- state ---------------------------------------------------------------------------------------


def test_hold_and_resume_are_logged_with_the_reason(service: Service, clock) -> None:
    release = service.create_release("2.4.0")
    held = service.transition(release.id, "hold", " waiting for legal ", until="2026-12-10")
    assert (held.state, held.state_reason, held.hold_until) == (ReleaseState.ON_HOLD, "waiting for legal",
                                                                 date(2026, 12, 10))
    assert held.state_changed_at == clock.now
    assert_event(only_new_event(service, release.id, 1), clock.now, action="release.hold", version="2.4.0",
                 old="planning active", new="planning on_hold", reason="waiting for legal")
    assert [c.release.version for c in service.board()] == ["2.4.0"], "a release on hold stays on the board"
    resumed = service.transition(release.id, "resume")
    assert (resumed.state, resumed.state_reason, resumed.hold_until) == (ReleaseState.ACTIVE, "", None)
    assert_event(only_new_event(service, release.id, 2), clock.now, action="release.resume", version="2.4.0",
                 old="planning on_hold", new="planning active")


@pytest.mark.parametrize(("state_to", "transition", "message"), [
    (None, "resume", "cannot resume 2.4.0, which is active: only a release on hold can be resumed;"
                     " allowed from here: hold, cancel"),
    (None, "rolled-back", "cannot mark 2.4.0 rolled back, which is active: only a release in Deploying, or released"
                          " recently, can be marked rolled back; allowed from here: hold, cancel"),
    (None, "reopen", "only a cancelled or rolled-back release can be reopened; allowed from here: hold, cancel"),
    ("hold", "hold", "only an active release can be put on hold; allowed from here: resume, cancel"),
    ("cancel", "cancel", "only a release on the board can be cancelled; allowed from here: reopen"),
    (None, "hold", "a reason is needed to hold 2.4.0: say why (--reason TEXT)"),
    (None, "paused", "transition 'paused' is not one of: hold, resume, cancel, rolled_back, reopen"),
])
def test_a_transition_the_state_does_not_allow_is_refused_and_says_what_is(
        service: Service, store: Store, db_contents, state_to, transition, message) -> None:
    release = service.create_release("2.4.0")
    if state_to:
        service.transition(release.id, state_to, "legal")
    before = db_contents(store)
    with pytest.raises(InvalidInput, match=re.escape(message)):
        service.transition(release.id, transition, "" if transition == "hold" and not state_to else "why")
    assert db_contents(store) == before


def test_cancelled_release_leaves_the_board_for_the_archive_and_reopens_where_it_was(
        service: Service, clock) -> None:
    first = service.create_release("2.4.0")
    second = service.create_release("2.5.0")
    service.create_release("2.6.0")
    service.transition(first.id, "cancel", "scope moved to 2.5")
    clock.advance(minutes=5)
    cancelled = service.transition(second.id, "cancel", "superseded")
    assert (cancelled.closed_at, cancelled.state_reason) == (clock.now, "superseded")
    assert [c.release.version for c in service.board()] == ["2.6.0"]
    assert [r.version for r in service.archive()] == ["2.5.0", "2.4.0"], "newest change first"
    assert [r.version for r in service.releases()] == ["2.6.0"]
    assert [r.version for r in service.releases(include_archived=True)] == ["2.4.0", "2.5.0", "2.6.0"]
    reopened = service.transition(first.id, "reopen")
    assert (reopened.state, reopened.phase, reopened.closed_at) == (ReleaseState.ACTIVE, Phase.PLANNING, None)


# -- delete --------------------------------------------------------------------------------------


def test_delete_removes_the_release_and_its_children_but_keeps_the_history(service: Service, store: Store,
                                                                           clock) -> None:
    doomed = service.create_release("2.4.0", "Checkout")
    kept = service.create_release("2.5.0", "Search")
    for release in (doomed, kept):
        service.add_risk(release.id, "Payment outage", 3, 5)
        service.add_step(release.id, "Roll back")
        service.record_decision(release.id, Outcome.CONDITIONAL_GO, TEAM, "Mostly fine",
                                conditions=[_condition()])
    events_before = len(service.activity(doomed.id))
    service.delete_release(doomed.id, doomed.row_version)

    with pytest.raises(NotFound):
        service.release("2.4.0")
    with store.read() as repo:
        session = repo.session

        def count(model, **where):
            query = select(func.count()).select_from(model)
            for name, value in where.items():
                query = query.where(getattr(model, name) == value)
            return session.execute(query).scalar_one()

        for model in (ChecklistItemRow, RiskRow, RollbackStepRow, DecisionRow):
            assert count(model, release_id=doomed.id) == 0, model.__name__
            assert count(model, release_id=kept.id) > 0, model.__name__
        assert count(DecisionAttendeeRow) == len(TEAM), "only the kept release's attendees remain"
        assert count(DecisionConditionRow) == 1
        assert count(EventRow, release_id=doomed.id) == events_before + 1
    history = service.activity(doomed.id)
    assert_event(history[0], clock.now, action="release.delete", version="2.4.0", old="2.4.0 Checkout")
    assert history[-1].action == "release.create"
    assert service.detail(kept.id).risks


def test_delete_of_a_release_gone_already_says_so(service: Service) -> None:
    release = service.create_release("2.4.0")
    service.delete_release(release.id)
    with pytest.raises(NotFound, match="no longer exists"):
        service.delete_release(release.id)


# -- reads ---------------------------------------------------------------------------------------


def test_releases_by_phase_and_info_counts(quick: Service) -> None:
    from tests.service.support import walk_to

    a = quick.create_release("1.0", target_date="2026-12-01")
    quick.create_release("1.1", target_date="2026-11-30")
    quick.create_release("1.2")
    walk_to(quick, a, Phase.TESTING)
    assert [r.version for r in quick.releases(Phase.PLANNING)] == ["1.1", "1.2"], "by target date, undated last"
    assert [r.version for r in quick.releases(Phase.TESTING)] == ["1.0"]
    info = quick.info()
    assert info["schema_revision"] == HEAD
    assert info["counts"]["releases"] == 3
    assert info["counts"]["releases_active"] == 3
    assert info["counts"]["checklist_items"] == 3 * 10


def _condition():
    from relmgr_tui.domain.model import Condition

    return Condition("Monitor error rates for an hour", "Ravi", date(2026, 12, 1))


def test_detail_by_version_is_the_same_release(service: Service) -> None:
    release = service.create_release("2.4.0", "Checkout")
    service.add_risk(release.id, "Outage", 2, 2)
    assert service.detail_by_version("2.4.0") == service.detail(release.id)
    with pytest.raises(NotFound, match="No release '2.5.0'"):
        service.detail_by_version("2.5.0")
    with pytest.raises(NotFound, match="That release no longer exists"):
        service.detail(release.id + 1000)


def test_audit_who_defaults_to_the_os_user_or_the_database_role(store: Store, clock) -> None:
    import getpass

    service = Service(store, templates.builtin(), clock=clock)
    expected = getpass.getuser() if store.is_sqlite else store.engine.url.username
    release = service.create_release("2.4.0")
    assert service.activity(release.id)[0].who == expected
