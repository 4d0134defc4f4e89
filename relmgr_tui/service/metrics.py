"""Delivery metrics of a period: one read, every figure computed in SQL (store/metrics.py)."""

from __future__ import annotations

from relmgr_tui.domain import metrics as definitions
from relmgr_tui.domain.metrics import Metrics, Period
from relmgr_tui.domain.model import ReleaseKind
from relmgr_tui.service.base import UseCases
from relmgr_tui.store import metrics as queries


class DeliveryMetrics(UseCases):
    def metrics(self, period_days: int | None = None, *, since: str | None = None,
                kind: ReleaseKind | str | None = None) -> Metrics:
        """The figures of the last `period_days` days (today and the days before it), or `since` a day
        ("2026-09-01") or a number of days ("90d"); of one kind if given. InvalidInput for a bad period
        or kind."""
        now = self.clock()
        if since is not None:
            period = definitions.parse_since(since, now)
        else:
            period = Period.last_days(90 if period_days is None else period_days, now)
        chosen = kind if isinstance(kind, ReleaseKind) or kind is None else definitions.parse_kind(kind)
        with self._store.sql_read() as connection:
            return queries.metrics(connection, period, chosen)
