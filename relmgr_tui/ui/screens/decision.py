"""The go/no-go decision: who was there and how they voted, the outcome, its conditions and the rationale.

The outcome follows the votes until the person at the keyboard chooses one. The service decides what a
valid decision is (a conditional GO needs a condition; a GO over blockers needs a written reason); its
message shows beside the field it is about, and everything typed stays.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea

from relmgr_tui.domain.errors import InvalidInput, RelmgrError
from relmgr_tui.domain.gates import GateReport
from relmgr_tui.domain.model import Attendee, Condition, Decision, Methodology, Outcome, Vote
from relmgr_tui.domain.wording import plural
from relmgr_tui.minutes import OUTCOME_LABELS
from relmgr_tui.ui import stylesheets
from relmgr_tui.ui.editor import edit_in_editor
from relmgr_tui.ui.screens.confirm import ConfirmModal
from relmgr_tui.ui.text import printable
from relmgr_tui.ui.widgets.choice_switch import Choice, ChoiceSwitch
from relmgr_tui.ui.widgets.decision_rows import AttendeeRow, ConditionRow
from relmgr_tui.ui.widgets.write_status import WriteStatus

RecordFunction = Callable[..., Decision]
"""Called as record(outcome=, attendees=, rationale=, conditions=, override_reason=)."""

OUTCOME_KEYS = {Outcome.GO: "g", Outcome.CONDITIONAL_GO: "c", Outcome.NO_GO: "n"}
OUTCOME_CHOICES = tuple(Choice(o.value, OUTCOME_LABELS[o], OUTCOME_KEYS[o]) for o in Outcome)
FIELDS = ("attendees", "outcome", "conditions", "override_reason", "rationale")


def suggest(attendees: Sequence[Attendee]) -> tuple[Outcome, str]:
    """The outcome the votes point to, and why: any NO-GO vote suggests NO-GO."""
    no_go = [a.name for a in attendees if a.vote is Vote.NO_GO]
    go = sum(1 for a in attendees if a.vote is Vote.GO)
    if no_go:
        return Outcome.NO_GO, f"{len(no_go)} no-go vote{'s' if len(no_go) > 1 else ''}: {', '.join(no_go)}"
    if go:
        return Outcome.GO, f"{go} go vote{'s' if go > 1 else ''}, no no-go"
    return Outcome.NO_GO, "no go votes yet"


CLOCK_SECONDS = 1.0


class DecisionModal(ModalScreen[Decision | None]):
    """Dismisses with the recorded Decision, or None when the meeting backs off."""

    CSS_PATH = stylesheets.LATER

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "record", "Record", id="decision.record"),
        Binding("escape", "cancel", "Cancel", id="decision.cancel"),
        # priority: the focused Rationale box binds ctrl+e to "end of line" itself
        Binding("ctrl+e", "editor", "Rationale in $EDITOR", priority=True, id="decision.editor"),
    ]

    def __init__(self, version: str, report: GateReport, blockers: Sequence[str], attendees: Sequence[Attendee],
                 record: RecordFunction, meeting_clock: Callable[[], str] | None = None) -> None:
        """`meeting_clock`: how long the review has run, in words: shown, and kept running, while the form is
        open (the review's own clock sleeps under a dialog)."""
        super().__init__()
        self.meeting_clock = meeting_clock
        self.version = version
        self.report = report
        self.blockers = tuple(blockers)
        self.agile = report.methodology is Methodology.AGILE
        self.initial_attendees = tuple(attendees)
        self.record = record
        self.saving = False
        """True while the decision waits in the write queue."""
        self.outcome_chosen = False
        self.untouched: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        report = self.report
        count = len(self.blockers)
        with Vertical(id="decision-dialog", classes="dialog form"):
            yield Static(Content(f"Decision: {printable(self.version)} · {report.phase.label} → {report.target_label}"),
                         classes="dialog-title")
            if self.meeting_clock is not None:
                yield Static(id="decision-clock", classes="muted")
            waiting = "this blocker is" if count == 1 else f"these {count} blockers are"
            gate = ("✓ Nothing blocks the gate besides this decision." if not count
                    else f"✗ The gate still has {plural(count, 'blocker')}: on agile, a GO over them"
                    " needs a written reason, which is the override." if self.agile
                    else f"✗ Waterfall: a GO is recorded as 'GO once {waiting} cleared'; the move waits for it.")
            yield Static(Content(gate), id="decision-gate", classes="-blocked" if count else "-open")
            with VerticalScroll(id="decision-body"):
                yield Label("Attendees: name, function, vote (space ←/→, or g go · n no-go · a abstain)",
                            classes="section-label")
                with Vertical(id="attendees"):
                    for attendee in self.initial_attendees:
                        yield AttendeeRow(attendee)
                    yield AttendeeRow()
                yield Static("", id="error-attendees", classes="field-error")
                yield Static(id="suggestion")
                with Horizontal(classes="form-row"):
                    yield Label("Outcome", classes="form-label")
                    yield ChoiceSwitch(OUTCOME_CHOICES, Outcome.NO_GO.value, id="outcome")
                yield Static("", id="error-outcome", classes="field-error")
                with Vertical(id="conditions-block"):
                    yield Label("Conditions of the GO: what, who owns it, by when", classes="section-label")
                    with Vertical(id="conditions"):
                        yield ConditionRow()
                    yield Static("", id="error-conditions", classes="field-error")
                with Vertical(id="override-block"):
                    yield Label(f"Why go over the {count} blocker{'s' if count != 1 else ''}? (kept with the decision)",
                                classes="section-label")
                    yield Input(placeholder="reason for going over the gate", id="override_reason", compact=True)
                    yield Static("", id="error-override_reason", classes="field-error")
                yield Label("Rationale · ctrl+e opens $EDITOR", classes="section-label")
                yield TextArea(id="rationale", soft_wrap=True, compact=True)
                yield Static("", id="error-rationale", classes="field-error")
            yield Static(Content("ctrl+s record · escape cancel · tab next field · empty rows are left out"),
                         classes="muted hint")
            yield WriteStatus()

    def on_mount(self) -> None:
        if self.meeting_clock is not None:
            self.show_meeting_clock()
            self.set_interval(CLOCK_SECONDS, self.show_meeting_clock)
        self.follow_votes()
        self.untouched = self.typed_so_far()
        rows = list(self.query(AttendeeRow))
        if len(rows) > 1:
            rows[0].vote_switch.focus()
        else:
            rows[0].name_input.focus()

    def show_meeting_clock(self) -> None:
        assert self.meeting_clock is not None
        self.query_one("#decision-clock", Static).update(Content(self.meeting_clock()), layout=False)

    # -- reading the form ------------------------------------------------------------------------

    @property
    def outcome(self) -> Outcome:
        return Outcome(self.query_one("#outcome", ChoiceSwitch).value)

    def attendees(self) -> list[Attendee]:
        return [row.attendee() for row in self.query(AttendeeRow) if not row.is_blank]

    def conditions(self) -> list[Condition]:
        rows = [row for row in self.query(ConditionRow) if not row.is_blank]
        return [row.condition(n) for n, row in enumerate(rows, start=1)]

    def typed_so_far(self) -> tuple[object, ...]:
        """Everything the form holds, to tell whether escape would throw something away."""
        conditions = tuple((r.text_input.value, r.owner_input.value, r.deadline_input.value)
                           for r in self.query(ConditionRow))
        return (tuple(self.attendees()), self.outcome, conditions, self.query_one("#override_reason", Input).value,
                self.query_one("#rationale", TextArea).text)

    # -- reacting to what is typed ------------------------------------------------------------------

    def follow_votes(self) -> None:
        outcome, why = suggest(self.attendees())
        chosen = self.outcome
        if not self.outcome_chosen and chosen is not outcome:
            switch = self.query_one("#outcome", ChoiceSwitch)
            with switch.prevent(ChoiceSwitch.Changed):
                switch.value = outcome.value
            chosen = outcome
        text = f"Suggested by the votes: {OUTCOME_LABELS[outcome]} ({why})"
        if chosen is not outcome:
            text += f" · chosen: {OUTCOME_LABELS[chosen]}"
        self.query_one("#suggestion", Static).update(Content(text))
        self.show_blocks()

    def show_blocks(self) -> None:
        outcome = self.outcome
        self.set_class(outcome is Outcome.CONDITIONAL_GO, "-conditional")
        self.set_class(outcome.permits_deploy and bool(self.blockers) and self.agile, "-override")

    @on(ChoiceSwitch.Changed)
    def choice_changed(self, event: ChoiceSwitch.Changed) -> None:
        if event.switch.id == "outcome":
            self.outcome_chosen = True
        self.follow_votes()

    @on(Input.Changed)
    def typed(self, event: Input.Changed) -> None:
        if event.input.has_class("attendee-name"):
            self._keep_blank_row("#attendees", AttendeeRow)
            self.follow_votes()
        elif event.input.has_class("condition-text"):
            self._keep_blank_row("#conditions", ConditionRow)

    def _keep_blank_row(self, container: str, row_type: type[AttendeeRow | ConditionRow]) -> None:
        """There is always one empty row at the end to type the next person or condition into."""
        rows = list(self.query(row_type))
        if not rows[-1].is_blank:
            self.query_one(container).mount(row_type())

    # -- keys --------------------------------------------------------------------------------------

    def show_error(self, field: str, message: str) -> None:
        error = self.query_one(f"#error-{field if field in FIELDS else 'outcome'}", Static)
        error.update(Content(message))
        error.set_class(bool(message), "-shown")
        if message:
            self.query_one("#decision-body").scroll_to_widget(error, animate=False)

    def action_record(self) -> None:
        """Recorded in the app's write queue: the form closes once it is, and keeps everything if not."""
        if self.saving:
            return
        for field in FIELDS:
            self.show_error(field, "")
        outcome = self.outcome
        try:
            conditions = self.conditions() if outcome is Outcome.CONDITIONAL_GO else []
            record = partial(
                self.record,
                outcome=outcome,
                attendees=self.attendees(),
                rationale=self.query_one("#rationale", TextArea).text,
                conditions=conditions,
                override_reason=(self.query_one("#override_reason", Input).value
                                 if outcome.permits_deploy and self.agile else ""),
            )
        except InvalidInput as exc:
            self.show_error(exc.field, f"✗ {exc}")
            return
        self.saving = True
        self.app.write(record, self._recorded, self._not_recorded)

    def _recorded(self, decision: Decision) -> None:
        self.saving = False
        self.dismiss(decision)

    def _not_recorded(self, exc: RelmgrError) -> None:
        self.saving = False
        if isinstance(exc, InvalidInput):
            self.show_error(exc.field, f"✗ {exc}")
        else:
            self.app.report_error(exc)

    def action_cancel(self) -> None:
        if self.typed_so_far() == self.untouched:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmModal("Discard this decision?", "The votes and text typed here are not recorded.", "Discard"),
            answered,
        )

    def action_editor(self) -> None:
        area = self.query_one("#rationale", TextArea)
        edited = edit_in_editor(self.app, area.text, suffix=".md")
        if edited is not None:
            area.text = edited
