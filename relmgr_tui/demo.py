"""Demo data: years of a release organisation's history and a busy board, for trying relmgr out, the
screenshots and the benchmarks.

Deterministic for a seed and a clock. Fast enough for tens of thousands of releases: the rows are plain
dicts with ids assigned here, inserted with one executemany per table for every BATCH releases, all in one
write transaction.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from typing import Any

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
    StepStatus,
    Vote,
)
from relmgr_tui.domain.risk import SCALE, RiskBand, band_of
from relmgr_tui.domain.templates import TemplateSet
from relmgr_tui.service import Service
from relmgr_tui.store.bulk import BulkLoader

BATCH = 2_000
"""Releases whose rows are inserted together: about 40 rows each, so memory stays flat however many."""
HISTORY_DAYS = 6 * 365
"""Archived releases are spread over the six years before the board's releases."""

TEAM = (
    "Amara Okafor", "Jonas Berg", "Priya Raman", "Mateo Alvarez", "Yuki Tanaka", "Sofia Lindqvist",
    "Daniel Cohen", "Léa Martin", "Sam [ops] Patel",
)
"""Release owners and meeting attendees; one name has brackets, which every view must show literally."""

PRODUCTS = (
    ("Payments API", "payments-api"), ("Checkout", "checkout-web"), ("Search", "search-service"),
    ("Billing", "billing"), ("Identity", "identity"), ("Notifications", "notifier"),
    ("Reporting", "reporting"), ("Data platform", "ingest"), ("Partner portal", "partner-portal"),
)
MOBILE = ("Mobile app", "mobile-app")
"""The mobile app ships calendar versions (2025.03.2); everything else shares one semantic version line."""

FEATURES = (
    "SEPA Instant transfers", "Apple Pay for returning customers", "passkey sign-in", "PostgreSQL 16 upgrade",
    "new invoice PDF layout", "GDPR data export", "dark mode", "rate limiting per API key", "Kafka 3.7 migration",
    "usage-based pricing", "search autocomplete", "screen reader accessibility", "multi-currency wallets",
    "webhook retries with backoff", "single sign-on for enterprise tenants", "quarterly revenue dashboard",
    "EU data residency", "push notification preferences", "partner onboarding wizard", "card tokenisation vault",
    "fraud scoring v2", "Android 15 support", "order tracking page", "Java 21 runtime upgrade", "bulk refunds",
)
FIXES = (
    "timeouts on CSV export", "rounding of refunds in JPY", "pagination in order history", "stale prices in search",
    "duplicate welcome emails", "slow invoice rendering", "session expiry on mobile", "retry storm on webhooks",
)
INCIDENTS = (
    "card payments time out at peak", "login loop after password reset", "duplicate invoice emails",
    "memory leak in the notification worker", "expired TLS certificate on the partner API",
    "checkout crashes on iOS 18.1", "currency rounding error on refunds", "search index stops updating",
)
MARKUP_TITLES = (
    "Card vault migration [bold red]urgent[/]",
    "Rate limits for [link=https://example.com]partner[/link] API keys",
    "Fix crash on [/] in search queries",
)
"""Titles that Rich would read as markup: the board must show them exactly as typed."""

SUMMARIES = (
    "Asked for by the sales team for the enterprise deals closing this quarter.",
    "Required before the regulator's deadline at the end of the quarter.",
    "Cuts the support tickets about this flow, currently the third biggest queue.",
    "Unblocks the partner integrations planned for next quarter.",
    "Replaces a component that goes out of vendor support this year.",
    "Measured in the last A/B test: +2.1% conversion on the affected pages.",
)

RISKS = (
    ("Database migration locks the orders table", "technical", "A long ALTER TABLE blocks writes during the peak.",
     "Run the migration online in batches; rehearse on a production-sized copy.",
     "Abort the migration and run the down script."),
    ("Partner API contract changes late", "dependency", "The partner has not frozen its v3 schema.",
     "Agree a freeze date with the partner; keep the v2 adapter behind a flag.", "Switch the flag back to v2."),
    ("Load on the search cluster doubles", "capacity", "The new autocomplete sends a query per keystroke.",
     "Debounce in the client; add two nodes before the release.", "Disable autocomplete with its flag."),
    ("Key people on holiday during the window", "people", "Two of the three on-call engineers are away.",
     "Move the window or brief a stand-in on the runbook.", "Postpone the deployment by a week."),
    ("Payment provider certificate expires", "security", "The mTLS certificate expires two days after go-live.",
     "Rotate the certificate before the release.", "Fail over to the secondary provider."),
    ("Regression in the refund flow", "quality", "Refund code changed in three places in this release.",
     "Add end-to-end tests for refunds; run them on every build.", "Roll back and refund by hand."),
    ("App store review delays the mobile release", "schedule", "Review times have been up to five days.",
     "Submit a week early with the feature behind a remote flag.", "Ship the web part first."),
    ("Data export breaks downstream reports", "integration", "Reporting reads the export with a strict parser.",
     "Share a sample file with the reporting team two weeks ahead.", "Serve the old format on the old path."),
    ("Cost of the new cluster exceeds the budget", "financial", "Usage-based pricing of the managed service.",
     "Set a budget alert and a hard quota.", "Scale down to the minimum and review."),
    ("GDPR export leaks another tenant's data", "compliance", "Tenant filters are applied in the service layer only.",
     "Add row-level security and a test per tenant.", "Disable the export and notify the DPO."),
)

STEPS = (
    ("Announce the rollback in #releases and freeze deploys", "", 2),
    ("Drain traffic from the new version at the load balancer", "lbctl drain --pool {service} --version {version}", 5),
    ("Roll the deployment back to the previous version", "kubectl rollout undo deployment/{service}", 10),
    ("Run the down migration of the database", "alembic -n {service} downgrade -1", 15),
    ("Restore the feature flags from the pre-release snapshot", "flags restore --snapshot pre-{version}", 5),
    ("Purge the CDN cache", "cdnctl purge --zone {service}", 5),
    ("Verify health checks, error rates and latency dashboards", "", 10),
    ("Tell support and stakeholders that the release was rolled back", "", 5),
)
ALWAYS_STEPS = (2, 6)
"""Every rollback plan undoes the deployment and checks the result."""

FUNCTIONS = ("Release manager", "Engineering lead", "QA lead", "Operations", "Product owner", "Security", "Support lead")
RATIONALES = {
    Outcome.GO: "All required checks passed, the rollback was rehearsed on staging and support is briefed.",
    Outcome.CONDITIONAL_GO: "Go, provided the conditions below are met before the window opens.",
    Outcome.NO_GO: "Not ready: the open items below must be done first. Review again in two days.",
}
CONDITIONS = (
    "Wire the error budget alert to on-call", "Update the support runbook", "Verify last night's database backup",
    "Get the security sign-off on the new endpoint",
)

_BANDS = tuple(RiskBand)
_BAND_CELLS = {band: [(lk, im) for lk in SCALE for im in SCALE if band_of(lk * im) is band] for band in RiskBand}
_OTHERS = {name: tuple(other for other in TEAM if other != name) for name in TEAM}
_BOARD_PHASE_WEIGHTS = (20, 25, 25, 18, 12)
_TARGET_DAYS = {
    Phase.PLANNING: (21, 70), Phase.BUILDING: (10, 45), Phase.TESTING: (4, 25),
    Phase.PREPARING: (-3, 9), Phase.DEPLOYING: (-4, 3),
}
_SURE_TARGETS = {Phase.PREPARING: (1, 5), Phase.DEPLOYING: (-3, -1)}
"""Whatever the draw, the first Preparing release is due this week and the first Deploying one is overdue."""
_RESPONSES, _RESPONSE_ODDS = tuple(r.value for r in RiskResponse), tuple(accumulate((15, 50, 10, 25)))
_LIVE_STATUSES = (RiskStatus.OPEN, RiskStatus.MITIGATING, RiskStatus.CLOSED)
_LIVE_STATUS_ODDS = tuple(accumulate((55, 35, 10)))
_PREPARING = Phase.PREPARING.value
_PENDING = StepStatus.PENDING.value


@dataclass(frozen=True)
class DemoResult:
    releases: int
    on_board: int
    archived: int


@dataclass
class _Plan:
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
    on_board: bool = field(init=False)
    life: timedelta = field(init=False)

    def __post_init__(self) -> None:
        self.on_board = self.state.on_board
        self.life = self.ends_at - self.created_at

    def moment(self, fraction: float) -> datetime:
        """A moment `fraction` of the way through the release's life."""
        return self.created_at + self.life * fraction


def generate(service: Service, releases: int, seed: int, now: datetime) -> DemoResult:
    """Add `releases` demo releases in one transaction, skipping versions the database already has."""
    rng = random.Random(seed)
    now = now.astimezone(UTC)
    on_board = min(releases, max(5, round(releases / 10)))
    plans = _plan_archive(rng, releases - on_board, now) + _plan_board(rng, on_board, now)

    def fill(loader: BulkLoader) -> None:
        versions = _Versions(loader.existing_versions())
        rows = _Rows(rng, service.templates, loader.next_ids())
        for start in range(0, len(plans), BATCH):
            for plan in plans[start:start + BATCH]:
                _name(rng, plan, versions)
                rows.add(plan)
            rows.insert_into(loader)

    service.load_bulk(fill)
    return DemoResult(releases, on_board, releases - on_board)


# -- planning: states, phases, dates --------------------------------------------------------------

STATE_REASONS = {
    ReleaseState.ON_HOLD: "Waiting for the vendor's security review",
    ReleaseState.CANCELLED: "Scope moved to the next release",
    ReleaseState.ROLLED_BACK: "Errors in production after the deploy",
}


def _lifecycle_columns(plan: _Plan) -> dict[str, Any]:
    """The state's reason and dates: an archived release ended on `ends_at` (no random draw here, so
    the demo stays the same release for release)."""
    ended = None if plan.on_board else plan.ends_at
    return {
        "state_reason": STATE_REASONS.get(plan.state, ""),
        "state_changed_at": _held_since(plan) if plan.state is ReleaseState.ON_HOLD else ended,
        "hold_until": None,
        "released_at": ended if plan.state in (ReleaseState.RELEASED, ReleaseState.ROLLED_BACK) else None,
        "closed_at": ended,
    }

def _held_since(plan: _Plan) -> datetime:
    """The day of the last edit, not its minute: that minute is drawn back from the wall clock, and the
    same seed on the same day must give the same data."""
    day = plan.updated_at.date()
    return max(plan.created_at, datetime(day.year, day.month, day.day, 8, tzinfo=UTC))


def _at(day: date, rng: random.Random) -> datetime:
    """A moment during the working day (UTC) of `day`."""
    return datetime(day.year, day.month, day.day, 8, tzinfo=UTC) + timedelta(minutes=rng.randrange(9 * 60))


def _plan_archive(rng: random.Random, count: int, now: datetime) -> list[_Plan]:
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
        plans.append(_Plan(
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


def _plan_board(rng: random.Random, count: int, now: datetime) -> list[_Plan]:
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
        plans.append(_Plan(
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


def _board_decisions(plans: list[_Plan]) -> None:
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

class _Versions:
    """Version numbers in release order, never one that is taken: semantic versions for the platform,
    calendar versions for the mobile app, and -hotfix.N on the version in production for emergency fixes."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = taken
        self.major, self.minor, self.patch = 2, 3, 0
        self.in_production = "2.3.0"
        self.counters: dict[str, int] = defaultdict(int)

    def next(self, plan: _Plan) -> str:
        while True:
            candidate = self._step(plan)
            if candidate not in self.taken:
                self.taken.add(candidate)
                return candidate

    def _count(self, key: str) -> int:
        self.counters[key] += 1
        return self.counters[key]

    def _step(self, plan: _Plan) -> str:
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


def _name(rng: random.Random, plan: _Plan, versions: _Versions) -> None:
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


# -- rows -----------------------------------------------------------------------------------------

class _Rows:
    """The rows of every table as plain dicts, with ids assigned in order."""

    MODELS = (
        "release", "checklist_item", "risk", "rollback_step", "decision", "decision_attendee",
        "decision_condition", "event",
    )

    def __init__(self, rng: random.Random, templates: TemplateSet, first_ids: dict[str, int]) -> None:
        self.rng = rng
        self.next_id = dict(first_ids)
        self.tables: dict[str, list[dict[str, Any]]] = {model: [] for model in self.MODELS}
        self.checklists = {
            kind: [(phase.value, phase.index, position, item.text, item.required)
                   for phase, items in templates.for_kind(kind).items()
                   for position, item in enumerate(items, start=1)]
            for kind in ReleaseKind
        }
        self.board_risks = 0

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

    def add(self, plan: _Plan) -> None:
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
            "evidence_revision": evidence, "row_version": 1, **_lifecycle_columns(plan),
        })
        items = self._items(plan, release_id)
        self._risks(plan, release_id)
        steps = self._steps(plan, release_id)
        self._decisions(plan, release_id, owner, evidence, items, steps)
        self._insert("event", {
            "at": plan.created_at, "who": owner, "release_id": release_id, "release_version": plan.version,
            "action": "release.create", "old": "", "new": f"{plan.kind.value} {methodology.value}", "reason": "",
        })

    def _items(self, plan: _Plan, release_id: int) -> list[dict[str, Any]]:
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
                "row_version": 1, "early": False,
            })
        self.tables["checklist_item"].extend(rows)
        return rows

    def _risks(self, plan: _Plan, release_id: int) -> None:
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

    def _risk_status(self, plan: _Plan, band: RiskBand) -> tuple[RiskStatus, RiskOutcome | None]:
        """Live on the board, except critical ones past the gate into Deploying; an outcome afterwards."""
        rng = self.rng
        if plan.on_board:
            if band is RiskBand.CRITICAL and (plan.phase is Phase.DEPLOYING or plan.ready):
                return RiskStatus.CLOSED, RiskOutcome.MITIGATED
            return rng.choices(_LIVE_STATUSES, cum_weights=_LIVE_STATUS_ODDS)[0], None
        if plan.state is ReleaseState.ROLLED_BACK and rng.random() < 0.5:
            return RiskStatus.OCCURRED, RiskOutcome.OCCURRED
        return RiskStatus.CLOSED, rng.choice((RiskOutcome.MITIGATED, RiskOutcome.DID_NOT_OCCUR))

    def _steps(self, plan: _Plan, release_id: int) -> list[dict[str, Any]]:
        """The rollback plan: none early on, partly rehearsed while Preparing, rehearsed before Deploying."""
        rng = self.rng
        if plan.state is ReleaseState.CANCELLED or rng.random() >= (0, 0.25, 0.6, 1, 1)[plan.phase.index]:
            return []
        picked = sorted({*ALWAYS_STEPS, *rng.sample(range(len(STEPS)), rng.randint(1, 3))})
        if plan.state is ReleaseState.ROLLED_BACK:
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

    def _decisions(self, plan: _Plan, release_id: int, chair: str, evidence: int,
                   items: list[dict[str, Any]], steps: list[dict[str, Any]]) -> None:
        """The go/no-go history, oldest first: a stale GO was taken on older evidence, and a NO-GO keeps
        the blockers it was taken on."""
        history = plan.decisions
        for n, entry in enumerate(history):
            if entry == "no_go":
                outcome, blockers = Outcome.NO_GO, _gate_blockers(items, steps)
            else:
                outcome, blockers = Outcome.CONDITIONAL_GO if self.rng.random() < 0.3 else Outcome.GO, []
            age = len(history) - 1 - n
            revision = evidence - 3 * age - (2 if entry == "stale_go" else 0)
            self._decision(plan, release_id, chair, outcome, revision, blockers, (n + 1) / len(history))

    def _decision(self, plan: _Plan, release_id: int, chair: str, outcome: Outcome, revision: int,
                  blockers: list[str], lateness: float) -> None:
        rng = self.rng
        last = lateness >= 1
        used = last and outcome.permits_deploy and (plan.phase is Phase.DEPLOYING or not plan.on_board)
        met = used or (last and plan.ready)
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


def _gate_blockers(items: list[dict[str, Any]], steps: list[dict[str, Any]]) -> list[str]:
    """The Preparing gate's blockers in the gate's own words: what a NO-GO was taken on."""
    return [
        f"Required Preparing item not done: {row['text']}" for row in items
        if row["phase"] == _PREPARING and row["required"] and not row["done"]
    ] + [f"Rollback step not rehearsed: {row['action']}" for row in steps if row["status"] == _PENDING]
