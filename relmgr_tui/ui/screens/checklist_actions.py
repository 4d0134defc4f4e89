"""The checklist pane's keys: tick, add, edit, remove, reorder, owner, and stepping through the phases.

A mixin of ReleaseScreen: each action calls one use case and hands the changed row to `screen.changed()`,
which shows it at once and reloads the release in the background.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from relmgr_tui.domain.model import PHASES, ChecklistItem
from relmgr_tui.ui.detail_patch import moved, with_row, without_row
from relmgr_tui.ui.screens.confirm import ConfirmModal
from relmgr_tui.ui.screens.item_form import ItemFormModal, item_values
from relmgr_tui.ui.screens.prompt import PromptModal
from relmgr_tui.ui.text import printable
from relmgr_tui.ui.widgets.checklist_view import ChecklistView

if TYPE_CHECKING:
    from relmgr_tui.ui.screens.release import ReleaseScreen

MOVE = Binding.Group("Move", compact=True)
PHASE = Binding.Group("Phase", compact=True)

CHECKLIST_KEYS = [
    Binding("space", "tick", "Tick", id="workspace.tick"),
    Binding("a", "add_item", "Add", id="workspace.add_item"),
    Binding("e", "edit_item", "Edit", id="workspace.edit_item"),
    Binding("d", "remove_item", "Remove", id="workspace.remove_item"),
    Binding("shift+up", "move_item(-1)", "Move up", key_display="⇧↑", group=MOVE, id="workspace.item_up"),
    Binding("shift+down", "move_item(1)", "Move down", key_display="⇧↓", group=MOVE, id="workspace.item_down"),
    Binding("o", "owner", "Owner", id="workspace.owner"),
    Binding("left_square_bracket", "phase(-1)", "Previous phase", key_display="[", group=PHASE, id="workspace.previous_phase"),
    Binding("right_square_bracket", "phase(1)", "Next phase", key_display="]", group=PHASE, id="workspace.next_phase"),
]
CHECKLIST_ACTIONS = {"tick", "add_item", "edit_item", "remove_item", "move_item", "owner", "phase"}


class ChecklistActions:
    def _item(self: ReleaseScreen) -> ChecklistItem | None:
        return self.current_row(ChecklistView, "No checklist item here: press a to add one.")

    async def action_tick(self: ReleaseScreen) -> None:
        await self.settle()
        item = self._item()
        if item is None or self.app.refuse_if_read_only():
            return
        done = self.write(self.service.set_done, item.id, not item.done, item.row_version)
        if done is not None:
            self.changed(with_row(self.detail, done))

    def action_add_item(self: ReleaseScreen) -> None:
        if self.app.refuse_if_read_only():
            return
        phase = self.viewing

        def save(values: dict[str, Any]) -> object:
            fields = item_values(values)
            return self.service.add_item(self.release_id, phase, fields["text"], fields["required"],
                                         fields["owner"])

        self.app.push_screen(ItemFormModal(save, phase), self.saved)

    def command_add_item(self: ReleaseScreen) -> None:
        self.action_pane("checklist")
        self.action_add_item()

    async def action_edit_item(self: ReleaseScreen) -> None:
        await self.settle()
        item = self._item()
        if item is None or self.app.refuse_if_read_only():
            return

        def save(values: dict[str, Any]) -> object:
            return self.service.edit_item(item.id, item.row_version, **item_values(values))

        self.app.push_screen(ItemFormModal(save, item.phase, item), self.saved)

    async def action_remove_item(self: ReleaseScreen) -> None:
        await self.settle()
        item = self._item()
        if item is None or self.app.refuse_if_read_only():
            return

        def answered(yes: bool | None) -> None:
            if yes and self.write(self.service.remove_item, item.id, item.row_version) is not None:
                self.changed(without_row(self.detail, ChecklistItem, item.id))

        self.app.push_screen(ConfirmModal(
            f"Remove the {item.phase.label} item “{printable(item.text)}”?",
            "It leaves the checklist; the audit log keeps a record of it.",
            yes_label="Yes, remove",
        ), answered)

    async def action_move_item(self: ReleaseScreen, offset: int) -> None:
        await self.settle()
        item = self._item()
        if item is None or self.app.refuse_if_read_only():
            return
        if self.write(self.service.move_item, item.id, offset) is not None:
            self.changed(moved(self.detail, item, offset))

    async def action_owner(self: ReleaseScreen) -> None:
        await self.settle()
        item = self._item()
        if item is None or self.app.refuse_if_read_only():
            return

        def answered(owner: str | None) -> None:
            if owner is None:
                return
            changed = self.write(self.service.edit_item, item.id, item.row_version, owner=owner)
            if changed is not None:
                self.changed(with_row(self.detail, changed))

        self.app.push_screen(PromptModal("Owner", printable(item.text), item.owner, "who sees it done"), answered)

    def action_phase(self: ReleaseScreen, step: int) -> None:
        index = min(max(self.viewing.index + step, 0), len(PHASES) - 1)
        self.viewing = PHASES[index]
        self.show_checklist()
        self.query_one(ChecklistView).action_first()
