"""`m` in the review: the minutes go to a new file in the minutes folder, beside whatever is there, and
always to the clipboard; a folder that cannot be used is named, and the clipboard copy still happens."""

from __future__ import annotations

from relmgr_tui import paths
from relmgr_tui.ui.screens.gonogo import GoNoGoScreen
from tests.ui.gonogo_data import review_app
from tests.ui.helpers import toast_texts

SIZE = (120, 36)
NAME = "minutes-2.4.0-20261126-0930"


async def press_m_in_the_review(pilot, times: int = 1) -> None:
    await pilot.pause()
    await pilot.press("g")
    assert isinstance(pilot.app.screen, GoNoGoScreen)
    for _ in range(times):
        await pilot.press("m")
        await pilot.pause()


async def test_minutes_dir_is_honoured_and_nothing_there_is_replaced_or_followed(db_path, clock, tmp_path,
                                                                                 monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    paths.config_dir().mkdir(parents=True)
    paths.config_file().write_text('minutes_dir = "~/team minutes"\n', encoding="utf-8")
    folder = tmp_path / "home" / "team minutes"
    folder.mkdir(parents=True)
    victim = tmp_path / "unrelated.conf"
    victim.write_bytes(b"someone else's settings\n")
    (folder / f"{NAME}.md").symlink_to(victim)
    (folder / f"{NAME}-2.md").write_bytes(b"the minutes of an earlier meeting\n")
    app, _ = review_app(db_path, clock)

    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await press_m_in_the_review(pilot, times=2)
        toasts = toast_texts(app)

    assert victim.read_bytes() == b"someone else's settings\n"
    assert (folder / f"{NAME}-2.md").read_bytes() == b"the minutes of an earlier meeting\n"
    assert (folder / f"{NAME}-3.md").read_text(encoding="utf-8") == app.clipboard
    assert (folder / f"{NAME}-4.md").read_text(encoding="utf-8") == app.clipboard
    assert toasts == [f"Minutes written to {folder / NAME}-{n}.md and copied to the clipboard." for n in (3, 4)]


async def test_a_minutes_dir_that_is_a_file_is_named_and_the_clipboard_still_gets_them(db_path, clock, tmp_path):
    not_a_folder = tmp_path / "minutes"
    not_a_folder.write_bytes(b"x")
    paths.config_dir().mkdir(parents=True)
    paths.config_file().write_text(f'minutes_dir = "{not_a_folder}"\n', encoding="utf-8")
    app, _ = review_app(db_path, clock)

    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await press_m_in_the_review(pilot)
        [toast] = toast_texts(app)

    assert toast == (f"Minutes not written: {not_a_folder}: it is a file, not a folder. They are on the clipboard;"
                     f" set minutes_dir in {paths.config_file()} to a folder you can write to.")
    assert app.clipboard.startswith("# Go/no-go minutes: 2.4.0")
    assert not_a_folder.read_bytes() == b"x"
