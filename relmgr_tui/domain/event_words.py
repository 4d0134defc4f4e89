"""Audit-log actions in words ("ticked", "moved to Testing", "put on hold"), for every place a person reads
them: the Activity pane, the "changed in another terminal" message and a stale decision's changes.
`relmgr events` keeps the raw action names: scripts read those."""

from __future__ import annotations

from relmgr_tui.domain.model import Event

WORDS = {
    "item.tick": "ticked", "item.untick": "unticked", "item.add": "added item", "item.edit": "edited item",
    "item.remove": "removed item", "item.restore": "put back item", "item.move": "moved item",
    "risk.add": "added risk", "risk.edit": "edited risk", "risk.accept": "accepted risk",
    "risk.unaccept": "withdrew risk acceptance", "risk.close": "closed risk", "risk.reopen": "reopened risk",
    "risk.remove": "removed risk", "risk.restore": "put back risk",
    "step.add": "added rollback step", "step.edit": "edited rollback step", "step.move": "moved rollback step",
    "step.remove": "removed rollback step", "step.restore": "put back rollback step",
    "step.pending": "marked step pending", "step.rehearsed": "rehearsed step", "step.executed": "ran step",
    "step.failed": "step failed",
    "release.create": "created", "release.edit": "edited", "release.methodology": "changed methodology",
    "release.delete": "deleted", "release.restore": "put back", "release.phase": "put back to",
    "release.hold": "put on hold", "release.resume": "resumed", "release.cancel": "cancelled",
    "release.rolled_back": "marked rolled back", "release.reopen": "reopened",
    "scope.add": "added scope item", "scope.edit": "edited scope item", "scope.status": "set scope item status",
    "scope.remove": "removed scope item", "scope.move": "moved scope items", "scope.defer": "deferred scope items",
    "scope.import": "imported scope items", "scope.replace": "put back scope items",
    "release.window": "changed the deployment window", "release.milestone": "changed a milestone",
    "freeze.add": "added change freeze", "freeze.edit": "edited change freeze",
    "freeze.remove": "removed change freeze", "freeze.restore": "put back change freeze",
    "signoff.approve": "signed off", "signoff.reject": "rejected in sign-off", "signoff.revoke": "revoked sign-off",
    "decision.record": "recorded decision", "condition.met": "condition met", "condition.unmet": "condition unmet",
    "review.create": "wrote the review", "review.edit": "edited the review", "review.remove": "removed the review",
    "review.restore": "put back the review", "review.action_add": "added review action",
    "review.action_edit": "edited review action", "review.action_done": "closed review action",
    "review.action_reopen": "reopened review action", "review.action_remove": "removed review action",
    "review.action_restore": "put back review action",
}
MOVES = {"release.advance": "moved to", "release.override": "moved over the gate to", "release.back": "moved back to"}
"""Moves name where the release went, which the event's new value holds ("testing", "released")."""


def in_words(event: Event) -> str:
    """'ticked', 'moved to Testing', 'put back to Building'; an action this relmgr does not know, as stored."""
    if event.action in MOVES:
        return f"{MOVES[event.action]} {_place(event.new)}"
    if event.action == "release.phase":
        return f"{WORDS[event.action]} {_place(event.new)}"
    return WORDS.get(event.action, event.action)


def _place(value: str) -> str:
    """'testing' -> 'Testing', 'building on_hold' -> 'Building (on hold)'."""
    phase, _, state = value.partition(" ")
    place = phase.capitalize()
    return f"{place} ({state.replace('_', ' ')})" if state and state != "active" else place
