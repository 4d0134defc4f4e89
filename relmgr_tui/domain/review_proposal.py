"""What a review action's template proposal asks of templates.toml: the lines that add its item to its phase
(kept apart from domain/review.py, which the first frame loads, so that it needs no templates)."""

from __future__ import annotations

import json

from relmgr_tui.domain.model import Phase, ReleaseKind
from relmgr_tui.domain.review import ReviewAction
from relmgr_tui.domain.templates import TemplateItem, TemplateSet


def template_set(templates: TemplateSet, kind: ReleaseKind, phase: Phase) -> str:
    """The templates.toml table a release of `kind` takes `phase` from: its kind's own table if that has
    the phase, else [emergency] or [standard] (as `TemplateSet.for_kind`)."""
    if phase in templates.sets.get(kind.value, {}):
        return kind.value
    return "emergency" if kind is ReleaseKind.EMERGENCY else "standard"


def toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are valid TOML)."""
    return json.dumps(text, ensure_ascii=False)


def _item_line(item: TemplateItem) -> str:
    flags = [f"text = {toml_string(item.text)}"]
    flags += ["required = false"] if not item.required else []
    flags += ["early = true"] if item.early else []
    flags += [f"rule = {toml_string(item.rule)}"] if item.rule else []
    return f"  {{ {', '.join(flags)} }},"


def template_lines(templates: TemplateSet, kind: ReleaseKind, action: ReviewAction) -> list[str]:
    """The templates.toml lines that add the action's proposed item to its phase for releases of `kind`
    (none if it proposes nothing). A phase in that file replaces the built-in one, so its items come too."""
    phase = action.proposal_phase
    if phase is None:
        return []
    current = templates.for_kind(kind).get(phase, ())
    return [f"[{template_set(templates, kind, phase)}]", f"{phase.value} = [",
            *(_item_line(item) for item in current), _item_line(TemplateItem(action.proposal_text)), "]"]
