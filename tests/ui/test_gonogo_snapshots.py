"""Pictures of the go/no-go review and the decision form, with seeded data and a fixed clock.

Update after a deliberate UI change with `pytest tests/ui/test_gonogo_snapshots.py --snapshot-update`,
then look at the SVGs.
"""

from __future__ import annotations

import pytest

from tests.ui.gonogo_data import review_app


async def to_review(pilot) -> None:
    await pilot.pause()
    await pilot.press("g", "j")
    await pilot.pause()


async def to_risks(pilot) -> None:
    await to_review(pilot)
    await pilot.press("2")


async def to_gate(pilot) -> None:
    await to_review(pilot)
    await pilot.press("4")


async def to_decision(pilot) -> None:
    """Votes cast, a conditional GO with one condition, the reason and the rationale typed."""
    await to_review(pilot)
    await pilot.press("v")
    await pilot.pause()
    await pilot.press("g", "tab", "tab", "tab", "n", "tab", "tab", "tab", "g")
    form = pilot.app.screen
    form.query_one("#outcome").focus()
    await pilot.press("c", "tab", *"Ledger fix verified", "tab", *"Bo", "tab", *"2026-11-30")
    form.query_one("#override_reason").focus()
    await pilot.press(*"Open items become conditions")
    await pilot.pause()


@pytest.mark.parametrize(
    ("run_before", "size"),
    [
        pytest.param(to_review, (120, 36), id="review"),
        pytest.param(to_review, (80, 24), id="review-80x24"),
        pytest.param(to_risks, (120, 36), id="risks"),
        pytest.param(to_gate, (120, 36), id="gate"),
        pytest.param(to_decision, (120, 36), id="decision"),
        pytest.param(to_decision, (80, 24), id="decision-80x24"),
    ],
)
def test_gonogo(snap_compare, db_path, clock, run_before, size):
    app, _ = review_app(db_path, clock)
    assert snap_compare(app, run_before=run_before, terminal_size=size)
