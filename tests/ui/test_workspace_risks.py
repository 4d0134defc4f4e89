"""The risks pane: the register sorted by score, add / edit / close, and the heat map that filters it."""

from __future__ import annotations

import pytest

from relmgr_tui.domain.model import RiskOutcome, RiskStatus
from relmgr_tui.ui.screens.outcome import OutcomeModal
from relmgr_tui.ui.screens.risk_form import RiskFormModal
from relmgr_tui.ui.widgets.risk_heatmap import RiskHeatmap
from relmgr_tui.ui.widgets.risk_table import RiskTable
from tests.ui.helpers import screen_text
from tests.ui.workspace_seed import detail_text, open_workspace, settle, workspace_app

SIZE = (120, 36)


@pytest.fixture
def seeded(db_path, clock):
    return workspace_app(db_path, clock)


def risks(app, release_id):
    return {r.title: r for r in app.service.detail(release_id).risks}


def table_titles(screen) -> list[str]:
    return [r.title for r in screen.query_one(RiskTable).rows]


async def open_risks(pilot, release_id):
    screen = await open_workspace(pilot, release_id)
    await pilot.press("2")
    assert screen.pane == "risks"
    return screen


async def test_the_register_is_sorted_by_score_with_bands_as_words(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_risks(pilot, release_id)
        assert table_titles(screen) == [
            "[red]Identity provider outage[/]", "Card processor API change", "Ledger rounding drift",
            "Late QA staffing",  # closed risks come last
        ]
        text = screen_text(app)
        assert "C critical" in text and "H high" in text and "L low" in text
        assert "closed" in text
        assert "3 open of 4" in text


async def test_markup_in_a_risk_title_shows_literally(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_risks(pilot, release_id)
        assert "[red]Identity provi" in screen_text(app)
        assert detail_text(screen, "risks").startswith("[red]Identity provider outage[/] · L4 × I5 = 20 critical")


async def test_a_adds_a_risk_and_likelihood_is_checked_as_typed(seeded, clock):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_risks(pilot, release_id)
        await pilot.press("a")
        assert isinstance(app.screen, RiskFormModal)
        await pilot.press(*"Vendor freeze", "tab", "backspace", "7")
        assert "likelihood must be from 1 to 5, not 7" in screen_text(app)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, RiskFormModal)  # not saved, and nothing typed is lost
        assert app.screen.values()["title"] == "Vendor freeze"
        await pilot.press("backspace", "5", "tab", "backspace", "4")
        assert "score 20 · C critical" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        added = risks(app, release_id)["Vendor freeze"]
        assert (added.likelihood, added.impact, added.status) == (5, 4, RiskStatus.OPEN)
        assert added.last_reviewed == clock.now
        assert screen.query_one(RiskTable).current.id == added.id
        assert "4 open of 5" in screen_text(app)


async def test_e_edits_a_risk_and_the_table_resorts(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_risks(pilot, release_id)
        await pilot.press("down", "down")  # Ledger rounding drift, 2 x 2
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, RiskFormModal)
        await pilot.press("tab", "backspace", "5", "tab", "backspace", "5")
        await pilot.press("ctrl+s")
        await settle(pilot)
        drift = risks(app, release_id)["Ledger rounding drift"]
        assert (drift.likelihood, drift.impact) == (5, 5)
        assert table_titles(screen)[0] == "Ledger rounding drift"
        assert screen.query_one(RiskTable).current.id == drift.id  # the cursor moved with the row


async def test_c_closes_a_risk_with_an_outcome_and_a_note(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_risks(pilot, release_id)
        await pilot.press("down", "c")  # Card processor API change
        assert isinstance(app.screen, OutcomeModal)
        await pilot.press("down", "down")  # occurred
        await pilot.press("tab", *"Hit on launch day", "ctrl+s")
        await settle(pilot)
        card = risks(app, release_id)["Card processor API change"]
        assert (card.status, card.outcome) == (RiskStatus.OCCURRED, RiskOutcome.OCCURRED)
        event = app.service.activity(release_id)[0]
        assert (event.action, event.reason) == ("risk.close", "Hit on launch day")
        assert "occurred" in screen_text(app)
        await pilot.press("c")  # closing a closed risk explains instead
        assert not isinstance(app.screen, OutcomeModal)
        assert screen.query_one(RiskTable).current.id == card.id


async def test_the_heat_map_counts_open_risks_and_a_cell_filters_the_table(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_risks(pilot, release_id)
        heatmap = screen.query_one(RiskHeatmap)
        assert heatmap.counts[(4, 5)] == 1 and heatmap.counts[(3, 3)] == 0  # the closed risk is not counted
        assert "C  1" in screen_text(app)  # band letter and count: readable without colour
        await pilot.press("m")
        assert heatmap.has_focus
        assert heatmap.cursor == (3, 3)
        await pilot.press("up", "right", "right")  # likelihood 4, impact 5
        await pilot.press("enter")
        assert table_titles(screen) == ["[red]Identity provider outage[/]"]
        assert "only L4 × I5 (escape shows all)" in screen_text(app)
        await pilot.press("left", "enter")  # an empty cell: an empty table that says so
        assert table_titles(screen) == []
        assert "No risks in this cell" in screen_text(app)
        await pilot.press("escape")
        assert len(table_titles(screen)) == 4
        assert screen.query_one(RiskTable).has_focus
        await pilot.press("m", "enter", "m")  # filter, then back to the table: escape there clears too
        assert len(table_titles(screen)) < 4
        await pilot.press("escape")
        assert len(table_titles(screen)) == 4
        assert screen.pane == "risks"  # the first escape cleared the filter, it did not leave


async def test_risk_keys_do_nothing_in_other_panes(seeded):
    app, release_id = seeded
    async with app.run_test(size=SIZE) as pilot:
        await open_workspace(pilot, release_id)
        await pilot.press("c", "m")
        assert not isinstance(app.screen, OutcomeModal)
        before = len(app.service.detail(release_id).risks)
        await pilot.press("1")
        assert len(app.service.detail(release_id).risks) == before
