"""The demo's rows: every table's rows for a planned release, as plain dicts with ids assigned in order,
ready for the store's bulk path."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from itertools import accumulate
from typing import Any

from relmgr_tui.demo.moves import event_rows, phase_events
from relmgr_tui.demo.plans import Plan, lifecycle_columns
from relmgr_tui.demo.reviews import add_review
from relmgr_tui.demo.schedule import milestone_rows, window_columns
from relmgr_tui.demo.scope import scope_rows
from relmgr_tui.demo.tables import ALWAYS_STEPS, CONDITIONS, FUNCTIONS, RATIONALES, RISKS, STEPS, SUMMARIES, TEAM
from relmgr_tui.domain.model import (
    PHASES,
    Methodology,
    Outcome,
    Phase,
    ReleaseKind,
    ReleaseState,
    RiskOutcome,
    RiskResponse,
    RiskStatus,
    ScopeStatus,
    Severity,
    StepStatus,
    Vote,
)
from relmgr_tui.domain.risk import SCALE, RiskBand, band_of
from relmgr_tui.domain.templates import TemplateSet
from relmgr_tui.store.bulk import BulkLoader

_BANDS = tuple(RiskBand)
_BAND_CELLS = {band: [(lk, im) for lk in SCALE for im in SCALE if band_of(lk * im) is band] for band in RiskBand}
_OTHERS = {name: tuple(other for other in TEAM if other != name) for name in TEAM}
_RESPONSES, _RESPONSE_ODDS = tuple(r.value for r in RiskResponse), tuple(accumulate((15, 50, 10, 25)))
_LIVE_STATUSES = (RiskStatus.OPEN, RiskStatus.MITIGATING, RiskStatus.CLOSED)
_LIVE_STATUS_ODDS = tuple(accumulate((55, 35, 10)))
_PREPARING = Phase.PREPARING.value
_PENDING = StepStatus.PENDING.value
_CRITICAL, _OPEN_SCOPE = Severity.CRITICAL.value, ScopeStatus.OPEN.value


class Rows:
    """The rows of every table as plain dicts, with ids assigned in order."""

    MODELS = (
        "release", "checklist_item", "risk", "rollback_step", "decision", "decision_attendee",
        "decision_condition", "review", "review_action", "event", "milestone", "signoff", "scope_item",
    )

    def __init__(self, rng: random.Random, templates: TemplateSet, first_ids: dict[str, int],
                 history: random.Random, now: datetime) -> None:
        self.rng = rng
        self.history = history
        """The phase moves' own random source (demo/moves.py)."""
        self.now = now
        self.next_id = dict(first_ids)
        self.tables: dict[str, list[dict[str, Any]]] = {model: [] for model in self.MODELS}
        self.checklists = {
            kind: [(phase.value, phase.index, position, item.text, item.required)
                   for phase, items in templates.for_kind(kind).items()
                   for position, item in enumerate(items, start=1)]
            for kind in ReleaseKind
        }
        self.board_risks = 0
        self.signoff_roles = templates.signoffs.get(Phase.DEPLOYING.value, ())

    def insert_into(self, loader: BulkLoader) -> None:
        """Insert the rows gathered so far, one executemany per table, and start afresh."""
        for model in self.MODELS:
            loader.insert(model, self.tables[model])
            self.tables[model] = []

    def _take_ids(self, model: str, count: int) -> int:
        """Reserve `count` ids of `model`; returns the first."""
        first = self.next_id[model]
        self.next_id[model] += count
        return first

    def _insert(self, model: str, row: dict[str, Any]) -> int:
        row["id"] = self._take_ids(model, 1)
        self.tables[model].append(row)
        return row["id"]

    def add(self, plan: Plan) -> None:
        rng = self.rng
        methodology = Methodology.AGILE if rng.random() < 0.3 else Methodology.WATERFALL
        owner = rng.choice(TEAM)
        evidence = rng.randint(10, 60)
        release_id = self._insert("release", {
            "version": plan.version, "title": plan.title, "kind": plan.kind.value,
            "methodology": methodology.value, "phase": plan.phase.value, "state": plan.state.value,
            "owner": owner, "target_date": plan.target_date,
            "summary": " ".join(rng.sample(SUMMARIES, rng.randint(1, 2))),
            "created_at": plan.created_at, "updated_at": plan.updated_at,
            "evidence_revision": evidence, "row_version": 1, **lifecycle_columns(plan),
        })
        self.tables["release"][-1].update(window_columns(plan, release_id))
        for row in milestone_rows(plan, release_id):
            self._insert("milestone", row)
        items = self._items(plan, release_id)
        self._risks(plan, release_id)
        steps = self._steps(plan, release_id)
        scope = scope_rows(plan, release_id)
        for row in scope:
            self._insert("scope_item", row)
        self._decisions(plan, release_id, owner, evidence, items, steps, scope)
        for action, new in (("release.create", f"{plan.kind.value} {methodology.value}"),
                            ("scope.import", f"{len(scope)} added, 0 updated, 0 unchanged")):
            self._insert("event", {
                "at": plan.created_at, "who": owner, "release_id": release_id, "release_version": plan.version,
                "action": action, "old": "", "new": new, "reason": "",
            })
        for row in event_rows(plan, release_id, owner, phase_events(plan, methodology, self.history)):
            self._insert("event", row)
        add_review(plan, release_id, owner, self.now, self._insert)  # written after the release ended

    def _items(self, plan: Plan, release_id: int) -> list[dict[str, Any]]:
        """The standard checklists: earlier phases done (optional items mostly), the current one partly."""
        rng = self.rng
        checklist = self.checklists[plan.kind]
        current = plan.phase.index
        if plan.state is ReleaseState.RELEASED:
            current, done_in_current = len(PHASES), 0
        elif plan.state is ReleaseState.ROLLED_BACK:
            done_in_current = 1
        else:
            in_current = sum(1 for entry in checklist if entry[1] == current)
            done_in_current = in_current if plan.ready else rng.randint(0, max(0, in_current - 1))
        skip_optional = rng.random() < 0.25
        ticked_by = rng.choices(TEAM, k=len(PHASES))
        ticked_at = [plan.moment((index + 1) / (current + 2)) for index in range(len(PHASES))]
        first = self._take_ids("checklist_item", len(checklist))
        rows = []
        for n, (phase, index, position, text, required) in enumerate(checklist):
            done = (index < current and (required or not skip_optional)
                    or index == current and position <= done_in_current)
            rows.append({
                "id": first + n, "release_id": release_id, "phase": phase, "position": position, "text": text,
                "required": required, "done": done, "done_by": ticked_by[index] if done else "",
                "done_at": ticked_at[index] if done else None, "owner": "", "note": "", "rule": "",
                "row_version": 1,
                "early": False,
                "from_template": True,
            })
        self.tables["checklist_item"].extend(rows)
        return rows

    def _risks(self, plan: Plan, release_id: int) -> None:
        """On the board every band turns up in turn; archived risks have their outcome."""
        rng = self.rng
        count = rng.randint(2, 5) if plan.on_board else rng.randint(0, 3)
        reviewed = plan.moment(0.9)
        for title, category, description, mitigation, contingency in rng.sample(RISKS, count):
            if plan.on_board:
                band = _BANDS[self.board_risks % len(_BANDS)]
                self.board_risks += 1
                likelihood, impact = rng.choice(_BAND_CELLS[band])
            else:
                likelihood, impact = rng.choices(SCALE, k=2)
            status, outcome = self._risk_status(plan, band_of(likelihood * impact))
            self._insert("risk", {
                "release_id": release_id, "title": title, "description": description, "category": category,
                "likelihood": likelihood, "impact": impact, "owner": rng.choice(TEAM),
                "response": rng.choices(_RESPONSES, cum_weights=_RESPONSE_ODDS)[0],
                "mitigation": mitigation, "contingency": contingency, "status": status.value,
                "outcome": outcome.value if outcome else None, "last_reviewed": reviewed, "accepted_by": "",
                "accepted_reason": "", "row_version": 1,
            })

    def _risk_status(self, plan: Plan, band: RiskBand) -> tuple[RiskStatus, RiskOutcome | None]:
        """Live on the board, except critical ones past the gate into Deploying; an outcome afterwards."""
        rng = self.rng
        if plan.on_board:
            if band is RiskBand.CRITICAL and (plan.phase is Phase.DEPLOYING or plan.ready):
                return RiskStatus.CLOSED, RiskOutcome.MITIGATED
            return rng.choices(_LIVE_STATUSES, cum_weights=_LIVE_STATUS_ODDS)[0], None
        if (plan.state is ReleaseState.ROLLED_BACK or plan.fixed_forward) and rng.random() < 0.5:
            return RiskStatus.OCCURRED, RiskOutcome.OCCURRED
        return RiskStatus.CLOSED, rng.choice((RiskOutcome.MITIGATED, RiskOutcome.DID_NOT_OCCUR))

    def _steps(self, plan: Plan, release_id: int) -> list[dict[str, Any]]:
        """The rollback plan: none early on, partly rehearsed while Preparing, rehearsed before Deploying."""
        rng = self.rng
        if plan.state is ReleaseState.CANCELLED or rng.random() >= (0, 0.25, 0.6, 1, 1)[plan.phase.index]:
            return []
        picked = sorted({*ALWAYS_STEPS, *rng.sample(range(len(STEPS)), rng.randint(1, 3))})
        if plan.state is ReleaseState.ROLLED_BACK or plan.fixed_forward:
            statuses = [StepStatus.EXECUTED] * len(picked)
        elif not plan.on_board or plan.phase is Phase.DEPLOYING or plan.ready:
            statuses = [StepStatus.REHEARSED] * len(picked)
        else:
            rehearsed = rng.randint(0, len(picked) - 1)
            statuses = [StepStatus.REHEARSED] * rehearsed + [StepStatus.PENDING] * (len(picked) - rehearsed)
        owners = rng.choices(TEAM, k=len(picked))
        rows = []
        for position, (index, status, owner) in enumerate(zip(picked, statuses, owners), start=1):
            action, command, minutes = STEPS[index]
            row = {
                "release_id": release_id, "position": position, "action": action,
                "command": command.format(service=plan.product[1], version=plan.version), "owner": owner,
                "expected_minutes": minutes, "status": status.value,
                "last_rehearsed_at": None if status is StepStatus.PENDING else plan.moment(0.8),
                "row_version": 1,
            }
            self._insert("rollback_step", row)
            rows.append(row)
        return rows

    def _decisions(self, plan: Plan, release_id: int, chair: str, evidence: int,
                   items: list[dict[str, Any]], steps: list[dict[str, Any]], scope: list[dict[str, Any]]) -> None:
        """The go/no-go history, oldest first: a stale GO was taken on older evidence, and a NO-GO keeps
        the blockers it was taken on."""
        history = plan.decisions
        for n, entry in enumerate(history):
            if entry == "no_go":
                outcome, blockers = Outcome.NO_GO, _gate_blockers(items, steps, scope)
            else:
                outcome, blockers = Outcome.CONDITIONAL_GO if self.rng.random() < 0.3 else Outcome.GO, []
            age = len(history) - 1 - n
            revision = evidence - 3 * age - (2 if entry == "stale_go" else 0)
            self._decision(plan, release_id, chair, outcome, revision, blockers, (n + 1) / len(history))

    def _decision(self, plan: Plan, release_id: int, chair: str, outcome: Outcome, revision: int,
                  blockers: list[str], lateness: float) -> None:
        rng = self.rng
        last = lateness >= 1
        used = last and outcome.permits_deploy and (plan.phase is Phase.DEPLOYING or not plan.on_board)
        met = used or (last and plan.ready)
        if met:
            self._signoffs(plan, release_id, chair, revision)
        decision_id = self._insert("decision", {
            "release_id": release_id, "gate": _PREPARING, "outcome": outcome.value,
            "rationale": RATIONALES[outcome], "override_reason": "",
            "decided_at": plan.moment(0.7 + 0.25 * lateness), "decided_by": chair,
            "evidence_revision": revision, "gate_snapshot": json.dumps(blockers), "driver": "",
            "used_at": plan.moment(0.97) if used else None,
        })
        others = rng.sample(_OTHERS[chair], rng.randint(2, 4))
        functions = (FUNCTIONS[0], *rng.sample(FUNCTIONS[1:], len(others)))
        for position, (name, function) in enumerate(zip((chair, *others), functions)):
            if outcome is Outcome.NO_GO:
                vote = Vote.NO_GO if function in (FUNCTIONS[0], "QA lead") or rng.random() < 0.4 else Vote.GO
            else:
                vote = Vote.ABSTAIN if position and rng.random() < 0.1 else Vote.GO
            self._insert("decision_attendee", {
                "decision_id": decision_id, "position": position, "name": name, "function": function,
                "vote": vote.value,
            })
        if outcome is Outcome.CONDITIONAL_GO:
            for position, text in enumerate(rng.sample(CONDITIONS, rng.randint(1, 2))):
                self._insert("decision_condition", {
                    "decision_id": decision_id, "position": position, "text": text, "owner": rng.choice(TEAM),
                    "deadline": plan.target_date - timedelta(days=1),
                    "met_by": chair if met else "", "met_at": plan.moment(0.96) if met else None, "met_note": "",
                })


    def _signoffs(self, plan: Plan, release_id: int, owner: str, revision: int) -> None:
        """The approvals the move into Deploying asked for, each by a colleague of the owner, one after
        another, before the GO. No random draw: the rest of the demo stays as it was."""
        apart = min(plan.life / 100, timedelta(minutes=25))
        for n, role in enumerate(self.signoff_roles):
            self._insert("signoff", {
                "release_id": release_id, "move": Phase.DEPLOYING.value, "role": role,
                "who": _OTHERS[owner][n % len(_OTHERS[owner])], "verdict": "approve", "comment": "",
                "signed_at": plan.moment(0.68) + n * apart, "evidence_revision": revision, "row_version": 1,
            })


def _gate_blockers(items: list[dict[str, Any]], steps: list[dict[str, Any]],
                   scope: list[dict[str, Any]]) -> list[str]:
    """The Preparing gate's blockers in the gate's own words: what a NO-GO was taken on."""
    return [
        f"Required Preparing item not done: {row['text']}" for row in items
        if row["phase"] == _PREPARING and row["required"] and not row["done"]
    ] + [f"Rollback step not rehearsed: {row['action']}" for row in steps if row["status"] == _PENDING] + [
        f"Open {row['severity']} bug {row['key']}: {row['title']}" for row in scope
        if row["severity"] == _CRITICAL and row["status"] == _OPEN_SCOPE]
