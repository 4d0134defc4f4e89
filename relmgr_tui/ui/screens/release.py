"""The release workspace: header with the gate report, and four panes (checklist, risks, rollback, activity).

Every change goes through one use case; the row it returns is laid into the loaded release at once
(`detail_patch`), so a tick shows in the time the write takes, and then the whole release is read again in a
background thread, which also brings in changes made in other terminals. Actions that send a row version
first wait for that reload (`settle()`), so they never send one the last change has made stale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import Any, ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Static
from textual.worker import Worker, WorkerState

from relmgr_tui.domain.errors import NotFound, RelmgrError
from relmgr_tui.domain.model import (
    ChecklistItem,
    Event,
    Phase,
    ReleaseDetail,
    Risk,
    RollbackStep,
)
from relmgr_tui.domain.risk import heat_map, sorted_by_score
from relmgr_tui.ui import stylesheets
from relmgr_tui.ui.detail_patch import with_row
from relmgr_tui.ui.messages import DataChanged
from relmgr_tui.ui.screens.checklist_actions import (
    CHECKLIST_ACTIONS,
    CHECKLIST_KEYS,
    ChecklistActions,
)
from relmgr_tui.ui.screens.gate_report import GateReportModal
from relmgr_tui.ui.screens.lifecycle_actions import LifecycleActions, LifecycleCommands, lifecycle_bindings
from relmgr_tui.ui.screens.risk_actions import RISK_ACTIONS, RISK_KEYS, RiskActions
from relmgr_tui.ui.screens.rollback_actions import (
    ROLLBACK_ACTIONS,
    ROLLBACK_KEYS,
    RollbackActions,
)
from relmgr_tui.ui.screens.workspace_commands import WorkspaceCommands
from relmgr_tui.ui.text import printable
from relmgr_tui.ui.widgets.activity_log import ActivityLog
from relmgr_tui.ui.widgets.checklist_view import ChecklistView
from relmgr_tui.ui.widgets.gate_summary import GateSummary
from relmgr_tui.ui.widgets.key_footer import KeyFooter
from relmgr_tui.ui.widgets.pane_tabs import PaneTabs
from relmgr_tui.ui.widgets.phase_progress import PhaseProgress
from relmgr_tui.ui.widgets.release_header import ReleaseHeader
from relmgr_tui.ui.widgets.risk_heatmap import RiskHeatmap
from relmgr_tui.ui.widgets.risk_table import RiskTable
from relmgr_tui.ui.widgets.rollback_list import RollbackList
from relmgr_tui.ui.widgets.row_list import RowList

RowT = TypeVar("RowT")
Loaded = tuple[int, int, ReleaseDetail | RelmgrError, list[Event]]
"""What a background read returns: (generation, change marker, the release or the error, its events)."""

PANES = ("checklist", "risks", "rollback", "activity")
PANE_LISTS: dict[str, type[RowList[Any]]] = {
    "checklist": ChecklistView, "risks": RiskTable, "rollback": RollbackList, "activity": ActivityLog,
}
ACTION_PANES = (
    {name: "checklist" for name in CHECKLIST_ACTIONS}
    | {name: "risks" for name in RISK_ACTIONS}
    | {name: "rollback" for name in ROLLBACK_ACTIONS}
)
PHASE_MOVE = Binding.Group("Advance/back", compact=True)
REFRESH_SECONDS = 2.0
"""How often the workspace asks the database's change marker whether another terminal wrote."""


class ReleaseScreen(ChecklistActions, RiskActions, RollbackActions, LifecycleActions, Screen):
    CSS_PATH = stylesheets.LATER
    COMMANDS: ClassVar[set[type[Provider]]] = {WorkspaceCommands, LifecycleCommands}
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (32, "-tall")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Board", id="workspace.leave"),
        # 1-4 are shown by the pane tabs themselves ("▸1 Checklist  2 Risks ...")
        *(
            Binding(str(n), f"pane('{pane}')", pane.capitalize(), show=False, id=f"workspace.{pane}")
            for n, pane in enumerate(PANES, start=1)
        ),
        Binding("tab", "cycle(1)", "Next pane", show=False, id="workspace.next_pane"),
        Binding("shift+tab", "cycle(-1)", "Previous pane", show=False, id="workspace.previous_pane"),
        *CHECKLIST_KEYS,
        *RISK_KEYS,
        *ROLLBACK_KEYS,
        Binding("b", "blockers", "Gate", id="workspace.gate"),
        Binding("g", "review", "Go/no-go", id="workspace.review"),
        Binding("greater_than_sign", "advance", "Advance", key_display=">", group=PHASE_MOVE, id="workspace.advance"),
        Binding("less_than_sign", "back", "Back", key_display="<", group=PHASE_MOVE, id="workspace.back"),
        *lifecycle_bindings("workspace"),
    ]

    def __init__(self, release_id: int) -> None:
        super().__init__()
        self.release_id = release_id
        self.detail: ReleaseDetail | None = None
        self.events: list[Event] = []
        self.pane = "checklist"
        self.viewing: Phase = Phase.PLANNING
        self.risk_cell: tuple[int, int] | None = None
        self._generation = 0
        self._taken = 0
        self._worker: Worker[Any] | None = None
        self._reload_pending = False
        self._revision = -1

    @property
    def service(self):
        return self.app.service

    def compose(self) -> ComposeResult:
        with Vertical(id="release-header"):
            yield ReleaseHeader(id="release-lines")
            yield GateSummary(id="gate-summary")
        yield PaneTabs(id="pane-tabs")
        with ContentSwitcher(initial="pane-checklist", id="panes"):
            with Vertical(id="pane-checklist", classes="pane"):
                yield PhaseProgress(id="phase-progress")
                yield ChecklistView(id="checklist")
                yield Static(id="checklist-detail", classes="pane-detail")
            with Vertical(id="pane-risks", classes="pane"):
                yield Static(id="risks-title", classes="pane-title")
                with Horizontal(id="risks-body"):
                    yield RiskTable(id="risk-table")
                    yield RiskHeatmap(id="heatmap")
                yield Static(id="risks-detail", classes="pane-detail")
            with Vertical(id="pane-rollback", classes="pane"):
                yield Static(id="rollback-title", classes="pane-title")
                yield RollbackList(id="rollback")
                yield Static(id="rollback-detail", classes="pane-detail")
            with Vertical(id="pane-activity", classes="pane"):
                yield Static(id="activity-title", classes="pane-title")
                yield ActivityLog(id="activity")
                yield Static(id="activity-detail", classes="pane-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        detail = self.app.call_service(self.service.detail, self.release_id)
        if detail is None:
            self.app.pop_screen()
            return
        self.viewing = detail.release.phase
        self._revision = self.app.call_service(self.service.revision) or 0
        self.apply(detail)
        self.query_one(ChecklistView).focus()
        self.set_interval(REFRESH_SECONDS, self.check_for_changes)

    # -- loading -------------------------------------------------------------------------------

    def apply(self, detail: ReleaseDetail, events: list[Event] | None = None) -> None:
        """Draw `detail`: the header always, a pane only when its rows changed. The cursor of every list
        stays on the row it was on."""
        previous = self.detail
        self.detail = detail
        if previous is not None and self.viewing == previous.release.phase:
            self.viewing = detail.release.phase  # follow the release when it moves on
        if events is not None:
            self.events = events
        self.query_one(ReleaseHeader).show(detail.release, self.app.today())
        self.query_one(GateSummary).show(self.service.gate_report(detail))
        if previous is None or previous.items != detail.items or previous.release.phase != detail.release.phase:
            self.show_checklist()
        if previous is None or previous.risks != detail.risks:
            self.show_risks()
        if previous is None or previous.steps != detail.steps:
            self.show_rollback()
        self.show_activity()
        self.show_tabs()

    def changed(self, detail: ReleaseDetail) -> None:
        """A change was written: show it now, and once that frame is drawn read the release again in the
        background (a reading thread holds the GIL for a while: it must not delay the frame)."""
        self.apply(detail)
        self._reload_pending = True
        self.call_after_refresh(self._start_reload)

    def saved(self, row: ChecklistItem | Risk | RollbackStep | None) -> None:
        """A form saved `row` (None: cancelled): show it and put the cursor on it."""
        if row is None or self.detail is None:
            return
        self.changed(with_row(self.detail, row))
        lists: dict[type, type[RowList[Any]]] = {ChecklistItem: ChecklistView, Risk: RiskTable,
                                                  RollbackStep: RollbackList}
        self.query_one(lists[type(row)]).select_id(row.id)

    def lifecycle_release(self):
        return self.detail.release if self.detail else None

    def after_state_change(self, release) -> None:
        self.reload_now()

    def reload_later(self) -> None:
        self._reload_pending = True
        self._start_reload()

    def _start_reload(self) -> None:
        if not self._reload_pending:
            return
        self._reload_pending = False
        self._generation += 1
        self._worker = self.run_worker(partial(self._read, self._generation), thread=True, group="reload",
                                       exit_on_error=False)

    def on_data_changed(self, _message: DataChanged) -> None:
        """An undo or redo changed the database: show it."""
        self.reload_now()

    def reload_now(self) -> None:
        detail = self.app.call_service(self.service.detail, self.release_id)
        if detail is None:
            self.app.pop_screen()
            return
        self._generation += 1
        self._taken = self._generation
        self.apply(detail, self.app.call_service(self.service.activity, self.release_id))

    def _read(self, generation: int) -> Loaded:
        """In a worker thread: read only, touch no widget. The change marker is read first, so a write
        that lands during the read moves it again and is picked up by the next check."""
        try:
            revision = self.service.revision()
            return generation, revision, self.service.detail(self.release_id), self.service.activity(self.release_id)
        except RelmgrError as exc:
            return generation, self._revision, exc, []

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "reload" and event.state is WorkerState.SUCCESS:
            self._take(event.worker.result)

    def _take(self, result: Loaded) -> None:
        generation, revision, detail, events = result
        if generation != self._generation or generation == self._taken:
            return  # a newer change is on its way, or this one was applied already
        self._taken = generation
        self._revision = revision
        if isinstance(detail, RelmgrError):
            self.app.report_error(detail)
            if isinstance(detail, NotFound):
                self.app.pop_screen()
            return
        if self.detail is not None and same_evidence(detail, self.detail):
            self.events = events  # the patch shown already was right: only the log has news
            self.show_activity()
            return
        self.apply(detail, events)

    async def settle(self) -> None:
        """Wait for the background reload so that row versions are current."""
        self._start_reload()
        worker = self._worker
        if worker is not None and not worker.is_finished:
            await worker.wait()
        if worker is not None and worker.state is WorkerState.SUCCESS:
            self._take(worker.result)

    def check_for_changes(self) -> None:
        """Another terminal wrote (the change marker moved): read the release again."""
        if not self.is_current:
            return
        revision = self.app.call_service(self.service.revision)
        if revision is not None and revision != self._revision:
            self._revision = revision
            self.reload_later()

    def write(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run a use case: its result (True when it returns nothing), or None when it failed; the error is
        shown and the release read again (a stale row shows its new state)."""
        try:
            result = function(*args, **kwargs)
        except RelmgrError as exc:
            self.app.report_error(exc)
            self.reload_later()
            return None
        return True if result is None else result

    def current_row(self, list_type: type[RowList[RowT]], empty: str) -> RowT | None:
        row = self.query_one(list_type).current
        if row is None:
            self.notify(empty, severity="warning")
        return row

    # -- drawing the panes ---------------------------------------------------------------------

    def show_tabs(self) -> None:
        detail = self.detail
        items = detail.items_in(detail.release.phase)
        live = sum(1 for r in detail.risks if r.status.is_live)
        rehearsed = sum(1 for s in detail.steps if s.status.is_rehearsed)
        self.query_one(PaneTabs).show(self.pane, [
            ("checklist", f"Checklist {sum(1 for i in items if i.done)}/{len(items)}"),
            ("risks", f"Risks {live} open"),
            ("rollback", f"Rollback {rehearsed}/{len(detail.steps)} rehearsed"),
            ("activity", "Activity"),
        ])

    def show_checklist(self) -> None:
        detail = self.detail
        self.query_one(PhaseProgress).show(detail, self.viewing)
        view = self.query_one(ChecklistView)
        view.show(detail.items_in(self.viewing), empty_text=f"No {self.viewing.label} items: press a to add one.")

    def show_risks(self) -> None:
        detail = self.detail
        risks = sorted_by_score(detail.risks)
        if self.risk_cell is not None:
            risks = [r for r in risks if (r.likelihood, r.impact) == self.risk_cell]
        live = sum(1 for r in detail.risks if r.status.is_live)
        title = f"Risk register · {live} open of {len(detail.risks)} · by score"
        empty = "No risks yet: press a to add one."
        if self.risk_cell is not None:
            likelihood, impact = self.risk_cell
            title += f" · only L{likelihood} × I{impact} (escape shows all)"
            empty = "No risks in this cell of the heat map (escape shows all)."
        self.query_one("#risks-title", Static).update(Content(title), layout=False)
        self.query_one(RiskTable).show(risks, empty_text=empty)
        self.query_one(RiskHeatmap).show(heat_map(detail.risks), self.risk_cell)

    def show_rollback(self) -> None:
        steps = self.detail.steps
        minutes = sum(s.expected_minutes for s in steps)
        ready = sum(1 for s in steps if s.status.is_rehearsed)
        if not steps:
            gate = "✗ no plan: Deploying needs at least one rehearsed step"
        elif ready < len(steps):
            gate = f"✗ {len(steps) - ready} not rehearsed: they block Deploying"
        else:
            gate = "✓ every step rehearsed"
        count = f"{len(steps)} step{'' if len(steps) == 1 else 's'}"
        title = f"Rollback plan · {count} · {minutes} min expected in total · {gate}"
        self.query_one("#rollback-title", Static).update(Content(title), layout=False)
        self.query_one(RollbackList).show(steps)

    def show_activity(self) -> None:
        if self.pane != "activity":
            return
        count = len(self.events)
        self.query_one("#activity-title", Static).update(
            Content(f"Activity · {count} event{'s' if count != 1 else ''} · newest first"), layout=False)
        self.query_one(ActivityLog).show(self.events)

    def on_row_list_cursor_moved(self, event: RowList.CursorMoved) -> None:
        """The line under each list tells the whole of the row under the cursor."""
        pane = next(name for name, kind in PANE_LISTS.items() if isinstance(event.row_list, kind))
        text = event.row_list.describe(event.row) if event.row is not None else ""
        self.query_one(f"#{pane}-detail", Static).update(Content(text), layout=False)

    # -- panes ---------------------------------------------------------------------------------

    def action_pane(self, pane: str) -> None:
        if pane == "activity" and self.pane != "activity" and self.detail is not None:
            self.events = self.app.call_service(self.service.activity, self.release_id) or []
        self.pane = pane
        self.query_one(ContentSwitcher).current = f"pane-{pane}"
        self.show_activity()
        self.show_tabs()
        self.query_one(PANE_LISTS[pane]).focus()
        self.refresh_bindings()

    def action_cycle(self, step: int) -> None:
        self.action_pane(PANES[(PANES.index(self.pane) + step) % len(PANES)])

    def on_pane_tabs_clicked(self, event: PaneTabs.Clicked) -> None:
        self.action_pane(event.pane)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Each pane's keys work, and show in the footer, only while that pane is shown."""
        pane = ACTION_PANES.get(action)
        return pane is None or pane == self.pane

    # -- keys for the whole release ------------------------------------------------------------

    def action_leave(self) -> None:
        """Escape: first it clears the heat map filter, then it goes back to the board."""
        if self.pane == "risks" and self.risk_cell is not None:
            self.clear_risk_filter()
            return
        self.app.pop_screen()

    def action_review(self) -> None:
        self.app.open_review(self.release_id)

    def action_blockers(self) -> None:
        if self.detail is not None:
            report = self.service.gate_report(self.detail)
            self.app.push_screen(GateReportModal(printable(self.detail.release.version), report))

    async def action_advance(self) -> None:
        await self.settle()
        if self.detail and not self.app.refuse_if_read_only():
            self.app.advance_release(self.detail.release, self.reload_now)

    async def action_back(self) -> None:
        await self.settle()
        if self.detail and not self.app.refuse_if_read_only():
            release = self.detail.release
            moved = self.app.call_service(self.service.move_back, release.id, "", release.row_version)
            if moved:
                self.notify(f"{moved.version} moved back to {moved.phase.label}.")
            self.reload_now()


def same_evidence(a: ReleaseDetail, b: ReleaseDetail) -> bool:
    """Whether two loads show the same thing (the release's updated_at is not shown)."""
    return (a.items, a.risks, a.steps, a.decisions) == (b.items, b.risks, b.steps, b.decisions) and replace(
        a.release, updated_at=b.release.updated_at) == b.release
