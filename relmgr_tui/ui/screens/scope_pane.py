"""The scope pane: what the release contains, and its keys: add, edit, set the status, remove, move an item
to another release, defer every unfinished item at once, and the release notes (see `pane` for how a pane
asks the screen to write)."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from relmgr_tui import export
from relmgr_tui.domain import gates, release_notes
from relmgr_tui.domain.wording import plural
from relmgr_tui.domain.model import Release, ReleaseDetail, ScopeItem, ScopeStatus
from relmgr_tui.ui.detail_patch import with_row, without_row, without_rows
from relmgr_tui.ui.screens.confirm import ConfirmModal
from relmgr_tui.ui.screens.outcome import OutcomeModal
from relmgr_tui.ui.screens.pane import WorkspacePane, WriteRequest
from relmgr_tui.ui.screens.scope_form import ScopeFormModal
from relmgr_tui.ui.text import printable
from relmgr_tui.ui.widgets.scope_list import STATUS_MARKS, ScopeList

NO_ITEM = "No scope item here: press a to add one."


def scope_title(detail: ReleaseDetail, blocking: int) -> str:
    scope = detail.scope
    done = sum(1 for item in scope if item.status is ScopeStatus.DONE)
    unfinished = sum(1 for item in scope if item.status.unfinished)
    gate = f" · ✗ {plural(blocking, 'open bug')} {'blocks' if blocking == 1 else 'block'} Deploying" if blocking else ""
    return f"Scope · {done} done, {unfinished} unfinished of {len(scope)}{gate}"


class ScopePane(WorkspacePane):
    LIST = ScopeList
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_scope", "Add", id="workspace.add_scope"),
        Binding("e", "edit_scope", "Edit", id="workspace.edit_scope"),
        Binding("s", "scope_status", "Status", id="workspace.scope_status"),
        Binding("d", "remove_scope", "Remove", id="workspace.remove_scope"),
        Binding("m", "move_scope", "Move to…", id="workspace.move_scope"),
        Binding("D", "defer_scope", "Defer all to…", id="workspace.defer_scope"),
        Binding("n", "notes", "Notes", id="workspace.scope_notes"),
    ]

    def __init__(self, release_id: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.release_id = release_id
        self.detail: ReleaseDetail | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="scope-title", classes="pane-title")
        yield ScopeList(id="scope")
        yield Static(id="scope-detail", classes="pane-detail")

    def show(self, detail: ReleaseDetail, previous: ReleaseDetail | None) -> None:
        self.detail = detail
        if previous is not None and previous.scope == detail.scope:
            return
        bar = self.app.service.blocking_bug
        blocking = {item.id for item in detail.scope if gates.blocks_deploying(item, bar)}
        self.row_list.blocking = frozenset(blocking)
        self.set_title(scope_title(detail, len(blocking)))
        self.row_list.show(detail.scope)

    def action_add_scope(self) -> None:
        def open_form() -> None:
            def save(values: dict[str, Any]) -> object:
                fields = dict(values)
                return self.app.service.add_scope_item(self.release_id, fields.pop("key"), fields.pop("title"),
                                                       **fields)

            self.app.push_screen(ScopeFormModal(save), self.saved)

        self.act(open_form)

    def action_edit_scope(self) -> None:
        def open_form(item: ScopeItem) -> None:
            def save(values: dict[str, Any]) -> object:
                return self.app.service.edit_scope_item(item.id, item.row_version, **values)

            self.app.push_screen(ScopeFormModal(save, item), self.saved)

        self.act_on_row(NO_ITEM, open_form)

    def action_scope_status(self) -> None:
        def ask(item: ScopeItem) -> None:
            def answered(choice: tuple[str, str | None] | None) -> None:
                if choice is not None:
                    self.write("edit_scope_item", item.id, item.row_version, status=choice[0], patch=with_row)

            others = [status for status in ScopeStatus if status is not item.status]
            options = [(status.value, f"{STATUS_MARKS[status]} {status.label}") for status in others]
            self.app.push_screen(OutcomeModal("Set the status", f"{printable(item.key)}: {printable(item.title)}"
                                              f" (now {item.status.label})", options), answered)

        self.act_on_row(NO_ITEM, ask)

    def action_remove_scope(self) -> None:
        def ask(item: ScopeItem) -> None:
            def answered(yes: bool | None) -> None:
                if yes:
                    self.write("remove_scope_item", item.id, item.row_version,
                               patch=lambda detail, _: without_row(detail, ScopeItem, item.id))

            self.app.push_screen(ConfirmModal(
                f"Remove {printable(item.key)} from the scope?",
                "For an item entered by mistake (m moves it to another release); the audit log keeps a record.",
                yes_label="Yes, remove"), answered)

        self.act_on_row(NO_ITEM, ask)

    def action_move_scope(self) -> None:
        def ask(item: ScopeItem) -> None:
            self._choose_release(f"Move {printable(item.key)} to", printable(item.title),
                                 lambda target: WriteRequest("move_scope_items", ([item.id], target), _moved_away))

        self.act_on_row(NO_ITEM, ask)

    def action_defer_scope(self) -> None:
        def ask() -> None:
            unfinished = [item for item in self.row_list.rows if item.status.unfinished]
            if not unfinished:
                self.notify("Nothing unfinished to defer: every item is done or deferred.")
                return
            keys = ", ".join(printable(item.key) for item in unfinished[:5])
            more = f" and {len(unfinished) - 5} more" if len(unfinished) > 5 else ""
            self._choose_release(f"Defer {len(unfinished)} unfinished item{'s' if len(unfinished) != 1 else ''} to",
                                 f"{keys}{more}, in one step (u undoes it)",
                                 lambda target: WriteRequest("defer_scope", (self.release_id, target), _moved_away))

        self.act(ask)

    def _choose_release(self, title: str, subject: str, request: Any) -> None:
        """Ask which release on the board receives the items; the write then goes to the screen."""
        choices = [r for r in self.app.service.releases() if r.id != self.release_id]
        if not choices:
            self.notify("No other release on the board to move them to: create one first (n on the board).",
                        severity="warning")
            return

        def answered(choice: tuple[str, str | None] | None) -> None:
            if choice is not None:
                self.post_message(self.Write(request(int(choice[0]))))

        self.app.push_screen(OutcomeModal(title, subject, [(str(r.id), _release_label(r)) for r in choices]),
                             answered)

    def action_notes(self) -> None:
        if self.detail is None:
            return
        from relmgr_tui.ui.screens.notes_view import NotesModal

        text = export.notes_markdown(release_notes.notes(self.detail))
        self.app.push_screen(NotesModal(self.detail.release.version, text))


def _release_label(release: Release) -> str:
    title = f" {printable(release.title)}" if release.title else ""
    return f"{printable(release.version)}{title} ({release.phase.label})"


def _moved_away(detail: ReleaseDetail, moved: list[ScopeItem]) -> ReleaseDetail:
    return without_rows(detail, ScopeItem, {item.id for item in moved})
