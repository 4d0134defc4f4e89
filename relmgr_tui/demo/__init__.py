"""Demo data: years of a release organisation's history and a busy board, for trying relmgr out, the
screenshots and the benchmarks.

Deterministic for a seed and a clock. Fast enough for tens of thousands of releases: the rows are plain
dicts with ids assigned here, inserted with one executemany per table for every BATCH releases, all in one
write transaction.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime

from relmgr_tui.demo.plans import Versions, name_release, plan_archive, plan_board
from relmgr_tui.demo.rows import Rows
from relmgr_tui.demo.schedule import year_end_freeze
from relmgr_tui.demo.tables import MARKUP_TITLES
from relmgr_tui.service import Service
from relmgr_tui.store.bulk import BulkLoader

__all__ = ["BATCH", "MARKUP_TITLES", "DemoResult", "generate"]

BATCH = 2_000
"""Releases whose rows are inserted together: about 40 rows each, so memory stays flat however many."""


@dataclass(frozen=True)
class DemoResult:
    releases: int
    on_board: int
    archived: int


def generate(service: Service, releases: int, seed: int, now: datetime) -> DemoResult:
    """Add `releases` demo releases in one transaction, skipping versions the database already has."""
    rng = random.Random(seed)
    now = now.astimezone(UTC)
    on_board = min(releases, max(5, round(releases / 10)))
    plans = plan_archive(rng, releases - on_board, now) + plan_board(rng, on_board, now)

    def fill(loader: BulkLoader) -> None:
        versions = Versions(loader.existing_versions())
        rows = Rows(rng, service.templates, loader.next_ids())
        for start in range(0, len(plans), BATCH):
            for plan in plans[start:start + BATCH]:
                name_release(rng, plan, versions)
                rows.add(plan)
            rows.insert_into(loader)
        freeze = year_end_freeze(now)
        if freeze["name"] not in loader.freeze_names():
            loader.insert("change_freeze", [freeze])

    service.load_bulk(fill)
    return DemoResult(releases, on_board, releases - on_board)
