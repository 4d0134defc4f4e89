"""One release: its header, the gate report, and its checklists, risks, rollback plan and decisions."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from relmgr_tui.domain.model import PHASES, ReleaseDetail
from relmgr_tui.domain.risk import risk_band, sorted_by_score
from relmgr_tui.ui.text import due_label, local, printable


def phase_track(detail: ReleaseDetail) -> str:
    current = detail.release.phase
    return "  ".join(f"[{p.label}]" if p == current else p.label for p in PHASES)


class ReleaseScreen(Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Board"),
        Binding("greater_than_sign", "advance", "Advance", key_display=">"),
        Binding("less_than_sign", "back", "Back", key_display="<"),
    ]

    def __init__(self, release_id: int) -> None:
        super().__init__()
        self.release_id = release_id
        self.detail: ReleaseDetail | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="release-header")
        with VerticalScroll(id="release-body"):
            yield Static(id="release-text")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        detail = self.app.call_service(self.app.service.detail, self.release_id)
        if detail is None:
            self.app.pop_screen()
            return
        self.detail = detail
        r = detail.release
        report = self.app.service.gate_report(detail)
        due, _ = due_label(r.target_date, self.app.today())
        self.query_one("#release-header", Static).update(Content(
            f"{printable(r.version)} · {printable(r.title)}\n"
            f"{r.kind.value} · {r.methodology.value} · {r.state.label} · owner {printable(r.owner) or '-'} · {due}\n"
            f"{phase_track(detail)}"
        ))
        lines = [report.summary()]
        lines += [f"  ✗ {printable(b)}" for b in report.blockers]
        lines += [f"  ! {printable(w)}" for w in report.warnings]
        for phase in PHASES:
            items = detail.items_in(phase)
            done = sum(i.done for i in items)
            lines += ["", f"{phase.label} checklist {done}/{len(items)}"]
            for n, item in enumerate(items, start=1):
                mark = "[x]" if item.done else "[ ]"
                need = "" if item.required else " (optional)"
                by = f" — {printable(item.done_by)} {local(item.done_at)}" if item.done else ""
                lines.append(f"  {n:>2}. {mark} {printable(item.text)}{need}{by}")
        lines += ["", "Risks"]
        for risk in sorted_by_score(detail.risks):
            band = risk_band(risk)
            lines.append(f"  {risk.score:>2} {band.letter} {risk.status.value:<10} {printable(risk.title)}"
                         f" ({printable(risk.owner) or 'no owner'})")
        lines += ["", f"Rollback plan ({sum(s.expected_minutes for s in detail.steps)} min)"]
        for step in detail.steps:
            lines.append(f"  {step.position}. {step.status.value:<9} {printable(step.action)}")
        lines += ["", "Go/no-go decisions"]
        for d in detail.decisions:
            stale = " (stale)" if d.is_stale(r) else ""
            lines.append(f"  {local(d.decided_at)} {d.outcome.label}{stale} — {printable(d.rationale)}")
        self.query_one("#release-text", Static).update(Content("\n".join(lines)))

    def action_advance(self) -> None:
        if self.detail and not self.app.refuse_if_read_only():
            self.app.advance_release(self.detail.release, self.reload)

    def action_back(self) -> None:
        if self.detail and not self.app.refuse_if_read_only():
            self.app.call_service(self.app.service.move_back, self.detail.release.id, "",
                                  self.detail.release.row_version)
            self.reload()
