"""SQLModel table models. Datetimes are aware UTC (sqlmodel's UTCDateTime); shown in local time by the UI.

Every editable row carries `row_version`, SQLAlchemy's version_id_col: an UPDATE that finds another
version than the one it loaded raises StaleDataError instead of overwriting a colleague's change.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel


def _version_column() -> Column:
    return Column("row_version", Integer, nullable=False, default=1, server_default="1")


_release_version = _version_column()
_item_version = _version_column()
_risk_version = _version_column()
_step_version = _version_column()
_scope_version = _version_column()
_review_version = _version_column()
_action_version = _version_column()
_freeze_version = _version_column()
_signoff_version = _version_column()


class ReleaseRow(SQLModel, table=True):
    __tablename__ = "release"
    __table_args__ = (
        Index("ix_release_state_phase", "state", "phase"),
        Index("ix_release_window_start", "window_start"),
        Index("ix_release_target_date", "target_date"),
    )
    __mapper_args__ = {"version_id_col": _release_version}

    id: int | None = Field(default=None, primary_key=True)
    version: str = Field(max_length=64, unique=True)
    title: str = ""
    kind: str = Field(max_length=16)
    methodology: str = Field(max_length=16)
    phase: str = Field(max_length=16)
    state: str = Field(max_length=16)
    owner: str = ""
    target_date: date | None = None
    summary: str = ""
    created_at: datetime
    updated_at: datetime
    evidence_revision: int = 0
    row_version: int = Field(default=1, sa_column=_release_version)
    state_reason: str = Field(default="", sa_column_kwargs={"server_default": ""})
    state_changed_at: datetime | None = None
    hold_until: date | None = None
    released_at: datetime | None = None
    closed_at: datetime | None = None
    window_start: datetime | None = None
    """The deployment window, aware UTC; all three set or all three empty (the calendar reads the index)."""
    window_end: datetime | None = None
    window_zone: str | None = Field(default=None, max_length=64)
    """The IANA zone the window was given in."""


class MilestoneRow(SQLModel, table=True):
    """The planned end of one phase of a release (at most one per phase)."""

    __tablename__ = "milestone"
    __table_args__ = (UniqueConstraint("release_id", "phase", name="uq_milestone_release_phase"),)

    id: int | None = Field(default=None, primary_key=True)
    release_id: int = Field(foreign_key="release.id", ondelete="CASCADE")
    phase: str = Field(max_length=16)
    planned: date


class FreezeRow(SQLModel, table=True):
    """A change freeze: releases of the kinds it applies to do not enter Deploying over it."""

    __tablename__ = "change_freeze"
    __mapper_args__ = {"version_id_col": _freeze_version}

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=80, unique=True)
    starts: datetime
    ends: datetime
    reason: str = ""
    exempt_kinds: str = "emergency"
    """Comma-separated kinds the freeze lets through."""
    row_version: int = Field(default=1, sa_column=_freeze_version)
    zone: str = Field(default="UTC", max_length=64)
    """The IANA zone its dates were given in: they are shown in it."""


class ChecklistItemRow(SQLModel, table=True):
    __tablename__ = "checklist_item"
    __table_args__ = (Index("ix_checklist_item_release_phase", "release_id", "phase", "position"),)
    __mapper_args__ = {"version_id_col": _item_version}

    id: int | None = Field(default=None, primary_key=True)
    release_id: int = Field(foreign_key="release.id", ondelete="CASCADE")
    phase: str = Field(max_length=16)
    position: int
    text: str
    required: bool = True
    done: bool = False
    done_by: str = ""
    done_at: datetime | None = None
    owner: str = ""
    note: str = ""
    rule: str = Field(default="", max_length=32)
    row_version: int = Field(default=1, sa_column=_item_version)
    early: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    from_template: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    evidence_url: str = Field(default="", sa_column_kwargs={"server_default": ""})
    """What proves the tick (a CI run), http or https, stored without credentials or tokens."""
    evidence_note: str = Field(default="", sa_column_kwargs={"server_default": ""})


class RiskRow(SQLModel, table=True):
    __tablename__ = "risk"
    __mapper_args__ = {"version_id_col": _risk_version}

    id: int | None = Field(default=None, primary_key=True)
    release_id: int = Field(foreign_key="release.id", ondelete="CASCADE", index=True)
    title: str
    description: str = ""
    category: str = ""
    likelihood: int
    impact: int
    owner: str = ""
    response: str = Field(default="reduce", max_length=16)
    mitigation: str = ""
    contingency: str = ""
    status: str = Field(default="open", max_length=16)
    outcome: str | None = Field(default=None, max_length=16)
    last_reviewed: datetime | None = None
    accepted_by: str = ""
    accepted_reason: str = ""
    row_version: int = Field(default=1, sa_column=_risk_version)


class RollbackStepRow(SQLModel, table=True):
    __tablename__ = "rollback_step"
    __mapper_args__ = {"version_id_col": _step_version}

    id: int | None = Field(default=None, primary_key=True)
    release_id: int = Field(foreign_key="release.id", ondelete="CASCADE", index=True)
    position: int
    action: str
    command: str = ""
    owner: str = ""
    expected_minutes: int = 5
    status: str = Field(default="pending", max_length=16)
    last_rehearsed_at: datetime | None = None
    row_version: int = Field(default=1, sa_column=_step_version)


class ScopeItemRow(SQLModel, table=True):
    """What a release contains: one row per tracker key (unique within the release)."""

    __tablename__ = "scope_item"
    __table_args__ = (UniqueConstraint("release_id", "key", name="uq_scope_item_release_key"),)
    __mapper_args__ = {"version_id_col": _scope_version}

    id: int | None = Field(default=None, primary_key=True)
    release_id: int = Field(foreign_key="release.id", ondelete="CASCADE")
    key: str = Field(max_length=64)
    title: str
    type: str = Field(default="feature", max_length=16)
    status: str = Field(default="open", max_length=16)
    severity: str | None = Field(default=None, max_length=16)
    """Bugs only; NULL for none."""
    url: str = ""
    row_version: int = Field(default=1, sa_column=_scope_version)


class DecisionRow(SQLModel, table=True):
    """A recorded go/no-go decision: written once, never edited."""

    __tablename__ = "decision"

    id: int | None = Field(default=None, primary_key=True)
    release_id: int = Field(foreign_key="release.id", ondelete="CASCADE", index=True)
    gate: str = Field(max_length=16)
    outcome: str = Field(max_length=16)
    rationale: str = ""
    override_reason: str = ""
    decided_at: datetime
    decided_by: str = ""
    evidence_revision: int = 0
    gate_snapshot: str = "[]"
    """JSON list of the blocker sentences at the time of the decision."""
    used_at: datetime | None = None
    """When the release made the move this decision authorised (then it never goes stale)."""
    review_started_at: datetime | None = None
    review_ended_at: datetime | None = None
    driver: str = ""


class DecisionAttendeeRow(SQLModel, table=True):
    __tablename__ = "decision_attendee"

    id: int | None = Field(default=None, primary_key=True)
    decision_id: int = Field(foreign_key="decision.id", ondelete="CASCADE", index=True)
    position: int
    name: str
    function: str = ""
    vote: str = Field(default="abstain", max_length=16)


class DecisionConditionRow(SQLModel, table=True):
    __tablename__ = "decision_condition"

    id: int | None = Field(default=None, primary_key=True)
    decision_id: int = Field(foreign_key="decision.id", ondelete="CASCADE", index=True)
    position: int
    text: str
    owner: str = ""
    deadline: date | None = None
    met_by: str = ""
    met_at: datetime | None = None
    met_note: str = ""


class ReviewRow(SQLModel, table=True):
    """A released or rolled-back release's post-release review: one per release."""

    __tablename__ = "review"
    __mapper_args__ = {"version_id_col": _review_version}

    id: int | None = Field(default=None, primary_key=True)
    release_id: int = Field(foreign_key="release.id", ondelete="CASCADE", unique=True)
    went_well: str = ""
    went_badly: str = ""
    findings: str = ""
    created_at: datetime
    created_by: str = ""
    row_version: int = Field(default=1, sa_column=_review_version)


class ReviewActionRow(SQLModel, table=True):
    __tablename__ = "review_action"
    __table_args__ = (Index("ix_review_action_open_due", "done", "due"),)
    __mapper_args__ = {"version_id_col": _action_version}

    id: int | None = Field(default=None, primary_key=True)
    review_id: int = Field(foreign_key="review.id", ondelete="CASCADE", index=True)
    position: int
    text: str
    owner: str = ""
    due: date
    done: bool = False
    done_at: datetime | None = None
    proposal_phase: str | None = Field(default=None, max_length=16)
    proposal_text: str = ""
    row_version: int = Field(default=1, sa_column=_action_version)


class SignoffRow(SQLModel, table=True):
    """One role's sign-off of one move of a release (a new sign-off in that role replaces it)."""

    __tablename__ = "signoff"
    __table_args__ = (UniqueConstraint("release_id", "move", "role", name="uq_signoff_release_move_role"),)
    __mapper_args__ = {"version_id_col": _signoff_version}

    id: int | None = Field(default=None, primary_key=True)
    release_id: int = Field(foreign_key="release.id", ondelete="CASCADE", index=True)
    move: str = Field(max_length=16)
    role: str = Field(max_length=64)
    who: str = ""
    verdict: str = Field(max_length=16)
    comment: str = ""
    signed_at: datetime
    evidence_revision: int = 0
    row_version: int = Field(default=1, sa_column=_signoff_version)


class EventRow(SQLModel, table=True):
    """The audit log. No foreign key: the history of a deleted release stays readable."""

    __tablename__ = "event"
    __table_args__ = (Index("ix_event_release", "release_id", "id"), Index("ix_event_action_at", "action", "at"))

    id: int | None = Field(default=None, primary_key=True)
    at: datetime
    who: str = ""
    release_id: int | None = None
    release_version: str = ""
    action: str = Field(max_length=64)
    old: str = ""
    new: str = ""
    reason: str = ""


class MetaRow(SQLModel, table=True):
    """Small counters; `revision` goes up by one in every write transaction (the live-refresh marker)."""

    __tablename__ = "meta"

    key: str = Field(primary_key=True, max_length=32)
    value: int = 0
