"""Words shared by every front end: counts with the right noun."""

from __future__ import annotations


def plural(count: int, one: str, many: str = "") -> str:
    """'1 release', '2 releases'; `many` for nouns that do not just take an s ('1 entry', '2 entries')."""
    return f"{count} {one if count == 1 else many or one + 's'}"
