"""The key bar at the bottom of every screen, rebuilt only when the keys it shows change."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's Footer rebuilds its keys whenever the focus moves, even from one board column to the next
    where every key is the same. Each rebuild leaves the old keys alive: each keeps a `data_bind` watcher on
    the footer (Textual issue #6666), so memory and the garbage collector's full passes grow with every
    column change. This footer rebuilds only when the keys differ from those it shows."""

    _composed_from: list | None = None

    def compose(self) -> ComposeResult:
        keys = self._keys(self.screen)
        drawn = False
        for widget in super().compose():  # yields nothing until the screen's bindings are ready
            drawn = True
            yield widget
        self._composed_from = keys if drawn else None

    def bindings_changed(self, screen: Screen) -> None:
        if self._composed_from is not None and self._keys(screen) == self._composed_from:
            return
        super().bindings_changed(screen)

    @staticmethod
    def _keys(screen: Screen) -> list:
        """What the footer is drawn from: each active binding, whether it is enabled, and its tooltip."""
        return [(binding, enabled, tooltip) for _, binding, enabled, tooltip in screen.active_bindings.values()]
