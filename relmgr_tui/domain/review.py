"""The post-release review: what went well and what did not, findings, and actions with owners and due
dates; an action may propose an item for a checklist template (issue #17).

A review belongs to a released or rolled-back release, one per release. Its actions are numbered as they
are shown (1, 2, ...), in the order they were added.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from relmgr_tui.domain import validation
from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import Phase, Release, ReleaseState

REVIEWABLE = frozenset({ReleaseState.RELEASED, ReleaseState.ROLLED_BACK})
ACTION_FORM = '"TEXT;OWNER;YYYY-MM-DD", e.g. "Load test the payment API;ana;2026-12-04"'
TEXT_FIELDS = ("went_well", "went_badly", "findings")
"""The review's own texts, in the order they are shown."""
TEXT_LABELS = {"went_well": "What went well", "went_badly": "What did not go well", "findings": "Findings"}


@dataclass(frozen=True, slots=True)
class ReviewAction:
    id: int
    review_id: int
    position: int
    text: str
    owner: str
    due: date
    done: bool = False
    done_at: datetime | None = None
    proposal_phase: Phase | None = None
    """A checklist phase this action proposes an item for (with `proposal_text`); None: no proposal."""
    proposal_text: str = ""
    row_version: int = 1

    def overdue(self, today: date) -> bool:
        return not self.done and self.due < today

    def status(self, today: date) -> str:
        """'done', 'due 2026-12-04' or 'OVERDUE since 2026-12-04': a word, never a colour alone."""
        if self.done:
            return "done"
        return f"OVERDUE since {self.due.isoformat()}" if self.overdue(today) else f"due {self.due.isoformat()}"

    @property
    def proposal(self) -> str:
        """"add item 'X' to Testing", or "" when the action proposes no template change."""
        if self.proposal_phase is None:
            return ""
        return f"add item {self.proposal_text!r} to {self.proposal_phase.label}"


@dataclass(frozen=True, slots=True)
class Review:
    id: int
    release_id: int
    went_well: str
    went_badly: str
    findings: str
    created_at: datetime
    created_by: str
    row_version: int = 1
    actions: tuple[ReviewAction, ...] = ()

    def action(self, number: int) -> ReviewAction:
        """The action numbered `number` as shown (1-based)."""
        if not 1 <= number <= len(self.actions):
            have = f"1 to {len(self.actions)}" if self.actions else "none yet"
            raise InvalidInput(f"the review has no action {number} (actions: {have})", field="action")
        return self.actions[number - 1]

    def open_actions_due(self, by: date) -> tuple[ReviewAction, ...]:
        return tuple(a for a in self.actions if not a.done and a.due <= by)


def refusal(release: Release) -> str:
    """Why `release` cannot have a review (yet), or "" when it can."""
    if release.state in REVIEWABLE:
        return ""
    return (f"{release.version} is {release.state.label}: a post-release review is for a released or rolled-back"
            " release")


def parse_action(spec: str) -> tuple[str, str, date]:
    """'TEXT;OWNER;YYYY-MM-DD' -> (text, owner, due); InvalidInput naming the expected form otherwise."""
    parts = [part.strip() for part in (spec or "").split(";")]
    if len(parts) != 3 or not parts[0] or not parts[1]:
        raise InvalidInput(f"action {spec!r} is not in the form {ACTION_FORM}", field="action")
    text, owner, due = parts
    try:
        day = validation.optional_date(due, "due date")
    except InvalidInput:
        raise InvalidInput(f"action {spec!r}: the due date must be YYYY-MM-DD, as in {ACTION_FORM}",
                           field="action") from None
    if day is None:
        raise InvalidInput(f"action {spec!r} is not in the form {ACTION_FORM}", field="action")
    return text, owner, day
