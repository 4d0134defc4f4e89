"""The board: five phase columns of release cards, a filter, and the keys that move releases."""

from __future__ import annotations

import bisect
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from relmgr_tui.domain import card_filter
from relmgr_tui.domain.card import Card
from relmgr_tui.domain.card_filter import CardFilter
from relmgr_tui.domain.errors import RelmgrError
from relmgr_tui.domain.lifecycle import Transition
from relmgr_tui.domain.model import PHASES, Phase
from relmgr_tui.domain.wording import plural
from relmgr_tui.ui.messages import DataChanged
from relmgr_tui.ui.screens import board_edits, board_window
from relmgr_tui.ui.screens.board_cards import board_order, sort_into_columns
from relmgr_tui.ui.screens.board_title import BoardTitle
from relmgr_tui.ui.text import printable
from relmgr_tui.ui.widgets.card_styles import CardStyles
from relmgr_tui.ui.widgets.filter_box import FilterInput
from relmgr_tui.ui.widgets.key_footer import KeyFooter
from relmgr_tui.ui.screens.lifecycle_actions import LifecycleActions, LifecycleCommands, lifecycle_bindings
from relmgr_tui.ui.widgets.phase_column import PhaseColumn
from relmgr_tui.ui.widgets.write_status import WriteStatus

ON_BOARD_TRANSITIONS = (Transition.HOLD, Transition.RESUME, Transition.CANCEL, Transition.ROLL_BACK)

if TYPE_CHECKING:
    from relmgr_tui.bootstrap import QuickStart

OPEN_AFTER_FIRST_FRAME = 0.15
"""Seconds between the first frame and opening the service behind it (see on_screen_resume)."""

WELCOME = """\
Welcome to relmgr: no releases yet.

  n              create your first release
  relmgr demo    (in a shell) load realistic demo releases to explore
  ?              every key, on every screen
"""


class BoardScreen(BoardTitle, LifecycleActions, Screen):
    """Keeps the focused card focused across every reload: by release id, not by position."""

    BINDINGS = [
        Binding("left,h", "column(-1)", "◀ Column", show=False, id="board.column_left"),
        Binding("right,l", "column(1)", "Column ▶", show=False, id="board.column_right"),
        Binding("enter", "open", "Open", id="board.open"),
        Binding("n", "new", "New", id="board.new"),
        Binding("e", "edit", "Edit", id="board.edit"),
        Binding("d", "delete", "Delete", id="board.delete"),
        Binding("greater_than_sign", "advance", "Advance", key_display=">", id="board.advance"),
        Binding("less_than_sign", "back", "Back", key_display="<", id="board.back"),
        Binding("g", "review", "Go/no-go", id="board.review"),
        # A priority binding runs as the key arrives: the text typed right after `/` goes into the filter.
        Binding("slash", "filter", "Filter", key_display="/", priority=True, id="board.filter"),
        Binding("a", "archive", "Archive", id="board.archive"),
        Binding("M", "app.metrics", "Delivery metrics", show=False, id="board.metrics"),
        Binding("c", "calendar", "Calendar", id="board.calendar"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="board.clear_filter"),
        *lifecycle_bindings("board", ON_BOARD_TRANSITIONS),
    ]

    COMMANDS = {LifecycleCommands}
    AUTO_FOCUS = "PhaseColumn"
    """The first column, never the hidden filter box (whose keys the footer would show meanwhile)."""

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """Textual's Screen repaints all of itself when the focus moves (a full frame, ~30 ms with five
    columns): here the two widgets whose focus changed repaint themselves, which is all that changes."""

    class Loaded(Message):
        """Cards read by a background reload, tagged with the local generation they started from: the
        whole board (a list), or the cards of the releases read again (None: it left the board)."""

        def __init__(self, cards: list[Card] | dict[int, Card | None], generation: int, actions_due: int) -> None:
            super().__init__()
            self.cards = cards
            self.generation = generation
            self.actions_due = actions_due

    def __init__(self) -> None:
        super().__init__()
        self.cards: list[Card] = []
        self.focused_release_id: int | None = None
        self.active_phase: Phase = Phase.PLANNING
        self.first_counts: dict[Phase, int] | None = None
        """Column counts while only the first cards of each column are read (a quick start)."""
        self.generation = 0
        """Bumped by every local change, so a background read that started before it is not applied."""
        self.unread: frozenset[int] | None = frozenset()
        """What changed since the cards were read: these releases' cards, or (None) anything."""
        self._reading = -1
        """The generation of the latest background read started."""
        self.reported_rows: set[str] = set()
        """The unreadable releases already notified: each is said once."""
        self.actions_due = 0
        self.cards_label = ""

    @property
    def service(self):
        return self.app.service

    def compose(self) -> ComposeResult:
        with Horizontal(id="board-bar"):
            yield Static(id="board-title")
            yield Static(id="filter-problem")
            yield FilterInput(placeholder="words, late, hold, risk:c, owner:NAME…", id="filter", compact=True)
        card_styles = CardStyles()
        yield card_styles
        with Horizontal(id="columns") as columns:
            # Hidden until their first cards (see on_mount). Hidden, not undisplayed: the layout is the same.
            columns.visible = self.app.quick_start is None
            for phase in PHASES:
                yield PhaseColumn(phase, card_styles, id=f"column-{phase.value}")
        yield Static(Content(WELCOME), id="welcome")
        yield Static(id="status-line")
        yield WriteStatus()
        yield KeyFooter()

    def on_mount(self) -> None:
        quick = self.app.quick_start
        if quick is None:
            self.app.changes.seen = self.app.call_service(self.service.revision)
            self.reload()
            self.focus_first_card()
        else:
            # Textual lays out and renders the whole screen once while it starts, in a batch it never
            # shows. The columns stay hidden through it and get their cards after it: drawn once, not twice.
            self.app.call_later(self.show_first_cards, quick)

    def show_first_cards(self, quick: QuickStart) -> None:
        """A quick start's first frame: the first cards of each column, the real counts beside them."""
        first, blocking_band = quick.first_cards, quick.settings.blocking_risk_band
        blocking_bug = quick.settings.blocking_bug_severity
        self.app.changes.seen = first.revision
        self.cards = [Card.judge(r.release, r.done, r.total, r.evidence, blocking_band, blocking_bug, r.milestone_due)
                      for r in first.rows]
        self.first_counts = None if first.complete else first.counts
        self.report_unreadable(first.skipped)
        self.query_one("#columns").visible = True
        self.redraw()
        self.focus_first_card()  # hidden, no column could have the focus before

    def focus_first_card(self) -> None:
        """Start on the first card of the first column that has one: an empty column has nothing to open."""
        self.set_focus(next((column for column in self.columns if column.cards), self.columns[0]))

    def service_ready(self) -> None:
        """The service opened behind the first frame: read the rest of the board if there is more, and
        the review actions due (the first frame's plain sqlite3 read leaves them out)."""
        if self.first_counts is not None:
            self.reload_in_background()
        else:
            self.read_actions_due()

    # -- data --------------------------------------------------------------------------------

    @property
    def columns(self) -> list[PhaseColumn]:
        return list(self.query(PhaseColumn))

    @property
    def filter_box(self) -> FilterInput:
        return self.query_one("#filter", FilterInput)

    @property
    def filter_text(self) -> str:
        return self.filter_box.text

    def card_filter(self) -> CardFilter:
        """The filter typed in the box, its unusable term (if any) said beside it."""
        wanted = card_filter.parse(self.filter_text, self.app.today(), self.app.settings.manager_name)
        problem = self.query_one("#filter-problem", Static)
        if wanted.problem:
            problem.update(Content(wanted.problem))
        problem.display = bool(wanted.problem)
        self.query_one("#board-title").display = not wanted.problem
        return wanted

    def reload(self) -> None:
        """Read the whole board again and redraw it with the same card focused."""
        self.cards = self.app.call_service(self.service.board) or []
        self.actions_due = self.app.call_service(self.service.review_actions_due_count, self.app.today()) or 0
        self.first_counts = None
        self.redraw()

    def check_for_changes(self) -> None:
        """The app's change watcher, now (for tests), and the releases the last reads could not use."""
        self.report_unreadable(self.service.skipped_rows())
        self.app.check_for_changes()

    def reload_in_background(self) -> None:
        """Read the whole board in a thread (two thousand cards take a moment) and show it."""
        self.unread = None
        self.read_unread()

    def read_unread(self) -> None:
        """Read what changed (`unread`) in a thread, unless that read is under way."""
        if self._reading != self.generation:
            self._reading = self.generation
            self._read(self.generation, self.unread)

    @work(thread=True, exclusive=True, group="board-reload", exit_on_error=False)
    def _read(self, generation: int, releases: frozenset[int] | None) -> None:
        try:
            cards = self.service.board() if releases is None else self.service.cards(releases)
            actions_due = self.service.review_actions_due_count(self.app.today())
        except RelmgrError:
            return
        self.post_message(self.Loaded(cards, generation, actions_due))

    @on(Loaded)
    def apply_loaded(self, message: Loaded) -> None:
        if message.generation != self.generation:
            self.read_unread()  # a change landed meanwhile: read again
            return
        self.unread = frozenset()
        self.actions_due = message.actions_due
        if isinstance(message.cards, dict):
            self.replace_cards(message.cards)
            return
        self.cards = message.cards
        self.first_counts = None
        self.redraw()

    def on_data_changed(self, message: DataChanged) -> None:
        """Another terminal wrote, or an undo: read in the background the cards of the releases it changed,
        or the whole board when it cannot say which (or only a quick start's first cards are here)."""
        self.report_unreadable(self.service.skipped_rows())  # the archive's and the palette's too
        self.generation += 1
        known = self.unread is not None and message.releases is not None and self.first_counts is None
        self.unread = self.unread | message.releases if known else None
        self.read_unread()

    def refresh_card(self, release_id: int) -> None:
        """Re-read one release after a change to it: a move costs one card, not two thousand."""
        if self.first_counts is not None:
            self.reload()  # a key within the first second: only the first cards are here yet
            return
        self.generation += 1
        self.replace_cards({release_id: self.app.call_service(self.service.card, release_id)})

    def replace_cards(self, fresh: Mapping[int, Card | None]) -> None:
        """Put the cards read again in place of the releases' old ones (None: it left the board); only the
        columns they left and entered are drawn again."""
        before = [c for c in self.cards if c.release.id in fresh]
        others = [c for c in self.cards if c.release.id not in fresh]
        for card in fresh.values():
            if card is not None:
                bisect.insort(others, card, key=board_order)  # the rest is still in order: no need to sort 2000
        self.cards = others
        self.redraw({c.release.phase for c in (*before, *fresh.values()) if c is not None})

    def report_unreadable(self, problems: Collection[str]) -> None:
        """Releases this relmgr cannot read are left off the board and the lists: say so once for each."""
        for problem in problems:
            if problem not in self.reported_rows:
                self.reported_rows.add(problem)
                self.notify(f"{problem}: left out", title="Unreadable release", severity="warning", timeout=15,
                            markup=False)

    def redraw(self, phases: Collection[Phase] | None = None) -> None:
        """Show the cards in every column, or only in `phases`: the other columns hold the same cards, and
        showing them again would cost time for nothing (unless the day changed under them)."""
        if self.app.service_ready:
            self.report_unreadable(self.service.skipped_rows())
        wanted = self.card_filter()
        sorted_cards = sort_into_columns(self.cards, wanted, self.first_counts)
        today = self.app.today()
        for column in self.columns:
            if phases is None or column.phase in phases or column.today != today:
                column.show(sorted_cards.shown[column.phase], sorted_cards.totals[column.phase], today,
                            self.focused_release_id, filtered=wanted.active)
        self.set_class(not self.cards, "-empty")
        shown, everything = sorted_cards.shown_count, sorted_cards.total_count
        if wanted.active:
            self.cards_label = f"{shown} of {plural(everything, 'release')} match"
        else:
            self.cards_label = plural(everything, "active release")
        self.show_title()
        self._follow_focused_release()
        self.show_status(self.current)  # a filter may hide the card it spoke of, a reload change its gate

    def _follow_focused_release(self) -> None:
        """After a move between phases, focus the column the release is now in."""
        if self.focused_release_id is None:
            return
        focused = self.focused
        for column in self.columns:
            if column.select_release(self.focused_release_id):
                if isinstance(focused, PhaseColumn) and column is not focused:
                    column.focus()
                return

    @property
    def current_column(self) -> PhaseColumn:
        """The focused column, or the one last focused while the filter has the focus.

        The screen's focus first: `active_phase` follows a message later, and `l l` typed fast must move
        two columns, not one."""
        if isinstance(self.focused, PhaseColumn):
            return self.focused
        return self.query_one(f"#column-{self.active_phase.value}", PhaseColumn)

    @property
    def current(self) -> Card | None:
        return self.current_column.current

    @on(PhaseColumn.CursorMoved)
    def remember_cursor(self, event: PhaseColumn.CursorMoved) -> None:
        if event.column.has_focus:
            board_window.follow(self.columns, event.column, self.size.width)
            card = event.column.current
            self.active_phase = event.column.phase
            if card is not None:
                self.focused_release_id = card.release.id
            self.show_status(card)

    def show_status(self, card: Card | None) -> None:
        line = self.query_one("#status-line", Static)
        if card is None:
            line.update("", layout=False)
            return
        gate = card.gate
        text = f"{printable(card.release.version)} · {gate.summary()}"
        if gate.blockers:
            text += f" First: {printable(gate.blockers[0])}"
        line.update(Content(text), layout=False)  # one fixed line: no layout pass, no full repaint

    # -- keys --------------------------------------------------------------------------------

    def action_column(self, step: int) -> None:
        columns = self.columns
        index = columns.index(self.current_column)
        target = columns[(index + step) % len(columns)]
        target.take_row_of(self.current_column)
        # At once, not after this key: over SSH `l` and `j` often arrive together, and `j` is for the new column.
        self.set_focus(target)

    def _require_card(self) -> Card | None:
        card = self.current
        if card is None:
            self.notify("No release selected: press n to create one.", severity="warning")
        return card

    def action_open(self) -> None:
        card = self._require_card()
        if card:
            self.app.open_release(card.release.id)

    def action_new(self) -> None:
        if not self.app.refuse_if_read_only():
            board_edits.new_release(self)

    def action_edit(self) -> None:
        card = self._require_card()
        if card is not None and not self.app.refuse_if_read_only():
            board_edits.edit_release(self, card.release)

    def action_delete(self) -> None:
        card = self._require_card()
        if card is not None and not self.app.refuse_if_read_only():
            board_edits.delete_release(self, card.release)

    def action_review(self) -> None:
        card = self._require_card()
        if card:
            self.app.open_review(card.release.id)

    def action_advance(self) -> None:
        card = self._require_card()
        if card is None or self.app.refuse_if_read_only():
            return
        self.app.advance_release(card.release, lambda: self.refresh_card(card.release.id))

    def lifecycle_release(self):
        card = self.current
        return card.release if card else None

    def after_state_change(self, release) -> None:
        self.refresh_card(release.id)

    def action_back(self) -> None:
        card = self._require_card()
        if card is None or self.app.refuse_if_read_only():
            return
        self.app.move_back(card.release, lambda: self.refresh_card(card.release.id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`/` typed in the filter is part of the filter (a version like 2026/11), not a new filter."""
        if action == "filter" and isinstance(self.focused, Input):
            return False
        return super().check_action(action, parameters)

    def action_filter(self) -> None:
        self.filter_box.open()

    @on(Input.Changed, "#filter")
    def filter_changed(self) -> None:
        self.redraw()

    @on(Input.Submitted, "#filter")
    def filter_done(self) -> None:
        self._focus_columns()

    def action_clear_filter(self) -> None:
        if self.filter_text or self.filter_box.display:
            self.filter_box.clear_silently()
            self.redraw()
            self._focus_columns()

    def _focus_columns(self) -> None:
        if not self.filter_text:
            self.filter_box.display = False
        column = self.current_column
        for candidate in [column, *self.columns]:
            if candidate.cards:
                candidate.focus()
                return
        column.focus()

    def action_archive(self) -> None:
        self.app.action_archive()

    def action_calendar(self) -> None:
        self.app.action_calendar()

    def on_resize(self) -> None:
        board_window.follow(self.columns, self.current_column, self.size.width)

    def on_screen_resume(self) -> None:
        """Back from a release, a dialog or the archive: show the focused card's change at once, and
        read the whole board again if anything else was written meanwhile (another release, undo)."""
        if not self.app.service_ready:
            # The quick start's first frame: open the service once the frame is drawn and written.
            # Textual writes on its own thread, which an import running beside it would starve.
            self.call_after_refresh(self.set_timer, OPEN_AFTER_FIRST_FRAME, self.app.open_context_behind_first_frame)
            return
        if self.focused_release_id is not None:
            self.refresh_card(self.focused_release_id)
        self.read_actions_due()  # a review action closed on a screen above
        self.report_unreadable(self.service.skipped_rows())
        self.app.catch_up(self)

