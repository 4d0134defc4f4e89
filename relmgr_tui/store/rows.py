"""Stored rows to domain objects, value by value: a value this relmgr cannot read names its row.

Another relmgr (a newer one) or a person with sqlite3 can leave a phase, a status or a date behind that
this code does not know. Every conversion here says which table, row and column hold it (UnreadableRow),
so that a listing can leave that row out and say so, and reading that release fails with one clear line
instead of a traceback. A row may be an ORM entity, an SQLAlchemy Row or a plain mapping; SQLite hands
dates and timestamps over as text, PostgreSQL as objects, and both are read here.

This module imports neither sqlalchemy nor sqlmodel: the quick start's plain sqlite3 read uses it too.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from enum import StrEnum
from functools import partial
from typing import Any, TypeVar

from relmgr_tui.domain.errors import UnreadableRow
from relmgr_tui.domain.model import (
    Attendee,
    ChecklistItem,
    Condition,
    Decision,
    Event,
    Methodology,
    Outcome,
    Phase,
    Release,
    ReleaseKind,
    ReleaseState,
    Risk,
    RiskOutcome,
    RiskResponse,
    RiskStatus,
    RollbackStep,
    ScopeItem,
    ScopeStatus,
    ScopeType,
    Severity,
    Signoff,
    StepStatus,
    Verdict,
    Vote,
    Window,
)
from relmgr_tui.domain.review import Review, ReviewAction
from relmgr_tui.domain.schedule import CalendarEntry, Freeze, Milestone

Choice = TypeVar("Choice", bound=StrEnum)

SHOWN_VALUE = 60
"""At most this many characters of a stored value go into a message."""


def shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= SHOWN_VALUE else f"{text[:SHOWN_VALUE - 3]}..."


class RowReader:
    """The columns of one stored row, each checked as it is read."""

    __slots__ = ("_get", "_row")

    def __init__(self, table: str, row: Any) -> None:
        self._get = row.__getitem__ if isinstance(row, Mapping) else partial(getattr, row)
        self._row = f"{table} {self._get('id')}"

    def _unreadable(self, column: str, value: Any, what: str) -> UnreadableRow:
        if value is None:
            return UnreadableRow(f"{self._row}: {column} is empty (NULL), which this relmgr does not expect")
        return UnreadableRow(f"{self._row}: {column} {shown(value)} is {what}")

    def text(self, column: str) -> str:
        value = self._get(column)
        if isinstance(value, str):
            return value
        raise self._unreadable(column, value, "not text")

    def number(self, column: str) -> int:
        value = self._get(column)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise self._unreadable(column, value, "not a whole number")

    def optional_number(self, column: str) -> int | None:
        return None if self._get(column) is None else self.number(column)

    def flag(self, column: str) -> bool:
        value = self._get(column)
        if value is not None and value in (0, 1):  # SQLite keeps booleans as 0 and 1
            return bool(value)
        raise self._unreadable(column, value, "neither true nor false")

    def choice(self, column: str, enum_type: type[Choice]) -> Choice:
        value = self._get(column)
        try:
            return enum_type(value)
        except ValueError:
            raise self._unreadable(column, value, "not one this relmgr knows") from None

    def optional_choice(self, column: str, enum_type: type[Choice]) -> Choice | None:
        return self.choice(column, enum_type) if self._get(column) else None

    def day(self, column: str) -> date | None:
        value = self._get(column)
        if value is None or type(value) is date:
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise self._unreadable(column, value, "not a date this relmgr can read")

    def moment(self, column: str) -> datetime:
        value = self._get(column)
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value)
            except ValueError:
                pass
        if isinstance(value, datetime):
            return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        raise self._unreadable(column, value, "not a timestamp this relmgr can read")

    def optional_moment(self, column: str) -> datetime | None:
        return None if self._get(column) is None else self.moment(column)

    def window(self) -> Window | None:
        """The release's deployment window: its three columns all set, or all empty."""
        get = self._get
        zone = get("window_zone")
        if zone is None and get("window_start") is None and get("window_end") is None:
            return None  # most releases: three lookups, nothing parsed (the archive reads eighteen thousand)
        if not isinstance(zone, str):
            raise self._unreadable("window_zone", zone, "not a time zone name")
        return Window(self.moment("window_start"), self.moment("window_end"), zone)

    def kinds(self, column: str) -> frozenset[ReleaseKind]:
        """A comma-separated list of release kinds (a freeze's exempt kinds)."""
        value = self.text(column)
        try:
            return frozenset(ReleaseKind(name) for name in value.split(",") if name)
        except ValueError:
            raise self._unreadable(column, value, "not a list of release kinds this relmgr knows") from None

    def texts(self, column: str) -> tuple[str, ...]:
        """A JSON list of sentences (a decision's gate snapshot)."""
        value = self._get(column)
        try:
            items = json.loads(value or "[]")
        except (TypeError, ValueError):
            items = None
        if isinstance(items, list) and all(isinstance(item, str) for item in items):
            return tuple(items)
        raise self._unreadable(column, value, "not a list of sentences")


def to_release(row: Any) -> Release:
    read = RowReader("release", row)
    return Release(
        id=read.number("id"),
        version=read.text("version"),
        title=read.text("title"),
        kind=read.choice("kind", ReleaseKind),
        methodology=read.choice("methodology", Methodology),
        phase=read.choice("phase", Phase),
        state=read.choice("state", ReleaseState),
        owner=read.text("owner"),
        target_date=read.day("target_date"),
        summary=read.text("summary"),
        created_at=read.moment("created_at"),
        updated_at=read.moment("updated_at"),
        evidence_revision=read.number("evidence_revision"),
        row_version=read.number("row_version"),
        state_reason=read.text("state_reason"),
        state_changed_at=read.optional_moment("state_changed_at"),
        hold_until=read.day("hold_until"),
        released_at=read.optional_moment("released_at"),
        closed_at=read.optional_moment("closed_at"),
        window=read.window(),
    )


def to_calendar_entry(row: Any) -> CalendarEntry:
    """A release as the calendar places it, from the columns of `store.calendar_query.ENTRY_COLUMNS`."""
    read = RowReader("release", row)
    return CalendarEntry(read.number("id"), read.text("version"), read.text("title"), read.text("owner"),
                         read.choice("kind", ReleaseKind), read.choice("phase", Phase),
                         read.choice("state", ReleaseState), read.window(), read.day("target_date"))


RELEASE_FIELDS = (
    "id", "version", "title", "kind", "methodology", "phase", "state", "owner", "target_date", "summary",
    "created_at", "updated_at", "evidence_revision", "row_version", "state_reason", "state_changed_at",
    "hold_until", "released_at", "closed_at", "window_start", "window_end", "window_zone",
)
"""The release columns `release_from_values` expects, in order."""


def release_from_values(values: Sequence[Any]) -> Release:
    """A release from the RELEASE_FIELDS of one row, as a driver returned them."""
    return to_release(dict(zip(RELEASE_FIELDS, values, strict=True)))


def to_item(row: Any) -> ChecklistItem:
    read = RowReader("checklist_item", row)
    return ChecklistItem(
        id=read.number("id"),
        release_id=read.number("release_id"),
        phase=read.choice("phase", Phase),
        position=read.number("position"),
        text=read.text("text"),
        required=read.flag("required"),
        done=read.flag("done"),
        done_by=read.text("done_by"),
        done_at=read.optional_moment("done_at"),
        owner=read.text("owner"),
        note=read.text("note"),
        rule=read.text("rule"),
        row_version=read.number("row_version"),
        early=read.flag("early"),
        from_template=read.flag("from_template"),
        evidence_url=read.text("evidence_url"),
        evidence_note=read.text("evidence_note"),
    )


def to_risk(row: Any) -> Risk:
    read = RowReader("risk", row)
    return Risk(
        id=read.number("id"),
        release_id=read.number("release_id"),
        title=read.text("title"),
        likelihood=read.number("likelihood"),
        impact=read.number("impact"),
        description=read.text("description"),
        category=read.text("category"),
        owner=read.text("owner"),
        response=read.choice("response", RiskResponse),
        mitigation=read.text("mitigation"),
        contingency=read.text("contingency"),
        status=read.choice("status", RiskStatus),
        outcome=read.optional_choice("outcome", RiskOutcome),
        last_reviewed=read.optional_moment("last_reviewed"),
        accepted_by=read.text("accepted_by"),
        accepted_reason=read.text("accepted_reason"),
        row_version=read.number("row_version"),
    )


def to_step(row: Any) -> RollbackStep:
    read = RowReader("rollback_step", row)
    return RollbackStep(
        id=read.number("id"),
        release_id=read.number("release_id"),
        position=read.number("position"),
        action=read.text("action"),
        command=read.text("command"),
        owner=read.text("owner"),
        expected_minutes=read.number("expected_minutes"),
        status=read.choice("status", StepStatus),
        last_rehearsed_at=read.optional_moment("last_rehearsed_at"),
        row_version=read.number("row_version"),
    )


def to_scope_item(row: Any) -> ScopeItem:
    read = RowReader("scope_item", row)
    return ScopeItem(
        id=read.number("id"),
        release_id=read.number("release_id"),
        key=read.text("key"),
        title=read.text("title"),
        type=read.choice("type", ScopeType),
        status=read.choice("status", ScopeStatus),
        severity=read.optional_choice("severity", Severity),
        url=read.text("url"),
        row_version=read.number("row_version"),
    )


def to_signoff(row: Any) -> Signoff:
    read = RowReader("signoff", row)
    return Signoff(
        id=read.number("id"),
        release_id=read.number("release_id"),
        move=read.text("move"),
        role=read.text("role"),
        who=read.text("who"),
        verdict=read.choice("verdict", Verdict),
        comment=read.text("comment"),
        signed_at=read.moment("signed_at"),
        evidence_revision=read.number("evidence_revision"),
        row_version=read.number("row_version"),
    )


def to_attendee(row: Any) -> Attendee:
    read = RowReader("decision_attendee", row)
    return Attendee(read.text("name"), read.text("function"), read.choice("vote", Vote))


def to_condition(row: Any) -> Condition:
    read = RowReader("decision_condition", row)
    return Condition(read.text("text"), read.text("owner"), read.day("deadline"), read.text("met_by"),
                     read.optional_moment("met_at"), read.text("met_note"))


def to_decision(row: Any, attendees: Sequence[Attendee] = (), conditions: Sequence[Condition] = ()) -> Decision:
    read = RowReader("decision", row)
    return Decision(
        id=read.number("id"),
        release_id=read.number("release_id"),
        gate=read.choice("gate", Phase),
        outcome=read.choice("outcome", Outcome),
        rationale=read.text("rationale"),
        decided_at=read.moment("decided_at"),
        decided_by=read.text("decided_by"),
        evidence_revision=read.number("evidence_revision"),
        attendees=tuple(attendees),
        conditions=tuple(conditions),
        override_reason=read.text("override_reason"),
        gate_snapshot=read.texts("gate_snapshot"),
        used_at=read.optional_moment("used_at"),
        review_started_at=read.optional_moment("review_started_at"),
        review_ended_at=read.optional_moment("review_ended_at"),
        driver=read.text("driver"),
    )


def to_event(row: Any) -> Event:
    read = RowReader("event", row)
    return Event(
        id=read.number("id"),
        at=read.moment("at"),
        who=read.text("who"),
        release_id=read.optional_number("release_id"),
        release_version=read.text("release_version"),
        action=read.text("action"),
        old=read.text("old"),
        new=read.text("new"),
        reason=read.text("reason"),
    )


def to_review_action(row: Any) -> ReviewAction:
    read = RowReader("review_action", row)
    return ReviewAction(
        id=read.number("id"),
        review_id=read.number("review_id"),
        position=read.number("position"),
        text=read.text("text"),
        owner=read.text("owner"),
        due=read.day("due"),
        done=read.flag("done"),
        done_at=read.optional_moment("done_at"),
        proposal_phase=read.optional_choice("proposal_phase", Phase),
        proposal_text=read.text("proposal_text"),
        row_version=read.number("row_version"),
    )


def to_review(row: Any, actions: Sequence[ReviewAction] = ()) -> Review:
    read = RowReader("review", row)
    return Review(
        id=read.number("id"),
        release_id=read.number("release_id"),
        went_well=read.text("went_well"),
        went_badly=read.text("went_badly"),
        findings=read.text("findings"),
        created_at=read.moment("created_at"),
        created_by=read.text("created_by"),
        row_version=read.number("row_version"),
        actions=tuple(actions),
    )


def to_milestone(row: Any) -> Milestone:
    read = RowReader("milestone", row)
    planned = read.day("planned")
    if planned is None:
        raise read._unreadable("planned", None, "empty")
    return Milestone(read.choice("phase", Phase), planned)


FREEZE_FIELDS = ("id", "name", "starts", "ends", "reason", "exempt_kinds", "row_version", "zone")


def to_freeze(row: Any) -> Freeze:
    read = RowReader("change_freeze", row)
    return Freeze(
        id=read.number("id"),
        name=read.text("name"),
        starts=read.moment("starts"),
        ends=read.moment("ends"),
        reason=read.text("reason"),
        exempt_kinds=read.kinds("exempt_kinds"),
        row_version=read.number("row_version"),
        zone=read.text("zone"),
    )
