"""Checks on what people type. Each failure is an InvalidInput naming the field and the fix."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from relmgr_tui.domain.errors import InvalidInput

VERSION_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+\-]{0,63}$")
DATE_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""The one way to type a date. `date.fromisoformat` alone also takes 20260101 and 2026-W01-1 (a Monday in
2025): a person who typed either meant something else, or should say it plainly."""
MAX_NAME = 100
"""Every person, owner and name field: release, item, risk and step owners, attendees and their function,
condition owners, risk categories."""
MAX_TITLE = 200
MAX_TEXT = 10_000


def version(value: str) -> str:
    text = (value or "").strip()
    if not text:
        raise InvalidInput("the version is required, e.g. 2.4.0", field="version")
    if not VERSION_PATTERN.match(text):
        raise InvalidInput(
            f"version {text!r} may use letters, digits and . _ + - only (at most 64), e.g. 2.4.0 or 2026.11-hotfix",
            field="version",
        )
    return text


def optional_date(value: str | date | None, name: str = "target date") -> date | None:
    if value is None or isinstance(value, date):
        return value
    text = value.strip()
    if not text:
        return None
    if DATE_SHAPE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass  # the right shape, but no such day (2026-02-30)
    raise InvalidInput(f"{name} {text!r} is not a date: use YYYY-MM-DD, e.g. 2026-12-31", field=name)


def required_text(value: str, name: str, limit: int = MAX_TITLE) -> str:
    text = (value or "").strip()
    if not text:
        raise InvalidInput(f"the {name} is required", field=name)
    return bounded_text(text, name, limit)


def bounded_text(value: str | None, name: str, limit: int = MAX_TEXT, field: str = "") -> str:
    text = (value or "").strip()
    if len(text) > limit:
        raise InvalidInput(f"the {name} is {len(text)} characters long; at most {limit} fit", field=field or name)
    return text


def name_field(value: str | None, label: str, field: str = "") -> str:
    """A person, owner or name field (`label` such as "risk owner"): the same limit wherever it is typed."""
    return bounded_text(value, label, MAX_NAME, field)


def minutes(value: object, name: str = "expected minutes") -> int:
    try:
        number = int(str(value).strip() or "0")
    except ValueError:
        raise InvalidInput(f"{name} must be a whole number of minutes, not {value!r}", field=name) from None
    if not 0 <= number <= 24 * 60:
        raise InvalidInput(f"{name} must be from 0 to 1440, not {number}", field=name)
    return number


def choice(enum_type, value: object, name: str):
    """Parse an enum value by its value ('conditional_go') or a spelling with - or space."""
    if isinstance(value, enum_type):
        return value
    text = str(value or "").strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return enum_type(text)
    except ValueError:
        options = ", ".join(e.value for e in enum_type)
        raise InvalidInput(f"{name} {value!r} is not one of: {options}", field=name) from None


def past_target_warning(target: date | None, today: date) -> str:
    """A target date already behind us is allowed (a release recorded late) but worth a word."""
    if target is None or target >= today:
        return ""
    return f"target date {target.isoformat()} is in the past ({(today - target).days} days ago): is that the date you meant?"


MAX_URL = 2_000


def evidence_url(value: str | None) -> str:
    """A web address that proves a tick (see `web_address`)."""
    return web_address(value, "evidence URL", "evidence", "https://ci.example.com/runs/1423")


def web_address(value: str | None, name: str, field: str, sample: str) -> str:
    """An http or https address with a host, or "" when none is given. The service stores it without
    credentials or tokens (redact.url_without_secrets). The message never repeats what was typed: it may
    hold the very token that must stay out of the database and off the screen."""
    text = (value or "").strip()
    if not text:
        return ""
    example = f"e.g. {sample}"
    scheme, _, rest = text.partition("://")
    if scheme.lower() not in ("http", "https") or not rest or any(c.isspace() or not c.isprintable() for c in text):
        raise InvalidInput(f"the {name} must be one http:// or https:// address, {example}", field=field)
    if len(text) > MAX_URL:
        raise InvalidInput(f"the {name} is {len(text)} characters long; at most {MAX_URL} fit", field=field)
    try:
        host = urlsplit(text).hostname
    except ValueError:  # a host urllib cannot read, such as an unclosed [ipv6
        host = None
    if not host:
        raise InvalidInput(f"the {name} names no host that can be read, {example}", field=field)
    return text


SCOPE_KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]{0,63}$")


def scope_key(value: str | None) -> str:
    """A tracker key such as PAY-123, kept in capitals as trackers write it."""
    text = (value or "").strip()
    if not text:
        raise InvalidInput("the key is required, e.g. PAY-123", field="key")
    if not SCOPE_KEY_PATTERN.match(text):
        raise InvalidInput(f"key {text[:70]!r} may use letters, digits and . _ - only (at most 64), e.g. PAY-123",
                           field="key")
    return text.upper()


def scope_url(value: str | None) -> str:
    return web_address(value, "URL", "url", "https://jira.example.com/browse/PAY-123")
