"""The board's grouped queries (one per kind of row, whatever the number of cards), as plain SQL that both
SQLAlchemy and the standard `sqlite3` module can run.

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
from datetime import date
from pathlib import Path
from typing import Any

from relmgr_tui.domain.errors import UnreadableRow
from relmgr_tui.domain.gates import GateEvidence, SignoffRules
from relmgr_tui.domain.model import (
    BOARD_STATES,
    Outcome,
    Phase,
    Release,
    RiskStatus,
    ScopeStatus,
    ScopeType,
    Severity,
    StepStatus,
    Verdict,
    signoff_move,
)
from relmgr_tui.store.location import read_only_uri
from relmgr_tui.store.migrations import HEAD
from relmgr_tui.domain.schedule import Freeze
from relmgr_tui.store.rows import FREEZE_FIELDS, RELEASE_FIELDS, RowReader, release_from_values, shown, to_freeze

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

RELEASE_COLUMNS = ", ".join(f"r.{name}" for name in RELEASE_FIELDS)
PREPARING = Phase.PREPARING.value
ENDED_RISKS = _sql_list(s.value for s in RiskStatus if not s.is_live)
"""Every other status is read, so that one this relmgr does not know is seen, not taken for an ended risk."""
PHASE_VALUES = frozenset(p.value for p in Phase)


def _queries(scope: str) -> tuple[str, str, str, str, str, str]:
    """Releases, current-phase checklist items, live risks, rollback steps, latest decisions, sign-offs and
    current-phase milestones of the releases that `scope` (a condition on `r`, the release table) selects."""
    return (
        f"SELECT {RELEASE_COLUMNS} FROM release r WHERE {scope} ORDER BY {BOARD_ORDER}",
        "SELECT i.release_id, i.required, i.done, i.text FROM checklist_item i"
        f" JOIN release r ON r.id = i.release_id AND r.phase = i.phase WHERE {scope}"
        " ORDER BY i.release_id, i.position",
        "SELECT k.release_id, k.id, k.status, k.title, k.likelihood * k.impact, k.accepted_by FROM risk k"
        f" JOIN release r ON r.id = k.release_id WHERE {scope} AND k.status NOT IN {ENDED_RISKS}",
        "SELECT s.release_id, s.id, s.status, s.action FROM rollback_step s"
        f" JOIN release r ON r.id = s.release_id WHERE {scope} AND r.phase = '{PREPARING}'"
        " ORDER BY s.release_id, s.position",
        "SELECT d.release_id, d.id, d.outcome, d.evidence_revision,"
        " (SELECT COUNT(*) FROM decision_condition c WHERE c.decision_id = d.id),"
        " (SELECT COUNT(*) FROM decision_condition c WHERE c.decision_id = d.id AND c.met_at IS NULL),"
        " (SELECT MIN(c.deadline) FROM decision_condition c WHERE c.decision_id = d.id AND c.met_at IS NULL),"
        " d.used_at, d.override_reason FROM decision d"
        f" JOIN release r ON r.id = d.release_id WHERE {scope} AND r.phase = '{PREPARING}'"
        f" AND d.gate = '{PREPARING}' ORDER BY d.id",
        "SELECT m.release_id, m.planned FROM milestone m"
        f" JOIN release r ON r.id = m.release_id AND r.phase = m.phase WHERE {scope}",
        "SELECT g.release_id, g.id, g.move, g.role, g.who, g.verdict, g.evidence_revision FROM signoff g"
        f" JOIN release r ON r.id = g.release_id WHERE {scope} ORDER BY g.id",
    )


FINISHED_SCOPE = _sql_list(s.value for s in ScopeStatus if not s.unfinished)
"""As with risks, every other status is read, so that one this relmgr does not know is seen."""


def _scope_query(scope: str) -> str:
    """The unfinished scope items of the releases in Preparing that `scope` selects: what the gate into
    Deploying reads (open bugs block, unfinished features warn)."""
    return ("SELECT q.release_id, q.id, q.key, q.title, q.type, q.status, q.severity FROM scope_item q"
            f" JOIN release r ON r.id = q.release_id WHERE {scope} AND r.phase = '{PREPARING}'"
            f" AND q.status NOT IN {FINISHED_SCOPE} ORDER BY q.release_id, q.key")


def _scope_evidence(rows: Iterable[Sequence[Any]], unreadable: dict[int, str]) -> dict[int, dict[str, Any]]:
    """The GateEvidence fields of each release's scope, by release id."""
    bugs: dict[int, list[tuple[str, str, Severity]]] = defaultdict(list)
    features: dict[int, list[str]] = defaultdict(list)
    for rid, item_id, key, title, kind, status, severity in rows:
        if _known(status, ScopeStatus, unreadable, rid, f"scope_item {item_id}: status") is None:
            continue
        known = _known(kind, ScopeType, unreadable, rid, f"scope_item {item_id}: type")
        if known is ScopeType.FEATURE:
            features[rid].append(key)
        elif known is ScopeType.BUG and severity:
            level = _known(severity, Severity, unreadable, rid, f"scope_item {item_id}: severity")
            if level is not None:
                bugs[rid].append((key, title, level))
    return {rid: {"open_bugs": tuple(bugs.get(rid, ())), "unfinished_features": tuple(features.get(rid, ()))}
            for rid in bugs.keys() | features.keys()}


@dataclass(frozen=True, slots=True)
class BoardRow:
    """One card's worth of data: the release, its current-phase progress and its gate evidence."""

    release: Release
    done: int
    total: int
    evidence: GateEvidence
    milestone_due: date | None = None
    """The planned end of the current phase: the card shows its slip once it is past."""


def board_rows(
    execute: Execute, scope: str = ON_BOARD, params: dict[str, Any] | None = None,
    signoff_rules: SignoffRules = {},
) -> tuple[list[BoardRow], list[str]]:
    """Run the queries for `scope` and put each card's data together; `signoff_rules`: the roles the
    templates ask to sign off, by move.

    Also returns the problem of each release left out because this relmgr cannot read it or a row the card
    stands on (an unknown phase, step status or decision outcome, a malformed date): one such row must not
    take the whole board down, nor be judged on what could be read of it.
    """
    params = params or {}
    release_sql, item_sql, risk_sql, step_sql, decision_sql, milestone_sql, signoff_sql = _queries(scope)
    releases, unreadable = _releases(execute(release_sql, params))
    if not releases:
        return [], list(unreadable.values())
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
    accepted: dict[int, list[tuple[str, int, str]]] = defaultdict(list)
    for rid, risk_id, status, title, score, accepted_by in execute(risk_sql, params):
        if not _known(status, RiskStatus, unreadable, rid, f"risk {risk_id}: status"):
            continue
        if accepted_by:
            accepted[rid].append((title, score, accepted_by))
        else:
            live[rid].append((title, score))
    step_count: dict[int, int] = defaultdict(int)
    unrehearsed: dict[int, list[str]] = defaultdict(list)
    for rid, step_id, status, action in execute(step_sql, params):
        step_count[rid] += 1
        known = _known(status, StepStatus, unreadable, rid, f"rollback_step {step_id}: status")
        if known is not None and not known.is_rehearsed:
            unrehearsed[rid].append(action)
    latest: dict[int, dict[str, Any]] = {}
    for rid, decision_id, outcome, revision, count, unmet, due, used_at, override in execute(decision_sql, params):
        known = _known(outcome, Outcome, unreadable, rid, f"decision {decision_id}: outcome")
        try:
            read = RowReader("decision", {"id": decision_id, "used_at": used_at, "deadline": due})
            used, first_due = read.optional_moment("used_at"), read.day("deadline")
        except UnreadableRow as exc:
            unreadable.setdefault(rid, str(exc))
            continue
        latest[rid] = {
            "decision_outcome": known, "decision_conditions": count, "decision_unmet": unmet,
            "decision_unmet_due": first_due,
            "decision_used_at": used, "decision_override": bool(known and known.permits_deploy and override),
            "_revision": revision,
        }
    scope_evidence = _scope_evidence(execute(_scope_query(scope), params), unreadable)

    milestones = _milestones(execute(milestone_sql, params), unreadable)
    freezes = _freezes(execute(FREEZE_SQL, {})) if any(r.window for r in releases) else []

    signoffs: dict[int, list[tuple[str, str, str, Verdict, int]]] = defaultdict(list)
    for rid, signoff_id, move, role, who, verdict, revision in execute(signoff_sql, params):
        known = _known(verdict, Verdict, unreadable, rid, f"signoff {signoff_id}: verdict")
        if known is not None:
            signoffs[rid].append((move, role, who, known, revision))

    rows = []
    for release in releases:
        if release.id in unreadable:
            continue
        move = signoff_move(release.phase)
        decision = dict(latest.get(release.id, {}))
        revision = decision.pop("_revision", None)
        if decision:
            decision["decision_stale"] = decision["decision_used_at"] is None and revision != release.evidence_revision
        evidence = GateEvidence(
            version=release.version,
            phase=release.phase,
            methodology=release.methodology,
            state=release.state,
            state_reason=release.state_reason,
            open_required_items=tuple(open_required.get(release.id, ())),
            open_optional_items=open_optional.get(release.id, 0),
            rollback_steps=step_count.get(release.id, 0),
            unrehearsed_steps=tuple(unrehearsed.get(release.id, ())),
            live_risks=tuple(live.get(release.id, ())),
            accepted_risks=tuple(accepted.get(release.id, ())),
            **decision,
            **scope_evidence.get(release.id, {}),
            **_schedule_evidence(release, freezes),
            signoffs_required=tuple(signoff_rules.get(move, ())),
            signoffs=tuple((role, who, verdict, revision != release.evidence_revision)
                           for signed_move, role, who, verdict, revision in signoffs.get(release.id, ())
                           if signed_move == move),
        )
        rows.append(BoardRow(release, done.get(release.id, 0), total.get(release.id, 0), evidence,
                             milestones.get(release.id)))
    return rows, list(unreadable.values())


def _milestones(rows: Iterable[Sequence[Any]], unreadable: dict[int, str]) -> dict[int, date]:
    """The planned end of each release's current phase; a malformed date marks its release unreadable."""
    planned = {}
    for rid, day in rows:
        try:
            planned[rid] = RowReader("milestone", {"id": rid, "planned": day}).day("planned")
        except UnreadableRow as exc:
            unreadable.setdefault(rid, str(exc))
    return planned


FREEZE_SQL = f"SELECT {', '.join(FREEZE_FIELDS)} FROM change_freeze ORDER BY starts, id"
"""Every change freeze, read once for the whole board (there are a handful)."""


def _freezes(rows: Iterable[Sequence[Any]]) -> list[Freeze]:
    """The freezes of FREEZE_SQL; one this relmgr cannot read is left out, as the workspace's read does."""
    freezes = []
    for values in rows:
        try:
            freezes.append(to_freeze(dict(zip(FREEZE_FIELDS, values, strict=True))))
        except UnreadableRow:
            continue
    return freezes


def _schedule_evidence(release: Release, freezes: Sequence[Freeze]) -> dict[str, Any]:
    """The card's freeze evidence: the freezes over its window, as `gates.evidence_of` gathers them."""
    window = release.window
    if window is None:
        return {}
    return {"kind": release.kind, "window": window,
            "freezes": tuple(f for f in freezes if f.overlaps(window.start, window.end))}


def _releases(rows: Iterable[Sequence[Any]]) -> tuple[list[Release], dict[int, str]]:
    """The releases of the release query, and the problem of each one this relmgr cannot read, by id."""
    releases, unreadable = [], {}
    for values in rows:
        try:
            releases.append(release_from_values(values))
        except UnreadableRow as exc:
            unreadable[values[0]] = exc.problem
    return releases, unreadable


def _known(value: Any, enum_type: type, unreadable: dict[int, str], release_id: int, where: str) -> Any:
    """`value` as a member of `enum_type`; an unknown one marks its release unreadable (first problem kept)."""
    try:
        return enum_type(value)
    except ValueError:
        unreadable.setdefault(release_id, f"{where} {shown(value)} is not one this relmgr knows")
        return None


# -- start-up: the first screenful without SQLAlchemy ---------------------------------------------

@dataclass(frozen=True)
class FirstCards:
    """What the board shows in its first frame: the first cards of every column and the true counts."""

    revision: int
    rows: list[BoardRow]
    counts: dict[Phase, int]
    complete: bool
    """Whether these are all the cards of the board."""
    skipped: tuple[str, ...] = ()
    """The problem of each release left out because this relmgr cannot read it."""


def first_cards(path: Path, per_phase: int, signoff_rules: SignoffRules = {}) -> FirstCards | None:
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
            counts = dict(execute(f"SELECT r.phase, COUNT(*) FROM release r WHERE {ON_BOARD} GROUP BY r.phase", {}))
            ids = [int(rid) for (rid,) in execute(FIRST_OF_EACH_PHASE, {"per_phase": per_phase})]
            chosen = f"r.id IN ({', '.join(map(str, ids))})"
            rows, skipped = board_rows(execute, chosen, signoff_rules=signoff_rules) if ids else ([], [])
            known = {Phase(phase): count for phase, count in counts.items() if phase in PHASE_VALUES}
            return FirstCards(revision, rows, known, len(ids) == sum(counts.values()), tuple(skipped))
    except (sqlite3.Error, ValueError):
        return None
