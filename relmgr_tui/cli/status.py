"""Exit statuses and the `relmgr: error:` lines that explain them."""

from __future__ import annotations

import sys

from relmgr_tui.safe_text import message_line

EXIT_BLOCKED = 1
"""A gate refused the move: the only status 1 there is."""
EXIT_ERROR = 2
"""Bad input or an environment problem, told in one `relmgr: error:` line."""
EXIT_BUG = 70
"""A bug in relmgr (BSD's EX_SOFTWARE): the traceback is printed, for the report, then one line."""
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141

def say(kind: str, message: str) -> None:
    print(f"relmgr: {kind}: {message_line(message)}", file=sys.stderr)


def error(message: str) -> None:
    say("error", message)


def warn(message: str) -> None:
    say("warning", message)
