"""What applying a kind's template set changes: the checklists of the phases a release has not reached.

Only an item that came from a template and that no person ticked may go; an item ticked by a person and
one added by hand always stay.
An item of the new set already on the list (same text) is not added twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from relmgr_tui.domain.errors import InvalidInput
from relmgr_tui.domain.model import PHASES, ChecklistItem, Phase, Release

if TYPE_CHECKING:  # the board imports this module; the templates (and tomllib) load only when applied
    from relmgr_tui.domain.templates import Checklists, TemplateItem


@dataclass(frozen=True, slots=True)
class PhaseChange:
    phase: Phase
    removed: tuple[ChecklistItem, ...]
    added: tuple[TemplateItem, ...]
    kept_ticked: int
    kept_by_hand: int

    def __bool__(self) -> bool:
        return bool(self.removed or self.added)

    def summary(self) -> str:
        """'Testing: 4 items removed, 2 added; 3 ticked items kept; 1 item added by hand kept'."""
        parts = [f"{self.phase.label}: {len(self.removed)} {_noun(len(self.removed))} removed, {len(self.added)} added"]
        if self.kept_ticked:
            parts.append(f"{self.kept_ticked} ticked {_noun(self.kept_ticked)} kept")
        if self.kept_by_hand:
            parts.append(f"{self.kept_by_hand} {_noun(self.kept_by_hand)} added by hand kept")
        return "; ".join(parts)


def _noun(n: int) -> str:
    return "item" if n == 1 else "items"


def _replaceable(item: ChecklistItem) -> bool:
    """From a template, and not ticked by a person (an item that follows a rule was ticked by the evidence)."""
    return item.from_template and (not item.done or bool(item.rule))


def _same(item: ChecklistItem, template: TemplateItem) -> bool:
    return (item.text, item.required, item.rule, item.early) == (
        template.text, template.required, template.rule, template.early)


def refuse_finished(release: Release) -> None:
    if release.finished:
        raise InvalidInput(f"{release.version} is {release.state.label}: its checklists are the record of what was"
                           " done and no longer change")


def phases_not_reached(current: Phase) -> tuple[Phase, ...]:
    return PHASES[current.index + 1:]


def plan(items: Sequence[ChecklistItem], checklists: Checklists, current: Phase) -> tuple[PhaseChange, ...]:
    """Per phase after `current`: the unticked template items the new set does not have, and its items
    the list does not have yet."""
    return tuple(_plan_phase(phase, [i for i in items if i.phase is phase], checklists.get(phase, ()))
                 for phase in phases_not_reached(current))


def _plan_phase(phase: Phase, items: list[ChecklistItem], wanted: Sequence[TemplateItem]) -> PhaseChange:
    removed = [i for i in items if _replaceable(i) and not any(_same(i, t) for t in wanted)]
    staying = {i.text for i in items if i not in removed}
    added = tuple(t for t in wanted if t.text not in staying)
    return PhaseChange(phase, tuple(removed), added,
                       kept_ticked=sum(1 for i in items if i.done and not _replaceable(i)),
                       kept_by_hand=sum(1 for i in items if not i.from_template and not i.done))
