"""Below 60x20 the board cannot be read: say so plainly instead of drawing a broken layout. (Between
that and 80x24 the board shows three columns: see board_window.py.)"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

MIN_WIDTH = 60
MIN_HEIGHT = 20


class TooSmallScreen(Screen):
    def compose(self) -> ComposeResult:
        yield Static(id="too-small")

    def on_mount(self) -> None:
        self.on_resize()

    def on_resize(self) -> None:
        width, height = self.app.size
        self.query_one("#too-small", Static).update(
            f"Terminal too small: {width}x{height}.\nrelmgr needs at least {MIN_WIDTH}x{MIN_HEIGHT}.\n"
            "Enlarge the window or reduce the font size."
        )
