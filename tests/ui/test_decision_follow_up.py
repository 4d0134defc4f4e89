"""What happens after a decision, from the keyboard: its conditions are met in the review or from the
workspace's palette, a condition past its due date shows on the card, the stale label names the change,
and the decision form keeps the meeting clock running."""

from __future__ import annotations

import contextlib
from datetime import date

from textual.widgets import TextArea

from relmgr_tui.domain.model import Attendee, Condition, Phase, Vote
from relmgr_tui.ui.screens.decision import DecisionModal
from relmgr_tui.ui.screens.gonogo import GoNoGoScreen
from relmgr_tui.ui.screens.release import ReleaseScreen
from relmgr_tui.ui.widgets.decision_rows import AttendeeRow
from tests.ui.gonogo_data import review_app
from tests.ui.helpers import screen_text

SIZE = (120, 36)
VOTES = [Attendee("Ana", "release manager", Vote.GO)]


def conditional_go(app, release_id: int, due: date) -> None:
    with app.service.unrecorded():
        app.service.record_decision(release_id, "conditional_go", VOTES, "Ship once the ledger fix is verified",
                                    [Condition("Ledger fix verified", "bo", due)])


async def open_review_at_gate(pilot) -> GoNoGoScreen:
    await pilot.pause()
    await pilot.press("g")
    await pilot.pause()
    assert isinstance(pilot.app.screen, GoNoGoScreen)
    await pilot.press("5")
    await pilot.pause()
    return pilot.app.screen


async def test_space_on_a_condition_in_the_review_marks_it_met_and_the_decision_stays_current(db_path, clock):
    app, release_id = review_app(db_path, clock)
    conditional_go(app, release_id, date(2026, 12, 1))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        review = await open_review_at_gate(pilot)
        assert "[ ] NOT MET  Ledger fix verified" in screen_text(app)
        while review.review_list.current is None or review.review_list.current.condition is None:
            await pilot.press("down")
        await pilot.press("space")
        await app.writes_settled()
        await pilot.pause()
        text = screen_text(app)
        assert "[✓] MET      Ledger fix verified" in text and "met by alice" in text
        assert "Last decision: ✓ CONDITIONAL GO" in text and "STALE" not in text
    decision = app.service.detail(release_id).decisions[0]
    assert decision.conditions[0].met_by == "alice"
    assert not decision.is_stale(app.service.detail(release_id).release)


async def test_the_palette_marks_a_condition_met_from_the_workspace(db_path, clock):
    app, release_id = review_app(db_path, clock)
    conditional_go(app, release_id, date(2026, 12, 1))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReleaseScreen)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"condition 1 met")
        for _ in range(100):  # the palette searches in a task of its own
            if "Mark condition 1 met: Ledger fix verified" in screen_text(app):
                break
            await pilot.pause()
        await pilot.press("enter")
        await app.writes_settled()
        await pilot.pause()
        assert "Condition 1 marked met." in app.notified
    assert app.service.detail(release_id).decisions[0].conditions[0].met


async def test_a_condition_past_its_due_date_shows_on_the_card(db_path, clock):
    app, release_id = review_app(db_path, clock)
    conditional_go(app, release_id, date(2026, 11, 20))  # the fixed clock's today is 2026-11-26
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "!COND" in screen_text(app)
        with app.service.unrecorded():
            app.service.set_condition_met(release_id, 1, True)
        app.data_changed()  # as when another terminal marks it met
        for _ in range(50):  # the board reads the changed cards in a worker
            if "!COND" not in screen_text(app):
                break
            await pilot.pause()
        assert "!COND" not in screen_text(app)


async def test_the_review_names_what_made_the_decision_stale(db_path, clock):
    app, release_id = review_app(db_path, clock)
    with app.service.unrecorded():
        app.service.record_decision(release_id, "no_go", VOTES, "Not yet")
        item = app.service.detail(release_id).items_in(Phase.PREPARING)[2]
        app.service.set_done(item.id, True)
    async with app.run_test(size=SIZE) as pilot:
        await open_review_at_gate(pilot)
        words = " ".join(screen_text(app).split())  # the label wraps in the section
        assert f"STALE: changed since: ticked '{item.text}' by alice" in words


async def test_the_meeting_clock_keeps_running_in_the_decision_form(db_path, clock):
    app, _ = review_app(db_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_review_at_gate(pilot)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, DecisionModal)
        assert "Meeting running 0:00:00" in screen_text(app)
        clock.advance(minutes=3, seconds=5)
        app.screen.show_meeting_clock()  # what the form's one-second timer calls
        await pilot.pause()
        assert "Meeting running 0:03:05" in screen_text(app)


async def test_A_accepts_a_risk_with_a_name_and_a_reason_and_it_stops_blocking(db_path, clock):
    app, release_id = review_app(db_path, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("2", "A")  # the critical risk is first: the register is by score
        await pilot.pause()
        assert "Accept risk: Identity provider outage (score 20)" in screen_text(app)
        await pilot.press("ctrl+s")  # no reason yet
        await app.writes_settled()
        await pilot.pause()
        assert "the reason for accepting the risk is required" in screen_text(app)
        await pilot.press("tab", *"sponsor signs it off")
        await pilot.press("ctrl+s")
        await app.writes_settled()
        await pilot.pause()
        assert isinstance(app.screen, ReleaseScreen)
        assert "accepted by alice: sponsor signs it off" in " ".join(screen_text(app).split())
    risk = next(r for r in app.service.detail(release_id).risks if r.score == 20)
    assert (risk.accepted_by, risk.accepted_reason) == ("alice", "sponsor signs it off")
    report = app.service.gate_report(app.service.detail(release_id))
    assert not any("Identity provider outage" in b for b in report.blockers)
    assert any("accepted by alice" in w for w in report.warnings)


async def test_ctrl_e_in_the_rationale_opens_the_editor_and_names_keep_their_text(db_path, clock, tmp_path,
                                                                                   monkeypatch):
    """The focused Rationale box used to swallow ctrl+e as "end of line"; a name field selected all its text
    on focus, so one stray key replaced a whole name."""
    app, _ = review_app(db_path, clock)
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)  # headless Textual cannot suspend
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\nprintf "Written in the editor" > "$1"\n', encoding="utf-8")
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    async with app.run_test(size=SIZE) as pilot:
        await open_review_at_gate(pilot)
        await pilot.press("v")
        await pilot.pause()
        form = app.screen
        rationale = form.query_one("#rationale", TextArea)
        rationale.focus()
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert rationale.text == "Written in the editor"
        name = form.query(AttendeeRow).first().name_input
        name.focus()
        await pilot.pause()
        await pilot.press("x")
        assert name.value == "Anax"  # the key went after the name, not over it
