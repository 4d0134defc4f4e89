"""Renderings of one release for people and programs: Markdown, JSON and TOML.

Pure functions: they take the loaded release, its gate report and what its decisions stand for now
(`Service.decision_statuses`) and return text, so that `relmgr show --json`, `relmgr export` and anything
else that shares a release describe it in the same shape.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

import tomli_w

from relmgr_tui import markdown_text as md
from relmgr_tui.review_report import review_data
from relmgr_tui.domain import lifecycle, signoff_status
from relmgr_tui.domain.gates import GateReport
from relmgr_tui.domain.model import PHASES, Decision, Event, Release, ReleaseDetail, ScopeItem, move_label
from relmgr_tui.domain.release_notes import HEADINGS, ReleaseNotes
from relmgr_tui.domain.schedule import window_data
from relmgr_tui.domain.risk import band_of, sorted_by_score


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def release_row(release: Release, done: int, total: int) -> dict[str, Any]:
    """One release as `relmgr list --json` shows it: the card, with its current phase's progress."""
    return {
        "version": release.version,
        "title": release.title,
        "kind": release.kind.value,
        "methodology": release.methodology.value,
        "phase": release.phase.value,
        "state": release.state.value,
        "state_reason": release.state_reason,
        "state_changed_at": _iso(release.state_changed_at),
        "hold_until": _iso(release.hold_until),
        "released_at": _iso(release.released_at),
        "closed_at": _iso(release.closed_at),
        "owner": release.owner,
        "target_date": _iso(release.target_date),
        "done": done,
        "total": total,
    }


def event_record(event: Event) -> dict[str, Any]:
    """One audit event as `relmgr events`, `relmgr log`, `export` and the evidence pack give it."""
    return {
        "id": event.id,
        "time": event.at.isoformat(),
        "who": event.who,
        "release": event.release_version,
        "action": event.action,
        "old": event.old,
        "new": event.new,
        "reason": event.reason,
    }


def scope_record(item: ScopeItem) -> dict[str, Any]:
    """One scope item as `show --json`, `export`, `scope list --json` and the release notes give it; the
    field names are those `relmgr scope import --format json` reads."""
    return {"key": item.key, "title": item.title, "type": item.type.value, "status": item.status.value,
            "severity": item.severity.value if item.severity else None, "url": item.url}


def _decision_data(decision: Decision, status: str) -> dict[str, Any]:
    return {
        "gate": decision.gate.value,
        "outcome": decision.outcome.value,
        "stale": status.startswith("stale"),
        "status": status,
        "authorised_move_at": _iso(decision.used_at),
        "decided_at": _iso(decision.decided_at),
        "decided_by": decision.decided_by,
        "rationale": decision.rationale,
        "override_reason": decision.override_reason,
        "attendees": [{"name": a.name, "function": a.function, "vote": a.vote.value} for a in decision.attendees],
        "conditions": [{"text": c.text, "owner": c.owner, "deadline": _iso(c.deadline), "met_by": c.met_by,
                        "met_at": _iso(c.met_at), "note": c.met_note} for c in decision.conditions],
        "gate_snapshot": list(decision.gate_snapshot),
    }


def release_data(detail: ReleaseDetail, report: GateReport, statuses: Mapping[int, str]) -> dict[str, Any]:
    """Everything `relmgr show` tells about a release, as plain JSON-able data."""
    release = detail.release
    items = {
        phase.value: [
            {
                "number": number,
                "text": item.text,
                "required": item.required,
                "done": item.done,
                "done_by": item.done_by,
                "done_at": _iso(item.done_at),
                "owner": item.owner,
                "note": item.note,
                "rule": item.rule,
                "early": item.early,
                "evidence_url": item.evidence_url,
                "evidence_note": item.evidence_note,
            }
            for number, item in enumerate(detail.items_in(phase), start=1)
        ]
        for phase in PHASES
    }
    risks = [
        {
            "title": risk.title,
            "score": risk.score,
            "band": band_of(risk.score).label,
            "likelihood": risk.likelihood,
            "impact": risk.impact,
            "status": risk.status.value,
            "outcome": risk.outcome.value if risk.outcome else None,
            "owner": risk.owner,
            "category": risk.category,
            "response": risk.response.value,
            "description": risk.description,
            "mitigation": risk.mitigation,
            "contingency": risk.contingency,
            "last_reviewed": _iso(risk.last_reviewed),
        }
        for risk in sorted_by_score(detail.risks)
    ]
    steps = [
        {
            "position": step.position,
            "action": step.action,
            "command": step.command,
            "owner": step.owner,
            "expected_minutes": step.expected_minutes,
            "status": step.status.value,
            "last_rehearsed_at": _iso(step.last_rehearsed_at),
        }
        for step in detail.steps
    ]
    return {
        **release_row(release, *_progress(detail)),
        "summary": release.summary,
        "created_at": _iso(release.created_at),
        "updated_at": _iso(release.updated_at),
        "scope": [scope_record(item) for item in detail.scope],
        "checklist": items,
        "risks": risks,
        "rollback_plan": steps,
        "decisions": [_decision_data(d, statuses[d.id]) for d in detail.decisions],
        "review": review_data(detail.review) if detail.review else None,
        "window": window_data(release.window),
        "milestones": [{"phase": m.phase.value, "planned": m.planned.isoformat()} for m in detail.milestones],
        "signoffs": [signoff_status.record(s, s.is_stale(release)) for s in detail.signoffs],
        "gate": {
            "phase": report.phase.value,
            "target": report.target.value if report.target else "released",
            "open": report.open,
            "overridable": report.overridable,
            "summary": report.summary(),
            "blockers": list(report.blockers),
            "warnings": list(report.warnings),
        },
    }


def _progress(detail: ReleaseDetail) -> tuple[int, int]:
    items = detail.items_in(detail.release.phase)
    return sum(1 for i in items if i.done), len(items)


def export_data(detail: ReleaseDetail, report: GateReport, statuses: Mapping[int, str],
                log: Sequence[Event]) -> dict[str, Any]:
    """What `relmgr show --json` tells, and the release's audit log, oldest first."""
    return {**release_data(detail, report, statuses), "log": [event_record(event) for event in log]}


def to_json(detail: ReleaseDetail, report: GateReport, statuses: Mapping[int, str], log: Sequence[Event]) -> str:
    return json.dumps(export_data(detail, report, statuses, log), indent=2, ensure_ascii=False) + "\n"


def _without_none(value: Any) -> Any:
    """TOML has no null: absent values are left out."""
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value]
    return value


def to_toml(detail: ReleaseDetail, report: GateReport, statuses: Mapping[int, str], log: Sequence[Event]) -> str:
    return tomli_w.dumps(_without_none(export_data(detail, report, statuses, log)))



def _utc(value: datetime | None) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if value else ""


def to_markdown(detail: ReleaseDetail, report: GateReport, statuses: Mapping[int, str],
                log: Sequence[Event]) -> str:
    release = detail.release
    lines = [
        f"# {md.inline(release.version)}: {md.inline(release.title) or '(untitled)'}",
        "",
        f"- **Phase:** {release.phase.label} ({release.state.label})",
        *([f"- **State:** {md.inline(lifecycle.state_wording(release))}"] if release.state_reason
          or release.finished else []),
        f"- **Kind:** {release.kind.value}, {release.methodology.value}",
        f"- **Owner:** {md.inline(release.owner) or '-'}",
        f"- **Target date:** {_iso(release.target_date) or '-'}",
    ]
    if release.summary:
        lines += ["", *md.lines(release.summary)]
    lines += _md_scope(detail)
    lines += _md_checklist(detail)
    lines += _md_risks(detail)
    lines += _md_rollback(detail)
    lines += _md_decisions(detail, statuses)
    lines += _md_signoffs(detail)
    lines += ["", f"## Gate: {report.phase.label} -> {report.target_label}", "", report.summary(arrow="->")]
    if report.blockers:
        lines += ["", *(f"- {md.inline(b)}" for b in report.blockers)]
    if report.warnings:
        lines += ["", *(f"- Warning: {md.inline(w)}" for w in report.warnings)]
    lines += _md_log(log)
    return "\n".join(lines) + "\n"


def _md_checklist(detail: ReleaseDetail) -> list[str]:
    lines = ["", "## Checklist"]
    for phase in PHASES:
        items = detail.items_in(phase)
        lines += ["", f"### {phase.label} ({sum(i.done for i in items)}/{len(items)})", ""]
        for number, item in enumerate(items, start=1):
            optional = "" if item.required else " (optional)"
            by = f" - done by {md.inline(item.done_by)}, {_utc(item.done_at)}" if item.done and item.done_by else ""
            lines.append(f"- [{'x' if item.done else ' '}] {number}. {md.inline(item.text)}{optional}{by}")
            if item.evidence:
                lines.append(f"  - Evidence: {md.inline(item.evidence)}")
        if not items:
            lines.append("No items.")
    return lines


def _md_scope(detail: ReleaseDetail) -> list[str]:
    lines = ["", "## Scope", ""]
    if not detail.scope:
        return lines + ["No scope items."]
    lines += ["| Key | Type | Status | Severity | Title |", "|---|---|---|---|---|"]
    for item in detail.scope:
        key = md.link(item.key, item.url) if item.url else md.inline(item.key)
        severity = item.severity.value if item.severity else "-"
        lines.append(f"| {key} | {item.type.value} | {item.status.label} | {severity} | {md.inline(item.title)} |")
    return lines


def _md_risks(detail: ReleaseDetail) -> list[str]:
    lines = ["", "## Risks", ""]
    if not detail.risks:
        return lines + ["No risks recorded."]
    lines += ["| Score | Band | Risk | Status | Owner | Response | Mitigation |", "|---|---|---|---|---|---|---|"]
    for r in sorted_by_score(detail.risks):
        lines.append(
            f"| {r.score} ({r.likelihood}x{r.impact}) | {band_of(r.score).label} | {md.inline(r.title)}"
            f" | {r.status.value} | {md.inline(r.owner)} | {r.response.value} | {md.inline(r.mitigation)} |"
        )
    return lines


def _md_rollback(detail: ReleaseDetail) -> list[str]:
    lines = ["", "## Rollback plan", ""]
    if not detail.steps:
        return lines + ["No rollback plan yet."]
    for n, s in enumerate(detail.steps, start=1):
        command = f" {md.code(s.command)}" if s.command else ""
        owner = f", {md.inline(s.owner)}" if s.owner else ""
        lines.append(f"{n}. **{s.status.value}** {md.inline(s.action)}{command} ({s.expected_minutes} min{owner})")
    return lines


def _md_decisions(detail: ReleaseDetail, statuses: Mapping[int, str]) -> list[str]:
    lines = ["", "## Go/no-go decisions"]
    if not detail.decisions:
        return lines + ["", "No decision recorded."]
    for d in detail.decisions:
        heading = f"### {d.outcome.label} on {d.gate.label}, {_utc(d.decided_at)} by {md.inline(d.decided_by)}"
        lines += ["", heading, "", f"Status: {md.inline(statuses[d.id])}", "", *md.lines(d.rationale)]
        if d.override_reason:
            lines += ["", f"Override reason: {md.inline(d.override_reason)}"]
        votes = ", ".join(f"{md.inline(a.name)} ({md.inline(a.function)}): {a.vote.label}" for a in d.attendees)
        lines += ["", f"Attendees: {votes}"]
        lines += [
            f"- Condition: {md.inline(c.text)} ({md.inline(c.owner) or 'no owner'}, by {_iso(c.deadline) or '-'})"
            for c in d.conditions
        ]
        lines += [f"- Gate at the time: {md.inline(b)}" for b in d.gate_snapshot]
    return lines


def _md_signoffs(detail: ReleaseDetail) -> list[str]:
    lines = ["", "## Sign-offs", ""]
    if not detail.signoffs:
        return lines + ["No sign-off recorded."]
    release = detail.release
    return lines + [
        f"- Before {move_label(s.move)}, {md.inline(s.role)}: {s.verdict.label}"
        f"{', stale: the release changed since' if s.is_stale(release) else ''} by {md.inline(s.who)},"
        f" {_utc(s.signed_at)}{f': {md.inline(s.comment)}' if s.comment else ''}"
        for s in detail.signoffs]


def _md_log(log: Sequence[Event]) -> list[str]:
    lines = ["", "## Audit log", ""]
    if not log:
        return lines + ["No events."]
    lines += ["| When | Who | What | Old | New | Reason |", "|---|---|---|---|---|---|"]
    lines += [f"| {_utc(e.at)} | {md.inline(e.who)} | {md.inline(e.action)} | {md.inline(e.old)} | {md.inline(e.new)}"
              f" | {md.inline(e.reason)} |" for e in log]
    return lines


def _notes_entry(item: ScopeItem) -> str:
    key = md.link(item.key, item.url) if item.url else md.inline(item.key)
    return f"- {key}: {md.inline(item.title)}"


def _notes_issue(item: ScopeItem) -> str:
    severity = f" ({item.severity.value})" if item.severity else ""
    return f"{_notes_entry(item)}{severity}"


def notes_markdown(notes: ReleaseNotes) -> str:
    """The release notes in Markdown: every title and key escaped, so a title such as `*[<b>]*` reads as
    typed; a key links to its http(s) URL."""
    title = f": {md.inline(notes.title)}" if notes.title else ""
    lines = [f"# Release notes {md.inline(notes.version)}{title}"]
    for kind, items in notes.done.items():
        lines += ["", f"## {HEADINGS[kind]}", "", *(_notes_entry(item) for item in items)]
    if not notes.done:
        lines += ["", "Nothing is done yet."]
    lines += ["", "## Known issues", ""]
    lines += [_notes_issue(item) for item in notes.known_issues] or ["None known."]
    return "\n".join(lines) + "\n"


RENDERERS = {"md": to_markdown, "json": to_json, "toml": to_toml}
FORMATS = tuple(RENDERERS)


def render(fmt: str, detail: ReleaseDetail, report: GateReport, statuses: Mapping[int, str],
           log: Sequence[Event] = ()) -> str:
    """The release in `fmt`, one of FORMATS, with its audit log (`log`, oldest first)."""
    return RENDERERS[fmt](detail, report, statuses, log)
