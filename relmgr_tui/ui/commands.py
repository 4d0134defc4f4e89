"""relmgr's own entries in the command palette: open any release by its version or title."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from relmgr_tui.domain.model import Release
from relmgr_tui.ui.text import printable


class ReleaseCommands(Provider):
    """`ctrl+p` then a version: "Open release 2.4.0 — Spring payments"."""

    async def startup(self) -> None:
        releases = self.app.call_service(self.app.service.releases, None, True) or []
        self.releases: list[Release] = releases

    def _label(self, release: Release) -> str:
        title = f" — {printable(release.title)}" if release.title else ""
        return f"Open release {printable(release.version)}{title}"

    async def discover(self) -> Hits:
        for release in self.releases[:20]:
            yield DiscoveryHit(self._label(release), partial(self.app.open_release, release.id),
                               help=f"{release.phase.label} · {release.state.label}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for release in self.releases:
            label = self._label(release)
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), partial(self.app.open_release, release.id),
                          help=f"{release.phase.label} · {release.state.label}")
