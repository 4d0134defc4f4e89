"""The review's Sign-off section: required roles, who signed, the verdict and staleness in words; `o` signs as
the user relmgr runs as (never a typed name), `O` revokes your own. At 80x24, the smallest supported size."""

from __future__ import annotations

import getpass

import pytest
from textual.widgets import Input

from relmgr_tui.domain.model import Verdict
from relmgr_tui.ui.screens.gonogo import GoNoGoScreen
from relmgr_tui.ui.screens.signoff import SignoffModal
from tests.ui.gonogo_data import review_app
from tests.ui.helpers import screen_text

SIZE = (80, 24)


@pytest.fixture
def ravi(monkeypatch: pytest.MonkeyPatch) -> str:
    """This process runs as OS user ravi (the release's owner is ana)."""
    monkeypatch.setattr(getpass, "getuser", lambda: "ravi")
    return "ravi"


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.writes_settled()
    await pilot.pause()


async def test_sign_off_from_the_review_as_yourself_then_stale_then_revoked(db_path, clock, ravi) -> None:
    app, release_id = review_app(db_path, clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GoNoGoScreen)
        await pilot.press("4")
        text = screen_text(app)
        assert "4. Sign-offs before Deploying: 0 of 2 approved and current" in text
        assert "[ ] MISSING  qa" in text and "[ ] MISSING  ops" in text

        await pilot.press("o")
        assert isinstance(app.screen, SignoffModal)
        assert "Signing as ravi (who relmgr runs as)" in screen_text(app)
        assert not [i for i in app.screen.query(Input) if i.id not in ("comment",)], "no field to type a name"
        await pilot.press(*"UAT", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, GoNoGoScreen)
        signed = app.service.detail(release_id).signoffs
        assert [(s.role, s.who, s.verdict, s.comment) for s in signed] == [("qa", "ravi", Verdict.APPROVE, "UAT")]
        text = screen_text(app)
        assert "4. Sign-offs before Deploying: 1 of 2 approved and current" in text
        assert "✓ APPROVED   qa" in text and "approved by ravi (you)" in text

        await pilot.press("1", "space", "4")  # untick the first item: what qa approved changed
        await settle(pilot)
        text = screen_text(app)
        assert "! STALE      qa" in text and "stale: the release changed since; sign again" in text

        await pilot.press("O")
        await settle(pilot)
        assert app.service.detail(release_id).signoffs == ()
        assert "[ ] MISSING  qa" in screen_text(app)
