"""A post-release review as data (JSON), Markdown and plain lines: what `relmgr review`, `show --json`
and `export` print. An action's status is a word ("done", "due 2026-12-04", "OVERDUE since ...")."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from relmgr_tui import markdown_text as md
from relmgr_tui.domain.review import TEXT_FIELDS, TEXT_LABELS, Review, ReviewAction
from relmgr_tui.safe_text import printable

Proposal = Callable[[ReviewAction], Sequence[str]]
"""The templates.toml lines of an action's template proposal (none if it proposes nothing)."""


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def action_data(number: int, action: ReviewAction, today: date | None, proposal: Proposal | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "number": number, "text": action.text, "owner": action.owner, "due": _iso(action.due),
        "done": action.done, "done_at": _iso(action.done_at),
    }
    if today is not None:
        data |= {"status": action.status(today), "overdue": action.overdue(today)}
    if action.proposal_phase is not None:
        data["proposal"] = {"phase": action.proposal_phase.value, "item": action.proposal_text,
                            **({"templates_toml": "\n".join(proposal(action))} if proposal else {})}
    return data


def review_data(review: Review, today: date | None = None, proposal: Proposal | None = None) -> dict[str, Any]:
    """The review as plain data; with `today`, each action's status word too."""
    return {
        **{name: getattr(review, name) for name in TEXT_FIELDS},
        "written_at": _iso(review.created_at), "written_by": review.created_by,
        "actions": [action_data(n, a, today, proposal) for n, a in enumerate(review.actions, start=1)],
    }


def to_markdown(version: str, review: Review, today: date, proposal: Proposal) -> str:
    lines = [f"# Post-release review of {md.inline(version)}", ""]
    for name in TEXT_FIELDS:
        lines += [f"## {TEXT_LABELS[name]}", "", *(md.lines(getattr(review, name)) or ["-"]), ""]
    lines += ["## Actions", ""]
    if not review.actions:
        lines.append("None yet.")
    for number, action in enumerate(review.actions, start=1):
        lines.append(f"{number}. {md.inline(action.text)} ({md.inline(action.owner)}, {action.status(today)})")
        if action.proposal:
            toml = proposal(action)
            lines += [f"   Proposes: {md.inline(action.proposal)}; templates.toml:", "", "   ```toml",
                      *(f"   {line}" for line in toml), "   ```"]
    return "\n".join(lines).rstrip() + "\n"


def to_lines(version: str, review: Review, today: date, proposal: Proposal) -> list[str]:
    """The review as the terminal prints it: texts, then the numbered actions with their status words."""
    lines = [f"Post-release review of {printable(version)}"]
    for name in TEXT_FIELDS:
        text = getattr(review, name)
        lines += ["", TEXT_LABELS[name], *([f"  {printable(line)}" for line in text.splitlines()] or ["  -"])]
    lines += ["", "Actions"]
    if not review.actions:
        lines.append(f"  none yet: relmgr review {printable(version)} --action \"TEXT;OWNER;YYYY-MM-DD\"")
    for number, action in enumerate(review.actions, start=1):
        lines.append(f"  {number}. [{action.status(today)}] {printable(action.text)} ({printable(action.owner)})")
        if action.proposal:
            lines += [f"     proposes: {printable(action.proposal)}; add to templates.toml:",
                      *(f"       {printable(line)}" for line in proposal(action))]
    return lines
