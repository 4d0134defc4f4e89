"""relmgr's own entries in the command palette: open any release by its version or title.

Years of releases add up (20,000 in the big demo): they are read in a thread when the palette opens, and
a query matches as a piece of the version or title, which is both what people type ("2.4", "invoice")
and cheap enough to run on every key, before the fuzzy matcher scores the few that match.

Entries are plain Content, never markup: a title `[bold red]urgent[/]` shows as typed, and typing `[/]`
finds it (Textual's own highlighter would parse the title as markup).
"""

from __future__ import annotations

import asyncio
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.style import Style

from relmgr_tui.domain.errors import RelmgrError
from relmgr_tui.domain.model import Release
from relmgr_tui.ui.text import printable

MAX_HITS = 100
LEAD = "Open release "


def highlighted(label: str, needle: str, style: Style | None) -> Content:
    """`label` as plain text with the piece that matched `needle` (after the lead words) highlighted."""
    content = Content(label)
    start = label.lower().find(needle, len(LEAD))
    if start < 0 or style is None:
        return content
    return content.stylize(style, start, start + len(needle))


class ReleaseCommands(Provider):
    """`ctrl+p` then a version: "Open release 2.4.0 — Spring payments"."""

    async def startup(self) -> None:
        self.releases: list[tuple[str, Release]] = []
        read = self.app.service.releases
        try:
            releases = await asyncio.to_thread(read, None, True)
        except RelmgrError as exc:
            self.app.report_error(exc)
            return
        self.releases = [(f"{r.version}\n{r.title}".lower(), r) for r in releases]

    def _label(self, release: Release) -> str:
        title = f" — {printable(release.title)}" if release.title else ""
        return f"{LEAD}{printable(release.version)}{title}"

    def _hit_help(self, release: Release) -> str:
        return f"{release.phase.label} · {release.state.label}"

    async def discover(self) -> Hits:
        for _, release in self.releases[:20]:
            label = self._label(release)
            yield DiscoveryHit(Content(label), partial(self.app.open_release, release.id), text=label,
                               help=self._hit_help(release))

    async def search(self, query: str) -> Hits:
        needle = query.strip().lower()
        if not needle:
            return
        matcher = self.matcher(query)
        found = 0
        for haystack, release in self.releases:
            if needle in haystack:
                label = self._label(release)
                # A version that starts with what was typed comes first: "2.4" means 2.4.x.
                score = 1.0 if haystack.startswith(needle) else min(matcher.match(label), 0.99) or 0.1
                yield Hit(score, highlighted(label, needle, matcher.match_style),
                          partial(self.app.open_release, release.id), text=label, help=self._hit_help(release))
                found += 1
                if found == MAX_HITS:
                    return
