"""Milestones planned against done: when the release left each phase, from the audit log, and the slip.

A milestone is the planned end of a phase (`Milestone`). It is done when the release has moved past that
phase; the day it was done is the day of the last move out of the phase in the audit log (a move back
and forward again counts the second time). The workspace header says each in words, and a card shows
the current phase's slip (`slip_days`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, tzinfo
from typing import TYPE_CHECKING

from relmgr_tui.domain.model import Event, Phase, Release, ReleaseState

if TYPE_CHECKING:
    from relmgr_tui.domain.model import Milestone

MOVES_ON = ("release.advance", "release.override")
"""The audit actions of a move to the next phase: `old` names the phase left."""
PHASE_NAMED = {phase.value: phase for phase in Phase}


@dataclass(frozen=True, slots=True)
class MilestoneProgress:
    phase: Phase
    planned: date
    passed: bool
    """The release has moved past the phase."""
    done: date | None = None
    """The day it left the phase; None when not passed, or when the log no longer says."""
    current: bool = False


def progress(release: Release, milestones: Iterable[Milestone], events: Iterable[Event],
             zone: tzinfo | None = None) -> tuple[MilestoneProgress, ...]:
    """Each milestone of `release` in phase order, with the day the release left its phase (in `zone`)."""
    left = phase_exits(events, zone)
    released = release.state is ReleaseState.RELEASED
    return tuple(
        MilestoneProgress(m.phase, m.planned, passed := released or m.phase.index < release.phase.index,
                          left.get(m.phase) if passed else None, m.phase is release.phase and not released)
        for m in sorted(milestones, key=lambda m: m.phase.index))


def phase_exits(events: Iterable[Event], zone: tzinfo | None = None) -> dict[Phase, date]:
    """The day of the latest move out of each phase that the events record."""
    exits: dict[Phase, tuple] = {}
    for event in events:
        phase = PHASE_NAMED.get(event.old) if event.action in MOVES_ON else None
        if phase is not None and (phase not in exits or event.at > exits[phase][0]):
            exits[phase] = (event.at, event.at.astimezone(zone).date())
    return {phase: day for phase, (_, day) in exits.items()}


def slip_days(planned: date | None, done: date | None, today: date) -> int:
    """Days late: done (or, not done yet, today) after the planned day; 0 when on time or unplanned."""
    if planned is None:
        return 0
    return max(((done or today) - planned).days, 0)


def days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"


def words(step: MilestoneProgress, today: date) -> str:
    """'Testing: planned 12-10, done 12-13, 3 days late' and the like: the long form."""
    planned = f"{step.phase.label}: planned {step.planned:%m-%d}"
    if step.passed:
        if step.done is None:
            return f"{planned}, done"
        late = slip_days(step.planned, step.done, today)
        return f"{planned}, done {step.done:%m-%d}, {days(late) + ' late' if late else 'on time'}"
    if not step.current:
        return planned
    late = slip_days(step.planned, None, today)
    if late:
        return f"{planned}, {days(late)} late"
    left = (step.planned - today).days
    return f"{planned}, due today" if left == 0 else f"{planned}, {days(left)} left"


def short_words(step: MilestoneProgress, today: date) -> str:
    """'Testing 12-10 ✓12-13 +3d': the short form, when the long ones do not fit on one line."""
    text = f"{step.phase.label} {step.planned:%m-%d}"
    if step.passed:
        late = slip_days(step.planned, step.done, today) if step.done else 0
        return f"{text} ✓{step.done:%m-%d}" + (f" +{late}d" if late else "") if step.done else f"{text} ✓"
    late = slip_days(step.planned, None, today) if step.current else 0
    return f"{text} +{late}d late" if late else text


def one_line(steps: Sequence[MilestoneProgress], today: date, width: int) -> str:
    """The milestones on one line of `width` cells: long forms if they fit; else the current phase's long
    and the others short; else all short; else only the current one and those that ran late (cut by the
    caller if even that is too long)."""
    if not steps:
        return ""
    lead = "Milestones "
    telling = [s for s in steps if s.current or (s.done and slip_days(s.planned, s.done, today))]
    forms = (
        [words(s, today) for s in steps],
        [words(s, today) if s.current else short_words(s, today) for s in steps],
        [short_words(s, today) for s in steps],
        [short_words(s, today) for s in telling or steps],
    )
    lines = [lead + " · ".join(form) for form in forms]
    return next((line for line in lines if len(line) <= width), lines[-1])
