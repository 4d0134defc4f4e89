"""How long to wait before trying a dropped database connection again: the app's listener and
`relmgr events --follow` both follow it."""

from __future__ import annotations

FIRST_RETRY_SECONDS = 1.0
LAST_RETRY_SECONDS = 30.0


def retry_delay(failures: int) -> float:
    """1, 2, 4 ... seconds, at most 30: a server that is down is not hammered, one that is back is found soon."""
    return min(FIRST_RETRY_SECONDS * 2**failures, LAST_RETRY_SECONDS)
