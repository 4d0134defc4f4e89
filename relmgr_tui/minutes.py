"""Minutes of a go/no-go meeting: Markdown to paste into a wiki or a mail, JSON for tools.

The renderers are pure: the release, its decision, what the decision stands for now and the items ticked
during the meeting go in, text comes out. The meeting is the review as stored with the decision (its start,
end and driver). "Ticked during the meeting" is read from the audit log: the ticks between the start of the
review and the decision that were still ticked when it was taken. A decision recorded outside a review
(`relmgr decide`) says so: no meeting length is ever invented.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from relmgr_tui import markdown_text as md
from relmgr_tui.domain import decision_status, signoff_status
from relmgr_tui.domain.errors import NotFound
from relmgr_tui.domain.model import (
    Decision,
    Event,
    Outcome,
    Release,
    ReleaseDetail,
    Risk,
    Signoff,
    Vote,
    signoff_move,
)

if TYPE_CHECKING:
    from relmgr_tui.service import Service

Signed = tuple[Signoff, bool]
"""A sign-off and whether it is stale now."""
AUDIT_DEPTH = 10_000
"""Audit events read back to find the ticks of an older meeting."""

VOTE_LABELS = {Vote.GO: "✓ GO", Vote.NO_GO: "✗ NO-GO", Vote.ABSTAIN: "~ abstain"}
OUTCOME_LABELS = {Outcome.GO: "✓ GO", Outcome.CONDITIONAL_GO: "✓ CONDITIONAL GO", Outcome.NO_GO: "✗ NO-GO"}
"""Words and marks, the same on screen and in the minutes: a vote never depends on colour."""

FORMATS = ("md", "json")


@dataclass(frozen=True, slots=True)
class Tick:
    """A checklist item ticked during the meeting."""

    text: str
    who: str
    at: datetime
    evidence: str = ""
    """What proves the item done, as the item holds it now (URL and note)."""


def meeting_ticks(events: Iterable[Event], started: datetime, decided: datetime) -> tuple[Tick, ...]:
    """Items ticked between `started` and `decided` and not unticked again before the decision, oldest first."""
    ticks: dict[str, Tick] = {}
    for event in sorted(events, key=lambda e: (e.at, e.id)):
        if not started <= event.at <= decided:
            continue
        if event.action == "item.tick":
            ticks[event.new] = Tick(event.new, event.who, event.at)
        elif event.action == "item.untick":
            ticks.pop(event.new, None)
    return tuple(ticks.values())


def with_evidence(ticks: Iterable[Tick], detail: ReleaseDetail) -> tuple[Tick, ...]:
    """The ticks with the evidence their items hold (an item named by its text, as the audit log names it)."""
    evidence = {item.text: item.evidence for item in detail.items if item.done}
    return tuple(replace(tick, evidence=evidence.get(tick.text, "")) for tick in ticks)


def vote_counts(decision: Decision) -> dict[Vote, int]:
    return {vote: sum(1 for a in decision.attendees if a.vote is vote) for vote in Vote}


# -- JSON ------------------------------------------------------------------------------------------


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def minutes_data(release: Release, decision: Decision, status: str, ticks: Iterable[Tick],
                 accepted: Sequence[Risk], signoffs: Sequence[Signed] = ()) -> dict[str, Any]:
    """The minutes as plain JSON-able data (the text exactly as stored)."""
    counts = vote_counts(decision)
    return {
        "release": {"version": release.version, "title": release.title, "phase": release.phase.value},
        "gate": {"closes": decision.gate.value, "opens": decision.gate.next.value if decision.gate.next else "released"},
        "outcome": decision.outcome.value,
        "decided_at": _iso(decision.decided_at),
        "decided_by": decision.decided_by,
        "review_started_at": _iso(decision.review_started_at) if decision.review_started_at else None,
        "review_ended_at": _iso(decision.review_ended_at) if decision.review_ended_at else None,
        "review_driver": decision.driver,
        "stale": status.startswith("stale"),
        "status": status,
        "authorised_move_at": _iso(decision.used_at) if decision.used_at else None,
        "attendees": [{"name": a.name, "function": a.function, "vote": a.vote.value} for a in decision.attendees],
        "votes": {vote.value: count for vote, count in counts.items()},
        "conditions": [
            {"text": c.text, "owner": c.owner, "deadline": c.deadline.isoformat() if c.deadline else None,
             "met_by": c.met_by, "met_at": _iso(c.met_at) if c.met_at else None}
            for c in decision.conditions
        ],
        "rationale": decision.rationale,
        "override_reason": decision.override_reason,
        "gate_at_decision": {"open": not decision.gate_snapshot, "blockers": list(decision.gate_snapshot)},
        "ticked_during_meeting": [{"text": t.text, "who": t.who, "at": _iso(t.at), "evidence": t.evidence}
                                  for t in ticks],
        "accepted_risks": [{"title": r.title, "score": r.score, "accepted_by": r.accepted_by,
                            "reason": r.accepted_reason} for r in accepted],
        "signoffs": [signoff_status.record(s, stale) for s, stale in signoffs],
    }


def to_json(release: Release, decision: Decision, status: str, ticks: Iterable[Tick], accepted: Sequence[Risk],
            signoffs: Sequence[Signed] = ()) -> str:
    data = minutes_data(release, decision, status, ticks, accepted, signoffs)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# -- Markdown --------------------------------------------------------------------------------------


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _clock(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%H:%M UTC")


def _duration(delta: timedelta) -> str:
    minutes = max(int(delta.total_seconds()) // 60, 0)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def to_markdown(release: Release, decision: Decision, status: str, ticks: Iterable[Tick],
                accepted: Sequence[Risk], signoffs: Sequence[Signed] = ()) -> str:
    gate_to = decision.gate.next.label if decision.gate.next else "Released"
    title = f": {md.inline(release.title)}" if release.title.strip() else ""
    if status.startswith("stale"):
        status += "; hold the review again"
    lines = [
        f"# Go/no-go minutes: {md.inline(release.version)}{title}",
        "",
        f"- **Decision:** {OUTCOME_LABELS[decision.outcome]}",
        f"- **Gate:** {decision.gate.label} -> {gate_to}",
        f"- **Decided:** {_utc(decision.decided_at)}, recorded by {md.inline(decision.decided_by)}",
        _md_review(decision),
        f"- **Status now:** {md.inline(status)}",
    ]
    lines += _md_attendees(decision)
    lines += _md_conditions(decision)
    lines += ["", "## Rationale", "", *md.lines(decision.rationale)]
    if decision.override_reason:
        lines += ["", "## Reason for going over the gate's blockers", "", *md.lines(decision.override_reason)]
    if accepted:
        lines += ["", "## Accepted risks (they do not block)", ""]
        lines += [f"- {md.inline(r.title)} (score {r.score}), accepted by {md.inline(r.accepted_by)}:"
                  f" {md.inline(r.accepted_reason)}" for r in accepted]
    lines += _md_signoffs(gate_to, signoffs)
    lines += ["", "## Gate report at the decision", ""]
    if decision.gate_snapshot:
        lines += [f"- ✗ {md.inline(blocker)}" for blocker in decision.gate_snapshot]
    else:
        lines.append("The gate was open: no blockers.")
    if decision.review_started_at is None:
        lines += ["", "## Items ticked during the meeting", "", "None counted: the decision was recorded outside a review."]
    else:
        lines += _md_ticks(tuple(ticks), decision.review_started_at, decision.decided_at)
    return "\n".join(lines) + "\n"


def _md_signoffs(gate_to: str, signoffs: Sequence[Signed]) -> list[str]:
    lines = ["", f"## Sign-offs before {gate_to}", ""]
    if not signoffs:
        return lines + ["None recorded."]
    return lines + [f"- {md.inline(s.role)}: {s.verdict.label}{', stale: the release changed since' if stale else ''}"
                    f" by {md.inline(s.who)}, {_utc(s.signed_at)}{f': {md.inline(s.comment)}' if s.comment else ''}"
                    for s, stale in signoffs]


def _md_review(decision: Decision) -> str:
    """The meeting as it happened, or that there was none: a length is never invented."""
    if decision.review_started_at is None:
        return "- **Review:** recorded outside a review (no meeting times)"
    ended = decision.review_ended_at or decision.decided_at
    driver = f", driven by {md.inline(decision.driver)}" if decision.driver else ""
    return (f"- **Review:** {_clock(decision.review_started_at)} to {_clock(ended)},"
            f" {_duration(ended - decision.review_started_at)}{driver}")


def _md_attendees(decision: Decision) -> list[str]:
    lines = ["", "## Attendees and votes", "", "| Name | Function | Vote |", "|---|---|---|"]
    lines += [f"| {md.inline(a.name)} | {md.inline(a.function) or '-'} | {VOTE_LABELS[a.vote]} |" for a in decision.attendees]
    counts = vote_counts(decision)
    lines += ["", f"Votes: {counts[Vote.GO]} go, {counts[Vote.NO_GO]} no-go, {counts[Vote.ABSTAIN]} abstain."]
    return lines


def _md_conditions(decision: Decision) -> list[str]:
    if not decision.conditions:
        return []
    lines = ["", "## Conditions", "", "| Condition | Owner | Deadline | Met |", "|---|---|---|---|"]
    for c in decision.conditions:
        deadline = c.deadline.isoformat() if c.deadline else "-"
        met = f"met by {md.inline(c.met_by)}, {_utc(c.met_at)}" if c.met_at else "not met"
        lines.append(f"| {md.inline(c.text)} | {md.inline(c.owner) or '-'} | {deadline} | {met} |")
    return lines


def _md_ticks(ticks: tuple[Tick, ...], started: datetime, decided: datetime) -> list[str]:
    lines = ["", f"## Items ticked during the meeting ({_clock(started)} to {_clock(decided)})", ""]
    if not ticks:
        return lines + ["None."]
    return lines + [f"- [x] {md.inline(t.text)} ({md.inline(t.who)}, {_clock(t.at)})"
                    + (f"; evidence: {md.inline(t.evidence)}" if t.evidence else "") for t in ticks]


RENDERERS = {"md": to_markdown, "json": to_json}


def render(fmt: str, release: Release, decision: Decision, status: str, ticks: Iterable[Tick],
           accepted: Sequence[Risk], signoffs: Sequence[Signed] = ()) -> str:
    """The minutes in `fmt`, one of FORMATS; `status`: what the decision stands for now (decision_status);
    `signoffs`: the sign-offs of the move the decision is on, each with whether it is stale."""
    return RENDERERS[fmt](release, decision, status, ticks, accepted, signoffs)


def filename(version: str, decided_at: datetime, fmt: str = "md") -> str:
    """`minutes-2.4.0-20261126-0930.md`: one file per decision, safe on every file system."""
    safe = re.sub(r"[^A-Za-z0-9._+-]", "_", version)
    return f"minutes-{safe}-{decided_at.astimezone(UTC):%Y%m%d-%H%M}.{fmt}"


def last_decision(detail: ReleaseDetail) -> Decision:
    if not detail.decisions:
        raise NotFound(
            f"{detail.release.version} has no go/no-go decision yet: hold the review (g in relmgr) and record one."
        )
    return detail.decisions[0]


def minutes_for(service: Service, detail: ReleaseDetail, fmt: str) -> str:
    """The minutes of the release's last decision, the meeting as it was stored."""
    decision = last_decision(detail)
    events = service.activity(detail.release.id, AUDIT_DEPTH)
    started = decision.review_started_at
    ticks = () if started is None else with_evidence(meeting_ticks(events, started, decision.decided_at), detail)
    accepted = tuple(r for r in detail.risks if r.status.is_live and r.accepted)
    signed = tuple((s, s.is_stale(detail.release)) for s in detail.signoffs_for(signoff_move(decision.gate)))
    return render(fmt, detail.release, decision, decision_status.status(decision, detail.release, events), ticks,
                  accepted, signed)


def run_minutes_command(service: Service, version: str, fmt: str = "md") -> str:
    """`relmgr minutes VERSION [--format md|json]`: the minutes of the release's last decision."""
    return minutes_for(service, service.detail_by_version(version), fmt)
