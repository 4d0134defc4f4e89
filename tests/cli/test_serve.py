"""`relmgr serve`: the board in a browser through textual-serve, on the command line's database."""

from __future__ import annotations

import asyncio
import base64
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.browser import ChromiumUnavailable, open_page, profile_dir, start_chromium, stop_chromium
from tests.cli.test_events import read_line, writer
from tests.cli.test_commands import one_line_error, relmgr_process as relmgr

pytestmark = pytest.mark.slow  # each test starts a server process (and one a browser)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(db: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "relmgr_tui", "--db", db, "serve", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                            env={**os.environ, "PYTHONUTF8": "1", "COLUMNS": "120"})


def page(url: str, timeout: float = 30) -> str:
    """The page at `url`, once the server answers."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def stop(server: subprocess.Popen[str]) -> tuple[str, str]:
    server.send_signal(signal.SIGINT)
    try:
        return server.communicate(timeout=15)
    finally:
        server.kill()


@pytest.fixture
def seeded_db(db_path: Path) -> str:
    with writer(str(db_path)) as service:
        service.create_release("2.4.0", title="Payments API")
    return str(db_path)


@pytest.fixture
def served(seeded_db: str, request: pytest.FixtureRequest) -> Iterator[str]:
    """The URL of a server on the seeded database; `indirect` parameters are more options."""
    port = free_port()
    server = serve(seeded_db, "--port", str(port), *getattr(request, "param", ()))
    url = f"http://127.0.0.1:{port}/"
    try:
        page(url)
        yield url
    finally:
        stop(server)


def test_the_page_holds_the_app_and_its_websocket_on_loopback(seeded_db: str) -> None:
    port = free_port()
    server = serve(seeded_db, "--port", str(port))
    try:
        html = page(f"http://127.0.0.1:{port}/")
    finally:
        out, err = stop(server)
    assert "<div>relmgr</div>" in html
    assert f'data-session-websocket-url="ws://127.0.0.1:{port}/ws"' in html
    assert f"http://127.0.0.1:{port}" in out
    assert "warning" not in err


def test_a_host_that_is_not_loopback_is_served_with_a_warning(seeded_db: str) -> None:
    server = serve(seeded_db, "--host", "0.0.0.0", "--port", str(free_port()))
    try:
        warning = read_line(server.stderr)
    finally:
        stop(server)
    assert warning.startswith("relmgr: warning: serving on 0.0.0.0, which is not loopback: textual-serve has no"
                              " login")


def test_a_port_in_use_is_one_error_line(seeded_db: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        line = one_line_error(relmgr("--db", seeded_db, "serve", "--port", str(port)))
    assert line.startswith(f"relmgr: error: cannot listen on 127.0.0.1 port {port} (")
    assert line.endswith("): choose another --port or --host")


def in_chromium(drive, *args) -> None:
    """Run `drive(devtools, *args)` against a headless Chromium; skip with the reason if none can run."""
    try:
        with profile_dir() as profile:
            browser, devtools = start_chromium(profile)
            try:
                asyncio.run(drive(devtools, *args))
            finally:
                stop_chromium(browser)
    except ChromiumUnavailable as reason:
        pytest.skip(str(reason))


def test_a_browser_sees_the_board_columns_and_opens_a_release(served: str, tmp_path: Path) -> None:
    in_chromium(_open_the_release, served, tmp_path / "serve.png")
    assert (tmp_path / "serve.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("served", [("--read-only",)], indirect=True)
def test_read_only_serves_presenter_mode(served: str) -> None:
    in_chromium(_see_read_only, served)


async def _see_read_only(devtools: str, url: str) -> None:
    session, tab = await open_page(devtools, url)
    try:
        await tab.wait_for("2.4.0", "READ-ONLY")
    finally:
        await session.close()


async def _open_the_release(devtools: str, url: str, screenshot: Path) -> None:
    session, tab = await open_page(devtools, url)
    try:
        await tab.wait_for("Planning 1", "Building 0", "Testing 0", "Preparing 0", "Deploying 0", "2.4.0")
        assert "READ-ONLY" not in tab.received
        before = len(tab.received)
        await tab.focus_terminal()
        await tab.press("Enter", "Enter", 13, "\r")
        # The workspace: the release's checklist, which no board card shows.
        await tab.wait_for("Checklist", "Connect with stakeholders and agree what the release must deliver",
                           since=before)
        shot = await tab.send("Page.captureScreenshot", format="png")
        screenshot.write_bytes(base64.b64decode(shot["result"]["data"]))
    finally:
        await session.close()
