"""Post-release reviews: one per released or rolled-back release, its actions, audit, undo and the seal."""

from __future__ import annotations

from datetime import date

import pytest

from relmgr_tui.domain import templates
from relmgr_tui.domain.errors import InvalidInput, StaleWrite
from relmgr_tui.domain.event_words import in_words
from relmgr_tui.service import Service
from tests.service.test_evidence_seal import released


def test_a_review_is_refused_for_a_release_still_on_the_board(service: Service) -> None:
    active = service.create_release("4.0.0", "Ledger")
    with pytest.raises(InvalidInput) as refused:
        service.create_review(active.id, "n/a")
    assert str(refused.value) == "4.0.0 is active: a post-release review is for a released or rolled-back release"
    assert service.review(active.id) is None


def test_a_release_is_reviewed_once_and_the_second_review_says_to_edit_the_first(service: Service) -> None:
    release_id = released(service)
    first = service.create_review(release_id, "Smooth deploy", "Late QA", "Stale test data")
    with pytest.raises(InvalidInput, match=r"3\.1\.0 already has a review: edit that one instead"):
        service.create_review(release_id, "Again")
    review = service.review(release_id)
    assert (review.id, review.went_well, review.went_badly, review.findings) == (
        first.id, "Smooth deploy", "Late QA", "Stale test data")
    assert [in_words(e) for e in service.activity(release_id)[:1]] == ["wrote the review"]


def test_actions_are_numbered_added_and_closed_with_their_time(service: Service, clock) -> None:
    review = service.create_review(released(service), "ok")
    service.add_review_action(review.id, "Load test the payment API", "ana", "2026-12-04", "testing",
                              "Load test the payment API")
    service.add_review_action(review.id, "Page the DBA earlier", "bo", date(2026, 11, 20))
    second = service.review(review.release_id).action(2)
    service.set_review_action_done(second.id, True)
    actions = service.review(review.release_id).actions
    today = clock().date()
    assert [(a.text, a.status(today)) for a in actions] == [
        ("Load test the payment API", "due 2026-12-04"), ("Page the DBA earlier", "done")]
    assert actions[1].done_at == clock()
    assert actions[0].proposal == "add item 'Load test the payment API' to Testing"
    assert [in_words(e) for e in service.activity(review.release_id)[:3]] == [
        "closed review action", "added review action", "added review action"]
    with pytest.raises(InvalidInput, match=r"the review has no action 3 \(actions: 1 to 2\)"):
        service.review(review.release_id).action(3)


def test_an_action_past_its_due_date_is_counted_until_it_is_closed(service: Service, clock) -> None:
    review = service.create_review(released(service))
    late = service.add_review_action(review.id, "Fix the runbook", "ana", "2026-11-25")
    service.add_review_action(review.id, "Due today", "bo", clock().date())
    assert service.review_actions_due_count(clock().date()) == 1
    service.set_review_action_done(late.id, True)
    assert service.review_actions_due_count(clock().date()) == 0


def test_an_edit_from_an_older_screen_is_refused(service: Service, colleague: Service) -> None:
    review = service.create_review(released(service), "ok")
    colleague.edit_review(review.id, review.row_version, findings="bob's finding")
    with pytest.raises(StaleWrite, match="changed in another terminal by bob"):
        service.edit_review(review.id, review.row_version, findings="mine")
    assert service.review(review.release_id).findings == "bob's finding"


def test_writing_a_review_leaves_the_sealed_evidence_unchanged(service: Service) -> None:
    release_id = released(service)
    review = service.create_review(release_id, "Smooth", "Late QA", "Stale data")
    action = service.add_review_action(review.id, "Refresh data", "ana", "2026-12-04")
    service.set_review_action_done(action.id, True)
    assert service.verify_evidence("3.1.0")[1] == []


def test_deleting_a_reviewed_release_and_undoing_it_puts_the_review_back(store, clock) -> None:
    tracked = Service(store, templates.builtin(), who="alice", clock=clock, remember=True)
    with tracked.unrecorded():
        release_id = released(tracked)
        review = tracked.create_review(release_id, "Smooth")
        tracked.add_review_action(review.id, "Refresh data", "ana", "2026-12-04")
    before = tracked.review(release_id)
    tracked.delete_release(release_id)
    tracked.undo()
    assert tracked.review(release_id) == before
