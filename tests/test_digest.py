"""`relmgr digest` on a fixed clock: what the morning summary holds, from a history built through the service."""

from __future__ import annotations

import json
from datetime import date

from relmgr_tui import digest
from relmgr_tui.domain.model import Attendee, Condition, Methodology, Outcome, Vote
from relmgr_tui.service import Service
from tests.cli.test_commands import ok_process as ok

TODAY = date(2026, 11, 26)  # the fixed clock's Thursday; the week ends on Sunday the 29th
TEAM = [Attendee("Ana", "QA", Vote.GO)]


def to_preparing(service: Service, version: str, **options) -> int:
    """An agile release taken to Preparing, its gates overridden with a reason."""
    release = service.create_release(version, methodology=Methodology.AGILE, owner="ana", **options)
    for _ in range(3):
        service.advance(release.id, reason="moving on for the test")
    return release.id


def history(service: Service) -> None:
    service.create_release("2.4.0", title="Late one", target_date="2026-11-20")
    service.create_release("2.5.0", title="Due <soon>", target_date="2026-11-29")
    service.create_release("2.6.0", title="Next month", target_date="2026-12-10")
    to_preparing(service, "3.0.0")  # no decision at all
    stale = to_preparing(service, "3.1.0")
    service.record_decision(stale, Outcome.NO_GO, TEAM, "Not yet")
    service.set_done(service.detail(stale).items[0].id, True)  # the evidence changed since
    conditional = to_preparing(service, "3.2.0")
    service.record_decision(conditional, Outcome.CONDITIONAL_GO, TEAM, "Go if", override_reason="accepted", conditions=[
        Condition("Load test sign-off", "ana", date(2026, 11, 25)),
        Condition("Status page ready", "bob", date(2026, 11, 30)),
    ])


def test_the_digest_lists_due_dates_closed_gates_decisions_and_conditions(service: Service) -> None:
    history(service)
    report = digest.build(service, TODAY)
    data = digest.to_data(report)
    assert data["week_end"] == "2026-11-29"
    assert [(d["version"], d["days"]) for d in data["due"]] == [("2.4.0", -6), ("2.5.0", 3)]
    assert [(g["version"], g["problem"]) for g in data["decisions"]] == [("3.0.0", "missing"), ("3.1.0", "stale")]
    assert [(c["version"], c["text"], c["overdue"]) for c in data["conditions"]] == [
        ("3.2.0", "Load test sign-off", True), ("3.2.0", "Status page ready", False)]
    closed = {g["version"]: g["blockers"] for g in data["closed_gates"]}
    assert "No go/no-go decision recorded: hold the go/no-go review (g, or relmgr decide)." in closed["3.0.0"]
    assert "2.6.0" in closed and closed["2.6.0"][0].startswith("Required Planning item not done: ")
    # The same judgement as the card on the board, not a second one.
    assert {c.release.version: c.gate.blockers for c in service.board() if c.gate.blockers} == \
        {version: tuple(blockers) for version, blockers in closed.items()}


def test_the_markdown_reads_as_a_morning_mail(service: Service) -> None:
    history(service)
    text = digest.render("md", digest.build(service, TODAY))
    assert text.startswith("# relmgr digest, Thursday 26 November 2026\n\n## Due or overdue by Sunday 29 November\n\n"
                           "- 2.4.0 Late one: 2026-11-20 (6d overdue), Planning, owner -\n"
                           "- 2.5.0 Due &lt;soon&gt;: 2026-11-29 (in 3d), Planning, owner -\n")
    assert ("## Go/no-go decisions missing or stale\n\n- 3.0.0 (Preparing): no decision recorded\n"
            "- 3.1.0 (Preparing): stale: the evidence changed since\n") in text
    assert ("## Conditions of a conditional GO\n\n- 3.2.0: Load test sign-off (ana, by 2026-11-25) **overdue**\n"
            "- 3.2.0: Status page ready (bob, by 2026-11-30)\n") in text


def test_an_empty_board_says_none_in_every_section(service: Service) -> None:
    text = digest.render("md", digest.build(service, TODAY))
    assert text.count("None.") == 5


def test_the_command_prints_json(db_path, service: Service) -> None:
    history(service)
    data = json.loads(ok("--db", str(db_path), "digest", "--format", "json"))
    assert {g["version"] for g in data["decisions"]} == {"3.0.0", "3.1.0"}


def reviewed(service: Service) -> None:
    """A released release whose review has actions overdue, due this week, due next week, and closed."""
    from tests.service.test_every_write_undoable import release_it

    review = service.create_review(release_it(service, "1.8.0"), "Calm")
    for text, owner, due in (("Fix the runbook", "ana", "2026-11-20"), ("Rotate keys", "bo", "2026-11-29"),
                             ("Next week's", "cy", "2026-11-30"), ("Closed one", "dee", "2026-11-10")):
        action = service.add_review_action(review.id, text, owner, due)
    service.set_review_action_done(action.id, True)


def test_review_actions_due_by_the_end_of_the_week_or_overdue(service: Service) -> None:
    reviewed(service)
    report = digest.build(service, TODAY)
    assert digest.to_data(report)["review_actions"] == [
        {"version": "1.8.0", "text": "Fix the runbook", "owner": "ana", "due": "2026-11-20", "overdue": True},
        {"version": "1.8.0", "text": "Rotate keys", "owner": "bo", "due": "2026-11-29", "overdue": False}]
    assert ("## Review actions due by Sunday 29 November\n\n"
            "- 1.8.0: Fix the runbook (ana, due 2026-11-20) **overdue**\n"
            "- 1.8.0: Rotate keys (bo, due 2026-11-29)\n") in digest.render("md", report)
