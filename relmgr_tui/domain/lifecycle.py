"""The states a release goes through after it is created, and the moves between them: said once, here.

The service applies a transition, the command line and the app offer only the ones `allowed` returns,
and a refused one is told with what is allowed instead. `state_wording` is how a release's state reads
on a card, in `show` and in the archive.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import ChecklistItem, Phase, Release, ReleaseState

LIFECYCLE_FIELDS = ("phase", "state", "state_reason", "state_changed_at", "hold_until", "released_at", "closed_at")
"""The release fields a transition or a phase move changes (and its undo puts back)."""


def values_of(release: Release) -> dict[str, object]:
    """The LIFECYCLE_FIELDS of a release as they are now."""
    return {name: getattr(release, name) for name in LIFECYCLE_FIELDS}


class Transition(StrEnum):
    HOLD = "hold"
    RESUME = "resume"
    CANCEL = "cancel"
    ROLL_BACK = "rolled_back"
    REOPEN = "reopen"

    @property
    def label(self) -> str:
        """As the palette and the dialogs name it."""
        return "Mark rolled back" if self is Transition.ROLL_BACK else self.value.capitalize()

    @property
    def command(self) -> str:
        """As the command line names it."""
        return self.value.replace("_", "-")

    def phrase(self, version: str) -> str:
        """'hold 2.4.0', 'mark 2.4.0 rolled back'."""
        return f"mark {version} rolled back" if self is Transition.ROLL_BACK else f"{self.value} {version}"

    @property
    def needs_reason(self) -> bool:
        return self in (Transition.HOLD, Transition.CANCEL, Transition.ROLL_BACK)

    @property
    def event(self) -> str:
        return f"release.{self.value}"


@dataclass(frozen=True, slots=True)
class Outcome:
    """Where a transition takes a release."""

    state: ReleaseState
    phase: Phase


def refusal(release: Release, transition: Transition, now: datetime, window_days: int) -> str:
    """Why `transition` is not allowed for `release` now ("" if it is)."""
    state = release.state
    if transition is Transition.HOLD:
        return "" if state is ReleaseState.ACTIVE else "only an active release can be put on hold"
    if transition is Transition.RESUME:
        return "" if state is ReleaseState.ON_HOLD else "only a release on hold can be resumed"
    if transition is Transition.CANCEL:
        return "" if state.on_board else "only a release on the board can be cancelled"
    if transition is Transition.REOPEN:
        if state in (ReleaseState.CANCELLED, ReleaseState.ROLLED_BACK):
            return ""
        if state is ReleaseState.RELEASED:
            return "a released release is not reopened: a follow-up is a new release"
        return "only a cancelled or rolled-back release can be reopened"
    return _rollback_refusal(release, now, window_days)


def _rollback_refusal(release: Release, now: datetime, window_days: int) -> str:
    if release.state is ReleaseState.ACTIVE and release.phase is Phase.DEPLOYING:
        return ""
    if release.state is ReleaseState.RELEASED:
        released = release.released_at or release.updated_at
        if now - released <= timedelta(days=window_days):
            return ""
        return f"it was released more than {window_days} days ago (rollback_window_days in config.toml)"
    return "only a release in Deploying, or released recently, can be marked rolled back"


def allowed(release: Release, now: datetime, window_days: int) -> tuple[Transition, ...]:
    return tuple(t for t in Transition if not refusal(release, t, now, window_days))


def allowed_text(release: Release, now: datetime, window_days: int) -> str:
    """'allowed from here: resume, cancel' (or 'nothing is allowed from here')."""
    names = ", ".join(t.command for t in allowed(release, now, window_days))
    return f"allowed from here: {names}" if names else "nothing is allowed from here"


def check(release: Release, transition: Transition, reason: str, now: datetime, window_days: int) -> Outcome:
    """Where `transition` takes the release; InvalidInput, naming what is allowed, if it may not."""
    why = refusal(release, transition, now, window_days)
    if why:
        raise InvalidInput(f"cannot {transition.phrase(release.version)}, which is {release.state.label}: {why};"
                           f" {allowed_text(release, now, window_days)}")
    if transition.needs_reason and not reason.strip():
        raise InvalidInput(f"a reason is needed to {transition.phrase(release.version)}: say why (--reason TEXT)",
                           field="reason")
    return outcome(release, transition)


def outcome(release: Release, transition: Transition) -> Outcome:
    states = {Transition.HOLD: ReleaseState.ON_HOLD, Transition.CANCEL: ReleaseState.CANCELLED,
              Transition.ROLL_BACK: ReleaseState.ROLLED_BACK}
    if transition is Transition.REOPEN and release.state is ReleaseState.ROLLED_BACK:
        return Outcome(ReleaseState.ACTIVE, Phase.PREPARING)  # a fix-forward starts from Preparing again
    return Outcome(states.get(transition, ReleaseState.ACTIVE), release.phase)


def hold_overdue(release: Release, today: date | None) -> bool:
    return (today is not None and release.state is ReleaseState.ON_HOLD and release.hold_until is not None
            and release.hold_until < today)


def state_wording(release: Release, today: date | None = None) -> str:
    """'released 2 days early', 'cancelled: <reason>', 'on hold: <reason> (until ...)'; "" while active.

    Without `today` (an export, which must read the same tomorrow) a hold is never called overdue."""
    state, reason = release.state, release.state_reason
    if state is ReleaseState.RELEASED:
        return released_wording(release)
    if state is ReleaseState.ON_HOLD:
        if hold_overdue(release, today):
            return f"hold OVERDUE since {release.hold_until.isoformat()}"  # type: ignore[union-attr]
        until = f" (until {release.hold_until.isoformat()})" if release.hold_until else ""
        return f"on hold: {reason}{until}" if reason else f"on hold{until}"
    if state is ReleaseState.ACTIVE:
        return ""
    return f"{state.label}: {reason}" if reason else state.label


def released_wording(release: Release) -> str:
    if release.released_at is None:
        return "released"
    day = release.released_at.date()
    if release.target_date is None:
        return f"released on {day.isoformat()}"
    days = (day - release.target_date).days
    if days == 0:
        return "released on the target date"
    unit = "day" if abs(days) == 1 else "days"
    return f"released {abs(days)} {unit} {'late' if days > 0 else 'early'}"


def refuse_early_tick(release: Release, item: ChecklistItem) -> None:
    """Items of a phase the release has not reached wait for it, unless the template says `early = true`."""
    if item.early or item.phase.index <= release.phase.index:
        return
    raise InvalidInput(f"{item.text!r} is a {item.phase.label} item and {release.version} is in"
                       f" {release.phase.label}: tick it once the release reaches {item.phase.label}")
