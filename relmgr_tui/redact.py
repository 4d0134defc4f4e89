"""Passwords never printed: every database URL or message that may hold one goes through `mask` first.

It works on text, not on a parsed URL, so it also masks what no parser accepts: a URL with a slash
missing, a `?password=` query, a libpq `key=value` string, or a driver error that quotes any of them.
"""

from __future__ import annotations

import re

MASK = "***"

_USERINFO = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*:/*[^\s:/?#@'\"]*:)(?P<secret>[^\s/?#'\"]*)@")
"""`scheme://user:SECRET@host`, with any number of slashes; the secret runs to the last @ before the host."""

_KEYWORD = re.compile(r"(?i)(?P<head>\b(?:password|passwd|pwd|pass|secret|token)\s*=\s*)(?P<secret>'(?:[^'\\]|\\.)*'|\"[^\"]*\"|[^\s&;,'\"]*)")
"""`?password=SECRET&...`, `password=SECRET` in a libpq string or an error message."""


def mask(text: str) -> str:
    """`text` with every password in it replaced by ***."""
    text = _USERINFO.sub(lambda m: f"{m['head']}{MASK}@" if m["secret"] else m[0], text)
    return _KEYWORD.sub(lambda m: f"{m['head']}{MASK}" if m["secret"] else m[0], text)
