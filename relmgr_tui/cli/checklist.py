"""The checklist commands: check and uncheck an item."""

from __future__ import annotations

import argparse
import random
import time

from relmgr_tui.bootstrap import Context
from relmgr_tui.domain.errors import RelmgrError, StaleWrite
from relmgr_tui.domain.model import ChecklistItem
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
    evidence = (getattr(args, "evidence", ""), getattr(args, "note", ""))
    for attempt in range(TICK_ATTEMPTS):
        item = service.find_item(args.version, args.item, args.phase)
        where = f"{item.phase.label} item of {printable(args.version)}: {printable(item.text)}"
        if item.done == done and not any(evidence):
            print(f"Already {'done' if done else 'not done'}: {where}")
            return 0
        try:
            after = service.set_done(item.id, done, item.row_version, *evidence)
        except StaleWrite:
            time.sleep(random.uniform(0, TICK_BACKOFF_SECONDS * 2**attempt))
            continue
        print(_done_line(item, after, where))
        return 0
    action = "tick" if done else "untick"
    raise RelmgrError(f"could not {action} the {where}: other sessions changed it {TICK_ATTEMPTS} times in a row;"
                      " run the command again")


def _done_line(before: ChecklistItem, after: ChecklistItem, where: str) -> str:
    """What happened, with the evidence as it was stored (without any credentials the URL was given with)."""
    if before.done == after.done:
        said = "Evidence unchanged" if before.evidence == after.evidence else "Evidence recorded"
    else:
        said = "Ticked" if after.done else "Unticked"
    evidence = f"\n  evidence: {printable(after.evidence)}" if after.done and after.evidence else ""
    return f"{said}: {where}{evidence}" if said.startswith("Evidence") else f"{said} {where}{evidence}"


def cmd_check(context: Context, args: argparse.Namespace) -> int:
    return _set_done(context, args, True)


def cmd_uncheck(context: Context, args: argparse.Namespace) -> int:
    return _set_done(context, args, False)
