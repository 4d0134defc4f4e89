"""Passwords and tokens never printed: every database URL or message that may hold one goes through `mask` first.

It works on text, not on a parsed URL, so it also masks what no parser accepts: a URL with a slash
missing, a `?password=` query, a libpq `key=value` string, or a driver error that quotes any of them.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit, urlunsplit

MASK = "***"

_USERINFO = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*:/*[^\s:/?#@'\"]*:)(?P<secret>[^\s/?#'\"]*)@")
"""`scheme://user:SECRET@host`, with any number of slashes; the secret runs to the last @ before the host."""

_KEYWORD = re.compile(r"(?i)(?P<head>\b(?:password|passwd|pwd|pass|secret|token)\s*=\s*)(?P<secret>'(?:[^'\\]|\\.)*'|\"[^\"]*\"|[^\s&;,'\"]*)")
"""`?password=SECRET&...`, `password=SECRET` in a libpq string or an error message."""


def mask(text: str) -> str:
    """`text` with every password in it replaced by ***."""
    text = _USERINFO.sub(lambda m: f"{m['head']}{MASK}@" if m["secret"] else m[0], text)
    return _KEYWORD.sub(lambda m: f"{m['head']}{MASK}" if m["secret"] else m[0], text)


_SECRET_PARAMETER = re.compile(r"(?i)token|secret|passw|pwd|key|sig|auth|credential|session|jwt|code")
"""Query parameter names that carry a secret: access_token, private_token, api_key, X-Amz-Signature, ..."""

_SECRET_VALUE = re.compile(r"^(?:gh[pousr]_|github_pat_|glpat-|xox[abpr]-|eyJ[\w-]+\.[\w-]+\.)")
"""Values that are tokens whatever their parameter is called: GitHub, GitLab, Slack tokens and JWTs."""


def _keep_parameter(pair: str) -> bool:
    name, _, value = pair.partition("=")
    return not (_SECRET_PARAMETER.search(unquote(name)) or _SECRET_VALUE.match(unquote(value)))


def _without_secret_parameters(part: str) -> str:
    return "&".join(pair for pair in part.split("&") if pair and _keep_parameter(pair))


def url_without_secrets(url: str) -> str:
    """`url` without what would let a reader in: the user and password before the host, and every query
    (or fragment) parameter that is named like a secret or holds a known kind of token. Storing a link to a
    CI run must not store the token that was pasted with it."""
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    fragment = _without_secret_parameters(parts.fragment) if "=" in parts.fragment else parts.fragment
    return urlunsplit((parts.scheme, host, parts.path, _without_secret_parameters(parts.query), fragment))
