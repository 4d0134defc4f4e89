"""The go/no-go review: a walk through the evidence of a release's next gate that ends in a recorded decision.

Made to be read on a shared screen: one section at a time (checklist, open risks, rollback plan, gate), a
mark on the item under discussion, and a large meeting clock. Every tick and note is written the moment it
is made. The clock's one-second timer runs only while the review is the screen on top.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Digits, Static

from relmgr_tui import minutes
from relmgr_tui.domain import gates
from relmgr_tui.domain.errors import RelmgrError
from relmgr_tui.domain.gates import GateReport
from relmgr_tui.domain.model import Attendee, ChecklistItem, Decision, ReleaseDetail
from relmgr_tui.safe_write import write_new_file
from relmgr_tui.ui import stylesheets
from relmgr_tui.ui.key_names import hidden_while_read_only
from relmgr_tui.ui.messages import DataChanged
from relmgr_tui.ui.screens.decision import DecisionModal
from relmgr_tui.ui.screens.signoff_actions import SignoffKeys
from relmgr_tui.ui.screens.note import NoteModal
from relmgr_tui.ui.text import printable
from relmgr_tui.ui.widgets.key_footer import KeyFooter
from relmgr_tui.ui.widgets.review_list import ReviewList
from relmgr_tui.ui.widgets.write_status import WriteStatus
from relmgr_tui.ui.widgets.review_sections import Section, build_sections


CLOCK_SECONDS = 1.0
"""How often the meeting clock ticks while the review is on top."""


def elapsed_text(seconds: float, long: bool = False) -> str:
    """'4:05' (or '0:04:05' when `long`) under an hour, '1:02:03' after."""
    total = max(int(seconds), 0)
    hours, rest = divmod(total, 3600)
    minutes_, secs = divmod(rest, 60)
    if hours or long:
        return f"{hours}:{minutes_:02d}:{secs:02d}"
    return f"{minutes_}:{secs:02d}"


class GoNoGoScreen(SignoffKeys, Screen):
    CSS_PATH = stylesheets.LATER
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "tick", "Tick", id="review.tick"),
        Binding("n", "note", "Note", id="review.note"),
        Binding("enter", "next_section", "Next section", priority=True, id="review.next_section"),
        Binding("tab", "next_section", "Next section", show=False, priority=True, id="review.next_section_tab"),
        Binding("shift+tab", "previous_section", "Previous section", show=False, priority=True, id="review.previous_section"),
        Binding("1", "section(0)", "Checklist", show=False, id="review.checklist"),
        Binding("2", "section(1)", "Risks", show=False, id="review.risks"),
        Binding("3", "section(2)", "Rollback", show=False, id="review.rollback"),
        Binding("4", "section(3)", "Sign-off", show=False, id="review.signoffs"),
        Binding("5", "section(4)", "Gate", show=False, id="review.gate"),
        Binding("v", "decide", "Decide", id="review.decide"),
        Binding("o", "sign_off", "Sign off", id="review.sign_off"),
        Binding("O", "revoke_signoff", "Revoke my sign-off", show=False, id="review.revoke_signoff"),
        Binding("m", "minutes", "Minutes", id="review.minutes"),
        Binding("escape", "leave", "Leave", id="review.leave"),
    ]

    def __init__(self, release_id: int) -> None:
        super().__init__()
        self.release_id = release_id
        self.detail: ReleaseDetail | None = None
        self.report: GateReport | None = None
        self.blockers: tuple[str, ...] = ()
        self.statuses: dict[int, str] = {}
        self.sections: tuple[Section, ...] = ()
        self.section = 0
        self.visited: set[int] = {0}
        self.ticked_here: set[int] = set()
        self.started: datetime | None = None
        self.clock_timer: Timer | None = None

    @property
    def service(self):
        return self.app.service

    def compose(self) -> ComposeResult:
        with Horizontal(id="review-header"):
            with Vertical(id="review-heading"):
                yield Static(id="review-title")
                yield Static(id="review-tabs")
                yield Static(id="review-decision")
            yield Digits("0:00", id="review-clock")
        yield Static(id="section-title")
        yield ReviewList(id="review-list")
        yield Static(id="review-progress")
        yield WriteStatus()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.started = self.service.clock()
        self.reload()
        self.query_one(ReviewList).focus()

    # -- the clock: only while the review is on top ------------------------------------------------

    def on_screen_resume(self) -> None:
        if self.clock_timer is None:
            self.clock_timer = self.set_interval(CLOCK_SECONDS, self.tick_clock)
        else:
            self.clock_timer.resume()
        self.tick_clock()
        self.app.catch_up(self)

    def on_screen_suspend(self) -> None:
        if self.clock_timer is not None:
            self.clock_timer.pause()

    def tick_clock(self) -> None:
        """Once a second: the meeting clock (the app's change watcher brings other terminals' changes)."""
        self.update_progress()

    @property
    def running_seconds(self) -> float:
        return (self.service.clock() - self.started).total_seconds() if self.started else 0.0

    # -- data -------------------------------------------------------------------------------------

    def on_data_changed(self, _message: DataChanged) -> None:
        """Another terminal, an undo or a redo changed the database: show it."""
        self.reload()

    def reload(self) -> None:
        detail = self.app.call_service(self.service.detail, self.release_id)
        if detail is None:
            self.app.pop_screen()
            return
        self.detail = detail
        self.report = self.service.gate_report(detail)
        self.blockers = gates.blockers_besides_decision(detail, self.service.blocking_band,
                                                        self.service.blocking_bug, self.service.templates.signoffs)
        self.statuses = self.app.call_service(self.service.decision_statuses, detail) or {}
        self.sections = build_sections(detail, self.report, self.blockers, self.statuses, self.app.today(),
                                       self.service.templates.signoffs, self.service.identity)
        self.show_section()

    @property
    def review_list(self) -> ReviewList:
        return self.query_one(ReviewList)

    def show_section(self, fresh: bool = False) -> None:
        """Draw the current section; keep the cursor on the same entry unless the section just changed."""
        section = self.sections[self.section]
        current = self.review_list.current
        keep = None if fresh or current is None else current.key
        if fresh:
            self.review_list.highlighted = None
        self.review_list.show(section.entries, keep)
        self.query_one("#section-title", Static).update(Content(f"{self.section + 1}. {section.title}"))
        self.update_header()
        self.update_progress()

    def update_header(self) -> None:
        assert self.detail is not None and self.report is not None
        release = self.detail.release
        title = Content.assemble(
            ("GO/NO-GO REVIEW", "bold reverse"), "  ", (printable(release.version), "bold"),
            f" {self.report.phase.label} → {self.report.target_label}",
            f" · {printable(release.title)}" if release.title else "",
        )
        self.query_one("#review-title", Static).update(title)
        tabs = [
            (f"▶{n + 1} {section.tab} ", "bold reverse") if n == self.section else f"{n + 1} {section.tab}"
            for n, section in enumerate(self.sections)
        ]
        self.query_one("#review-tabs", Static).update(Content(" ").join(  # one space: five tabs fit 80 columns
            Content.assemble(tab) for tab in tabs))
        self.query_one("#review-decision", Static).update(self._decision_line())

    def update_progress(self) -> None:
        if not self.sections:
            return
        total = len(self.sections)
        bar = "".join("■" if n in self.visited else "□" for n in range(total))
        seconds = self.running_seconds
        parts = [
            f"Section {self.section + 1} of {total}",
            f"reviewed {bar}",
            f"{len(self.ticked_here)} ticked in this meeting",
            f"running {elapsed_text(seconds, long=True)}",
        ]
        if self.service.read_only:
            parts.insert(0, "READ-ONLY: presenter mode")
        # One line of fixed height: no layout pass needed, which keeps the once-a-second redraw cheap.
        self.query_one("#review-progress", Static).update(Content(" · ".join(parts)), layout=False)
        self.query_one(Digits).update(elapsed_text(seconds))

    def _decision_line(self) -> Content:
        decision = self._last_decision()
        if decision is None:
            return Content("No decision recorded for this gate yet · v opens the decision form")
        assert self.detail is not None
        stale = " · STALE" if self.statuses.get(decision.id, "").startswith("stale") else ""
        return Content(f"Last decision: {minutes.OUTCOME_LABELS[decision.outcome]}{stale}"
                       " · m writes its minutes · v decides again")

    def _last_decision(self) -> Decision | None:
        if self.detail is None:
            return None
        return gates.latest_gate_decision(self.detail, self.detail.release.phase)

    # -- moving through the review ------------------------------------------------------------------

    def go_to(self, index: int) -> None:
        self.section = index % len(self.sections)
        self.visited.add(self.section)
        self.show_section(fresh=True)

    def action_section(self, index: int) -> None:
        self.go_to(index)

    def action_next_section(self) -> None:
        if self.section == len(self.sections) - 1:
            self.action_decide()
        else:
            self.go_to(self.section + 1)

    def action_previous_section(self) -> None:
        self.go_to(self.section - 1)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While read-only the keys that write are hidden and do nothing."""
        return not hidden_while_read_only(self, action)

    def action_leave(self) -> None:
        self.app.pop_screen()

    # -- writing ----------------------------------------------------------------------------------

    def _current_item(self):
        entry = self.review_list.current
        if entry is None or entry.item is None:
            self.notify("Move to a checklist item first (section 1): space ticks it, n adds a note.",
                        severity="warning")
            return None
        return entry.item

    def action_tick(self) -> None:
        """Tick the checklist item under the cursor, or mark the condition under it met (or not met)."""
        if self.app.refuse_if_read_only():
            return
        entry = self.review_list.current
        if entry is not None and entry.condition is not None:
            self._toggle_condition(entry.condition)
            return
        item = self._current_item()
        if item is None:
            return

        def ticked(updated: ChecklistItem) -> None:
            if updated.done:
                self.ticked_here.add(item.id)
            else:
                self.ticked_here.discard(item.id)
            self.reload()

        def not_ticked(exc: RelmgrError) -> None:
            self.app.report_error(exc)
            self.reload()

        self.app.write(partial(self.service.set_done, item.id, not item.done, item.row_version), ticked, not_ticked)

    def _toggle_condition(self, number: int) -> None:
        decision = self._last_decision()
        if decision is None or number > len(decision.conditions):
            self.reload()
            return
        met = not decision.conditions[number - 1].met

        def done(_decision: Decision) -> None:
            self.notify(f"Condition {number} marked {'met' if met else 'not met'}.")
            self.reload()

        def failed(exc: RelmgrError) -> None:
            self.app.report_error(exc)
            self.reload()

        self.app.write(partial(self.service.set_condition_met, self.release_id, number, met), done, failed)

    def action_note(self) -> None:
        if self.app.refuse_if_read_only():
            return
        item = self._current_item()
        if item is None:
            return

        def save(text: str) -> object:
            return self.service.edit_item(item.id, item.row_version, note=text)

        def saved(result: object) -> None:
            if result is not None:
                self.notify("Note saved.")
            self.reload()

        self.app.push_screen(NoteModal(item.text, item.note, save), saved)

    def action_decide(self) -> None:
        if self.app.refuse_if_read_only() or self.detail is None or self.report is None:
            return
        previous = self.app.call_service(self.service.last_attendees, self.release_id) or ()
        attendees = tuple(Attendee(a.name, a.function) for a in previous) or (
            Attendee(self.app.settings.manager_name or self.service.who, "release manager"),
        )
        record = partial(self.service.record_decision, self.release_id, review_started_at=self.started)

        def recorded(decision: Decision | None) -> None:
            if decision is not None:
                self.notify(f"Recorded {minutes.OUTCOME_LABELS[decision.outcome]} on {decision.gate.label}."
                            " m writes the minutes.")
                self.reload()
                self.go_to(len(self.sections) - 1)

        self.app.push_screen(
            DecisionModal(self.detail.release.version, self.report, self.blockers, attendees, record,
                          lambda: f"Meeting running {elapsed_text(self.running_seconds, long=True)}"),
            recorded
        )

    def action_minutes(self) -> None:
        """Copy the minutes of the last decision to the clipboard and write them to a new file in the
        minutes folder. Read-only (or presenter) mode writes nothing at all: the clipboard only."""
        self.reload()
        if self.detail is None:
            return
        try:
            text = minutes.minutes_for(self.service, self.detail, "md")
        except RelmgrError as exc:
            self.app.report_error(exc)
            return
        self.app.copy_to_clipboard(text)
        if self.app.read_only:
            self.notify("Read-only: no file written. The minutes are on the clipboard.", timeout=10)
            return
        self._write_minutes(text)

    def _write_minutes(self, text: str) -> None:
        decision = minutes.last_decision(self.detail)
        name = minutes.filename(self.detail.release.version, decision.decided_at)
        folder = self.app.settings.minutes_folder
        try:
            path = write_new_file(folder, name, text)
        except OSError as exc:
            self.notify(f"Minutes not written: {folder}: {exc.strerror or exc}. They are on the clipboard; set"
                        f" minutes_dir in {self.app.config_path} to a folder you can write to.",
                        severity="warning", timeout=15)
            return
        self.notify(f"Minutes written to {path} and copied to the clipboard.", timeout=10)
