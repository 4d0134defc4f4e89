"""The go/no-go review through the keyboard: what the room sees, and what the database then holds."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, Static, TextArea

from relmgr_tui import paths
from relmgr_tui.domain.model import Attendee, Condition, Outcome, Phase, Vote
from relmgr_tui.ui.screens.board import BoardScreen
from relmgr_tui.ui.screens.decision import DecisionModal
from relmgr_tui.ui.screens import gonogo
from relmgr_tui.ui.screens.gonogo import GoNoGoScreen
from relmgr_tui.ui.screens.note import NoteModal
from relmgr_tui.ui.widgets.choice_switch import ChoiceSwitch
from relmgr_tui.ui.widgets.decision_rows import AttendeeRow, ConditionRow
from tests.ui.gonogo_data import review_app
from tests.ui.helpers import screen_text

SIZE = (120, 36)


async def open_review(pilot) -> GoNoGoScreen:
    """From the board (the focus starts on the only release, in Preparing): `g`."""
    await pilot.pause()
    await pilot.press("g")
    await pilot.pause()
    assert isinstance(pilot.app.screen, GoNoGoScreen)
    return pilot.app.screen


async def type_text(pilot, text: str) -> None:
    await pilot.press(*("space" if ch == " " else ch for ch in text))


def items(app, release_id: int):
    return app.service.detail(release_id).items_in(Phase.PREPARING)


@pytest.fixture
def seeded(db_path, clock):
    return review_app(db_path, clock)


@pytest.fixture
def agile(db_path, clock):
    """On agile, a GO over the gate's blockers with a written reason is the override."""
    return review_app(db_path, clock, methodology="agile")


async def test_a_whole_meeting_ends_in_a_recorded_conditional_go(agile, clock):
    app, release_id = agile
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        review = await open_review(pilot)
        text = screen_text(app)
        assert "GO/NO-GO REVIEW  2.4.0 Preparing → Deploying · Spring payments overhaul" in text
        assert "1. Preparing checklist: 1 of 6 done, 5 required still open" in text

        # Tick the third and fourth items as they are confirmed: each is in the database at once.
        await pilot.press("j", "j", "space")
        third = items(app, release_id)[2]
        assert third.done and third.done_by == "alice" and third.done_at == clock()
        await pilot.press("j", "space")
        assert items(app, release_id)[3].done
        assert "2 ticked in this meeting" in screen_text(app)

        # A note on the item under the cursor.
        await pilot.press("n")
        assert isinstance(app.screen, NoteModal)
        await type_text(pilot, "QA signed at 10:05")
        await pilot.press("enter")
        assert items(app, release_id)[3].note == "QA signed at 10:05"
        assert "note: QA signed at 10:05" in screen_text(app)

        # Walk the remaining sections; the progress line follows.
        await pilot.press("enter")
        assert "2. Open risks: 4 (1 critical, 1 high, 1 medium, 1 low)" in screen_text(app)
        await pilot.press("enter", "enter")
        assert "4. Sign-offs before Deploying: 0 of 2 approved and current" in screen_text(app)
        await pilot.press("enter")
        text = screen_text(app)
        assert "5. Gate Preparing → Deploying: 7 blockers besides the decision" in text
        assert "Section 5 of 5 · reviewed ■■■■■" in text

        # The decision: attendees remembered from the last meeting, votes reset.
        await pilot.press("v")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DecisionModal)
        rows = list(form.query(AttendeeRow))
        assert [(r.attendee().name, r.attendee().vote) for r in rows[:3]] == [
            ("Ana", Vote.ABSTAIN), ("Bo", Vote.ABSTAIN), ("Cy", Vote.ABSTAIN)]
        assert app.focused is rows[0].vote_switch
        await pilot.press("g", "tab", "tab", "tab", "g", "tab", "tab", "tab", "a", "tab")
        await type_text(pilot, "Dee")
        await pilot.press("tab")
        await type_text(pilot, "product")
        await pilot.press("tab", "space")
        assert "Suggested by the votes: ✓ GO (3 go votes, no no-go)" in screen_text(app)
        await pilot.press("tab", "tab", "tab", "tab")  # past the new empty attendee row
        assert app.focused is form.query_one("#outcome", ChoiceSwitch)
        await pilot.press("c", "tab")
        await type_text(pilot, "Ledger fix verified")
        await pilot.press("tab")
        await type_text(pilot, "Bo")
        await pilot.press("tab")
        await type_text(pilot, "2026-11-30")
        await pilot.press("tab", "tab", "tab", "tab")  # past the new empty condition row
        assert app.focused is form.query_one("#override_reason", Input)
        await type_text(pilot, "Blockers are tracked as conditions")
        await pilot.press("tab")
        assert isinstance(app.focused, TextArea)
        await type_text(pilot, "Ship on Monday")
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert app.screen is review
        decision = app.service.detail(release_id).decisions[0]
        assert decision.outcome is Outcome.CONDITIONAL_GO
        assert decision.gate is Phase.PREPARING
        assert decision.attendees == (
            Attendee("Ana", "release manager", Vote.GO), Attendee("Bo", "QA", Vote.GO),
            Attendee("Cy", "operations", Vote.ABSTAIN), Attendee("Dee", "product", Vote.GO),
        )
        assert decision.conditions == (Condition("Ledger fix verified", "Bo", date(2026, 11, 30)),)
        assert decision.rationale == "Ship on Monday"
        assert decision.override_reason == "Blockers are tracked as conditions"
        assert decision.decided_by == "alice" and decision.decided_at == clock()
        assert len(decision.gate_snapshot) == 7
        assert "Last decision: ✓ CONDITIONAL GO · m writes its minutes" in screen_text(app)
        actions = [e.action for e in app.service.activity(release_id, 4)]
        assert actions == ["decision.record", "item.edit", "item.tick", "item.tick"]


async def test_untick_takes_a_tick_back(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_review(pilot)
        await pilot.press("space")  # the first item was done before the meeting
        first = items(app, release_id)[0]
        assert not first.done and first.done_by == ""
        assert "[ ] OPEN  Replicate production scenarios" in screen_text(app)


async def test_any_no_go_vote_suggests_no_go_until_an_outcome_is_chosen(seeded):
    app, _ = seeded
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_review(pilot)
        await pilot.press("v")
        await pilot.pause()
        form = app.screen
        outcome = form.query_one("#outcome", ChoiceSwitch)
        assert outcome.value == "no_go"  # nobody voted go yet
        await pilot.press("g")
        assert outcome.value == "go"
        await pilot.press("tab", "tab", "tab", "n")
        assert outcome.value == "no_go"
        assert "Suggested by the votes: ✗ NO-GO (1 no-go vote: Bo)" in screen_text(app)
        outcome.focus()
        await pilot.press("g")  # the meeting overrules the suggestion ...
        assert "· chosen: ✓ GO" in screen_text(app)
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "shift+tab", "n")  # Cy votes no-go
        assert "✗ NO-GO (2 no-go votes: Bo, Cy) · chosen: ✓ GO" in screen_text(app)
        assert outcome.value == "go"  # ... and later votes no longer move it


async def test_go_over_blockers_needs_a_written_reason_on_agile(agile):
    app, release_id = agile
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_review(pilot)
        await pilot.press("v")
        await pilot.pause()
        form = app.screen
        await pilot.press("g")  # Ana votes go: the suggestion, and so the outcome, is GO
        form.query_one("#rationale", TextArea).focus()
        await type_text(pilot, "Looks fine")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # nothing recorded; everything typed is still there
        error = form.query_one("#error-override_reason", Static)
        assert str(error.render()) == ("✗ the gate still has 9 blockers: on agile, a GO over them needs a"
                                       " written reason, which is the override")
        assert form.query_one("#rationale", TextArea).text == "Looks fine"
        assert len(app.service.detail(release_id).decisions) == 1

        form.query_one("#override_reason", Input).focus()
        await type_text(pilot, "Hotfix for a live outage")
        await pilot.press("ctrl+s")
        await pilot.pause()
        decision = app.service.detail(release_id).decisions[0]
        assert decision.outcome is Outcome.GO
        assert decision.override_reason == "Hotfix for a live outage"


async def test_a_waterfall_go_over_blockers_waits_for_them_and_asks_no_reason(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_review(pilot)
        await pilot.press("v")
        await pilot.pause()
        form = app.screen
        assert "Waterfall: a GO is recorded as 'GO once these 9 blockers are cleared'" in screen_text(app)
        assert not form.query_one("#override-block").display  # nothing to go over: waterfall gates are enforced
        await pilot.press("g")
        form.query_one("#rationale", TextArea).focus()
        await type_text(pilot, "Ship once QA is done")
        await pilot.press("ctrl+s")
        await app.writes_settled()
        await pilot.pause()
        assert isinstance(app.screen, GoNoGoScreen)
    decision = app.service.detail(release_id).decisions[0]
    assert (decision.outcome, decision.override_reason, len(decision.gate_snapshot)) == (Outcome.GO, "", 9)
    report = app.service.gate_report(app.service.detail(release_id))
    assert not report.open and not report.overridable  # the move waits for the blockers


async def test_conditional_go_needs_a_condition_with_owner_and_deadline(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_review(pilot)
        await pilot.press("v")
        await pilot.pause()
        form = app.screen
        form.query_one("#outcome", ChoiceSwitch).focus()
        await pilot.press("c")
        form.query_one("#override_reason", Input).value = "tracked"
        form.query_one("#rationale", TextArea).text = "ok"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "✗ a conditional GO needs at least one condition with an owner" in screen_text(app)
        row = form.query_one(ConditionRow)
        row.text_input.focus()
        await type_text(pilot, "Fix")
        await pilot.press("tab")
        await type_text(pilot, "Bo")
        await pilot.press("tab")
        await type_text(pilot, "30.11.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "✗ the deadline of condition 1 '30.11.' is not a date: use YYYY-MM-DD" in screen_text(app)
        assert row.deadline_input.value == "30.11."
        assert len(app.service.detail(release_id).decisions) == 1


async def test_escape_asks_before_throwing_votes_away(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        review = await open_review(pilot)
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("g", "escape")
        assert "Discard this decision?" in screen_text(app)
        await pilot.press("n")
        assert isinstance(app.screen, DecisionModal)
        await pilot.press("escape", "y")
        assert app.screen is review
        assert len(app.service.detail(release_id).decisions) == 1


async def test_sections_by_key_and_escape_back_to_the_board(seeded):
    app, _ = seeded
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_review(pilot)
        await pilot.press("3")
        text = screen_text(app)
        assert "3. Rollback plan: 2 steps, 25 min, 1 of 2 rehearsed" in text
        assert "2. ✗ not rehearsed  Roll back the ledger migration" in text
        await pilot.press("shift+tab")
        assert "CRITICAL (1)" in screen_text(app)
        assert "score 20  Identity provider outage" in screen_text(app)
        await pilot.press("n")
        assert "Move to a checklist item first" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


async def test_markup_in_titles_shows_as_typed(seeded):
    app, _ = seeded
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_review(pilot)
        await pilot.press("2")
        assert "Currency rounding [red]bug[/red]" in screen_text(app)


async def test_minutes_are_written_to_the_minutes_folder_it_creates_in_the_user_data_folder(seeded, tmp_path,
                                                                                             monkeypatch):
    app, _ = seeded
    monkeypatch.chdir(tmp_path)
    assert not (paths.data_dir() / "minutes").exists()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_review(pilot)
        await pilot.press("m")
        await pilot.pause()
        written = paths.data_dir() / "minutes" / "minutes-2.4.0-20261126-0930.md"
        assert written.read_text(encoding="utf-8") == app.clipboard
        assert app.clipboard.startswith("# Go/no-go minutes: 2.4.0: Spring payments overhaul")
        assert "- **Decision:** ✗ NO-GO" in app.clipboard
        assert f"Minutes written to {written} and copied to the clipboard." in screen_text(app)
    assert not list(tmp_path.glob("minutes-*")), "not into the current folder"


async def until_ticks(pilot, ticks: list[int], at_least: int = 1) -> None:
    for _ in range(400):
        if len(ticks) >= at_least:
            return
        await pilot.pause(gonogo.CLOCK_SECONDS)
    raise AssertionError("the timer never ticked")


async def test_the_clock_runs_only_while_the_review_is_on_top(seeded, clock, monkeypatch):
    """The clock's timer against a witness timer of the same period: while the witness ticks five times,
    a running clock ticks too and a paused or stopped one does not, however loaded the machine is."""
    monkeypatch.setattr(gonogo, "CLOCK_SECONDS", 0.05)
    app, _ = seeded
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        review = await open_review(pilot)
        ticks: list[int] = []
        draw = review.update_progress

        def counted() -> None:
            ticks.append(1)
            draw()

        review.update_progress = counted

        async def witness_ticks(count: int = 5) -> None:
            seen: list[int] = []
            witness = app.set_interval(gonogo.CLOCK_SECONDS, lambda: seen.append(1))
            await until_ticks(pilot, seen, count)
            witness.stop()

        clock.advance(minutes=12, seconds=5)
        await until_ticks(pilot, ticks)
        await pilot.pause()
        assert "running 0:12:05" in screen_text(app)
        await pilot.press("v")
        await pilot.pause()
        ticks.clear()
        await witness_ticks()
        assert not ticks  # paused under the decision form
        await pilot.press("escape")
        await until_ticks(pilot, ticks)  # running again
        await pilot.press("escape")
        await pilot.pause()
        ticks.clear()
        await witness_ticks()
        assert not ticks  # stopped with the review


async def test_review_fits_80x24(seeded):
    app, _ = seeded
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_review(pilot)
        text = screen_text(app)
        assert "GO/NO-GO REVIEW" in text
        assert "1 Checklist 1/6" in text and "4 Sign 0/2" in text and "5 Gate ✗9" in text
        assert "[✓] DONE  Replicate production scenarios" in text
        assert "Section 1 of 5" in text
        await pilot.press("v")
        await pilot.pause()
        assert "Outcome" in screen_text(app)
