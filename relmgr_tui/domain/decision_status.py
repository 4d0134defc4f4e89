"""What a recorded decision stands for now, in words: authorised its move, current, or stale, and then
what changed since, with who and when, read from the audit log.

A meeting saw the checklist, the risks, the rollback plan, the release fields and the sign-offs by role:
a sign-off given, rejected or revoked after the decision is one of its changes ("signed off 'qa: approved'
by alice at ...")."""

from __future__ import annotations

from collections.abc import Iterable

from relmgr_tui.domain.event_words import in_words
from relmgr_tui.domain.model import Decision, Event, Release

SHOWN_CHANGES = 3
NOT_SEEN_BY_MEETING = ("decision.", "condition.", "release.advance", "release.override", "release.back",
                       "release.phase", "release.hold", "release.resume", "release.cancel", "release.rolled_back",
                       "release.reopen", "release.create", "release.restore", "release.evidence")
"""Audit actions that are not a change to what a go/no-go meeting saw: moves, states and decisions. Every
other action is one: the checklist (item.*), the risks (risk.*), the rollback plan (step.*), the release's
fields (release.edit, ...), the scope, what the release contains (scope.*: added, edited, status set,
removed, moved, deferred, imported), and the schedule: `release.window` ("changed the deployment window")
and `release.milestone` ("changed a milestone"), which `Unit.touch` makes stale (service/schedule.py)."""


def changes_since(decision: Decision, events: Iterable[Event]) -> list[Event]:
    """The changes to what the meeting saw after the decision, oldest first."""
    ordered = sorted(events, key=lambda e: e.id)
    recorded = [n for n, e in enumerate(ordered) if e.action == "decision.record" and e.at == decision.decided_at]
    later = ordered[recorded[-1] + 1:] if recorded else [e for e in ordered if e.at > decision.decided_at]
    return [e for e in later if not e.action.startswith(NOT_SEEN_BY_MEETING)]


def _change(event: Event) -> str:
    what = event.new or event.old
    return f"{in_words(event)} {what!r} by {event.who} at {event.at:%Y-%m-%d %H:%M} UTC"


def status(decision: Decision, release: Release, events: Iterable[Event]) -> str:
    """'authorised the move to Deploying at ...', 'current', or 'stale: changed since: ..., and 4 more'."""
    if decision.used_at is not None:
        target = decision.gate.next.label if decision.gate.next else "Released"
        return f"authorised the move to {target} at {decision.used_at:%Y-%m-%d %H:%M} UTC"
    if not decision.is_stale(release):
        return "current"
    changes = changes_since(decision, events)
    shown = "; ".join(_change(e) for e in changes[:SHOWN_CHANGES]) or "the evidence changed"
    more = f", and {len(changes) - SHOWN_CHANGES} more" if len(changes) > SHOWN_CHANGES else ""
    return f"stale: changed since: {shown}{more}"


def statuses(decisions: Iterable[Decision], release: Release, events: Iterable[Event]) -> dict[int, str]:
    """What each decision stands for, newest first in `decisions`: the newest as `status` says; an older
    one either authorised its move or was superseded by a later decision."""
    events = tuple(events)
    words: dict[int, str] = {}
    for newest, decision in enumerate(decisions):
        if newest == 0 or decision.used_at is not None:
            words[decision.id] = status(decision, release, events)
        else:
            words[decision.id] = "superseded"
    return words
