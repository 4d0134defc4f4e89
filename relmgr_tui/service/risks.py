"""Risk use cases: add, edit, close with an outcome, reopen, remove and restore."""

from __future__ import annotations

from typing import Any

from relmgr_tui.domain import validation
from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import Risk, RiskOutcome, RiskResponse, RiskStatus
from relmgr_tui.domain.risk import check_rating
from relmgr_tui.service.base import UseCases, changed, log_text
from relmgr_tui.service.undo import undoable

_RISK_FIELDS = (
    "title", "description", "category", "likelihood", "impact", "owner", "response", "mitigation",
    "contingency", "status", "accepted_by", "accepted_reason",
)


def _withdraws_acceptance(diff: dict[str, Any]) -> bool:
    """A new score, or a response other than accept, is not what was accepted."""
    return "likelihood" in diff or "impact" in diff or diff.get("response", "accept") != "accept"


def _risk_values(changes: dict[str, Any]) -> dict[str, Any]:
    unknown = set(changes) - set(_RISK_FIELDS)
    if unknown:
        raise InvalidInput(f"cannot edit {', '.join(sorted(unknown))} of a risk")
    clean: dict[str, Any] = {}
    for name, value in changes.items():
        if name == "title":
            clean[name] = validation.required_text(value, "risk title")
        elif name in ("likelihood", "impact"):
            clean[name] = check_rating(name, value)
        elif name == "response":
            clean[name] = validation.choice(RiskResponse, value, "response").value
        elif name == "status":
            clean[name] = validation.choice(RiskStatus, value, "status").value
        elif name in ("owner", "category", "accepted_by"):
            clean[name] = validation.name_field(value, f"risk {name}", name)
        else:
            clean[name] = validation.bounded_text(value, name)
    return clean


class Risks(UseCases):
    @undoable
    def add_risk(self, release_id: int, title: str, likelihood: int | str, impact: int | str, *,
                 description: str = "", category: str = "", owner: str = "",
                 response: RiskResponse | str = RiskResponse.REDUCE, mitigation: str = "",
                 contingency: str = "") -> Risk:
        values = _risk_values(
            {"title": title, "likelihood": likelihood, "impact": impact, "description": description,
             "category": category, "owner": owner, "response": response, "mitigation": mitigation,
             "contingency": contingency}
        )
        with self.unit() as unit:
            release = unit.repo.release(release_id)
            risk = unit.repo.insert(Risk, {"release_id": release_id, "last_reviewed": self.clock(), **values})
            unit.touch(release, changed="risks")
            unit.event(release, "risk.add", new=f"{risk.title} (L{risk.likelihood} x I{risk.impact})")
            unit.undo_by(f"add risk '{risk.title}'", lambda s, v: s.remove_risk(risk.id, v), risk)
            return risk

    @undoable
    def edit_risk(self, risk_id: int, expected_version: int | None, **changes: Any) -> Risk:
        clean = _risk_values(changes)
        with self.unit() as unit:
            before = unit.repo.one(Risk, risk_id, expected_version)
            release = unit.repo.release(before.release_id)
            diff = changed(before, clean)
            if not diff:
                return before
            if before.accepted and _withdraws_acceptance(diff):
                diff.update(accepted_by="", accepted_reason="")
            risk = unit.repo.update(Risk, risk_id, {**diff, "last_reviewed": self.clock()})
            unit.touch(release, changed="risks")
            unit.event(release, "risk.edit", *log_text(before, diff))
            if before.accepted and not risk.accepted:
                unit.event(release, "risk.unaccept", before.accepted_by, risk.title,
                           "its score or response changed: the acceptance no longer holds")
            old = {name: getattr(before, name) for name in diff}
            unit.undo_by(f"edit risk '{risk.title}'", lambda s, v: s.edit_risk(risk_id, v, **old), risk)
            return risk

    @undoable
    def accept_risk(self, risk_id: int, by: str, reason: str, expected_version: int | None = None) -> Risk:
        """Accept a live risk: it stays in the register and the heat map, marked "accepted by X", and no
        longer blocks. Changing its likelihood or impact afterwards withdraws the acceptance."""
        by = validation.name_field(by, "acceptor", "by")
        if not by:
            raise InvalidInput("accepting a risk needs the name of who accepts it (--by NAME)", field="by")
        reason = validation.required_text(reason, "reason for accepting the risk", validation.MAX_TEXT)
        with self.unit() as unit:
            before = unit.repo.one(Risk, risk_id, expected_version)
            if not before.status.is_live:
                raise InvalidInput(f"risk '{before.title}' is {before.status.value}: only a live risk can be"
                                   " accepted", field="risk")
            release = unit.repo.release(before.release_id)
            risk = unit.repo.update(Risk, risk_id, {"response": RiskResponse.ACCEPT, "accepted_by": by,
                                                    "accepted_reason": reason, "last_reviewed": self.clock()})
            unit.touch(release, clearing=True, changed="risks")
            unit.event(release, "risk.accept", before.accepted_by, f"{risk.title} accepted by {by}", reason)
            old = {"response": before.response, "accepted_by": before.accepted_by,
                   "accepted_reason": before.accepted_reason}
            unit.undo_by(f"accept risk '{risk.title}'", lambda s, v: s.edit_risk(risk_id, v, **old),
                         risk)
            return risk

    @undoable
    def close_risk(self, risk_id: int, outcome: RiskOutcome | str, expected_version: int | None = None,
                   note: str = "") -> Risk:
        outcome = validation.choice(RiskOutcome, outcome, "outcome")
        with self.unit() as unit:
            before = unit.repo.one(Risk, risk_id, expected_version)
            release = unit.repo.release(before.release_id)
            status = RiskStatus.OCCURRED if outcome is RiskOutcome.OCCURRED else RiskStatus.CLOSED
            risk = unit.repo.update(Risk, risk_id, {"status": status, "outcome": outcome,
                                                    "last_reviewed": self.clock()})
            unit.touch(release, clearing=True, changed="risks")
            unit.event(release, "risk.close", before.status.value,
                       f"{risk.status.value} ({outcome.value}): {risk.title}", note.strip())
            unit.undo_by(f"close risk '{risk.title}'", lambda s, v: s.reopen_risk(risk_id, before.status, v),
                          risk, lambda s, v: s.close_risk(risk_id, outcome, v, note))
            return risk

    @undoable
    def reopen_risk(self, risk_id: int, status: RiskStatus, expected_version: int | None = None) -> Risk:
        with self.unit() as unit:
            before = unit.repo.one(Risk, risk_id, expected_version)
            release = unit.repo.release(before.release_id)
            risk = unit.repo.update(Risk, risk_id, {"status": status, "outcome": None})
            unit.touch(release, changed="risks")
            unit.event(release, "risk.reopen", before.status.value, f"{status.value}: {risk.title}")
            unit.undo_by(f"reopen risk '{risk.title}'", lambda s, v: s.close_risk(risk_id, before.outcome, v)
                         if before.outcome else s.reopen_risk(risk_id, before.status, v), risk)
            return risk

    @undoable
    def remove_risk(self, risk_id: int, expected_version: int | None = None) -> None:
        """For a risk entered by mistake; a real risk is closed with an outcome, which keeps its story."""
        with self.unit() as unit:
            risk = unit.repo.remove(Risk, risk_id, expected_version)
            release = unit.repo.release(risk.release_id)
            unit.touch(release, changed="risks")
            unit.event(release, "risk.remove", old=risk.title)
            unit.undo_by(f"remove risk '{risk.title}'", lambda s, v: s.restore_risk(risk))

    @undoable
    def restore_risk(self, risk: Risk) -> Risk:
        with self.unit() as unit:
            release = unit.repo.release(risk.release_id)
            restored = unit.repo.put_back(risk)
            unit.touch(release, changed="risks")
            unit.event(release, "risk.restore", new=risk.title)
            unit.undo_by(f"restore risk '{risk.title}'", lambda s, v: s.remove_risk(risk.id, v), restored)
            return restored
