"""Every key binding of relmgr by id, grouped as the help screen shows them, and the user's `[keys]`
table from config.toml checked against them before Textual's keymap applies it.

Textual's keymap lets a remapped key silently take over another binding's key; here such an entry is
refused with a warning instead, so a typo in config.toml never takes a key away from the user.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textual.binding import Binding, BindingType
from textual.keys import _normalize_key_list

from relmgr_tui.ui.key_names import EVERYWHERE, WRITE_KEYS, bad_key, keys_in_force

TEXTUAL_KEYS = (
    Binding("ctrl+q", "quit", "Quit", id="textual.quit"),
    Binding("ctrl+c", "help_quit", "Copy or how to quit", id="textual.ctrl_c"),
    Binding("ctrl+p", "command_palette", "Command palette", id="textual.command_palette"),
)
"""Textual's own keys on every screen: a remap onto one of them is a clash too."""


DIALOGS = "Forms and dialogs"
"""The help's one heading for every small dialog: each is its own chain, but their keys read alike."""


@dataclass(frozen=True)
class Section:
    """One heading of the help screen: the bindings of a screen, a pane or a widget on it."""

    title: str
    bindings: tuple[Binding, ...]


@dataclass(frozen=True)
class Chain:
    """Screens and widgets whose bindings are in force together: a key may mean one thing in a chain."""

    sections: tuple[Section, ...]
    modal: bool = False
    """A dialog: the keys that work everywhere do not reach into it."""


STATES = "Release states (those its state allows; ctrl+p lists them)"
"""The heading of hold, resume, cancel, mark rolled back and reopen, on every screen that has them."""


def _section(title: str, *binding_lists: Iterable[BindingType]) -> Section:
    bindings = (binding for bindings in binding_lists for binding in bindings)
    return Section(title, tuple(binding for binding in bindings if isinstance(binding, Binding)))


def _screen(title: str, screen_bindings: Iterable[BindingType], *more: Iterable[BindingType]) -> tuple[Section, ...]:
    """A screen's keys under its title, and its state changes under their own heading."""
    from relmgr_tui.ui.screens.lifecycle_actions import is_lifecycle

    bindings = [b for b in screen_bindings if isinstance(b, Binding)]
    states = [b for b in bindings if is_lifecycle(b)]
    own = _section(title, [b for b in bindings if not is_lifecycle(b)], *more)
    return (own, _section(STATES, states)) if states else (own,)


def chains() -> tuple[Chain, ...]:
    """Every binding, imported here rather than at the top: the board's first frame needs none of it.

    Screens never import this module (the help screen is handed its sections), so the registry can
    import them all without a cycle."""
    from relmgr_tui.ui.screens.activity_pane import ActivityPane
    from relmgr_tui.ui.screens.archive import ArchiveScreen, ArchiveSearch
    from relmgr_tui.ui.screens.board import BoardScreen
    from relmgr_tui.ui.screens.calendar import CalendarScreen
    from relmgr_tui.ui.screens.checklist_pane import ChecklistPane
    from relmgr_tui.ui.screens.confirm import ConfirmModal
    from relmgr_tui.ui.screens.decision import DecisionModal
    from relmgr_tui.ui.screens.evidence import EvidenceModal
    from relmgr_tui.ui.screens.event_view import EventModal
    from relmgr_tui.ui.screens.form_base import FormModal
    from relmgr_tui.ui.screens.freezes import FreezesScreen
    from relmgr_tui.ui.screens.gate import GateModal
    from relmgr_tui.ui.screens.gate_report import GateReportModal
    from relmgr_tui.ui.screens.gonogo import GoNoGoScreen
    from relmgr_tui.ui.screens.help import HelpScreen
    from relmgr_tui.ui.screens.metrics import MetricsScreen
    from relmgr_tui.ui.screens.note import NoteModal
    from relmgr_tui.ui.screens.outcome import OutcomeModal
    from relmgr_tui.ui.screens.post_review import ActionList, PostReviewScreen
    from relmgr_tui.ui.screens.prompt import PromptModal
    from relmgr_tui.ui.screens.release import ReleaseScreen
    from relmgr_tui.ui.screens.review_forms import ProposalModal
    from relmgr_tui.ui.screens.release_choice import ReleaseChoiceModal
    from relmgr_tui.ui.screens.risks_pane import RisksPane
    from relmgr_tui.ui.screens.notes_view import NotesModal
    from relmgr_tui.ui.screens.rollback_pane import RollbackPane
    from relmgr_tui.ui.screens.scope_pane import ScopePane
    from relmgr_tui.ui.screens.transition import TransitionModal
    from relmgr_tui.ui.widgets.choice_switch import ChoiceSwitch
    from relmgr_tui.ui.widgets.filter_box import FilterInput
    from relmgr_tui.ui.widgets.phase_column import PhaseColumn
    from relmgr_tui.ui.widgets.review_list import ReviewList
    from relmgr_tui.ui.widgets.risk_heatmap import RiskHeatmap
    from relmgr_tui.ui.widgets.row_list import RowList

    return (
        Chain((*_screen("Board", BoardScreen.BINDINGS, PhaseColumn.BINDINGS),
               _section("Board: filter box (/)", FilterInput.BINDINGS))),
        Chain((*_screen("Release", ReleaseScreen.BINDINGS, RowList.BINDINGS),
               _section("Release: checklist (1)", ChecklistPane.BINDINGS),
               _section("Release: risks (2)", RisksPane.BINDINGS),
               _section("Release: risk heat map (m)", RiskHeatmap.BINDINGS),
               _section("Release: rollback (3)", RollbackPane.BINDINGS),
               _section("Release: activity (4)", ActivityPane.BINDINGS),
               _section("Release: scope (5)", ScopePane.BINDINGS))),
        Chain((_section("Go/no-go review", GoNoGoScreen.BINDINGS, ReviewList.BINDINGS),)),
        Chain((_section("Decision form", DecisionModal.BINDINGS, ChoiceSwitch.BINDINGS),), modal=True),
        Chain((*_screen("Archive", ArchiveScreen.BINDINGS),
               _section("Archive: search box (/)", ArchiveSearch.BINDINGS))),
        Chain((_section("Delivery metrics (M)", MetricsScreen.BINDINGS),)),
        Chain((_section("Post-release review (P)", PostReviewScreen.BINDINGS, ActionList.BINDINGS),)),
        Chain((_section("Calendar", CalendarScreen.BINDINGS),)),
        Chain((_section("Change freezes", FreezesScreen.BINDINGS), _section("Change freezes: list", RowList.BINDINGS))),
        Chain((_section(DIALOGS, FormModal.BINDINGS),), modal=True),
        Chain((_section(DIALOGS, ReleaseChoiceModal.BINDINGS),), modal=True),
        Chain((_section(DIALOGS, NoteModal.BINDINGS),), modal=True),
        Chain((_section(DIALOGS, EvidenceModal.BINDINGS),), modal=True),
        Chain((_section(DIALOGS, OutcomeModal.BINDINGS),), modal=True),
        Chain((_section(DIALOGS, ConfirmModal.BINDINGS),), modal=True),
        Chain((_section(DIALOGS, PromptModal.BINDINGS),), modal=True),
        Chain((_section(DIALOGS, TransitionModal.BINDINGS),), modal=True),
        Chain((_section(DIALOGS, GateModal.BINDINGS),), modal=True),
        Chain((_section(DIALOGS, GateReportModal.BINDINGS),), modal=True),
        Chain((_section(DIALOGS, EventModal.BINDINGS),), modal=True),
        Chain((_section(DIALOGS, NotesModal.BINDINGS),), modal=True),
        Chain((_section(DIALOGS, ProposalModal.BINDINGS),), modal=True),
        Chain((_section(DIALOGS, HelpScreen.BINDINGS),), modal=True),
        Chain((_section("Everywhere", EVERYWHERE),)),
    )


def sections(without_writes: bool = False) -> list[Section]:
    """The help screen's headings, in order; `without_writes` (read-only) leaves out the keys that write."""
    every = [section for chain in chains() for section in chain.sections]
    if not without_writes:
        return every
    return [Section(s.title, tuple(b for b in s.bindings if b.id not in WRITE_KEYS)) for s in every]


def all_bindings() -> dict[str, Binding]:
    """Every binding by its id."""
    return {binding.id: binding for section in sections() for binding in section.bindings if binding.id}


def check(keys: Mapping[str, str], where: str) -> tuple[dict[str, str], list[str]]:
    """The entries of a `[keys]` table that can be applied, and one warning for each that cannot: an
    unknown id, an unknown key name, or a key that another binding already has where this one works."""
    known = all_bindings()
    warnings: list[str] = []
    wanted: dict[str, str] = {}
    for binding_id, value in keys.items():
        normalized = _normalize_key_list(value) if value.strip() else ""
        if binding_id not in known:
            warnings.append(f"{where}: unknown key binding id {binding_id!r}; the README's Keys section lists"
                            " them. Its entry is ignored.")
        elif not normalized or any(bad_key(key) for key in normalized.split(",")):
            warnings.append(f"{where}: {binding_id} = {value!r} is not a key name (examples: x, ctrl+right,"
                            f" f5); {binding_id} keeps {_shown(known[binding_id], {})}.")
        else:
            wanted[binding_id] = normalized
    return _without_clashes(wanted, warnings, where)


def _without_clashes(wanted: dict[str, str], warnings: list[str], where: str) -> tuple[dict[str, str], list[str]]:
    """Refuse entries that give a key to two bindings of one chain, until none is left: refusing one
    entry can make another clash with the default key it gives back."""
    known = all_bindings()
    while clash := _first_clash(wanted):
        binding_id, other, key = clash
        warnings.append(f"{where}: {binding_id} = {wanted.pop(binding_id)!r} clashes with {other.id}, which"
                        f" already has {key!r} on the same screen; {binding_id} keeps"
                        f" {_shown(known[binding_id], {})}.")
    return wanted, warnings


def _first_clash(keymap: dict[str, str]) -> tuple[str, Binding, str] | None:
    """(remapped id, the binding it clashes with, the key) for the first remap that clashes, else None."""
    everywhere = chains()[-1].sections[0].bindings
    for chain in chains():
        bindings = [binding for section in chain.sections for binding in section.bindings]
        if not chain.modal:
            bindings += [*everywhere, *TEXTUAL_KEYS]
        for binding_id in keymap:
            clash = _clash_in(binding_id, bindings, keymap)
            if clash:
                return binding_id, *clash
    return None


def _clash_in(binding_id: str, bindings: list[Binding], keymap: dict[str, str]) -> tuple[Binding, str] | None:
    mine = next((binding for binding in bindings if binding.id == binding_id), None)
    if mine is None:
        return None
    for key in keys_in_force(mine, keymap):
        for other in bindings:
            if other.id != binding_id and key in keys_in_force(other, keymap):
                return other, key
    return None


def _shown(binding: Binding, keymap: Mapping[str, str]) -> str:
    return binding.key_display if binding.key_display and binding.id not in keymap else binding.key
