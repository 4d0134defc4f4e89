"""A one-line chooser for a few words (a vote, an outcome): ◀ ✓ GO ▶.

Always shows the chosen word, so it reads without colour and needs no drop-down over a crowded form.
`space`, ←/→ or h/l step through the choices; each choice may also have its own letter key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str
    key: str = ""


class ChoiceSwitch(Widget, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,right,l", "step(1)", "Next choice", show=False, id="choice.next"),
        Binding("left,h", "step(-1)", "Previous choice", show=False, id="choice.previous"),
    ]

    index: reactive[int] = reactive(0, init=False)

    class Changed(Message):
        def __init__(self, switch: ChoiceSwitch, value: str) -> None:
            super().__init__()
            self.switch = switch
            self.value = value

        @property
        def control(self) -> ChoiceSwitch:
            return self.switch

    def __init__(self, choices: Sequence[Choice], value: str, *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.choices = tuple(choices)
        self.set_reactive(ChoiceSwitch.index, self._index_of(value))
        self._update_class()

    def _index_of(self, value: str) -> int:
        return next(i for i, c in enumerate(self.choices) if c.value == value)

    @property
    def value(self) -> str:
        return self.choices[self.index].value

    @value.setter
    def value(self, value: str) -> None:
        self.index = self._index_of(value)

    def render(self) -> Content:
        width = max(len(c.label) for c in self.choices)
        return Content(f"◀ {self.choices[self.index].label:<{width}} ▶")

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max(len(c.label) for c in self.choices) + 4

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1

    def action_step(self, step: int) -> None:
        self.index = (self.index + step) % len(self.choices)

    def on_key(self, event: events.Key) -> None:
        for n, choice in enumerate(self.choices):
            if choice.key and event.key == choice.key:
                event.stop()
                self.index = n

    def watch_index(self) -> None:
        self._update_class()
        self.post_message(self.Changed(self, self.value))

    def _update_class(self) -> None:
        for choice in self.choices:
            self.set_class(choice.value == self.value, f"-{choice.value.replace('_', '-')}")
