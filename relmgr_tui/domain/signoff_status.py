"""Where the sign-offs of a release's next move stand, in words: one line per role, the same in `relmgr
signoffs`, `show`, `export`, the minutes and the go/no-go review."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from relmgr_tui.domain.model import ReleaseDetail, Signoff, Verdict, move_label, signoff_move


@dataclass(frozen=True, slots=True)
class SignoffLine:
    role: str
    required: bool
    signoff: Signoff | None
    stale: bool = False

    @property
    def state(self) -> str:
        """"missing", "approved", "rejected", or "approved, stale: the release changed since"."""
        if self.signoff is None:
            return "missing" if self.required else "not asked"
        if self.stale:
            return f"{self.signoff.verdict.label}, stale: the release changed since"
        return self.signoff.verdict.label

    @property
    def stands(self) -> bool:
        """A current approval: what the gate asks of this role."""
        return self.signoff is not None and self.signoff.verdict is Verdict.APPROVE and not self.stale

    def words(self) -> str:
        """"qa: approved by alice at 2026-11-26 09:30 UTC (looks good)", "ops: missing"."""
        s = self.signoff
        if s is None:
            return f"{self.role}: {self.state}"
        comment = f" ({s.comment})" if s.comment else ""
        return f"{self.role}: {self.state} by {s.who} at {s.signed_at:%Y-%m-%d %H:%M} UTC{comment}"


def lines(detail: ReleaseDetail, rules: Mapping[str, tuple[str, ...]]) -> list[SignoffLine]:
    """The roles the next move asks for, in the templates' order, then any other role that signed it."""
    release = detail.release
    move = signoff_move(release.phase)
    given = {s.role: s for s in detail.signoffs_for(move)}
    required = tuple(rules.get(move, ()))
    roles = (*required, *(role for role in given if role not in required))
    return [SignoffLine(role, role in required, given.get(role),
                        given[role].is_stale(release) if role in given else False) for role in roles]


def heading(detail: ReleaseDetail) -> str:
    """"Sign-offs before Deploying"."""
    return f"Sign-offs before {move_label(signoff_move(detail.release.phase))}"


def record(signoff: Signoff, stale: bool | None = None) -> dict[str, Any]:
    """A sign-off as JSON (`relmgr signoffs --json`, `show --json`, `export`, the evidence pack)."""
    data: dict[str, Any] = {
        "move": signoff.move, "role": signoff.role, "who": signoff.who, "verdict": signoff.verdict.value,
        "comment": signoff.comment, "signed_at": signoff.signed_at.isoformat(),
    }
    if stale is not None:
        data["stale"] = stale
    return data


def summary(detail: ReleaseDetail, rules: Mapping[str, tuple[str, ...]]) -> dict[str, Any]:
    """The next move's sign-offs as JSON: required roles and one entry per role."""
    move = signoff_move(detail.release.phase)
    return {
        "move": move,
        "required": list(rules.get(move, ())),
        "roles": [{"role": line.role, "required": line.required, "state": line.state,
                   "signoff": record(line.signoff, line.stale) if line.signoff else None}
                  for line in lines(detail, rules)],
    }
