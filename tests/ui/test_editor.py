"""ctrl+e hands long text to $EDITOR: whatever the editor does, the screen comes back, the user is told
what went wrong in one notification, and the form keeps what was typed unless the editor ended well."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual.widgets import TextArea

from relmgr_tui.ui.editor import EditorFailed, edit_text
from relmgr_tui.ui.screens.release_form import ReleaseFormModal
from tests.ui.helpers import make_app, toast_texts

SIZE = (120, 36)


def script(folder: Path, body: str) -> str:
    """An editor: a shell script that gets the file to edit as $1."""
    path = folder / "editor.sh"
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)
    return str(path)


class Terminal:
    """Stands in for App.suspend: records that the screen was handed over and always taken back."""

    def __init__(self) -> None:
        self.suspended = self.resumed = 0

    @contextmanager
    def suspend(self) -> Iterator[None]:
        self.suspended += 1
        yield
        self.resumed += 1


FAILURES = {
    "exit 3": ("exit 3", "editor.sh exited with status 3."),
    "killed": ("kill -9 $$", "editor.sh was killed by signal 9."),
    "deletes the file": ('rm "$1"', "The edited file could not be read back: No such file or directory."),
}


@pytest.mark.parametrize("case", FAILURES)
def test_an_editor_that_fails_keeps_the_form_text_and_gives_the_screen_back(tmp_path, monkeypatch, case):
    body, message = FAILURES[case]
    monkeypatch.setenv("EDITOR", script(tmp_path, f'echo "new text" > "$1"; {body}'))
    terminal = Terminal()
    with pytest.raises(EditorFailed) as failed:
        edit_text("typed in the form", ".md", terminal.suspend)
    assert str(failed.value).endswith(message)
    assert terminal.suspended == terminal.resumed == 1


@pytest.mark.parametrize(("editor", "message"), [
    ("/nonexistent/editor", "Cannot start '/nonexistent/editor': No such file or directory."),
    ('vim "', "Cannot read $EDITOR 'vim \"': No closing quotation."),
    ("", "Set $EDITOR (or $VISUAL) to edit long text in your editor."),
])
def test_an_editor_that_cannot_start_is_named(monkeypatch, editor, message):
    monkeypatch.setenv("EDITOR", editor)
    monkeypatch.delenv("VISUAL", raising=False)
    terminal = Terminal()
    with pytest.raises(EditorFailed) as failed:
        edit_text("typed", ".md", terminal.suspend)
    assert str(failed.value) == message
    assert terminal.suspended == terminal.resumed


def test_bytes_that_are_not_utf8_are_replaced_and_the_user_told(tmp_path, monkeypatch):
    monkeypatch.setenv("EDITOR", script(tmp_path, r'printf "caf\351 \377 ok\n" > "$1"'))
    text, note = edit_text("typed", ".md", Terminal().suspend)
    assert text == "caf\ufffd \ufffd ok"
    assert note.startswith("The editor saved bytes that are not UTF-8: each is shown as �.")


def test_what_the_editor_saved_comes_back_without_its_last_newline(tmp_path, monkeypatch):
    monkeypatch.setenv("VISUAL", script(tmp_path, 'printf "%s, edited\\n" "$(cat "$1")" > "$1"'))
    assert edit_text("Zoë's [b]text[/b]", ".md", Terminal().suspend) == ("Zoë's [b]text[/b], edited", "")


async def test_ctrl_e_in_a_form_survives_a_failing_editor_and_a_non_utf8_one(db_path, clock, tmp_path, monkeypatch):
    app = make_app(db_path, clock, seed=False)
    terminal = Terminal()
    monkeypatch.setattr(app, "suspend", terminal.suspend)  # headless Textual cannot suspend
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("n")
        assert isinstance(app.screen, ReleaseFormModal)
        summary = app.screen.query_one("#summary", TextArea)
        summary.text = "Typed before the editor"

        failing = script(tmp_path, "exit 3")
        monkeypatch.setenv("EDITOR", failing)
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert summary.text == "Typed before the editor"
        assert toast_texts(app) == [f"{failing} exited with status 3. The form's text is kept."]

        app.clear_notifications()
        monkeypatch.setenv("EDITOR", script(tmp_path, r'printf "\377 edited" > "$1"'))
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ReleaseFormModal)
        assert summary.text == "\ufffd edited"
        assert toast_texts(app)[0].startswith("The editor saved bytes that are not UTF-8")
    assert terminal.suspended == terminal.resumed == 2
