"""What the demo generates, decided up front: each release's kind, state, phase, dates and go/no-go
history (`Plan`), then its version and title (`Versions`, `name_release`)."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from relmgr_tui.demo.tables import FEATURES, FIXES, INCIDENTS, MARKUP_TITLES, MOBILE, PRODUCTS, STATE_REASONS
from relmgr_tui.domain.model import PHASES, Phase, ReleaseKind, ReleaseState

HISTORY_DAYS = 6 * 365
"""Archived releases are spread over the six years before the board's releases."""
_BOARD_PHASE_WEIGHTS = (20, 25, 25, 18, 12)
_TARGET_DAYS = {
    Phase.PLANNING: (21, 70), Phase.BUILDING: (10, 45), Phase.TESTING: (4, 25),
    Phase.PREPARING: (-3, 9), Phase.DEPLOYING: (-4, 3),
}
_SURE_TARGETS = {Phase.PREPARING: (1, 5), Phase.DEPLOYING: (-3, -1)}
"""Whatever the draw, the first Preparing release is due this week and the first Deploying one is overdue."""


@dataclass
class Plan:
    """One release to generate: decided up front, given its version and rows later."""

    kind: ReleaseKind
    state: ReleaseState
    phase: Phase
    created_at: datetime
    updated_at: datetime
    ends_at: datetime
    """Now for a release on the board; the day it was released or stopped for an archived one."""
    target_date: date
    product: tuple[str, str]
    title: str = ""
    version: str = ""
    decisions: tuple[str, ...] = ()
    """Its go/no-go history, oldest first: 'go', 'no_go' or 'stale_go'."""
    ready: bool = False
    """In Preparing with a current GO: everything the gate into Deploying asks for is done."""
    shipped_at: datetime | None = None
    """When it first moved into released, if not on `ends_at`: a rollback or a fix-forward came after."""
    fixed_forward: bool = False
    """Released on `shipped_at`, rolled back, reopened and released again on `ends_at` (demo/moves.py)."""
    on_board: bool = field(init=False)
    life: timedelta = field(init=False)

    def __post_init__(self) -> None:
        self.on_board = self.state.on_board
        self.life = self.ends_at - self.created_at

    def moment(self, fraction: float) -> datetime:
        """A moment `fraction` of the way through the release's life."""
        return self.created_at + self.life * fraction


# -- planning: states, phases, dates --------------------------------------------------------------

def lifecycle_columns(plan: Plan) -> dict[str, Any]:
    """The state's reason and dates: an archived release ended on `ends_at` (no random draw here, so
    the demo stays the same release for release)."""
    ended = None if plan.on_board else plan.ends_at
    return {
        "state_reason": STATE_REASONS.get(plan.state, ""),
        "state_changed_at": held_since(plan) if plan.state is ReleaseState.ON_HOLD else ended,
        "hold_until": None,
        "released_at": _released_at(plan),
        "closed_at": ended,
    }

def _released_at(plan: Plan) -> datetime | None:
    """A rolled-back release keeps the day it was released; a fix-forward has the day it was released again."""
    if plan.state is ReleaseState.ROLLED_BACK:
        return plan.shipped_at or plan.ends_at
    return plan.ends_at if plan.state is ReleaseState.RELEASED else None


def held_since(plan: Plan) -> datetime:
    """The day of the last edit, not its minute: that minute is drawn back from the wall clock, and the
    same seed on the same day must give the same data."""
    day = plan.updated_at.date()
    return max(plan.created_at, datetime(day.year, day.month, day.day, 8, tzinfo=UTC))


def _at(day: date, rng: random.Random) -> datetime:
    """A moment during the working day (UTC) of `day`."""
    return datetime(day.year, day.month, day.day, 8, tzinfo=UTC) + timedelta(minutes=rng.randrange(9 * 60))


def plan_archive(rng: random.Random, count: int, now: datetime) -> list[Plan]:
    """Released (mostly), cancelled and rolled-back releases, oldest first, over HISTORY_DAYS."""
    states = [ReleaseState.CANCELLED] * round(count * 0.08) + [ReleaseState.ROLLED_BACK] * round(count * 0.06)
    states += [ReleaseState.RELEASED] * (count - len(states))
    rng.shuffle(states)
    kinds = rng.choices(tuple(ReleaseKind), (1, 24, 65, 10), k=count)
    first_day = now.date() - timedelta(days=HISTORY_DAYS + 14)
    plans = []
    for n, (state, kind) in enumerate(zip(states, kinds)):
        shipped = first_day + timedelta(days=int((n + rng.random()) * HISTORY_DAYS / count))
        lead = rng.randint(0, 3) if kind is ReleaseKind.EMERGENCY else rng.randint(20, 100)
        ended = _at(shipped, rng) + timedelta(hours=9)
        if state is ReleaseState.CANCELLED:
            phase = rng.choice(PHASES[:4])
            decisions = ("no_go",) if phase is Phase.PREPARING else ()
        else:
            phase, decisions = Phase.DEPLOYING, ("go",)
        plans.append(Plan(
            kind=kind,
            state=state,
            phase=phase,
            created_at=_at(shipped - timedelta(days=lead), rng),
            updated_at=ended,
            ends_at=ended,
            target_date=shipped + timedelta(days=rng.randint(-6, 4)),
            product=MOBILE if rng.random() < 0.25 else rng.choice(PRODUCTS),
            decisions=decisions,
        ))
    return plans


def plan_board(rng: random.Random, count: int, now: datetime) -> list[Plan]:
    """Active releases in every phase (the first five cover all five), a few on hold, a few emergencies;
    the first ones get the titles that look like markup."""
    phases = list(PHASES[:count]) + rng.choices(PHASES, _BOARD_PHASE_WEIGHTS, k=max(0, count - len(PHASES)))
    few = max(1, count // 10) if count >= len(PHASES) else 0
    on_hold, emergencies = set(rng.sample(range(count), few)), set(rng.sample(range(count), few))
    today = now.date()
    plans = []
    for n, phase in enumerate(phases):
        if n in emergencies:
            kind, age, (low, high) = ReleaseKind.EMERGENCY, rng.randint(1, 4), (-1, 2)
        else:
            kind = rng.choices((ReleaseKind.MAJOR, ReleaseKind.MINOR, ReleaseKind.PATCH), (4, 46, 50))[0]
            age, (low, high) = rng.randint(3, 12) + phase.index * rng.randint(6, 12), _TARGET_DAYS[phase]
        if n < len(PHASES) and phase in _SURE_TARGETS:
            low, high = _SURE_TARGETS[phase]
        created = _at(today - timedelta(days=age), rng)
        plans.append(Plan(
            kind=kind,
            state=ReleaseState.ON_HOLD if n in on_hold else ReleaseState.ACTIVE,
            phase=phase,
            created_at=created,
            updated_at=max(created, now - timedelta(minutes=rng.randrange(3 * 24 * 60))),
            ends_at=now,
            target_date=today + timedelta(days=rng.randint(low, high)),
            product=MOBILE if rng.random() < 0.2 else rng.choice(PRODUCTS),
            title=MARKUP_TITLES[n] if n < len(MARKUP_TITLES) else "",
        ))
    _board_decisions(plans)
    return sorted(plans, key=lambda p: p.created_at)


def _board_decisions(plans: list[Plan]) -> None:
    """Deploying releases passed a GO; Preparing ones take turns: no review yet, ready with a GO, a NO-GO,
    and a NO-GO followed by a GO that went stale when the evidence changed."""
    preparing = 0
    for plan in plans:
        if plan.phase is Phase.DEPLOYING:
            plan.decisions = ("go",)
        elif plan.phase is Phase.PREPARING:
            plan.decisions = ((), ("go",), ("no_go",), ("no_go", "stale_go"))[preparing % 4]
            plan.ready = plan.decisions == ("go",) and plan.on_board
            preparing += 1


# -- versions and titles --------------------------------------------------------------------------

class Versions:
    """Version numbers in release order, never one that is taken: semantic versions for the platform,
    calendar versions for the mobile app, and -hotfix.N on the version in production for emergency fixes."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = taken
        self.major, self.minor, self.patch = 2, 3, 0
        self.in_production = "2.3.0"
        self.counters: dict[str, int] = defaultdict(int)

    def next(self, plan: Plan) -> str:
        while True:
            candidate = self._step(plan)
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate

    def _count(self, key: str) -> int:
        self.counters[key] += 1
        return self.counters[key]

    def _step(self, plan: Plan) -> str:
        if plan.kind is ReleaseKind.EMERGENCY:
            return f"{self.in_production}-hotfix.{self._count(self.in_production)}"
        if plan.product == MOBILE:
            month = f"{plan.target_date.year}.{plan.target_date.month:02d}"
            return f"{month}.{self._count(month)}"
        if plan.kind is ReleaseKind.MAJOR:
            self.major, self.minor, self.patch = self.major + 1, 0, 0
        elif plan.kind is ReleaseKind.MINOR:
            self.minor, self.patch = self.minor + 1, 0
        else:
            self.patch += 1
        version = f"{self.major}.{self.minor}.{self.patch}"
        if plan.state is ReleaseState.RELEASED:
            self.in_production = version
        return version


def name_release(rng: random.Random, plan: Plan, versions: Versions) -> None:
    """Give the release its version and, unless it has one, a title."""
    plan.version = versions.next(plan)
    if plan.title:
        return
    product = plan.product[0]
    if plan.kind is ReleaseKind.EMERGENCY:
        plan.title = f"Hotfix: {rng.choice(INCIDENTS)}"
    elif plan.kind is ReleaseKind.PATCH:
        plan.title = f"{product}: fix {rng.choice(FIXES)}"
    else:
        plan.title = f"{product}: {rng.choice(FEATURES)}"
