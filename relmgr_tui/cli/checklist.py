"""The checklist commands: check and uncheck an item."""

from __future__ import annotations

import argparse
import random
import time

from relmgr_tui.bootstrap import Context
from relmgr_tui.domain.errors import RelmgrError, StaleWrite
from relmgr_tui.safe_text import printable

TICK_ATTEMPTS = 8
"""How often `check`/`uncheck` read the item again after another session changed it under them."""
TICK_BACKOFF_SECONDS = 0.01
"""The first pause before reading again; each further one may be up to twice as long."""


def _set_done(context: Context, args: argparse.Namespace, done: bool) -> int:
    """Leave the item in the requested state, whoever else ticks it at the same time.

    A command line has no stale view to protect, so a conflict means: read again and see whether there
    is still anything to do. The pauses are random so that racing pipelines stop meeting each other.
    """
    service = context.service
    for attempt in range(TICK_ATTEMPTS):
        item = service.find_item(args.version, args.item, args.phase)
        where = f"{item.phase.label} item of {printable(args.version)}: {printable(item.text)}"
        if item.done == done:
            print(f"Already {'done' if done else 'not done'}: {where}")
            return 0
        try:
            service.set_done(item.id, done, item.row_version)
        except StaleWrite:
            time.sleep(random.uniform(0, TICK_BACKOFF_SECONDS * 2**attempt))
            continue
        print(f"{'Ticked' if done else 'Unticked'} {where}")
        return 0
    action = "tick" if done else "untick"
    raise RelmgrError(f"could not {action} the {where}: other sessions changed it {TICK_ATTEMPTS} times in a row;"
                      " run the command again")


def cmd_check(context: Context, args: argparse.Namespace) -> int:
    return _set_done(context, args, True)


def cmd_uncheck(context: Context, args: argparse.Namespace) -> int:
    return _set_done(context, args, False)
