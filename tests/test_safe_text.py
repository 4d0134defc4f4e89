"""One text-safety function for the screen, the command line and every export."""

from __future__ import annotations

import pytest

from relmgr_tui import markdown_text, safe_text
from relmgr_tui.ui import text


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31mred", "\\x1b[31mred"),
        ("admin\u202etxt.exe", "admin\\u202etxt.exe"),  # right-to-left override
        ("a\u2066b\u2069c", "a\\u2066b\\u2069c"),  # isolates
        ("zero\u200bwidth", "zero\\u200bwidth"),
        ("bell\x07 del\x7f c1\x85", "bell\\x07 del\\x7f c1\\x85"),
        ("line\u2028sep", "line\\u2028sep"),
        ("[bold]kept[/] — ünïcode ✓", "[bold]kept[/] — ünïcode ✓"),
    ],
)
def test_controls_and_bidi_are_escaped_and_the_rest_is_kept(raw: str, shown: str) -> None:
    assert safe_text.printable(raw) == shown


def test_the_screen_and_the_exports_use_the_same_function() -> None:
    assert text.printable is safe_text.printable
    assert markdown_text.printable is safe_text.printable  # the Markdown export's and the minutes'


def test_an_error_line_is_one_line_without_password_or_escape_sequence() -> None:
    message = "cannot use postgresql://alice:hunter2@db/x\n  (server \x1b[2Jsaid no)"
    assert safe_text.message_line(message) == "cannot use postgresql://alice:***@db/x (server \\x1b[2Jsaid no)"
