"""A card on the board: a release with its current-phase progress, its worst live risk and its gate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from relmgr_tui.domain import gates
from relmgr_tui.domain.gates import GateEvidence, GateReport
from relmgr_tui.domain.milestones import slip_days
from relmgr_tui.domain.model import Release, Severity
from relmgr_tui.domain.risk import RiskBand, band_of


@dataclass(frozen=True, slots=True)
class Card:
    """What the board shows for one release."""

    release: Release
    done: int
    total: int
    highest_band: RiskBand | None
    gate: GateReport
    conditions_due: date | None = None
    """The earliest due date of the unmet conditions of the release's GO, if any."""
    milestone_due: date | None = None
    """The planned end of the current phase (its milestone), if one is planned."""

    def condition_overdue(self, today: date) -> bool:
        """A condition of the GO is past its due date and not met: the card says so."""
        return self.conditions_due is not None and self.conditions_due < today

    def slip(self, today: date) -> int:
        """Days the current phase has run past its milestone (0: none planned, or not past yet)."""
        return slip_days(self.milestone_due, None, today) if self.release.state.on_board else 0

    @classmethod
    def judge(cls, release: Release, done: int, total: int, evidence: GateEvidence, blocking_band: RiskBand,
              blocking_bug: Severity = Severity.CRITICAL, milestone_due: date | None = None) -> Card:
        """Evaluate the gate and the risk band from the evidence the store read."""
        band = max((band_of(score) for _, score in evidence.live_risks), default=None)
        return cls(release, done, total, band, gates.evaluate(evidence, blocking_band, blocking_bug),
                   evidence.decision_unmet_due, milestone_due)

    @classmethod
    def finished(cls, release: Release, done: int, total: int) -> Card:
        """A release off the board (`relmgr list --all`): it has no gate left to pass, no live risk to show."""
        no_gate = GateReport(release.phase, None, release.methodology, state=release.state)
        return cls(release, done, total, None, no_gate)
