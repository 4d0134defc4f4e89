"""The strip naming the panes with their key and a count; the pane shown is marked (▸) and styled. When the
strip is too narrow for every count, the other panes show their name alone.

Built at draw time (`render()`), so the styles follow the theme in use.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

STYLE_NAMES = ("active", "inactive")


class PaneTabs(Widget):
    DEFAULT_CSS = """
    PaneTabs > .pane-tabs--active {
        color: $text;
        background: $primary 50%;
        text-style: bold;
    }
    PaneTabs > .pane-tabs--inactive {
        color: $text-muted;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"pane-tabs--{name}" for name in STYLE_NAMES}

    class Clicked(Message):
        def __init__(self, pane: str) -> None:
            super().__init__()
            self.pane = pane

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.active = ""
        self.tabs: list[tuple[str, str]] = []

    def show(self, active: str, tabs: list[tuple[str, str]]) -> None:
        """`tabs` are (pane name, label) in key order 1, 2, 3, ..."""
        if (active, tabs) != (self.active, self.tabs):
            self.active, self.tabs = active, tabs
            self.refresh()

    def _labels(self) -> list[tuple[str, str]]:
        """(pane, text) of each tab; a blank cell separates them. The counts of the panes not shown go
        first when they do not all fit."""
        full = [(pane, f"{'▸' if pane == self.active else ' '}{number} {label} ")
                for number, (pane, label) in enumerate(self.tabs, start=1)]
        if not self.size.width or sum(len(text) + 1 for _, text in full) <= self.size.width:
            return full
        return [(pane, text if pane == self.active else " ".join(text.split(" ")[:3]) + " ") for pane, text in full]

    def render(self) -> Content:
        parts: list[tuple[str, object] | str] = []
        for pane, text in self._labels():
            name = "active" if pane == self.active else "inactive"
            parts += [(text, self.get_visual_style(f"pane-tabs--{name}", partial=True)), " "]
        return Content.assemble(*parts)

    def on_click(self, event: events.Click) -> None:
        start = 0
        for pane, text in self._labels():
            if start <= event.x < start + len(text):
                self.post_message(self.Clicked(pane))
            start += len(text) + 1
