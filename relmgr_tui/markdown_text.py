"""Text from people in Markdown: it reads as typed, and cannot make a heading, a list, a quote, a link or
image, a table, code or HTML.

A wiki renders what `relmgr export --format md` and the minutes hold, so a title such as `# Done` or a
name such as `<script>` must come out as those characters, not as structure. On top of `printable` (no
control or bidi character reaches the reader), Markdown punctuation is backslash-escaped where it makes
structure, `&`, `<` and `>` become entities, and text meant for one line stays on one line.
"""

from __future__ import annotations

import re

from relmgr_tui.safe_text import printable

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ANYWHERE = re.compile(r"[\\`*_\[\]#|~&<>]")
"""Structure wherever it stands: escapes, code, emphasis, links and images, headings, table cells,
strikethrough, entities and HTML (a `>` also starts a quote)."""
_BULLET = re.compile(r"^[+\-=]")
"""At the start of a line: a list bullet, or the underline that turns the line above into a heading."""
_NUMBER = re.compile(r"^([0-9]+)([.)])")
"""At the start of a line: an ordered list's number."""


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    return _ENTITIES.get(character, "\\" + character)


def inline(text: str) -> str:
    """User text inside a line the renderer started (a title after `# 2.4.0:`, a name, a table cell): on one
    line, whitespace folded, line breaks included."""
    return _ANYWHERE.sub(_escape, printable(" ".join(text.split())))


def lines(text: str) -> list[str]:
    """User text of its own lines (a summary, a rationale): each line literal from its first character and
    without its indent (four spaces would make code); a blank line still separates paragraphs."""
    return [_NUMBER.sub(r"\1\\\2", _BULLET.sub(r"\\\g<0>", inline(line))) for line in text.splitlines()]


def code(text: str) -> str:
    """A command as a code span, exact when copied from the file or the page: inside one nothing is markup
    or HTML, and the fence is one backtick longer than the longest run in the text, so it cannot be closed
    early (padded with spaces when the text starts or ends with a backtick)."""
    flat = printable(" ".join(text.split()))
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"



def link(text: str, url: str) -> str:
    """`text` linking to `url`, an http(s) address the service checked; anything else gives the text alone
    (a `javascript:` link must never reach a wiki). The address goes between angle brackets, with the
    characters that could close them or the link percent-encoded."""
    if not url.lower().startswith(("http://", "https://")):
        return inline(text)
    address = "".join(f"%{ord(c):02X}" if c in "<>() " or not c.isprintable() else c for c in url)
    return f"[{inline(text)}](<{address}>)"
