"""The checklist pane: the phase checklists, and its keys: tick, add, edit, remove, reorder, owner, and
stepping through the phases (see `pane` for how a pane asks the screen to write)."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from relmgr_tui.domain.model import PHASES, ChecklistItem, Phase, ReleaseDetail
from relmgr_tui.ui.detail_patch import moved, with_row, without_row
from relmgr_tui.ui.screens.confirm import ConfirmModal
from relmgr_tui.ui.screens.evidence import EvidenceModal
from relmgr_tui.ui.screens.item_form import ItemFormModal, item_values
from relmgr_tui.ui.screens.pane import WorkspacePane, WriteRequest
from relmgr_tui.ui.screens.prompt import PromptModal
from relmgr_tui.ui.text import printable
from relmgr_tui.ui.widgets.checklist_view import ChecklistView
from relmgr_tui.ui.widgets.phase_progress import PhaseProgress

MOVE = Binding.Group("Move", compact=True)
PHASE = Binding.Group("Phase", compact=True)
NO_ITEM = "No checklist item here: press a to add one."


class ChecklistPane(WorkspacePane):
    LIST = ChecklistView
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "tick", "Tick", id="workspace.tick"),
        Binding("a", "add_item", "Add", id="workspace.add_item"),
        Binding("e", "edit_item", "Edit", id="workspace.edit_item"),
        Binding("d", "remove_item", "Remove", id="workspace.remove_item"),
        Binding("shift+up", "move_item(-1)", "Move up", key_display="⇧↑", group=MOVE, id="workspace.item_up"),
        Binding("shift+down", "move_item(1)", "Move down", key_display="⇧↓", group=MOVE, id="workspace.item_down"),
        Binding("o", "owner", "Owner", id="workspace.owner"),
        Binding("left_square_bracket", "phase(-1)", "Previous phase", key_display="[", group=PHASE,
                id="workspace.previous_phase"),
        Binding("right_square_bracket", "phase(1)", "Next phase", key_display="]", group=PHASE,
                id="workspace.next_phase"),
        Binding("v", "evidence", "Evidence", id="workspace.evidence"),
    ]

    def __init__(self, release_id: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.release_id = release_id
        self.viewing: Phase = Phase.PLANNING
        self.detail: ReleaseDetail | None = None

    def compose(self) -> ComposeResult:
        yield PhaseProgress(id="phase-progress")
        yield ChecklistView(id="checklist")
        yield Static(id="checklist-detail", classes="pane-detail")

    def show(self, detail: ReleaseDetail, previous: ReleaseDetail | None) -> None:
        """Draw the checklist of the phase viewed, which follows the release when it moves on."""
        followed = previous is None or self.viewing == previous.release.phase
        moved = previous is not None and previous.release.phase != detail.release.phase
        if followed:
            self.viewing = detail.release.phase
        self.detail = detail
        if previous is None or previous.items != detail.items or moved:
            self.redraw(to_first_open=followed and moved)

    def redraw(self, to_first_open: bool = False) -> None:
        """`to_first_open`: the release moved to this phase, so the cursor goes to what is left to do in it."""
        items = self.detail.items_in(self.viewing)
        first_open = next((item for item in items if not item.done), items[0] if items else None)
        self.query_one(PhaseProgress).show(self.detail, self.viewing)
        self.row_list.show(items, keep_id=first_open.id if to_first_open and first_open else None,
                           empty_text=f"No {self.viewing.label} items: press a to add one.")

    def action_tick(self) -> None:
        def tick(item: ChecklistItem) -> WriteRequest | None:
            return WriteRequest("set_done", (item.id, not item.done, item.row_version), with_row)

        self.act_on_row(NO_ITEM, tick)

    def action_add_item(self) -> None:
        phase = self.viewing

        def open_form() -> None:
            def save(values: dict[str, Any]) -> object:
                fields = item_values(values)
                return self.app.service.add_item(self.release_id, phase, fields["text"], fields["required"],
                                                 fields["owner"])

            self.app.push_screen(ItemFormModal(save, phase), self.saved)

        self.act(open_form)

    def action_edit_item(self) -> None:
        def open_form(item: ChecklistItem) -> None:

            def save(values: dict[str, Any]) -> object:
                return self.app.service.edit_item(item.id, item.row_version, **item_values(values))

            self.app.push_screen(ItemFormModal(save, item.phase, item), self.saved)

        self.act_on_row(NO_ITEM, open_form)

    def action_remove_item(self) -> None:
        def ask(item: ChecklistItem) -> None:

            def answered(yes: bool | None) -> None:
                if yes:
                    self.write("remove_item", item.id, item.row_version,
                               patch=lambda detail, _: without_row(detail, ChecklistItem, item.id))

            self.app.push_screen(ConfirmModal(
                f"Remove the {item.phase.label} item “{printable(item.text)}”?",
                "It leaves the checklist; the audit log keeps a record of it.",
                yes_label="Yes, remove",
            ), answered)

        self.act_on_row(NO_ITEM, ask)

    def action_move_item(self, offset: int) -> None:
        def move(item: ChecklistItem) -> WriteRequest | None:
            return WriteRequest("move_item", (item.id, offset), lambda detail, _: moved(detail, item, offset))

        self.act_on_row(NO_ITEM, move)

    def action_owner(self) -> None:
        def ask(item: ChecklistItem) -> None:

            def answered(owner: str | None) -> None:
                if owner is not None:
                    self.write("edit_item", item.id, item.row_version, owner=owner, patch=with_row)

            self.app.push_screen(PromptModal("Owner", printable(item.text), item.owner, "who sees it done"),
                                 answered)

        self.act_on_row(NO_ITEM, ask)

    def action_evidence(self) -> None:
        """Tick the item with what proves it (or give a ticked item new evidence)."""
        def ask(item: ChecklistItem) -> None:
            def save(url: str, note: str) -> object:
                return self.app.service.set_done(item.id, True, item.row_version, url, note)

            self.app.push_screen(EvidenceModal(item, save), self.saved)

        self.act_on_row(NO_ITEM, ask)

    def action_phase(self, step: int) -> None:
        index = min(max(self.viewing.index + step, 0), len(PHASES) - 1)
        self.viewing = PHASES[index]
        self.redraw()
        self.row_list.action_first()
