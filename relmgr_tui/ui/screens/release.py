"""The release workspace: header with the gate report, and five panes (checklist, risks, rollback, activity,
scope).

Every change goes through one use case; the row it returns is laid into the loaded release at once
(`detail_patch`), so a tick shows in the time the write takes, and then the whole release is read again in a
background thread, which also brings in changes made in other terminals. Actions that send a row version
first wait for that reload (`settle()`), so they never send one the last change has made stale.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher
from textual.worker import Worker, WorkerState

from relmgr_tui.domain import review as reviews
from relmgr_tui.domain import milestones
from relmgr_tui.domain.errors import NotFound, RelmgrError
from relmgr_tui.domain.model import Event, Phase, ReleaseDetail, ScopeStatus
from relmgr_tui.ui import stylesheets
from relmgr_tui.ui.detail_patch import with_row
from relmgr_tui.ui.messages import DataChanged
from relmgr_tui.ui.screens.activity_pane import ActivityPane
from relmgr_tui.ui.screens.checklist_pane import ChecklistPane
from relmgr_tui.ui.screens.gate_report import GateReportModal
from relmgr_tui.ui.screens.lifecycle_actions import LifecycleActions, LifecycleCommands, lifecycle_bindings
from relmgr_tui.ui.screens.pane import WorkspacePane, WriteRequest
from relmgr_tui.ui.screens.risks_pane import RisksPane
from relmgr_tui.ui.screens.rollback_pane import RollbackPane
from relmgr_tui.ui.screens.scope_pane import ScopePane
from relmgr_tui.ui.screens.workspace_commands import WorkspaceCommands
from relmgr_tui.ui.text import printable
from relmgr_tui.ui.widgets.gate_summary import GateSummary
from relmgr_tui.ui.widgets.key_footer import KeyFooter
from relmgr_tui.ui.widgets.pane_tabs import PaneTabs
from relmgr_tui.ui.widgets.release_header import ReleaseHeader
from relmgr_tui.ui.widgets.write_status import WriteStatus

Loaded = tuple[int, ReleaseDetail | RelmgrError, list[Event]]
"""What a background read returns: (generation, the release or the error, its events)."""

PANES: dict[str, type[WorkspacePane]] = {
    "checklist": ChecklistPane, "risks": RisksPane, "rollback": RollbackPane, "activity": ActivityPane,
    "scope": ScopePane,
}
ADD_ACTIONS = {"checklist": "add_item", "risks": "add_risk", "rollback": "add_step", "scope": "add_scope"}
PHASE_MOVE = Binding.Group("Advance/back", compact=True)


class ReleaseScreen(LifecycleActions, Screen):
    CSS_PATH = stylesheets.LATER
    COMMANDS: ClassVar[set[type[Provider]]] = {WorkspaceCommands, LifecycleCommands}
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (32, "-tall")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Board", id="workspace.leave"),
        # 1-5 are shown by the pane tabs themselves ("▸1 Checklist  2 Risks ...")
        *(
            Binding(str(n), f"pane('{pane}')", pane.capitalize(), show=False, id=f"workspace.{pane}")
            for n, pane in enumerate(PANES, start=1)
        ),
        Binding("tab", "cycle(1)", "Next pane", show=False, id="workspace.next_pane"),
        Binding("shift+tab", "cycle(-1)", "Previous pane", show=False, id="workspace.previous_pane"),
        Binding("b", "blockers", "Gate", id="workspace.gate"),
        Binding("g", "review", "Go/no-go", id="workspace.review"),
        Binding("P", "post_review", "Post-release review", id="workspace.post_review"),
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
        self._generation = 0
        self._taken = 0
        self._worker: Worker[Any] | None = None
        self._reload_pending = False

    @property
    def service(self):
        return self.app.service

    def compose(self) -> ComposeResult:
        with Vertical(id="release-header"):
            yield ReleaseHeader(id="release-lines")
            yield GateSummary(id="gate-summary")
        yield PaneTabs(id="pane-tabs")
        with ContentSwitcher(initial="pane-checklist", id="panes"):
            yield ChecklistPane(self.release_id, id="pane-checklist", classes="pane")
            yield RisksPane(self.release_id, id="pane-risks", classes="pane")
            yield RollbackPane(self.release_id, id="pane-rollback", classes="pane")
            yield ActivityPane(id="pane-activity", classes="pane")
            yield ScopePane(self.release_id, id="pane-scope", classes="pane")
        yield WriteStatus()
        yield KeyFooter()

    @property
    def viewing(self) -> Phase:
        """The phase whose checklist is shown."""
        return self.query_one(ChecklistPane).viewing

    @property
    def risk_cell(self) -> tuple[int, int] | None:
        """The heat map cell the risk table is filtered to."""
        return self.query_one(RisksPane).risk_cell

    def on_mount(self) -> None:
        detail = self.app.call_service(self.service.detail, self.release_id)
        if detail is None:
            self.app.pop_screen()
            return
        # The milestones' done days come from the log, read at once only for a release that has milestones.
        self.apply(detail, self.app.call_service(self.service.activity, self.release_id) if detail.milestones else None)
        self.query_one(PANES["checklist"].LIST).focus()

    # -- loading -------------------------------------------------------------------------------

    def apply(self, detail: ReleaseDetail, events: list[Event] | None = None) -> None:
        """Draw `detail`: the header always, a pane only when its rows changed. The cursor of every list
        stays on the row it was on."""
        previous = self.detail
        self.detail = detail
        if events is not None:
            self.events = events
        self.query_one(ReleaseHeader).show(detail.release, self.app.today(), milestones.progress(
            detail.release, detail.milestones, self.events, self.service.timezone))
        self.query_one(GateSummary).show(self.service.gate_report(detail))
        for pane in (ChecklistPane, RisksPane, RollbackPane, ScopePane):
            self.query_one(pane).show(detail, previous)
        self.show_activity()
        self.show_tabs()

    def changed(self, detail: ReleaseDetail) -> None:
        """A change was written: show it now, and once that frame is drawn read the release again in the
        background (a reading thread holds the GIL for a while: it must not delay the frame)."""
        self.apply(detail)
        self._reload_pending = True
        self.call_after_refresh(self._start_reload)

    def on_workspace_pane_saved(self, message: WorkspacePane.Saved) -> None:
        """A form saved a row (None: cancelled): show it and put the cursor on it."""
        row = message.row
        if row is None or self.detail is None:
            return
        self.changed(with_row(self.detail, row))
        message.pane.row_list.select_id(row.id)

    async def on_workspace_pane_act(self, message: WorkspacePane.Act) -> None:
        """A pane's key: once the writes before it landed and the release on screen is current (row
        versions too), let the pane go on. Keys that move the cursor keep working while it waits."""
        await self.app.writes_settled()
        await self.settle()
        if self.detail is None or self.app.refuse_if_read_only():
            return
        request = message.step()
        if request is not None:
            self.run_write(request)

    def on_workspace_pane_write(self, message: WorkspacePane.Write) -> None:
        self.run_write(message.request)

    def run_write(self, request: WriteRequest) -> None:
        """Run a pane's use case in the app's write queue and show what it changed."""
        def done(result: Any) -> None:
            if self.detail is not None:
                self.changed(request.patch(self.detail, True if result is None else result))

        def failed(exc: RelmgrError) -> None:
            """Shown, and the release read again (a stale row shows its new state)."""
            self.app.report_error(exc)
            self.reload_later()

        use_case = getattr(self.service, request.use_case)
        self.app.write(partial(use_case, *request.args, **request.kwargs), done, failed)

    def mark_condition(self, number: int, met: bool) -> None:
        """Condition `number` of the last decision met or not met (from the palette), through the write queue."""
        if self.app.refuse_if_read_only():
            return

        def done(_decision: Any) -> None:
            self.notify(f"Condition {number} marked {'met' if met else 'not met'}.")
            self.reload_later()

        def failed(exc: RelmgrError) -> None:
            self.app.report_error(exc)
            self.reload_later()

        self.app.write(partial(self.service.set_condition_met, self.release_id, number, met), done, failed)

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
        """Another terminal, an undo or a redo changed the database: read the release again."""
        self.reload_later()

    def on_screen_resume(self) -> None:
        if self.detail is not None:
            self.app.catch_up(self)

    def reload_now(self) -> None:
        detail = self.app.call_service(self.service.detail, self.release_id)
        if detail is None:
            self.app.pop_screen()
            return
        self._generation += 1
        self._taken = self._generation
        self.apply(detail, self.app.call_service(self.service.activity, self.release_id))

    def _read(self, generation: int) -> Loaded:
        """In a worker thread: read only, touch no widget."""
        try:
            return generation, self.service.detail(self.release_id), self.service.activity(self.release_id)
        except RelmgrError as exc:
            return generation, exc, []

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "reload" and event.state is WorkerState.SUCCESS:
            self._take(event.worker.result)

    def _take(self, result: Loaded) -> None:
        generation, detail, events = result
        if generation != self._generation or generation == self._taken:
            return  # a newer change is on its way, or this one was applied already
        self._taken = generation
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

    # -- drawing -------------------------------------------------------------------------------

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
            ("scope", f"Scope {sum(1 for i in detail.scope if i.status is ScopeStatus.DONE)}/{len(detail.scope)}"),
        ])

    def show_activity(self) -> None:
        if self.pane == "activity":
            self.query_one(ActivityPane).show(self.events)

    # -- panes ---------------------------------------------------------------------------------

    def action_pane(self, pane: str) -> None:
        if pane == "activity" and self.pane != "activity" and self.detail is not None:
            self.events = self.app.call_service(self.service.activity, self.release_id) or []
        self.pane = pane
        self.query_one(ContentSwitcher).current = f"pane-{pane}"
        self.show_activity()
        self.show_tabs()
        self.query_one(PANES[pane].LIST).focus()
        self.refresh_bindings()

    def action_cycle(self, step: int) -> None:
        names = list(PANES)
        self.action_pane(names[(names.index(self.pane) + step) % len(names)])

    def on_pane_tabs_clicked(self, event: PaneTabs.Clicked) -> None:
        self.action_pane(event.pane)

    def command_add(self, pane: str) -> None:
        """The palette's "Add ..." entries: show the pane, then press its a."""
        self.action_pane(pane)
        getattr(self.query_one(PANES[pane]), f"action_{ADD_ACTIONS[pane]}")()

    # -- keys for the whole release ------------------------------------------------------------

    def action_leave(self) -> None:
        """Escape: first it clears the heat map filter, then it goes back to the board."""
        if self.pane == "risks" and self.query_one(RisksPane).clear_filter():
            return
        self.app.pop_screen()

    def action_review(self) -> None:
        self.app.open_review(self.release_id)

    def action_post_review(self) -> None:
        self.app.open_post_review(self.release_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The post-release review only for a released or rolled-back release: hidden otherwise."""
        if action == "post_review":
            return self.detail is not None and not reviews.refusal(self.detail.release)
        return super().check_action(action, parameters)

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
            self.app.move_back(self.detail.release, self.reload_now)


def same_evidence(a: ReleaseDetail, b: ReleaseDetail) -> bool:
    """Whether two loads show the same thing (the release's updated_at is not shown)."""
    return (a.items, a.risks, a.steps, a.decisions, a.scope) == (b.items, b.risks, b.steps, b.decisions,
                                                                 b.scope) and replace(
        a.release, updated_at=b.release.updated_at) == b.release
