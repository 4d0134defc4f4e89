"""The key bar at the bottom of every screen: as many keys as fit, whole, and always `? Help`.

One line drawn from the screen's active bindings (`footer_fit.choose` picks what fits), rather than
Textual's Footer, which makes a widget per key, rebuilds them on every focus move (leaving the old ones
alive, Textual issue #6666) and cuts the last key mid-word when the screen is narrow.
"""

from __future__ import annotations

from itertools import groupby

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

from relmgr_tui.ui.widgets.footer_fit import FooterEntry, choose

FIRST = (
    "board.open", "board.advance", "board.back", "board.review", "board.filter", "board.new",
    "workspace.leave", "workspace.tick", "workspace.add_item", "workspace.add_risk", "workspace.add_step",
    "workspace.rehearse", "workspace.advance", "workspace.review",
    "review.tick", "review.decide", "review.leave", "archive.leave", "archive.open",
)
"""Binding ids shown before the others when the footer is short of room (then binding order)."""


class KeyFooter(Widget):
    """The screen's keys on one line, the command palette's on the right; a click on a key presses it."""

    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }

    KeyFooter > .key-footer--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }

    KeyFooter > .key-footer--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }

    KeyFooter > .key-footer--disabled {
        text-style: dim;
    }
    """

    COMPONENT_CLASSES = {"key-footer--key", "key-footer--description", "key-footer--disabled"}

    def __init__(self) -> None:
        super().__init__()
        self._entries: list[FooterEntry] = []
        self._palette: FooterEntry | None = None
        self._hits: list[tuple[int, int, str]] = []
        """(first cell, end cell, key) of each key drawn: what a click presses."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        """Redraw only when the keys differ: the focus moving between board columns changes none."""
        entries, palette = footer_entries(screen)
        if (entries, palette) != (self._entries, self._palette):
            self._entries, self._palette = entries, palette
            self.refresh()

    @property
    def shown(self) -> list[FooterEntry]:
        """The entries drawn at the present width (the palette's last, when it has room)."""
        return self._fit(self.size.width)

    def _fit(self, width: int) -> list[FooterEntry]:
        keys = choose(self._entries, width, FIRST)
        palette = self._palette
        if palette and sum(entry.width for entry in keys) + palette.width - 1 <= width:
            return [*keys, palette]  # the palette's hint is the last to find room: ? Help lists ^p too
        return keys

    def render(self) -> Text:
        line = Text(no_wrap=True, overflow="crop")
        self._hits = []
        shown = self.shown
        palette = shown.pop() if shown and shown[-1] is self._palette else None
        for entry in shown:
            self._draw(line, entry)
        if palette is not None:
            line.append(" " * max(self.size.width - line.cell_len - palette.width + 1, 0))
            self._draw(line, palette, trailing="")
        return line

    def _draw(self, line: Text, entry: FooterEntry, trailing: str = " ") -> None:
        """` k Label `; each key of a group is its own click target, a single key the whole entry."""
        key_style = self.get_component_rich_style("key-footer--key")
        label_style = self.get_component_rich_style("key-footer--description")
        if not entry.enabled:
            dim = self.get_component_rich_style("key-footer--disabled")
            key_style, label_style = key_style + dim, label_style + dim
        start = line.cell_len
        line.append(" ", label_style)
        for display, key in zip(entry.keys, entry.sends):
            key_start = line.cell_len
            line.append(display, key_style)
            if len(entry.keys) > 1:
                self._hits.append((key_start, line.cell_len, key))
        # The blank after the keys goes with them: an SVG text run that starts with a blank loses it in
        # some renderers (rsvg drew "spaceTick").
        line.append(" ", key_style)
        line.append(f"{entry.label}{trailing}", label_style)
        if len(entry.keys) == 1:
            self._hits.append((start, line.cell_len, entry.sends[0]))

    def on_click(self, event: events.Click) -> None:
        key = next((key for start, end, key in self._hits if start <= event.x < end), None)
        if key is not None:
            self.app.simulate_key(key)


def footer_entries(screen: Screen) -> tuple[list[FooterEntry], FooterEntry | None]:
    """What the footer can show: one entry per action, the keys of a group together; and the palette's."""
    app = screen.app
    first_per_action: dict[str, tuple[Binding, bool]] = {}
    for _, binding, enabled, _tooltip in screen.active_bindings.values():
        if binding.show:
            first_per_action.setdefault(binding.action, (binding, enabled))
    entries: list[FooterEntry] = []
    for group, members in groupby(first_per_action.values(), lambda member: member[0].group):
        members = list(members)
        if group is not None and len(members) > 1:
            keys = tuple(app.get_key_display(binding) for binding, _ in members)
            sends = tuple(binding.key for binding, _ in members)
            head, enabled = members[0]
            entries.append(FooterEntry(keys, group.description, head.id, enabled, sends))
        else:
            entries += [FooterEntry((app.get_key_display(binding),), binding.description, binding.id, enabled,
                                    (binding.key,)) for binding, enabled in members]
    palette = None
    if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in screen.active_bindings:
        _, binding, enabled, _ = screen.active_bindings[app.COMMAND_PALETTE_BINDING]
        palette = FooterEntry((app.get_key_display(binding),), binding.description, None, enabled, (binding.key,))
    return entries, palette
