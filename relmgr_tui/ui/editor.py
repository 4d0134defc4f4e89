"""Edit long text in $EDITOR the way git does: suspend the app, edit a temp file, read it back.

Whatever the editor does (fails to start, exits non-zero, dies of a signal, deletes the file, saves bytes
that are not UTF-8), the app gets its screen back and the form keeps what was typed unless the editor
ended well: nothing may raise between suspending the screen and resuming it.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from textual.app import App, SuspendNotSupported

Suspend = Callable[[], AbstractContextManager[object]]


class EditorFailed(Exception):
    """Why the editor's text cannot be used (one sentence); the form keeps its own text."""


def edit_in_editor(app: App, text: str, suffix: str = ".txt") -> str | None:
    """The edited text, or None when the form should keep its own (the app then says why)."""
    try:
        edited, note = edit_text(text, suffix, app.suspend)
    except EditorFailed as failed:
        app.notify(f"{failed} The form's text is kept.", severity="warning", timeout=10)
        return None
    if note:
        app.notify(note, severity="warning", timeout=10)
    return edited


def edit_text(text: str, suffix: str, suspend: Suspend) -> tuple[str, str]:
    """(the edited text, a note for the user or ''), with the screen handed over by `suspend()`.

    Raises EditorFailed when the form should keep its text."""
    command = editor_command()
    try:
        with tempfile.TemporaryDirectory(prefix="relmgr-", ignore_cleanup_errors=True) as folder:
            path = Path(folder) / f"edit{suffix}"
            path.write_text(text, encoding="utf-8")
            try:
                with suspend():
                    failure = run_editor(command, path)
            except SuspendNotSupported:
                raise EditorFailed("This terminal cannot hand the screen to an editor.") from None
            if failure:
                raise EditorFailed(failure)
            return read_back(path)
    except OSError as exc:  # the temporary folder could not be made or written
        raise EditorFailed(f"No temporary file for the editor: {exc.strerror or exc}.") from None


def editor_command() -> list[str]:
    """$VISUAL or $EDITOR split as a shell would; EditorFailed when unset or unbalanced."""
    setting = os.environ.get("VISUAL") or os.environ.get("EDITOR") or ""
    try:
        command = shlex.split(setting)
    except ValueError as exc:  # an unbalanced quote
        raise EditorFailed(f"Cannot read $EDITOR {setting!r}: {exc}.") from None
    if not command:
        raise EditorFailed("Set $EDITOR (or $VISUAL) to edit long text in your editor.")
    return command


def run_editor(command: list[str], path: Path) -> str:
    """Run the editor on `path`: '' when it ended well, else what went wrong. Never raises (see above).

    Like git, relmgr ignores ctrl+c while the editor runs: it is the editor's key then."""
    try:
        editor = subprocess.Popen([*command, str(path)])
    except (OSError, ValueError) as exc:
        return f"Cannot start {command[0]!r}: {getattr(exc, 'strerror', None) or exc}."
    with _ctrl_c_ignored():
        status = editor.wait()
    if status < 0:
        return f"{command[0]} was killed by signal {-status}."
    if status > 0:
        return f"{command[0]} exited with status {status}."
    return ""


def read_back(path: Path) -> tuple[str, str]:
    """The file's text without the editor's final newline, and a note when it was not all UTF-8."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise EditorFailed(f"The edited file could not be read back: {exc.strerror or exc}.") from None
    try:
        return data.decode("utf-8").rstrip("\n"), ""
    except UnicodeDecodeError:
        note = "The editor saved bytes that are not UTF-8: each is shown as �. Check the text before saving."
        return data.decode("utf-8", errors="replace").rstrip("\n"), note


@contextmanager
def _ctrl_c_ignored() -> Iterator[None]:
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread, where no handler can be set: leave it alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.SIG_DFL if previous is None else previous)
