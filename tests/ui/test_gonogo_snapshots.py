"""Pictures of the go/no-go review and the decision form, with seeded data and a fixed clock.

Update after a deliberate UI change with `pytest tests/ui/test_gonogo_snapshots.py --snapshot-update`,
then look at the SVGs.
"""

from __future__ import annotations

import pytest

from relmgr_tui.domain import templates
from relmgr_tui.service import Service
from relmgr_tui.store.repo import Store
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
    await pilot.press("5")


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


async def to_signoffs(pilot) -> None:
    await to_review(pilot)
    await pilot.press("4")


@pytest.mark.parametrize("size", [pytest.param((120, 36), id="120x36"), pytest.param((80, 24), id="80x24")])
def test_gonogo_signoffs(snap_compare, db_path, clock, size):
    """qa approved by bo (who relmgr ran as in another terminal), ops still missing."""
    app, release_id = review_app(db_path, clock)
    colleague = Store.open(str(db_path))
    try:
        Service(colleague, templates.builtin(), identity="bo", clock=clock).sign_off(release_id, "qa", "approve",
                                                                                     "UAT passed")
    finally:
        colleague.close()
    assert snap_compare(app, run_before=to_signoffs, terminal_size=size)
