"""Demo scope items: three to eight features, bugs with a severity and chores per release, keyed by its
product (PAY-123), in statuses that fit its phase: mostly open in Planning, done by Deploying, a bug or two
left open as known issues once released, and now and then an open critical bug in Preparing, which keeps
the release out of Deploying. Drawn from a generator seeded by the release's id, so that adding them
changed none of the other demo data."""

from __future__ import annotations

import random
from itertools import accumulate
from typing import Any

from relmgr_tui.demo.plans import Plan
from relmgr_tui.demo.tables import BUGS, CHORES, FEATURES, KEY_PREFIXES
from relmgr_tui.domain.model import Phase, ReleaseKind, ReleaseState, ScopeStatus, ScopeType, Severity

_TYPES = (ScopeType.FEATURE, ScopeType.BUG, ScopeType.CHORE)
_TYPE_ODDS = {False: tuple(accumulate((5, 3, 2))), True: tuple(accumulate((1, 6, 1)))}
"""Feature, bug and chore weights for other releases and for emergency fixes."""
_TITLES = {ScopeType.FEATURE: tuple(f[0].upper() + f[1:] for f in FEATURES), ScopeType.BUG: BUGS,
           ScopeType.CHORE: CHORES}
_VALUES = {member: member.value for enum in (ScopeType, ScopeStatus, Severity) for member in enum} | {None: None}
"""Each member's stored text, looked up once (a hundred thousand rows for 20,000 releases)."""
_SEVERITIES, _SEVERITY_ODDS = tuple(Severity), tuple(accumulate((1, 2, 4, 5)))
_HARMLESS = (Severity.MAJOR, Severity.MINOR)
"""Below the default blocking_bug_severity (critical): open, they do not stop a release."""
_OPEN, _STARTED, _DONE = ScopeStatus.OPEN, ScopeStatus.IN_PROGRESS, ScopeStatus.DONE
_PHASE_ODDS = {phase: tuple(accumulate(odds)) for phase, odds in {
    Phase.PLANNING: (80, 20, 0), Phase.BUILDING: (35, 45, 20), Phase.TESTING: (15, 30, 55),
    Phase.PREPARING: (5, 10, 85), Phase.DEPLOYING: (0, 0, 100),
}.items()}
"""Open, in progress and done weights of a board release's items, by its phase."""
BLOCKED_SHARE = 0.5
"""Preparing releases not cleared to deploy that have an open critical bug."""
KNOWN_ISSUE_SHARE = 0.25
"""Bugs (major or minor) a finished release shipped with, still open."""


def scope_rows(plan: Plan, release_id: int) -> list[dict[str, Any]]:
    """The release's scope items as rows, keys in ascending order, titles not repeated."""
    rng = random.Random(release_id)
    kinds = rng.choices(_TYPES, cum_weights=_TYPE_ODDS[plan.kind is ReleaseKind.EMERGENCY], k=rng.randint(3, 7))
    if plan.on_board and plan.phase is Phase.PREPARING and not plan.ready and rng.random() < BLOCKED_SHARE:
        kinds.append(None)  # the blocking bug
    prefix = KEY_PREFIXES[plan.product[1]]
    number = rng.randint(100, 4000)
    next_title = {kind: rng.randrange(len(pool)) for kind, pool in _TITLES.items()}
    rows = []
    for kind in kinds:
        if kind is None:
            kind, severity, status = ScopeType.BUG, Severity.CRITICAL, _OPEN
        else:
            severity = rng.choices(_SEVERITIES, cum_weights=_SEVERITY_ODDS)[0] if kind is ScopeType.BUG else None
            status = _status(plan, severity, rng)
        pool = _TITLES[kind]
        title, next_title[kind] = pool[next_title[kind] % len(pool)], next_title[kind] + 1
        number += rng.randint(1, 40)
        key = f"{prefix}-{number}"
        rows.append({
            "release_id": release_id, "key": key, "title": title, "type": _VALUES[kind], "status": _VALUES[status],
            "severity": _VALUES[severity], "url": f"https://tracker.example.com/browse/{key}", "row_version": 1,
        })
    return rows


def _status(plan: Plan, severity: Severity | None, rng: random.Random) -> ScopeStatus:
    """Done once released (a harmless bug now and then left open), by the phase's odds on the board. In
    Preparing no bug that would block is left open, and none at all once cleared to deploy: the open
    critical bugs there are the ones `scope_rows` adds on purpose."""
    if not plan.on_board:
        return _finished_status(plan, severity, rng)
    status = rng.choices((_OPEN, _STARTED, _DONE), cum_weights=_PHASE_ODDS[plan.phase])[0]
    blocking = severity is not None and severity not in _HARMLESS
    if status.unfinished and plan.phase is Phase.PREPARING and (blocking or plan.ready and severity):
        return _DONE
    return status


def _finished_status(plan: Plan, severity: Severity | None, rng: random.Random) -> ScopeStatus:
    if plan.state is ReleaseState.CANCELLED:
        return ScopeStatus.DEFERRED if rng.random() < 0.7 else _DONE
    if severity in _HARMLESS and rng.random() < KNOWN_ISSUE_SHARE:
        return _OPEN
    return _DONE
