"""The post-release review of one released or rolled-back release (issue #17): what went well, what did
not, findings, and its actions with their status in words ("done", "due 2026-12-04", "OVERDUE since ...").
Opened from the workspace and the archive (`P`). `e` writes or edits the texts, `a` adds an action,
`enter` edits the one under the cursor, `space` closes or reopens it; for an action that proposes a
template item, `t` shows the templates.toml lines to add."""

from __future__ import annotations

from functools import partial
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from relmgr_tui.domain.errors import RelmgrError
from relmgr_tui.domain.model import Release
from relmgr_tui.domain.review import TEXT_FIELDS, TEXT_LABELS, Review, ReviewAction
from relmgr_tui.ui import stylesheets
from relmgr_tui.ui.key_names import hidden_while_read_only
from relmgr_tui.ui.messages import DataChanged
from relmgr_tui.ui.screens.review_forms import ActionFormModal, ProposalModal, ReviewFormModal
from relmgr_tui.ui.text import printable, printable_lines
from relmgr_tui.ui.widgets.key_footer import KeyFooter
from relmgr_tui.ui.widgets.write_status import WriteStatus

NEEDS_REVIEW = frozenset({"add_action"})
NEEDS_ACTION = frozenset({"edit_action", "toggle_done"})
NEEDS_PROPOSAL = frozenset({"proposal"})


def action_line(number: int, action: ReviewAction, today) -> str:
    """'2. [OVERDUE since 2026-11-20] Fix the runbook (ana)': the status is a word, never a colour alone."""
    proposal = " (proposes a template item)" if action.proposal else ""
    return (f"{number}. [{action.status(today)}] {printable(action.text)} ({printable(action.owner)})"
            f"{proposal}")


def actions_heading(actions: tuple[ReviewAction, ...] | list[ReviewAction], today) -> str:
    """'Actions · 1 of 3 done, 1 overdue': how far the team got, in words."""
    if not actions:
        return "Actions"
    done = sum(a.done for a in actions)
    overdue = sum(a.overdue(today) for a in actions)
    return f"Actions · {done} of {len(actions)} done" + (f", {overdue} overdue" if overdue else "")


class ActionList(OptionList):
    """The review's actions; j and k move as in every other list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="review_actions.down"),
        Binding("k", "cursor_up", "Up", show=False, id="review_actions.up"),
    ]


class PostReviewScreen(Screen):
    CSS_PATH = stylesheets.LATER
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="post_review.leave"),
        Binding("e", "edit_texts", "Edit texts", id="post_review.edit"),
        Binding("a", "add_action", "Add action", id="post_review.add_action"),
        Binding("enter", "edit_action", "Edit action", id="post_review.edit_action"),
        Binding("space", "toggle_done", "Done/reopen", id="post_review.done"),
        Binding("t", "proposal", "Template lines", id="post_review.proposal"),
    ]

    class Loaded(Message):
        def __init__(self, release: Release, review: Review | None) -> None:
            super().__init__()
            self.release = release
            self.review = review

    def __init__(self, release_id: int) -> None:
        super().__init__()
        self.release_id = release_id
        self.release: Release | None = None
        self.review: Review | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content("Post-release review · reading…"), id="post-review-title")
        with VerticalScroll(id="post-review-texts"):
            yield Static(id="post-review-body")
        yield Static(id="post-review-actions-heading")
        yield ActionList(id="post-review-actions", compact=True)
        yield Static(id="post-review-proposal")
        yield WriteStatus()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.load()

    def on_data_changed(self, _message: DataChanged) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        if self.release is not None:
            self.app.catch_up(self)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        try:
            detail = self.app.service.detail(self.release_id)
        except RelmgrError as exc:
            self.app.call_from_thread(self.app.report_error, exc)
            return
        self.post_message(self.Loaded(detail.release, detail.review))

    @on(Loaded)
    def show(self, message: Loaded) -> None:
        self.release, self.review = message.release, message.review
        state = self.release.state.label
        name = " ".join(filter(None, (printable(self.release.version), printable(self.release.title))))
        self.query_one("#post-review-title", Static).update(Content(f"Post-release review · {name} ({state})"))
        self.query_one("#post-review-body", Static).update(self.body())
        self.fill_actions()
        self.refresh_bindings()

    def body(self) -> Content:
        """The three texts under their bold headings (a heading is also its own line: not style alone)."""
        if self.review is None:
            return Content("No review yet: e writes what went well, what did not, and the findings.")
        parts: list[tuple[str, str] | str] = []
        for name in TEXT_FIELDS:
            text = getattr(self.review, name)
            parts += ["\n\n" if parts else "", (TEXT_LABELS[name], "bold"), "\n",
                      printable_lines(text) if text else "-"]
        return Content.assemble(*parts)

    def fill_actions(self) -> None:
        actions = self.query_one(OptionList)
        highlighted = actions.highlighted
        actions.clear_options()
        review_actions = self.review.actions if self.review else ()
        today = self.app.today()
        self.query_one("#post-review-actions-heading", Static).update(Content(actions_heading(review_actions, today)))
        if review_actions:
            actions.add_options(Option(Content(action_line(n, a, today))) for n, a in
                                enumerate(review_actions, start=1))
            actions.highlighted = min(highlighted or 0, len(review_actions) - 1)
        else:
            hint = "No actions yet: a adds one." if self.review else "Actions come once the review is written."
            actions.add_option(Option(Content(hint), disabled=True))
        self.show_proposal()

    @property
    def current(self) -> ReviewAction | None:
        index = self.query_one(OptionList).highlighted
        if self.review is None or index is None or index >= len(self.review.actions):
            return None
        return self.review.actions[index]

    @on(OptionList.OptionHighlighted)
    def show_proposal(self) -> None:
        """The highlighted action's template proposal in one line; `t` shows its templates.toml lines."""
        action, proposal = self.current, self.query_one("#post-review-proposal", Static)
        text = f"Proposes: {printable(action.proposal)} (t: templates.toml lines)" if (
            action and action.proposal) else ""
        proposal.update(Content(text))
        proposal.display = bool(text)
        self.refresh_bindings()

    def action_proposal(self) -> None:
        action = self.current
        if action is not None and action.proposal and self.release is not None:
            self.app.push_screen(ProposalModal(action, self.app.service.template_proposal(self.release, action)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that need a review, or an action under the cursor, are hidden until there is one."""
        if hidden_while_read_only(self, action):
            return False
        if action in NEEDS_REVIEW:
            return self.review is not None
        if action in NEEDS_ACTION:
            return self.current is not None
        if action in NEEDS_PROPOSAL:
            return self.current is not None and bool(self.current.proposal)
        return True

    # -- writes ----------------------------------------------------------------------------------

    def action_edit_texts(self) -> None:
        if self.release is None or self.app.refuse_if_read_only():
            return
        service, review = self.app.service, self.review
        if review is None:
            save = partial(_create, service, self.release_id)
        else:
            save = partial(_edit, service, review)
        self.app.push_screen(ReviewFormModal(save, printable(self.release.version), review), self.saved)

    def action_add_action(self) -> None:
        if self.review is None or self.app.refuse_if_read_only():
            return
        review_id = self.review.id
        self.app.push_screen(ActionFormModal(
            lambda values: self.app.service.add_review_action(review_id, **values)), self.saved)

    def action_edit_action(self) -> None:
        action = self.current
        if action is None or self.app.refuse_if_read_only():
            return
        self.app.push_screen(ActionFormModal(
            lambda values: self.app.service.edit_review_action(action.id, action.row_version, **values), action),
            self.saved)

    def action_toggle_done(self) -> None:
        action = self.current
        if action is None or self.app.refuse_if_read_only():
            return
        self.app.write(lambda: self.app.service.set_review_action_done(action.id, not action.done,
                                                                        action.row_version), self.saved)

    def saved(self, result: Any) -> None:
        if result is not None:
            self.load()


def _create(service: Any, release_id: int, values: dict[str, str]) -> Review:
    return service.create_review(release_id, **values)


def _edit(service: Any, review: Review, values: dict[str, str]) -> Review:
    return service.edit_review(review.id, review.row_version, **values)
