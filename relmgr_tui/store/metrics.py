"""Delivery metrics in SQL: aggregates and window functions, the same statements on SQLite and PostgreSQL
but for two fragments (a duration in days, the UTC day of a moment). No release is loaded into Python:
each query returns a handful of rows. What each figure means is said in domain/metrics.py.

Percentiles are nearest-rank, picked with ROW_NUMBER over the sorted values: the rank is
(n * p + 99) / 100 in integer arithmetic, which is ceil(p * n / 100).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import DateTime, String, bindparam, text
from sqlalchemy.engine import Connection

from relmgr_tui.domain.metrics import LeadTime, Metrics, Period, PhaseTime, Restore, Share, WeekCount
from relmgr_tui.domain.model import PHASES, Phase, ReleaseKind

_RELEASED_BY = "('release.advance', 'release.override')"
_PHASE_MOVES = ("('release.create', 'release.advance', 'release.override', 'release.back', 'release.phase',"
                " 'release.rolled_back', 'release.reopen', 'release.cancel')")
"""The audit actions that start or end a stay in a phase (hold and resume do not: the release stays put)."""


class _Dialect:
    """The two fragments SQLite and PostgreSQL write differently."""

    def __init__(self, name: str) -> None:
        self.postgres = name == "postgresql"

    def days(self, later: str, earlier: str) -> str:
        """Fractional days from `earlier` to `later`."""
        if self.postgres:
            return f"(EXTRACT(EPOCH FROM ({later} - {earlier})) / 86400.0)"
        return f"(julianday({later}) - julianday({earlier}))"

    def whole_days(self, later: str, earlier: str) -> str:
        if self.postgres:
            return f"CAST(EXTRACT(DAY FROM ({later} - {earlier})) AS INTEGER)"
        return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"

    def utc_day(self, moment: str) -> str:
        return f"CAST(timezone('UTC', {moment}) AS DATE)" if self.postgres else f"date({moment})"


def _ranked(source: str, group: str, value: str) -> str:
    """`source` (rows of `group`, `value`) with each value's rank in its group and the group's size."""
    return (f"SELECT {group} AS grp, {value} AS v, ROW_NUMBER() OVER (PARTITION BY {group} ORDER BY {value}) AS rn,"
            f" COUNT(*) OVER (PARTITION BY {group}) AS n FROM ({source}) AS src")


def _percentile(p: int) -> str:
    """The nearest-rank `p`th percentile of a `_ranked` group, as an aggregate."""
    return f"MAX(CASE WHEN rn = (n * {p} + 99) / 100 THEN v END)"


class MetricQueries:
    """The queries of one period (and kind): one read transaction, a few small result sets."""

    def __init__(self, connection: Connection, period: Period, kind: ReleaseKind | None) -> None:
        self.connection = connection
        self.sql = _Dialect(connection.dialect.name)
        self.period, self.kind = period, kind
        self.params: dict[str, Any] = {"start": period.start, "end": period.end}
        if kind is not None:
            self.params["kind"] = kind.value

    def _rows(self, statement: str) -> list[Any]:
        query = text(statement).bindparams(bindparam("start", type_=DateTime(timezone=True)),
                                           bindparam("end", type_=DateTime(timezone=True)))
        if self.kind is not None:
            query = query.bindparams(bindparam("kind", type_=String))
        return list(self.connection.execute(query, self.params))

    def _kind_of(self, alias: str) -> str:
        return f" AND {alias}.kind = :kind" if self.kind is not None else ""

    def _event_kind(self, event: str = "e") -> str:
        """Joins an event to its release when a kind is chosen (an event of a deleted release then drops out)."""
        if self.kind is None:
            return ""
        return f" JOIN release r ON r.id = {event}.release_id AND r.kind = :kind"

    def metrics(self) -> Metrics:
        released, on_time, weeks = self._released()
        failure, restore = self._rollbacks()
        return Metrics(
            period=self.period, kind=self.kind, released=released, per_week=weeks,
            lead_times=self._lead_times(), phase_times=self._phase_times(),
            change_failure=Share(failure, released), restore=restore, on_time=on_time,
            overrides=self._overrides(), risks_occurred=self._risks_occurred(),
        )

    def _shipped(self) -> str:
        """The releases released in the period."""
        return (f"SELECT r.kind, r.created_at, r.released_at, r.target_date FROM release r"
                f" WHERE r.released_at >= :start AND r.released_at < :end{self._kind_of('r')}")

    def _released(self) -> tuple[int, Share, tuple[WeekCount, ...]]:
        sql = self.sql
        weeks = self._rows(
            f"SELECT {sql.whole_days('released_at', ':start')} / 7 AS week, COUNT(*) AS releases,"
            f" SUM(CASE WHEN target_date IS NOT NULL THEN 1 ELSE 0 END) AS with_target,"
            f" SUM(CASE WHEN {sql.utc_day('released_at')} <= target_date THEN 1 ELSE 0 END) AS on_time"
            f" FROM ({self._shipped()}) AS shipped GROUP BY 1")
        by_week = {row.week: row.releases for row in weeks}
        per_week = tuple(WeekCount(self.period.week_start(n), by_week.get(n, 0)) for n in range(self.period.weeks))
        on_time = Share(sum(row.on_time or 0 for row in weeks), sum(row.with_target or 0 for row in weeks))
        return sum(by_week.values()), on_time, per_week

    def _lead_times(self) -> tuple[LeadTime, ...]:
        lead = self.sql.days("released_at", "created_at")
        leads = (f"SELECT kind, {lead} AS lead FROM ({self._shipped()}) AS s1"
                 f" UNION ALL SELECT 'all', {lead} FROM ({self._shipped()}) AS s2")
        rows = self._rows(f"SELECT grp, MAX(n) AS n, {_percentile(50)} AS median, {_percentile(90)} AS p90"
                          f" FROM ({_ranked(leads, 'kind', 'lead')}) AS ranked GROUP BY grp")
        order = ["all", *(k.value for k in ReleaseKind)]
        return tuple(LeadTime(row.grp, row.n, float(row.median), float(row.p90))
                     for row in sorted(rows, key=lambda row: order.index(row.grp)))

    def _phase_entered(self) -> str:
        """The phase an event leaves the release in, or NULL when it leaves the phases (released, rolled
        back, cancelled). A move forward or back names the phase; the other events say 'phase state'."""
        cases = " ".join(f"WHEN e.new = '{p.value}' OR e.new LIKE '{p.value} active'"
                         f" OR e.new LIKE '{p.value} on_hold' THEN '{p.value}'" for p in PHASES)
        return f"CASE WHEN e.action = 'release.create' THEN '{Phase.PLANNING.value}' {cases} END"

    def _phase_times(self) -> tuple[PhaseTime, ...]:
        """Each phase-move event opens a stay that the release's next one closes (LEAD), read only for the
        releases with a move in the period: a stay that ended in it is closed by one of them. Their moves
        are read release by release (CROSS JOIN keeps SQLite on the release_id index: by action and time it
        read every move ever made, twice as slow on the 20,000-release demo)."""
        moved = (f"SELECT DISTINCT m.release_id FROM event m WHERE m.action IN {_PHASE_MOVES}"
                 f" AND m.at >= :start AND m.at < :end")
        moves = (f"SELECT e.action, e.new, e.at AS entered_at,"
                 f" LEAD(e.at) OVER (PARTITION BY e.release_id ORDER BY e.id) AS left_at"
                 f" FROM ({moved}) AS moved CROSS JOIN event e{self._event_kind()}"
                 f" WHERE e.release_id = moved.release_id AND e.action IN {_PHASE_MOVES} AND e.at < :end")
        stays = (f"SELECT {self._phase_entered()} AS phase, {self.sql.days('left_at', 'entered_at')} AS stay"
                 f" FROM ({moves}) AS e WHERE left_at >= :start AND left_at < :end")
        rows = self._rows(f"SELECT grp, MAX(n) AS n, SUM(v) AS total, {_percentile(50)} AS median"
                          f" FROM ({_ranked(stays, 'phase', 'stay')}) AS ranked WHERE grp IS NOT NULL GROUP BY grp")
        found = {row.grp: row for row in rows}
        return tuple(
            PhaseTime(phase, found[phase.value].n, float(found[phase.value].total), float(found[phase.value].median))
            if phase.value in found else PhaseTime(phase, 0, 0.0, None)
            for phase in PHASES)

    def _rollbacks(self) -> tuple[int, Restore]:
        """Rollbacks out of released in the period, and each one's fix-forward: the same release's next
        move into released."""
        fixes = (f"SELECT b.id, b.at, MIN(f.at) AS fixed_at FROM event b{self._event_kind('b')}"
                 f" LEFT JOIN event f ON f.release_id = b.release_id AND f.id > b.id"
                 f" AND f.action IN {_RELEASED_BY} AND f.new = 'released'"
                 f" WHERE b.action = 'release.rolled_back' AND b.old LIKE '% released'"
                 f" AND b.at >= :start AND b.at < :end GROUP BY b.id, b.at")
        restores = f"SELECT 1 AS one, {self.sql.days('fixed_at', 'at')} AS days FROM ({fixes}) AS fixes"
        counts = self._rows(f"SELECT COUNT(*) AS rollbacks, COUNT(fixed_at) AS fixed FROM ({fixes}) AS fixes")[0]
        median = self._rows(f"SELECT {_percentile(50)} AS median FROM"
                            f" ({_ranked(restores + ' WHERE fixed_at IS NOT NULL', 'one', 'days')}) AS ranked")[0]
        restore = Restore(counts.rollbacks, counts.fixed, None if median.median is None else float(median.median))
        return counts.rollbacks, restore

    def _overrides(self) -> Share:
        row = self._rows(
            f"SELECT COUNT(*) AS moves, SUM(CASE WHEN e.action = 'release.override' THEN 1 ELSE 0 END) AS overrides"
            f" FROM event e{self._event_kind()} WHERE e.action IN {_RELEASED_BY}"
            f" AND e.at >= :start AND e.at < :end")[0]
        return Share(row.overrides or 0, row.moves)

    def _risks_occurred(self) -> int:
        return self._rows(
            f"SELECT COUNT(*) AS risks FROM risk k JOIN release r ON r.id = k.release_id"
            f" WHERE k.status = 'occurred' AND r.closed_at >= :start AND r.closed_at < :end{self._kind_of('r')}")[0].risks


def metrics(connection: Connection, period: Period, kind: ReleaseKind | None) -> Metrics:
    return MetricQueries(connection, period, kind).metrics()
