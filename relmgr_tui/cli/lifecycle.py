"""The state commands: hold, resume, cancel, rolled-back and reopen (the rules: domain/lifecycle.py)."""

from __future__ import annotations

import argparse

from relmgr_tui.bootstrap import Context
from relmgr_tui.domain import lifecycle
from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.lifecycle import Transition
from relmgr_tui.domain.model import Release, RollbackStep
from relmgr_tui.safe_text import printable


def cmd_transition(context: Context, args: argparse.Namespace) -> int:
    service = context.service
    before = service.release(args.version)
    transition = Transition(args.transition)
    executed = _executed_steps(service.detail(before.id).steps, getattr(args, "executed", ""))
    after = service.transition(before.id, transition, getattr(args, "reason", ""), getattr(args, "until", None),
                               [step.id for step in executed], before.row_version)
    print(_told(after, transition, len(executed)))
    return 0


def _executed_steps(steps: tuple[RollbackStep, ...], numbers: str) -> list[RollbackStep]:
    """The rollback steps named by their numbers in the plan ("1,3")."""
    chosen = []
    for text in filter(None, (part.strip() for part in numbers.split(","))):
        if not text.isdigit() or not 1 <= int(text) <= len(steps):
            raise InvalidInput(f"--executed {numbers!r}: name rollback steps by their numbers, 1 to {len(steps)}"
                               " (relmgr show lists them)")
        chosen.append(steps[int(text) - 1])
    return chosen


def _told(release: Release, transition: Transition, executed: int) -> str:
    version = printable(release.version)
    if transition is Transition.RESUME:
        return f"{version} is active again, in {release.phase.label}."
    if transition is Transition.REOPEN:
        return f"{version} is back on the board, in {release.phase.label}."
    told = f"{version} is {printable(lifecycle.state_wording(release))}."
    if transition is Transition.CANCEL:
        told += " It left the board for the archive."
    if executed:
        told += f" {executed} rollback step{'s' if executed > 1 else ''} marked executed."
    return told
