"""The release-management vocabulary: enums and immutable value types.

Standard library only. Nothing here reads a clock or a database: timestamps are passed in (UTC).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from relmgr_tui.domain.review import Review
    from relmgr_tui.domain.schedule import CalendarEntry, Freeze


class Phase(StrEnum):
    """The five phases a release walks through, in order."""

    PLANNING = "planning"
    BUILDING = "building"
    TESTING = "testing"
    PREPARING = "preparing"
    DEPLOYING = "deploying"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def index(self) -> int:
        return PHASES.index(self)

    @property
    def next(self) -> Phase | None:
        i = self.index
        return PHASES[i + 1] if i + 1 < len(PHASES) else None

    @property
    def previous(self) -> Phase | None:
        i = self.index
        return PHASES[i - 1] if i > 0 else None


PHASES: tuple[Phase, ...] = tuple(Phase)


class ReleaseState(StrEnum):
    ACTIVE = "active"
    ON_HOLD = "on_hold"
    RELEASED = "released"
    ROLLED_BACK = "rolled_back"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")

    @property
    def on_board(self) -> bool:
        """Active and on-hold releases are on the board; the others are archived."""
        return self in (ReleaseState.ACTIVE, ReleaseState.ON_HOLD)


BOARD_STATES: tuple[ReleaseState, ...] = (ReleaseState.ACTIVE, ReleaseState.ON_HOLD)


class ReleaseKind(StrEnum):
    MAJOR = "major"
    MINOR = "minor"
    PATCH = "patch"
    EMERGENCY = "emergency"


class Methodology(StrEnum):
    """Waterfall enforces gates; agile treats them as advice that needs a written reason to override."""

    WATERFALL = "waterfall"
    AGILE = "agile"


class RiskStatus(StrEnum):
    OPEN = "open"
    MITIGATING = "mitigating"
    CLOSED = "closed"
    OCCURRED = "occurred"

    @property
    def is_live(self) -> bool:
        """Open and mitigating risks still threaten the release."""
        return self in (RiskStatus.OPEN, RiskStatus.MITIGATING)


LIVE_RISK_STATUSES: tuple[RiskStatus, ...] = (RiskStatus.OPEN, RiskStatus.MITIGATING)


class RiskResponse(StrEnum):
    AVOID = "avoid"
    REDUCE = "reduce"
    TRANSFER = "transfer"
    ACCEPT = "accept"


class RiskOutcome(StrEnum):
    """How a risk ended when it is closed."""

    MITIGATED = "mitigated"
    DID_NOT_OCCUR = "did_not_occur"
    OCCURRED = "occurred"


class StepStatus(StrEnum):
    PENDING = "pending"
    REHEARSED = "rehearsed"
    EXECUTED = "executed"
    FAILED = "failed"

    @property
    def is_rehearsed(self) -> bool:
        """Proven to work: rehearsed, or executed for real. Pending and failed steps are not."""
        return self in (StepStatus.REHEARSED, StepStatus.EXECUTED)


class Vote(StrEnum):
    GO = "go"
    NO_GO = "no_go"
    ABSTAIN = "abstain"

    @property
    def label(self) -> str:
        return self.value.replace("_", "-")


class Outcome(StrEnum):
    GO = "go"
    CONDITIONAL_GO = "conditional_go"
    NO_GO = "no_go"

    @property
    def label(self) -> str:
        return {"go": "GO", "conditional_go": "CONDITIONAL GO", "no_go": "NO-GO"}[self.value]

    @property
    def permits_deploy(self) -> bool:
        return self in (Outcome.GO, Outcome.CONDITIONAL_GO)


class ScopeType(StrEnum):
    """What a scope item is: something new, a defect, or housekeeping."""

    FEATURE = "feature"
    BUG = "bug"
    CHORE = "chore"


class ScopeStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DEFERRED = "deferred"
    """Will not be done in this release (Jira's "Won't Do")."""

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")

    @property
    def unfinished(self) -> bool:
        """Open or in progress: still to be done in this release."""
        return self in (ScopeStatus.OPEN, ScopeStatus.IN_PROGRESS)


class Severity(StrEnum):
    """How bad a bug is, worst first."""

    BLOCKER = "blocker"
    CRITICAL = "critical"
    MAJOR = "major"
    MINOR = "minor"

    @property
    def rank(self) -> int:
        """4 for a blocker down to 1 for a minor bug: a higher rank is worse."""
        return len(SEVERITIES) - SEVERITIES.index(self)

    def at_least(self, other: Severity) -> bool:
        return self.rank >= other.rank


SEVERITIES: tuple[Severity, ...] = tuple(Severity)


@dataclass(frozen=True, slots=True)
class Window:
    """A deployment window: `start` < `end`, both aware UTC; `zone` the IANA zone it was given in
    (domain/schedule.py parses and checks one)."""

    start: datetime
    end: datetime
    zone: str

    def overlaps(self, start: datetime, end: datetime) -> bool:
        return self.start < end and start < self.end


@dataclass(frozen=True, slots=True)
class Milestone:
    """The planned end of one phase of a release."""

    phase: Phase
    planned: date


@dataclass(frozen=True, slots=True)
class Release:
    id: int
    version: str
    title: str
    kind: ReleaseKind
    methodology: Methodology
    phase: Phase
    state: ReleaseState
    owner: str
    target_date: date | None
    summary: str
    created_at: datetime
    updated_at: datetime
    evidence_revision: int = 0
    """Bumped whenever the checklist, risks or rollback plan change: a decision taken at an older
    revision is stale."""
    row_version: int = 1
    state_reason: str = ""
    """Why it was put on hold, cancelled or rolled back (domain/lifecycle.py)."""
    state_changed_at: datetime | None = None
    hold_until: date | None = None
    released_at: datetime | None = None
    closed_at: datetime | None = None
    """When it left the board: released, cancelled or rolled back."""
    window: Window | None = None
    """The deployment window; None: only the target date is planned."""

    @property
    def finished(self) -> bool:
        """Released, rolled back or cancelled: no gate, no due date."""
        return not self.state.on_board


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    id: int
    release_id: int
    phase: Phase
    position: int
    text: str
    required: bool = True
    done: bool = False
    done_by: str = ""
    done_at: datetime | None = None
    owner: str = ""
    note: str = ""
    rule: str = ""
    """A rule the app evaluates instead of a person ticking the item (domain/rules.py); empty: by hand."""
    row_version: int = 1
    early: bool = False
    """May be ticked before the release reaches its phase (e.g. announcing the release window)."""
    from_template: bool = False
    """Came from the kind's template set, not added by hand: changing the kind may replace it while unticked."""
    evidence_url: str = ""
    """What proves the tick (e.g. the CI run); cleared when the item is unticked."""
    evidence_note: str = ""
    """What the evidence says (e.g. "1,423 passed")."""

    @property
    def evidence(self) -> str:
        """The URL and the note in one line, as every rendering shows them ("" when there is none)."""
        return " - ".join(part for part in (self.evidence_url, self.evidence_note) if part)


@dataclass(frozen=True, slots=True)
class Risk:
    id: int
    release_id: int
    title: str
    likelihood: int
    impact: int
    description: str = ""
    category: str = ""
    owner: str = ""
    response: RiskResponse = RiskResponse.REDUCE
    mitigation: str = ""
    contingency: str = ""
    status: RiskStatus = RiskStatus.OPEN
    outcome: RiskOutcome | None = None
    last_reviewed: datetime | None = None
    accepted_by: str = ""
    accepted_reason: str = ""
    row_version: int = 1

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def accepted(self) -> bool:
        """Accepted by a named person with a reason: live in the register, but no longer a blocker."""
        return bool(self.accepted_by)


@dataclass(frozen=True, slots=True)
class RollbackStep:
    id: int
    release_id: int
    position: int
    action: str
    command: str = ""
    owner: str = ""
    expected_minutes: int = 5
    status: StepStatus = StepStatus.PENDING
    last_rehearsed_at: datetime | None = None
    row_version: int = 1


@dataclass(frozen=True, slots=True)
class ScopeItem:
    """One thing a release contains: a feature, a bug fix or a chore, by its tracker key (PAY-123)."""

    id: int
    release_id: int
    key: str
    title: str
    type: ScopeType = ScopeType.FEATURE
    status: ScopeStatus = ScopeStatus.OPEN
    severity: Severity | None = None
    """Bugs only: how bad it is (an open bug at or above `blocking_bug_severity` blocks Deploying)."""
    url: str = ""
    """Where the tracker shows it, http or https, stored without credentials or tokens."""
    row_version: int = 1

    @property
    def open_bug(self) -> bool:
        return self.type is ScopeType.BUG and self.status.unfinished


@dataclass(frozen=True, slots=True)
class Attendee:
    name: str
    function: str
    vote: Vote = Vote.ABSTAIN


@dataclass(frozen=True, slots=True)
class Condition:
    text: str
    owner: str = ""
    deadline: date | None = None
    met_by: str = ""
    met_at: datetime | None = None
    met_note: str = ""

    @property
    def met(self) -> bool:
        return self.met_at is not None

    def overdue(self, today: date) -> bool:
        return not self.met and self.deadline is not None and self.deadline < today


@dataclass(frozen=True, slots=True)
class Decision:
    id: int
    release_id: int
    gate: Phase
    """The phase this decision closes."""
    outcome: Outcome
    rationale: str
    decided_at: datetime
    decided_by: str
    evidence_revision: int
    attendees: tuple[Attendee, ...] = ()
    conditions: tuple[Condition, ...] = ()
    override_reason: str = ""
    gate_snapshot: tuple[str, ...] = ()
    """The blockers of the gate report when the decision was taken (empty: the gate was open)."""
    used_at: datetime | None = None
    """When the release made the move this decision authorised; a used decision never goes stale."""
    review_started_at: datetime | None = None
    """None: recorded outside a review (the command line)."""
    review_ended_at: datetime | None = None
    driver: str = ""

    @property
    def used(self) -> bool:
        return self.used_at is not None

    def is_stale(self, release: Release) -> bool:
        """An unused decision goes stale once what the meeting saw changes (checklist, risks, rollback plan,
        scope, target date, kind, methodology, summary). The decision that authorised a move stays as it was."""
        return not self.used and release.evidence_revision != self.evidence_revision

    @property
    def unmet_conditions(self) -> tuple[Condition, ...]:
        return tuple(c for c in self.conditions if not c.met)


class Verdict(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"

    @property
    def label(self) -> str:
        return "approved" if self is Verdict.APPROVE else "rejected"


RELEASED_MOVE = "released"
"""The sign-off key of the move out of Deploying."""


def signoff_move(phase: Phase) -> str:
    """The move out of `phase` as sign-offs name it: the phase it enters, or "released"."""
    return phase.next.value if phase.next else RELEASED_MOVE


def move_label(move: str) -> str:
    """"deploying" -> "Deploying", "released" -> "Released"."""
    return move.capitalize()


@dataclass(frozen=True, slots=True)
class Signoff:
    """A person's approval (or rejection) of a move, in a role, as themselves: the go/no-go meeting sees it."""

    id: int
    release_id: int
    move: str
    """The move it is for (`signoff_move`): "deploying", "released", ..."""
    role: str
    who: str
    """The signer's identity: the database role on PostgreSQL, the OS user on SQLite; never typed."""
    verdict: Verdict
    comment: str
    signed_at: datetime
    evidence_revision: int
    """The release's evidence revision when it was signed: a change since makes it stale."""
    row_version: int = 1

    def is_stale(self, release: Release) -> bool:
        """What was signed changed since (checklist, risks, rollback plan, the fields a meeting saw) while the
        move it approves is still to be made; once made, it stands as it was, like a used decision."""
        pending = release.state.on_board and self.move == signoff_move(release.phase)
        return pending and release.evidence_revision != self.evidence_revision


@dataclass(frozen=True, slots=True)
class Event:
    """One line of the audit log."""

    id: int
    at: datetime
    who: str
    release_id: int | None
    release_version: str
    action: str
    old: str = ""
    new: str = ""
    reason: str = ""


@dataclass(frozen=True, slots=True)
class ReleaseDetail:
    """Everything the workspace shows for one release, loaded at once."""

    release: Release
    items: tuple[ChecklistItem, ...] = ()
    risks: tuple[Risk, ...] = ()
    steps: tuple[RollbackStep, ...] = ()
    decisions: tuple[Decision, ...] = field(default=())
    """Newest first."""
    scope: tuple[ScopeItem, ...] = ()
    """What the release contains, by key."""
    review: Review | None = None
    """The post-release review, once written (domain/review.py)."""
    milestones: tuple[Milestone, ...] = ()
    """The planned end of each phase that has one, in phase order."""
    freezes: tuple[Freeze, ...] = ()
    """The change freezes overlapping the release's deployment window (any kind: the gate asks which apply)."""
    neighbours: tuple[CalendarEntry, ...] = ()
    """The other releases whose deployment windows overlap this one's (the gate's clash warnings)."""
    holidays: tuple[tuple[date, str], ...] = ()
    """The public holidays the window touches, when config.toml names a country (the service adds them)."""
    signoffs: tuple[Signoff, ...] = ()
    """Every sign-off, by move and role."""

    def signoffs_for(self, move: str) -> tuple[Signoff, ...]:
        return tuple(s for s in self.signoffs if s.move == move)

    def items_in(self, phase: Phase) -> tuple[ChecklistItem, ...]:
        return tuple(i for i in self.items if i.phase == phase)
