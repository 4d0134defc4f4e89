"""Minutes of the last go/no-go decision: Markdown and JSON that match what was recorded."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from relmgr_tui import minutes
from relmgr_tui.domain.errors import NotFound
from relmgr_tui.domain.model import Attendee, Condition, Event, Phase, Vote
from tests.ui.gonogo_data import VERSION, seed_review


@pytest.fixture
def conditional_go(service, clock):
    """A meeting that starts at 09:30, ticks two items (one unticked again), and ends in a conditional GO."""
    release_id = seed_review(service, "agile")
    items = service.detail(release_id).items_in(Phase.PREPARING)
    clock.advance(hours=3)
    started = clock()
    clock.advance(minutes=5)
    service.set_done(items[2].id, True)
    clock.advance(minutes=1)
    service.set_done(items[3].id, True)
    service.set_done(items[3].id, False)
    clock.advance(minutes=20)
    decision = service.record_decision(
        release_id,
        "conditional_go",
        [Attendee("Ana", "release manager", Vote.GO), Attendee("Bo | QA lead", "QA", Vote.NO_GO),
         Attendee("Cy", "operations", Vote.ABSTAIN)],
        "Ship on Monday.\nQA signs off the ledger fix first.",
        [Condition("Ledger fix verified", "Bo", date(2026, 11, 30))],
        override_reason="Agreed in the meeting: blockers are tracked as conditions",
        review_started_at=started,
    )
    return release_id, started, decision, items


def test_markdown_minutes_match_the_decision(service, conditional_go):
    release_id, started, decision, items = conditional_go
    text = minutes.minutes_for(service, service.detail(release_id), "md")
    assert text.startswith(f"# Go/no-go minutes: {VERSION}: Spring payments overhaul\n")
    assert "- **Decision:** ✓ CONDITIONAL GO" in text
    assert "- **Gate:** Preparing -> Deploying" in text
    assert "- **Decided:** 2026-11-26 12:56 UTC, recorded by alice" in text
    assert "- **Review:** 12:30 UTC to 12:56 UTC, 26 min, driven by alice" in text
    assert "- **Status now:** current" in text
    assert "| Ana | release manager | ✓ GO |" in text
    assert "| Bo \\| QA lead | QA | ✗ NO-GO |" in text  # a pipe in a name cannot break the table
    assert "| Cy | operations | ~ abstain |" in text
    assert "Votes: 1 go, 1 no-go, 1 abstain." in text
    assert "| Ledger fix verified | Bo | 2026-11-30 | not met |" in text
    assert "Ship on Monday.\nQA signs off the ledger fix first." in text
    assert "Agreed in the meeting: blockers are tracked as conditions" in text
    for blocker in decision.gate_snapshot:
        assert f"- ✗ {blocker}" in text
    ticked = text.split("## Items ticked during the meeting (12:30 UTC to 12:56 UTC)")[1]
    assert f"- [x] {items[2].text} (alice, 12:35 UTC)" in ticked
    assert items[3].text not in ticked  # unticked again before the decision
    assert items[0].text not in ticked  # ticked before the meeting


def test_json_minutes_match_the_decision(service, conditional_go):
    release_id, started, decision, items = conditional_go
    data = json.loads(minutes.minutes_for(service, service.detail(release_id), "json"))
    assert data["release"] == {"version": VERSION, "title": "Spring payments overhaul", "phase": "preparing"}
    assert data["gate"] == {"closes": "preparing", "opens": "deploying"}
    assert data["outcome"] == "conditional_go"
    assert data["decided_at"] == "2026-11-26T12:56:00+00:00"
    assert data["review_started_at"] == "2026-11-26T12:30:00+00:00"
    assert data["review_ended_at"] == "2026-11-26T12:56:00+00:00"
    assert data["review_driver"] == "alice"
    assert (data["stale"], data["status"]) == (False, "current")
    assert data["attendees"][1] == {"name": "Bo | QA lead", "function": "QA", "vote": "no_go"}
    assert data["votes"] == {"go": 1, "no_go": 1, "abstain": 1}
    assert data["conditions"] == [{"text": "Ledger fix verified", "owner": "Bo", "deadline": "2026-11-30",
                                   "met_by": "", "met_at": None}]
    assert data["rationale"] == decision.rationale
    assert data["override_reason"] == decision.override_reason
    assert data["gate_at_decision"] == {"open": False, "blockers": list(decision.gate_snapshot)}
    assert data["ticked_during_meeting"] == [{"text": items[2].text, "who": "alice", "at": "2026-11-26T12:35:00+00:00",
                                             "evidence": ""}]


def test_a_decision_recorded_outside_a_review_invents_no_meeting(service, clock):
    """`relmgr decide` records no review: the minutes say so, and count no ticks, rather than guess a window."""
    release_id = seed_review(service, "agile")
    item = service.detail(release_id).items_in(Phase.PREPARING)[2]
    clock.advance(minutes=5)
    service.set_done(item.id, True)
    clock.advance(minutes=5)
    service.record_decision(release_id, "go", [Attendee("Ana", "release manager", Vote.GO)], "Ship it.",
                            override_reason="Blockers are known and tracked")
    text = minutes.run_minutes_command(service, VERSION, "md")
    assert "- **Review:** recorded outside a review (no meeting times)" in text
    assert "None counted: the decision was recorded outside a review." in text
    assert item.text not in text
    data = json.loads(minutes.run_minutes_command(service, VERSION, "json"))
    assert (data["review_started_at"], data["ticked_during_meeting"]) == (None, [])


def test_a_condition_met_after_the_meeting_shows_who_and_when(service, conditional_go, clock):
    release_id, *_ = conditional_go
    clock.advance(hours=2)
    service.set_condition_met(release_id, 1, True)
    text = minutes.minutes_for(service, service.detail(release_id), "md")
    assert "| Ledger fix verified | Bo | 2026-11-30 | met by alice, 2026-11-26 14:56 UTC |" in text
    assert "- **Status now:** current" in text  # meeting a condition is what the decision asked for


def test_accepted_risks_are_listed_apart(service, conditional_go):
    release_id, *_ = conditional_go
    risk = next(r for r in service.detail(release_id).risks if r.score == 20)
    service.accept_risk(risk.id, "Ana", "the fallback login page covers it")
    text = minutes.minutes_for(service, service.detail(release_id), "md")
    assert ("## Accepted risks (they do not block)\n\n- Identity provider outage (score 20), accepted by Ana:"
            " the fallback login page covers it") in text
    data = json.loads(minutes.minutes_for(service, service.detail(release_id), "json"))
    assert data["accepted_risks"] == [{"title": "Identity provider outage", "score": 20, "accepted_by": "Ana",
                                       "reason": "the fallback login page covers it"}]


def test_minutes_say_when_the_decision_went_stale(service, conditional_go):
    release_id, started, _decision, items = conditional_go
    service.set_done(items[5].id, True)
    text = minutes.minutes_for(service, service.detail(release_id), "md")
    assert (f"- **Status now:** stale: changed since: ticked '{items[5].text}' by alice at 2026-11-26 12:56 UTC;"
            " hold the review again") in text
    assert json.loads(minutes.minutes_for(service, service.detail(release_id), "json"))["stale"] is True


def test_user_text_cannot_drive_the_terminal_or_the_table(service, clock):
    release_id = seed_review(service)
    service.record_decision(release_id, "no_go", [Attendee("Eve\x1b[31m", "QA\nlead", Vote.NO_GO)], "No.\x07")
    text = minutes.run_minutes_command(service, VERSION)
    assert "\x1b" not in text and "\x07" not in text
    assert "| Eve\\\\x1b\\[31m | QA lead | ✗ NO-GO |" in text  # reads "Eve\\x1b[31m" once rendered


def test_no_decision_is_a_clear_error(service):
    release = service.create_release("9.9.9", "Nothing decided")
    with pytest.raises(NotFound, match="9.9.9 has no go/no-go decision yet"):
        minutes.run_minutes_command(service, release.version)


def test_meeting_ticks_keep_ticks_inside_the_window_that_stay_ticked(clock):
    t0 = clock()

    def event(n: int, action: str, text: str, minutes_in: int) -> Event:
        return Event(n, t0 + timedelta(minutes=minutes_in), "bo", 1, "1.0", action, new=text)

    events = [
        event(1, "item.tick", "before", -1),
        event(2, "item.tick", "a", 1),
        event(3, "item.tick", "b", 2),
        event(4, "item.untick", "b", 3),
        event(5, "item.edit", "c", 4),
        event(6, "item.tick", "late", 11),
    ]
    ticks = minutes.meeting_ticks(reversed(events), t0, t0 + timedelta(minutes=10))
    assert [t.text for t in ticks] == ["a"]


def test_file_name_is_safe_and_names_the_decision(clock):
    assert minutes.filename("2.4.0+hotfix/1", clock()) == "minutes-2.4.0+hotfix_1-20261126-0930.md"


def test_minutes_show_the_evidence_of_a_tick_literally(service, clock):
    release_id = seed_review(service, "agile")
    item = service.detail(release_id).items_in(Phase.PREPARING)[2]
    clock.advance(hours=3)
    started = clock()
    clock.advance(minutes=5)
    service.set_done(item.id, True, None, "https://ci.example.com/runs/7", "[b]7 passed[/b]")
    clock.advance(minutes=5)
    service.record_decision(release_id, "go", [Attendee("Ana", "release manager", Vote.GO)], "Ship it.",
                            override_reason="tracked", review_started_at=started)
    text = minutes.minutes_for(service, service.detail(release_id), "md")
    assert f"- [x] {item.text} (alice, 12:35 UTC); evidence: https://ci.example.com/runs/7 - \\[b\\]7 passed" \
           "\\[/b\\]" in text
    data = json.loads(minutes.minutes_for(service, service.detail(release_id), "json"))
    assert data["ticked_during_meeting"][0]["evidence"] == "https://ci.example.com/runs/7 - [b]7 passed[/b]"
