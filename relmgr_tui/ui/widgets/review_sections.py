"""What each section of the go/no-go review shows, built from one loaded release.

Pure: a ReleaseDetail (and the gate's view of it) in, sections of entries out, each entry already rendered
as plain Content. Every mark is a word or symbol as well as a colour, so the review reads in 16 colours and
on a projector that washes colours out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from textual.content import Content

from relmgr_tui.domain import signoff_status
from relmgr_tui.domain.gates import GateReport, latest_gate_decision
from relmgr_tui.domain.signoff_status import SignoffLine
from relmgr_tui.domain.model import (
    ChecklistItem,
    Condition,
    Decision,
    ReleaseDetail,
    RiskStatus,
    RollbackStep,
    StepStatus,
)
from relmgr_tui.domain.risk import RiskBand, band_of, sorted_by_score
from relmgr_tui.minutes import OUTCOME_LABELS
from relmgr_tui.ui.text import local, printable
from relmgr_tui.domain.wording import plural

MUTED = "$text-muted"
GOOD = "bold $text-success"
BAD = "bold $text-error"
WARN = "bold $text-warning"
BAND_STYLES = {RiskBand.CRITICAL: BAD, RiskBand.HIGH: WARN, RiskBand.MEDIUM: "bold $text-primary", RiskBand.LOW: GOOD}
STEP_MARKS = {
    StepStatus.REHEARSED: ("✓ rehearsed", GOOD),
    StepStatus.EXECUTED: ("✓ executed", GOOD),
    StepStatus.PENDING: ("✗ not rehearsed", BAD),
    StepStatus.FAILED: ("✗ failed", BAD),
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of a section. Only entries with an `item` can be ticked or given a note."""

    key: str
    prompt: Content
    lead: Content = Content("")
    """The mark the prompt hangs from ('[✓] DONE  ', '✗ '): wrapped lines start under the prompt, not under it."""
    item: ChecklistItem | None = None
    condition: int | None = None
    """The number (1-based) of a condition of the last decision: space marks it met or not met."""
    selectable: bool = True
    rule: bool = False
    """Draw a faint rule under the entry (set for two-line entries, so they do not run together)."""
    role: str = ""
    """The role of a sign-off entry: the revoke key takes back yours in that role."""


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    tab: str
    """Short label for the section line: 'Checklist 4/6'."""
    title: str
    """The heading over the entries: 'Preparing checklist: 4 of 6 done'."""
    entries: tuple[Entry, ...]


def _details(*parts: str) -> str:
    return " · ".join(part for part in parts if part)


def _two_lines(key: str, lead: tuple[str, str], title: str, details: str, *,
               item: ChecklistItem | None = None, condition: int | None = None) -> Entry:
    """A bold title after its lead (mark, score, status) and muted details under it, both hanging under the title."""
    text, style = lead
    prompt = Content.assemble((printable(title), "bold"), "\n", (details, MUTED))
    return Entry(key, prompt, Content.assemble((text, style), "  "), item, condition, rule=True)


def checklist_entry(item: ChecklistItem) -> Entry:
    mark = ("[✓] DONE", GOOD) if item.done else ("[ ] OPEN", WARN if item.required else MUTED)
    details = _details(
        "required" if item.required else "optional",
        f"owner {printable(item.owner)}" if item.owner else "",
        f"ticked by {printable(item.done_by)} {local(item.done_at)}" if item.done else "",
        f"evidence: {printable(item.evidence)}" if item.evidence else "",
        f"note: {printable(item.note)}" if item.note else "",
    )
    return _two_lines(f"item-{item.id}", mark, item.text, details, item=item)


def checklist_section(detail: ReleaseDetail) -> Section:
    phase = detail.release.phase
    items = detail.items_in(phase)
    done = sum(1 for i in items if i.done)
    open_required = sum(1 for i in items if i.required and not i.done)
    title = f"{phase.label} checklist: {done} of {len(items)} done"
    if open_required:
        title += f", {open_required} required still open"
    entries = tuple(checklist_entry(i) for i in items) or (_note("empty", f"No {phase.label} items."),)
    return Section("checklist", f"Checklist {done}/{len(items)}", title, entries)


def risks_section(detail: ReleaseDetail) -> Section:
    live = [r for r in sorted_by_score(detail.risks) if r.status.is_live]
    closed = len(detail.risks) - len(live)
    entries: list[Entry] = []
    by_band: dict[RiskBand, int] = {}
    for band in sorted(RiskBand, reverse=True):
        risks = [r for r in live if band_of(r.score) == band]
        if not risks:
            continue
        by_band[band] = len(risks)
        entries.append(_heading(f"band-{band.label}", f"{band.label.upper()} ({len(risks)})", BAND_STYLES[band]))
        for risk in risks:
            status = ("accepted by " + printable(risk.accepted_by) if risk.accepted
                      else "mitigating" if risk.status is RiskStatus.MITIGATING else "open")
            response = f"{risk.response.value}: {printable(risk.mitigation)}" if risk.mitigation else risk.response.value
            details = _details(
                f"likelihood {risk.likelihood} × impact {risk.impact}", status,
                f"owner {printable(risk.owner)}" if risk.owner else "no owner", response,
            )
            lead = (f"score {risk.score:>2}", BAND_STYLES[band])
            entries.append(_two_lines(f"risk-{risk.id}", lead, risk.title, details))
    counts = ", ".join(f"{count} {band.label}" for band, count in by_band.items())
    title = f"Open risks: {len(live)}" + (f" ({counts})" if counts else "")
    if closed:
        title += f" · {closed} closed"
    return Section("risks", f"Risks {len(live)}", title, tuple(entries) or (_note("empty", "No open risks."),))


def step_entry(step: RollbackStep) -> Entry:
    word, style = STEP_MARKS[step.status]
    details = _details(
        f"$ {printable(step.command)}" if step.command else "",
        f"owner {printable(step.owner)}" if step.owner else "no owner",
        f"{step.expected_minutes} min",
        f"rehearsed {local(step.last_rehearsed_at)}" if step.last_rehearsed_at else "never rehearsed",
    )
    lead = (f"{step.position:>2}. {word:<15}", style)
    return _two_lines(f"step-{step.id}", lead, step.action, details)


def rollback_section(detail: ReleaseDetail) -> Section:
    steps = detail.steps
    rehearsed = sum(1 for s in steps if s.status.is_rehearsed)
    minutes = sum(s.expected_minutes for s in steps)
    if steps:
        title = f"Rollback plan: {plural(len(steps), 'step')}, {minutes} min, {rehearsed} of {len(steps)} rehearsed"
        entries = tuple(step_entry(s) for s in steps)
    else:
        title = "Rollback plan: none"
        entries = (_note("empty", "✗ No rollback plan: add steps and rehearse them in the release workspace."),)
    return Section("rollback", f"Rollback {rehearsed}/{len(steps)}", title, entries)


SIGNOFF_MARKS = {
    "approved": ("✓ APPROVED ", GOOD), "rejected": ("✗ REJECTED ", BAD), "stale": ("! STALE    ", WARN),
    "missing": ("[ ] MISSING", WARN), "not asked": ("· NOT ASKED", MUTED),
}


def signoff_entry(line: SignoffLine, me: str) -> Entry:
    s = line.signoff
    mark = SIGNOFF_MARKS["stale" if line.stale else line.state if s is None else s.verdict.label]
    if s is None:
        details = _details("required" if line.required else "", "o signs it as you")
    else:
        details = _details(f"{s.verdict.label} by {printable(s.who)}{' (you)' if s.who == me else ''}",
                           local(s.signed_at), f"comment: {printable(s.comment)}" if s.comment else "",
                           "stale: the release changed since; sign again" if line.stale else "")
    entry = _two_lines(f"signoff-{line.role}", mark, line.role, details)
    return replace(entry, role=line.role)


def signoff_section(heading: str, lines: Sequence[SignoffLine], me: str) -> Section:
    """Every role the next move asks for: who signed, the verdict in words, and whether it went stale."""
    standing = sum(1 for line in lines if line.stands)
    entries = tuple(signoff_entry(line, me) for line in lines) or (
        _note("empty", "No sign-off is asked for this move (templates.toml [signoffs])."),)
    title = f"{heading}: {standing} of {len(lines)} approved and current" if lines else f"{heading}: none asked"
    return Section("signoffs", f"Sign {standing}/{len(lines)}", title, entries)


def condition_entry(number: int, condition: Condition, today: date) -> Entry:
    if condition.met:
        lead = ("[✓] MET    ", GOOD)
        when = f"met by {printable(condition.met_by)} {local(condition.met_at)}"
    else:
        lead = ("[ ] OVERDUE", BAD) if condition.overdue(today) else ("[ ] NOT MET", WARN)
        when = "space marks it met"
    details = _details(f"condition {number}", f"owner {printable(condition.owner)}" if condition.owner else "no owner",
                       f"due {condition.deadline.isoformat()}" if condition.deadline else "no due date",
                       f"note: {printable(condition.met_note)}" if condition.met_note else "", when)
    return _two_lines(f"condition-{number}", lead, condition.text, details, condition=number)


def condition_entries(decision: Decision, today: date) -> list[Entry]:
    """The conditions of a conditional GO, each one markable met from the review."""
    return [condition_entry(n, c, today) for n, c in enumerate(decision.conditions, start=1)]


def gate_section(detail: ReleaseDetail, report: GateReport, blockers: Iterable[str],
                 statuses: Mapping[int, str], today: date) -> Section:
    """`blockers` are the gate's blockers other than the decision itself, which this review is about."""
    blockers = tuple(blockers)
    release = detail.release
    route = f"{report.phase.label} → {report.target_label}"
    decision = latest_gate_decision(detail, release.phase)
    if decision is None:
        status = Content.assemble(("Decision: ", "bold"), "none recorded yet. Press v when the review is done.")
    else:
        words = printable(statuses.get(decision.id, "current"))
        freshness = ("STALE" + words[len("stale"):], BAD) if words.startswith("stale") else (words, GOOD)
        status = Content.assemble(
            ("Last decision: ", "bold"), (OUTCOME_LABELS[decision.outcome], "bold"),
            f", {local(decision.decided_at)} by {printable(decision.decided_by)} · ", freshness,
        )
    entries = [Entry("decision", status, rule=True)]
    if decision is not None:
        entries += condition_entries(decision, today)
    entries += [_marked_line(f"blocker-{n}", ("✗ ", BAD), b) for n, b in enumerate(blockers)]
    if not blockers:
        entries.append(_marked_line("gate-open", ("✓ ", GOOD), "No blockers."))
    entries += [_marked_line(f"warning-{n}", ("! ", WARN), warning) for n, warning in enumerate(report.warnings)]
    count = len(blockers)
    title = f"Gate {route}: " + (f"{count} blocker{'s' if count != 1 else ''} besides the decision" if count else "open")
    tab = f"Gate ✗{count}" if count else "Gate ✓"
    return Section("gate", tab, title, tuple(entries))


def build_sections(detail: ReleaseDetail, report: GateReport, blockers: Iterable[str],
                   statuses: Mapping[int, str], today: date,
                   signoff_rules: Mapping[str, tuple[str, ...]] = {}, me: str = "") -> tuple[Section, ...]:
    """`statuses`: what each decision stands for now, by id (Service.decision_statuses); `signoff_rules`:
    the roles each move asks to sign off; `me`: who this relmgr signs as."""
    signoffs = signoff_section(signoff_status.heading(detail), signoff_status.lines(detail, signoff_rules), me)
    return (checklist_section(detail), risks_section(detail), rollback_section(detail), signoffs,
            gate_section(detail, report, blockers, statuses, today))


def _marked_line(key: str, mark: tuple[str, str], text: str) -> Entry:
    return Entry(key, Content(printable(text)), Content.styled(*mark))


def _heading(key: str, text: str, style: str) -> Entry:
    return Entry(key, Content.styled(f"── {text} ──", style), selectable=False)


def _note(key: str, text: str) -> Entry:
    return Entry(key, Content.styled(text, MUTED), selectable=False)
