"""Text from the database, shown safely: the one function the screen, the command line and every export use.

Titles come from people and from other programs. An escape character must never drive the terminal, and a
right-to-left override (U+202E) must never make a line read differently from what is stored, so control,
zero-width and bidi characters are shown as escapes (`\\x1b`, `\\u202e`). Markup is a separate matter: the
screen renders this text as plain Content, never parsed, and Markdown output escapes it on top of this.
"""

from __future__ import annotations

import re

from relmgr_tui.redact import mask

UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
"""C0 and C1 controls, zero-width and joiner characters, line/paragraph separators, bidi embeddings,
overrides and isolates, and the byte-order mark."""


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every character that could drive or reorder a terminal shown as its escape."""
    return UNSAFE.sub(_escape, text)


_LINE_BREAKS = re.compile(r"[ \t]*[\r\n]+[ \t]*")


def message_line(message: str) -> str:
    """An error or warning as one safe line: line breaks joined, passwords masked, controls escaped."""
    return printable(mask(_LINE_BREAKS.sub(" ", message).strip()))
