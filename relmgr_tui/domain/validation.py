"""Checks on what people type. Each failure is an InvalidInput naming the field and the fix."""

from __future__ import annotations

import re
from datetime import date

from relmgr_tui.domain.errors import InvalidInput

VERSION_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+\-]{0,63}$")
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
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{name} {text!r} is not a date: use YYYY-MM-DD, e.g. 2026-12-31", field=name) from None


def required_text(value: str, name: str, limit: int = MAX_TITLE) -> str:
    text = (value or "").strip()
    if not text:
        raise InvalidInput(f"the {name} is required", field=name)
    return bounded_text(text, name, limit)


def bounded_text(value: str | None, name: str, limit: int = MAX_TEXT) -> str:
    text = (value or "").strip()
    if len(text) > limit:
        raise InvalidInput(f"the {name} is {len(text)} characters long; at most {limit} fit", field=name)
    return text


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
