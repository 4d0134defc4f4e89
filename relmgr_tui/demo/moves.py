"""The audit log's phase moves of a demo release, at realistic times, so that the metrics screen's time in
each phase, rollbacks and fix-forwards mean something: created, moved forward (an agile release now and
then over its gate's blockers), released, rolled back, reopened and released again, cancelled, held.

Drawn from their own random source (`history`), so the rest of the demo is the same release for release
as before these events existed. The times agree with the release's released_at and closed_at.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from relmgr_tui.demo.plans import Plan, held_since
from relmgr_tui.demo.tables import OVERRIDE_REASONS, STATE_REASONS
from relmgr_tui.domain.model import PHASES, Methodology, Phase, ReleaseState

PREPARING_FROM = (0.6, 0.68)
"""Where Preparing starts in an archived release's life: the go/no-go meetings (rows.py) fall after it."""
DEPLOYING_AT = 0.97
"""Where an archived release enters Deploying: the moment its GO is marked used (rows.py)."""
FIX_FORWARD_SHARE = 0.4
"""Of the releases rolled back out of released, those fixed forward."""
OVERRIDE_ODDS = 0.2
"""How often an agile release moves forward over its gate's blockers."""

Event = tuple[datetime, str, str, str, str]
"""(at, action, old, new, reason), as service/releases.py and service/lifecycle.py write them."""


def phase_events(plan: Plan, methodology: Methodology, history: random.Random) -> list[Event]:
    """Every lifecycle event after the release's creation, oldest first."""
    moves = _forward(plan, _entered(plan, history), methodology, history)
    return moves + _after(plan, history)


def _entered(plan: Plan, history: random.Random) -> list[datetime]:
    """When the release entered Building, Testing, ... up to its phase; and released, if it was."""
    start, end = plan.created_at, plan.shipped_at or plan.ends_at
    life = end - start
    if plan.on_board:
        held = held_since(plan) if plan.state is ReleaseState.ON_HOLD else end
        steps = plan.phase.index
        return [start + (held - start) * (n + history.random()) / (steps + 1) for n in range(steps)]
    fractions = [history.uniform(0.12, 0.3), history.uniform(0.4, 0.55), history.uniform(*PREPARING_FROM), DEPLOYING_AT]
    if plan.state is ReleaseState.CANCELLED:
        return [start + life * f * 0.95 for f in fractions[:plan.phase.index]]
    return [start + life * f for f in fractions] + [end]


def _forward(plan: Plan, times: list[datetime], methodology: Methodology, history: random.Random) -> list[Event]:
    events = []
    for n, at in enumerate(times):
        to = PHASES[n + 1].value if n + 1 < len(PHASES) else "released"
        if methodology is Methodology.AGILE and history.random() < OVERRIDE_ODDS:
            events.append((at, "release.override", PHASES[n].value, to, history.choice(OVERRIDE_REASONS)))
        else:
            events.append((at, "release.advance", PHASES[n].value, to, ""))
    return events


def _after(plan: Plan, history: random.Random) -> list[Event]:
    """What ended or interrupted the release: a hold, a cancellation, a rollback, a fix-forward."""
    phase = plan.phase.value
    if plan.state is ReleaseState.ON_HOLD:
        return [(held_since(plan), "release.hold", f"{phase} active", f"{phase} on_hold",
                 STATE_REASONS[ReleaseState.ON_HOLD])]
    if plan.state is ReleaseState.CANCELLED:
        return [(plan.ends_at, "release.cancel", f"{phase} active", f"{phase} cancelled",
                 STATE_REASONS[ReleaseState.CANCELLED])]
    if plan.state is ReleaseState.ROLLED_BACK:
        return [_rollback(plan.ends_at)]
    if plan.fixed_forward:
        return _fix_forward(plan, history)
    return []


def _rollback(at: datetime) -> Event:
    return (at, "release.rolled_back", "deploying released", "deploying rolled_back",
            STATE_REASONS[ReleaseState.ROLLED_BACK])


def _fix_forward(plan: Plan, history: random.Random) -> list[Event]:
    """Released on `shipped_at` (the moves forward end there), rolled back soon after, reopened into
    Preparing, released again on `ends_at`: in that order, however short the repair."""
    assert plan.shipped_at is not None
    repair = plan.ends_at - plan.shipped_at
    rolled_back = plan.shipped_at + repair * history.uniform(0.05, 0.3)
    reopened = rolled_back + repair * 0.05
    deploying = plan.ends_at - repair * history.uniform(0.05, 0.2)
    return [
        _rollback(rolled_back),
        (reopened, "release.reopen", "deploying rolled_back", "preparing active", ""),
        (deploying, "release.advance", Phase.PREPARING.value, Phase.DEPLOYING.value, ""),
        (plan.ends_at, "release.advance", Phase.DEPLOYING.value, "released", ""),
    ]


def plan_failures(plans: list[Plan], history: random.Random) -> None:
    """Rolled-back releases were released first, hours earlier; FIX_FORWARD_SHARE of them were reopened and
    released again (on their end day), so they count as released, with a rollback and a fix-forward."""
    for plan in plans:
        if plan.state is not ReleaseState.ROLLED_BACK:
            continue
        if history.random() < FIX_FORWARD_SHARE:
            plan.state, plan.fixed_forward = ReleaseState.RELEASED, True
            repair = timedelta(days=history.randint(1, 5)) if plan.life > timedelta(days=10) else plan.life / 3
            plan.shipped_at = plan.ends_at - repair
        else:
            plan.shipped_at = plan.ends_at - min(plan.life / 10, timedelta(hours=history.randint(2, 40)))


def event_rows(plan: Plan, release_id: int, owner: str, events: list[Event]) -> list[dict[str, Any]]:
    return [{"at": at, "who": owner, "release_id": release_id, "release_version": plan.version, "action": action,
             "old": old, "new": new, "reason": reason} for at, action, old, new, reason in events]
