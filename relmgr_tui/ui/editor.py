"""Edit long text in $EDITOR the way git does: suspend the app, edit a temp file, read it back."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from textual.app import App


def edit_in_editor(app: App, text: str, suffix: str = ".txt") -> str | None:
    """The edited text, or None when no editor is set or it failed (the app says why)."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        app.notify("Set $EDITOR (or $VISUAL) to edit long text in your editor.", severity="warning")
        return None
    with tempfile.TemporaryDirectory(prefix="relmgr-") as folder:
        path = Path(folder) / f"edit{suffix}"
        path.write_text(text, encoding="utf-8")
        try:
            with app.suspend():
                code = subprocess.call([*shlex.split(editor), str(path)])
        except Exception as exc:  # SuspendNotSupported, editor missing, ...
            app.notify(f"Cannot run {editor!r}: {exc}", severity="error")
            return None
        if code != 0:
            app.notify(f"{editor} exited with status {code}: the text was not changed.", severity="warning")
            return None
        return path.read_text(encoding="utf-8").rstrip("\n")
