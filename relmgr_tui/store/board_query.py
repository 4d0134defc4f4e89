"""The board's five queries, as plain SQL that both SQLAlchemy and the standard `sqlite3` module can run.

`Repo.board()` runs them through SQLAlchemy on SQLite and PostgreSQL. `first_cards()` runs the same text
through `sqlite3` at start-up, so the first screenful of cards is drawn before SQLAlchemy is even
imported (importing it takes longer than drawing the board). One text, two drivers: the board cannot
show something else on start-up than after it.

This module imports neither sqlalchemy nor sqlmodel, on purpose.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from relmgr_tui.domain.gates import GateEvidence
from relmgr_tui.domain.model import (
    BOARD_STATES,
    LIVE_RISK_STATUSES,
    Methodology,
    Outcome,
    Phase,
    Release,
    ReleaseKind,
    ReleaseState,
    StepStatus,
)
from relmgr_tui.store.location import read_only_uri
from relmgr_tui.store.migrations import HEAD

SQLITE_MAGIC = b"SQLite format 3\x00"
"""The first bytes of every SQLite file: anything else is not opened at all."""

Execute = Callable[[str, dict[str, Any]], Iterable[Sequence[Any]]]
"""Runs one SQL text with named (:name) parameters and returns its rows as tuples."""


def _sql_list(values: Iterable[str]) -> str:
    """Enum values as an SQL list; they are our own identifiers, never user text."""
    return "(" + ", ".join(f"'{value}'" for value in values) + ")"


ON_BOARD = f"r.state IN {_sql_list(s.value for s in BOARD_STATES)}"
ONE_RELEASE = f"{ON_BOARD} AND r.id = :release_id"
BOARD_ORDER = "r.target_date IS NULL, r.target_date, r.version"
FIRST_OF_EACH_PHASE = f"""SELECT id FROM (
    SELECT r.id, ROW_NUMBER() OVER (PARTITION BY r.phase ORDER BY {BOARD_ORDER}) AS place
    FROM release r WHERE {ON_BOARD}
) ranked WHERE place <= :per_phase"""
"""The ids of the first :per_phase cards of every column, in board order: what a screen shows at once."""

RELEASE_COLUMNS = (
    "r.id, r.version, r.title, r.kind, r.methodology, r.phase, r.state, r.owner, r.target_date, r.summary,"
    " r.created_at, r.updated_at, r.evidence_revision, r.row_version"
)
PREPARING = Phase.PREPARING.value
LIVE_RISKS = _sql_list(s.value for s in LIVE_RISK_STATUSES)
NOT_REHEARSED = {StepStatus.PENDING.value, StepStatus.FAILED.value}


def _queries(scope: str) -> tuple[str, str, str, str, str]:
    """Releases, current-phase checklist items, live risks, rollback steps and latest decisions of the
    releases that `scope` (a condition on `r`, the release table) selects."""
    return (
        f"SELECT {RELEASE_COLUMNS} FROM release r WHERE {scope} ORDER BY {BOARD_ORDER}",
        "SELECT i.release_id, i.required, i.done, i.text FROM checklist_item i"
        f" JOIN release r ON r.id = i.release_id AND r.phase = i.phase WHERE {scope}"
        " ORDER BY i.release_id, i.position",
        "SELECT k.release_id, k.title, k.likelihood * k.impact FROM risk k"
        f" JOIN release r ON r.id = k.release_id WHERE {scope} AND k.status IN {LIVE_RISKS}",
        "SELECT s.release_id, s.status, s.action FROM rollback_step s"
        f" JOIN release r ON r.id = s.release_id WHERE {scope} AND r.phase = '{PREPARING}'"
        " ORDER BY s.release_id, s.position",
        "SELECT d.release_id, d.outcome, d.evidence_revision,"
        " (SELECT COUNT(*) FROM decision_condition c WHERE c.decision_id = d.id) FROM decision d"
        f" JOIN release r ON r.id = d.release_id WHERE {scope} AND r.phase = '{PREPARING}'"
        f" AND d.gate = '{PREPARING}' ORDER BY d.id",
    )


@dataclass(frozen=True, slots=True)
class BoardRow:
    """One card's worth of data: the release, its current-phase progress and its gate evidence."""

    release: Release
    done: int
    total: int
    evidence: GateEvidence


def board_rows(execute: Execute, scope: str = ON_BOARD, params: dict[str, Any] | None = None) -> list[BoardRow]:
    """Run the five queries for `scope` and put each card's data together."""
    params = params or {}
    release_sql, item_sql, risk_sql, step_sql, decision_sql = _queries(scope)
    releases = [release_from_values(values) for values in execute(release_sql, params)]
    if not releases:
        return []
    done: dict[int, int] = defaultdict(int)
    total: dict[int, int] = defaultdict(int)
    open_required: dict[int, list[str]] = defaultdict(list)
    open_optional: dict[int, int] = defaultdict(int)
    for rid, required, is_done, item_text in execute(item_sql, params):
        total[rid] += 1
        if is_done:
            done[rid] += 1
        elif required:
            open_required[rid].append(item_text)
        else:
            open_optional[rid] += 1
    live: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for rid, title, score in execute(risk_sql, params):
        live[rid].append((title, score))
    step_count: dict[int, int] = defaultdict(int)
    unrehearsed: dict[int, list[str]] = defaultdict(list)
    for rid, status, action in execute(step_sql, params):
        step_count[rid] += 1
        if status in NOT_REHEARSED:
            unrehearsed[rid].append(action)
    latest = {rid: (outcome, revision, count) for rid, outcome, revision, count in execute(decision_sql, params)}

    rows = []
    for release in releases:
        outcome, revision, condition_count = latest.get(release.id, (None, None, 0))
        evidence = GateEvidence(
            version=release.version,
            phase=release.phase,
            methodology=release.methodology,
            state=release.state,
            open_required_items=tuple(open_required.get(release.id, ())),
            open_optional_items=open_optional.get(release.id, 0),
            rollback_steps=step_count.get(release.id, 0),
            unrehearsed_steps=tuple(unrehearsed.get(release.id, ())),
            live_risks=tuple(live.get(release.id, ())),
            decision_outcome=Outcome(outcome) if outcome else None,
            decision_stale=outcome is not None and revision != release.evidence_revision,
            decision_conditions=condition_count,
        )
        rows.append(BoardRow(release, done.get(release.id, 0), total.get(release.id, 0), evidence))
    return rows


# -- raw driver values to domain values: SQLite gives text, PostgreSQL gives dates ------------------

def _date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _utc(value: datetime | str) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def release_from_values(values: Sequence[Any]) -> Release:
    """A release from the RELEASE_COLUMNS of one row, as the driver returned them."""
    (rid, version, title, kind, methodology, phase, state, owner, target_date, summary, created_at, updated_at,
     evidence_revision, row_version) = values
    return Release(
        id=rid,
        version=version,
        title=title,
        kind=ReleaseKind(kind),
        methodology=Methodology(methodology),
        phase=Phase(phase),
        state=ReleaseState(state),
        owner=owner,
        target_date=_date(target_date),
        summary=summary,
        created_at=_utc(created_at),
        updated_at=_utc(updated_at),
        evidence_revision=evidence_revision,
        row_version=row_version,
    )


# -- start-up: the first screenful without SQLAlchemy ---------------------------------------------

@dataclass(frozen=True)
class FirstCards:
    """What the board shows in its first frame: the first cards of every column and the true counts."""

    revision: int
    rows: list[BoardRow]
    counts: dict[Phase, int]

    @property
    def complete(self) -> bool:
        return len(self.rows) == sum(self.counts.values())


def first_cards(path: Path, per_phase: int) -> FirstCards | None:
    """Read the first `per_phase` cards of each column from a SQLite file, read-only, in one snapshot.

    None when the file is not a current relmgr database or cannot be read: the caller then takes the
    normal way in, which checks, migrates or explains. Nothing here can change the file; in a folder
    relmgr cannot write, it is read as immutable (SQLite could not make its -shm file there).
    """
    try:
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                return None
        connection = sqlite3.connect(read_only_uri(path.resolve()), uri=True)
    except (OSError, sqlite3.Error, ValueError):
        return None
    try:
        with closing(connection):
            connection.execute("BEGIN")  # one read snapshot for the revision, the counts and the cards

            def execute(sql: str, params: dict[str, Any]) -> list[tuple]:
                return connection.execute(sql, params).fetchall()

            if execute("SELECT version_num FROM alembic_version", {}) != [(HEAD,)]:
                return None
            [(revision,)] = execute("SELECT value FROM meta WHERE key = 'revision'", {}) or [(0,)]
            counts = {Phase(phase): count for phase, count in execute(
                f"SELECT r.phase, COUNT(*) FROM release r WHERE {ON_BOARD} GROUP BY r.phase", {})}
            ids = [int(rid) for (rid,) in execute(FIRST_OF_EACH_PHASE, {"per_phase": per_phase})]
            rows = board_rows(execute, f"r.id IN ({', '.join(map(str, ids))})") if ids else []
            return FirstCards(revision, rows, counts)
    except (sqlite3.Error, ValueError):
        return None
