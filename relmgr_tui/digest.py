"""`relmgr digest`: the morning summary a cron job mails or posts, in Markdown or JSON.

Five sections: releases due or overdue by the end of this week, closed gates with their blockers,
go/no-go decisions missing or stale, the conditions of a conditional GO, and the open post-release review
actions due by the end of the week or overdue. Every judgement comes from the domain (the board's cards,
`gates.latest_gate_decision`, `Decision.is_stale`, `ReviewAction.overdue`): this module only selects and
words.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from relmgr_tui import markdown_text as md
from relmgr_tui.domain.card import Card
from relmgr_tui.domain.gates import latest_gate_decision
from relmgr_tui.domain.model import Condition, Outcome, Phase, Release
from relmgr_tui.domain.review import ReviewAction

if TYPE_CHECKING:
    from relmgr_tui.service import Service

FORMATS = ("md", "json")


@dataclass(frozen=True, slots=True)
class Due:
    release: Release
    days: int
    """Days from today to the target date: negative when overdue."""


@dataclass(frozen=True, slots=True)
class DecisionGap:
    release: Release
    problem: str
    """"missing" or "stale"."""


@dataclass(frozen=True, slots=True)
class OpenCondition:
    release: Release
    condition: Condition
    overdue: bool


@dataclass(frozen=True, slots=True)
class ActionDue:
    version: str
    action: ReviewAction
    overdue: bool


@dataclass(frozen=True, slots=True)
class Digest:
    today: date
    week_end: date
    due: tuple[Due, ...]
    closed_gates: tuple[Card, ...]
    decisions: tuple[DecisionGap, ...]
    conditions: tuple[OpenCondition, ...]
    review_actions: tuple[ActionDue, ...] = ()


def build(service: Service, today: date) -> Digest:
    """The digest of the releases on the board as of `today` (the week ends on Sunday)."""
    cards = service.board()
    week_end = today + timedelta(days=6 - today.weekday())
    due = tuple(sorted((Due(c.release, (c.release.target_date - today).days) for c in cards
                        if c.release.target_date and c.release.target_date <= week_end), key=lambda d: d.days))
    gaps: list[DecisionGap] = []
    conditions: list[OpenCondition] = []
    for card in cards:
        if card.release.phase in (Phase.PREPARING, Phase.DEPLOYING):
            _judge_decision(service, card, today, gaps, conditions)
    closed = tuple(card for card in cards if not card.gate.open)
    actions = tuple(ActionDue(version, action, action.overdue(today))
                    for version, action in service.review_actions_due(week_end))
    return Digest(today, week_end, due, closed, tuple(gaps), tuple(conditions), actions)


def _judge_decision(service: Service, card: Card, today: date, gaps: list[DecisionGap],
                    conditions: list[OpenCondition]) -> None:
    """The go/no-go out of Preparing: missing or stale while the release waits at that gate, and the
    conditions of a conditional GO until the release leaves the board."""
    detail = service.detail(card.release.id)
    decision = latest_gate_decision(detail)
    waiting = card.release.phase.next is Phase.DEPLOYING
    if decision is None:
        if waiting:
            gaps.append(DecisionGap(card.release, "missing"))
        return
    if waiting and decision.is_stale(detail.release):
        gaps.append(DecisionGap(card.release, "stale"))
    if decision.outcome is Outcome.CONDITIONAL_GO:
        conditions.extend(OpenCondition(card.release, c, bool(c.deadline and c.deadline < today))
                          for c in decision.conditions)


def _due_words(days: int) -> str:
    if days < 0:
        return f"{-days}d overdue"
    return "today" if days == 0 else f"in {days}d"


def to_data(digest: Digest) -> dict[str, Any]:
    return {
        "today": digest.today.isoformat(),
        "week_end": digest.week_end.isoformat(),
        "due": [{"version": d.release.version, "title": d.release.title, "phase": d.release.phase.value,
                 "owner": d.release.owner, "target_date": d.release.target_date.isoformat(), "days": d.days}
                for d in digest.due],
        "closed_gates": [{"version": c.release.version, "phase": c.gate.phase.value,
                          "target": c.gate.target_label, "blockers": list(c.gate.blockers)}
                         for c in digest.closed_gates],
        "decisions": [{"version": g.release.version, "phase": g.release.phase.value, "problem": g.problem}
                      for g in digest.decisions],
        "conditions": [{"version": o.release.version, "text": o.condition.text, "owner": o.condition.owner,
                        "deadline": o.condition.deadline.isoformat() if o.condition.deadline else None,
                        "overdue": o.overdue} for o in digest.conditions],
        "review_actions": [{"version": a.version, "text": a.action.text, "owner": a.action.owner,
                            "due": a.action.due.isoformat(), "overdue": a.overdue} for a in digest.review_actions],
    }


def _day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def to_markdown(digest: Digest) -> str:
    lines = [f"# relmgr digest, {_day(digest.today)} {digest.today.year}", ""]
    sections = (
        (f"Due or overdue by {_day(digest.week_end)}", [
            f"- {md.inline(d.release.version)} {md.inline(d.release.title)}: {d.release.target_date}"
            f" ({_due_words(d.days)}), {d.release.phase.label}, owner {md.inline(d.release.owner) or '-'}"
            for d in digest.due]),
        ("Closed gates", [
            line for c in digest.closed_gates for line in (
                f"- {md.inline(c.release.version)}: {c.gate.summary(arrow='->')}",
                *(f"  - {md.inline(blocker)}" for blocker in c.gate.blockers))]),
        ("Go/no-go decisions missing or stale", [
            f"- {md.inline(g.release.version)} ({g.release.phase.label}): "
            + ("no decision recorded" if g.problem == "missing" else "stale: the evidence changed since")
            for g in digest.decisions]),
        ("Conditions of a conditional GO", [
            f"- {md.inline(o.release.version)}: {md.inline(o.condition.text)}"
            f" ({md.inline(o.condition.owner) or 'no owner'}, by {o.condition.deadline or 'no deadline'})"
            + (" **overdue**" if o.overdue else "")
            for o in digest.conditions]),
        (f"Review actions due by {_day(digest.week_end)}", [
            f"- {md.inline(a.version)}: {md.inline(a.action.text)} ({md.inline(a.action.owner)},"
            f" due {a.action.due})" + (" **overdue**" if a.overdue else "")
            for a in digest.review_actions]),
    )
    for title, entries in sections:
        lines += [f"## {title}", "", *(entries or ["None."]), ""]
    return "\n".join(lines)


def render(fmt: str, digest: Digest) -> str:
    if fmt == "json":
        return json.dumps(to_data(digest), indent=2, ensure_ascii=False) + "\n"
    return to_markdown(digest)
