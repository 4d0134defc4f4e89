"""A small hand-built delivery history, written through the service at fixed times, whose metrics the tests
work out by hand. The period is the last 30 days before FIXED_NOW (2026-11-26 09:30 UTC): from
2026-10-27 00:00 UTC.

    A minor, target 11-12: created 11-01 09:00; building 11-03 09:00, testing 11-06 09:00, preparing 11-07
      09:00 (three clean moves), deploying 11-08 09:00, released 11-08 21:00 (two overrides).
    B patch, target 11-05: created 10-20 09:00 (before the period); building 10-30 09:00, testing 11-03,
      preparing 11-05, deploying 11-06, released 11-07 09:00 (all 09:00; the last two overrides).
    C patch, target 11-20: created 11-10 09:00; a phase a day to released 11-15 09:00; rolled back 11-15
      21:00; reopened 11-16 09:00 into Preparing; deploying 11-18 09:00, released 11-19 09:00 (overrides).
      A risk occurred.
    D emergency, no target: created 11-20 09:00; a phase every 6 hours to released 11-21 15:00; rolled
      back 11-22 09:00, not fixed. A risk occurred.
    E minor, target 09-30: created 09-01 09:00, a phase a day to released 09-06 09:00, all before the
      period; a risk occurred (not counted).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from relmgr_tui.domain.lifecycle import Transition
from relmgr_tui.domain.model import Phase, Release
from relmgr_tui.service import Service
from tests.conftest import FIXED_NOW, FixedClock
from tests.service.support import finish_phase


def _at(month: int, day: int, hour: int = 9) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


class History:
    def __init__(self, service: Service, clock: FixedClock) -> None:
        self.service, self.clock = service, clock

    def create(self, version: str, kind: str, when: datetime, target: str | None) -> Release:
        self.clock.now = when
        return self.service.create_release(version, kind=kind, methodology="agile", target_date=target)

    def move(self, release: Release, when: datetime) -> Release:
        """Forward: a clean move (its items done) before Preparing, an override from Preparing on."""
        self.clock.now = when
        current = self.service.detail(release.id).release
        if current.phase.index < Phase.PREPARING.index:
            finish_phase(self.service, current)
            return self.service.advance(release.id)
        return self.service.advance(release.id, reason="ship it")

    def walk(self, release: Release, *moments: datetime) -> None:
        for moment in moments:
            release = self.move(release, moment)

    def occurred_risk(self, release: Release) -> None:
        risk = self.service.add_risk(release.id, "Cache stampede", 1, 1)
        self.service.close_risk(risk.id, "occurred")

    def roll_back(self, release: Release, when: datetime) -> None:
        self.clock.now = when
        self.service.transition(release.id, Transition.ROLL_BACK, "error rate up")


def build(service: Service, clock: FixedClock) -> None:
    history = History(service, clock)
    a = history.create("1.0.0", "minor", _at(11, 1), "2026-11-12")
    history.walk(a, _at(11, 3), _at(11, 6), _at(11, 7), _at(11, 8), _at(11, 8, 21))

    b = history.create("1.0.1", "patch", _at(10, 20), "2026-11-05")
    history.walk(b, _at(10, 30), _at(11, 3), _at(11, 5), _at(11, 6), _at(11, 7))

    c = history.create("1.0.2", "patch", _at(11, 10), "2026-11-20")
    history.walk(c, _at(11, 11), _at(11, 12), _at(11, 13), _at(11, 14))
    history.occurred_risk(c)
    history.walk(c, _at(11, 15))
    history.roll_back(c, _at(11, 15, 21))
    clock.now = _at(11, 16)
    service.transition(c.id, Transition.REOPEN)
    history.walk(c, _at(11, 18), _at(11, 19))

    d = history.create("1.0.2-hotfix.1", "emergency", _at(11, 20), None)
    history.walk(d, *(_at(11, 20) + timedelta(hours=6 * n) for n in range(1, 6)))
    history.occurred_risk(d)
    history.roll_back(d, _at(11, 22))

    e = history.create("0.9.0", "minor", _at(9, 1), "2026-09-30")
    history.walk(e, *(_at(9, day) for day in range(2, 6)))
    history.occurred_risk(e)
    history.walk(e, _at(9, 6))
    clock.now = FIXED_NOW
