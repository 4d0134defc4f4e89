"""The board on a database that does not exist yet: it opens empty, creates nothing, and the first release
the user creates creates the database."""

from __future__ import annotations

from pathlib import Path

import pytest

from relmgr_tui import bootstrap, paths
from tests.conftest import FixedClock
from tests.ui.helpers import screen_text

SIZE = (120, 36)


@pytest.mark.slow
@pytest.mark.parametrize("where", ["default", "--db in an existing folder"])
async def test_the_board_opens_on_a_missing_database_and_the_first_release_creates_it(
    where: str, isolated_user_dirs: Path, tmp_path: Path
) -> None:
    path = paths.default_db_path() if where == "default" else tmp_path / "team.db"
    app = bootstrap.launch_app(None if where == "default" else str(path), clock=FixedClock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "0 active releases" in screen_text(app)
        assert not path.exists()
        if where == "default":
            assert not path.parent.exists(), "not even the data folder"

        await pilot.press("n", *"1.0.0", "ctrl+s")
        await pilot.pause()
        assert path.is_file()
        assert [r.version for r in app.service.releases()] == ["1.0.0"]
