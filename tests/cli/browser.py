"""Headless Chromium driven over its DevTools protocol, for the `relmgr serve` test.

The page draws the terminal on a canvas, so the test reads what the app sends instead: every websocket
frame the page receives (Network.webSocketFrameReceived), with escape sequences removed. Keys go in as the
browser's own key events, to the terminal the page focused.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import re
import signal
import shutil
import subprocess
import tempfile
import time
from typing import Any

import aiohttp

ESCAPES = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b.")
DEVTOOLS = re.compile(r"DevTools listening on (ws://\S+)")


class ChromiumUnavailable(Exception):
    """Why Chromium cannot run here (the test skips with this reason)."""


def start_chromium(profile: str) -> tuple[subprocess.Popen[str], str]:
    """Chromium in headless mode and the HTTP address of its DevTools endpoint."""
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        raise ChromiumUnavailable("chromium is not installed (apt-get install -y chromium)")
    process = subprocess.Popen(
        [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--remote-debugging-port=0",
         f"--user-data-dir={profile}", "--window-size=1200,800", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 30
    seen: list[str] = []
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line and process.poll() is not None:
            break
        seen.append(line)
        found = DEVTOOLS.search(line)
        if found:
            return process, "http://" + found[1].split("/")[2]
    stop_chromium(process)
    raise ChromiumUnavailable("chromium did not start: " + " ".join(s.strip() for s in seen[-3:]))


def stop_chromium(process: subprocess.Popen[str]) -> None:
    """Chromium and its helper processes (its own session) end together."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


class Page:
    """One browser tab: commands over its DevTools websocket, and the text of the frames it received."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.ids = itertools.count(1)
        self.replies: dict[int, asyncio.Future] = {}
        self.received = ""
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.socket:
            data = json.loads(message.data)
            if "id" in data and data["id"] in self.replies:
                self.replies.pop(data["id"]).set_result(data)
            elif data.get("method") == "Network.webSocketFrameReceived":
                self.received += _frame_text(data["params"]["response"])

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        ident = next(self.ids)
        self.replies[ident] = asyncio.get_running_loop().create_future()
        await self.socket.send_json({"id": ident, "method": method, "params": params})
        return await asyncio.wait_for(self.replies[ident], 30)

    async def wait_for(self, *texts: str, timeout: float = 30, since: int = 0) -> None:
        deadline = time.monotonic() + timeout
        while not all(text in self.received[since:] for text in texts):
            if time.monotonic() > deadline:
                missing = [t for t in texts if t not in self.received[since:]]
                raise AssertionError(f"the page never showed {missing}; it showed: {self.received[-2000:]!r}")
            await asyncio.sleep(0.1)

    async def focus_terminal(self) -> None:
        """A headless tab has no window focus: give the terminal's input the focus a click would."""
        await self.send("Emulation.setFocusEmulationEnabled", enabled=True)
        await self.send("Runtime.evaluate", expression="document.querySelector('.xterm-helper-textarea').focus()")

    async def press(self, key: str, code: str, key_code: int, text: str = "") -> None:
        for kind in ("keyDown", "keyUp"):
            await self.send("Input.dispatchKeyEvent", type=kind, key=key, code=code,
                            windowsVirtualKeyCode=key_code, text=text if kind == "keyDown" else "")


def _frame_text(response: dict[str, Any]) -> str:
    payload = response["payloadData"]
    raw = base64.b64decode(payload) if response.get("opcode") == 2 else payload.encode()
    return ESCAPES.sub("", raw.decode("utf-8", errors="ignore"))


async def open_page(devtools: str, url: str) -> tuple[aiohttp.ClientSession, Page]:
    session = aiohttp.ClientSession()
    async with session.get(f"{devtools}/json/list") as response:
        targets = await response.json()
    tab = next(t for t in targets if t["type"] == "page")
    socket = await session.ws_connect(tab["webSocketDebuggerUrl"], max_msg_size=0)
    page = Page(socket)
    await page.send("Network.enable")
    await page.send("Page.enable")
    await page.send("Page.navigate", url=url)
    return session, page


def profile_dir() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="relmgr-chromium-", ignore_cleanup_errors=True)
