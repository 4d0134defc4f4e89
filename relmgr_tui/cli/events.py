"""`relmgr events`: the audit log as a stream, oldest first, resumable by event id, optionally followed
and handed to a hook (cli/hooks.py).

Following on SQLite polls the `revision` counter (one indexed read) and reads the log only when it
moved. The revision is read before the events, and every write bumps it in the transaction that adds
its events, so an event committed between the two reads is caught by the next round: none is missed.
On PostgreSQL it LISTENs (store/listener.py) before it reads, and reads by id after each announcement.
"""

from __future__ import annotations

import argparse
import json
import select
import signal
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from relmgr_tui.backoff import retry_delay
from relmgr_tui.bootstrap import Context
from relmgr_tui.cli.output import local_time, terminal_safe_json
from relmgr_tui.domain.model import Event
from relmgr_tui.cli.status import warn
from relmgr_tui.domain.errors import ConnectionLost
from relmgr_tui.export import event_record
from relmgr_tui.safe_text import printable
from relmgr_tui.store.event_feed import BATCH

if TYPE_CHECKING:
    from relmgr_tui.service import Service
    from relmgr_tui.store.listener import ChangeListener

POLL_SECONDS = 0.5
"""How often --follow reads the revision counter (SQLite), or looks up from its wait for PostgreSQL's
announcement to see whether it was interrupted (no query)."""


def json_line(event: Event) -> str:
    return terminal_safe_json(json.dumps(event_record(event), ensure_ascii=False))


def text_line(event: Event) -> str:
    """One readable line: `#12 2026-11-30 09:00 alice 2.4.0 advance: Testing -> Preparing (reason)`."""
    change = " -> ".join(printable(value) for value in (event.old, event.new) if value)
    reason = f" ({printable(event.reason)})" if event.reason else ""
    release = printable(event.release_version) or "-"
    return (f"#{event.id} {local_time(event.at)} {printable(event.who) or '-'} {release} {printable(event.action)}"
            f"{': ' + change if change else ''}{reason}")


def run_events(context: Context, args: argparse.Namespace) -> int:
    render = json_line if args.json else text_line
    printed = threading.Lock()

    def emit(event: Event) -> None:
        with printed:
            sys.stdout.write(render(event) + "\n")
            sys.stdout.flush()  # a consumer reading a pipe sees each event as it comes

    if args.exec is None:
        _stream(context.service, args.since, args.follow, emit)
        return 0
    from relmgr_tui.cli.hooks import HookRunner

    hook = HookRunner(args.exec, args.hook_timeout, json_line, on_delivered=emit)
    _stream(context.service, args.since, args.follow, hook.put)
    hook.wait_until_delivered()
    return 0


def _stream(service: Service, since: int, follow: bool, handle: Callable[[Event], None]) -> None:
    """Hand every event after `since` to `handle`; with `follow`, keep waiting for more.

    Following, Ctrl-C only raises a flag, checked between queries: an interrupt inside a PostgreSQL query
    would come back as a cancelled statement (a database error, exit 2) instead of exit 130."""
    if not follow:
        _drain(service, since, handle)
        return
    interrupted = threading.Event()
    previous = signal.signal(signal.SIGINT, lambda *_: interrupted.set())
    listener = service.change_listener()
    try:
        if listener is None:
            _follow_polling(service, since, handle, interrupted)
        else:
            _follow_listening(service, listener, since, handle, interrupted)
    finally:
        signal.signal(signal.SIGINT, previous)
        if listener is not None:
            listener.close()


def _follow_polling(service: Service, since: int, handle: Callable[[Event], None],
                    interrupted: threading.Event) -> None:
    """SQLite: read the revision before the events, and wait for it to move."""
    while True:
        revision = service.revision()
        since = _drain(service, since, handle)
        _wait_for_change(service, revision, interrupted)


def _follow_listening(service: Service, listener: ChangeListener, since: int, handle: Callable[[Event], None],
                      interrupted: threading.Event) -> None:
    """PostgreSQL: LISTEN first, then read by id, and read by id again after each announcement. A
    dropped connection is retried with backoff and, once back, read by id: an event committed while it
    was down (its NOTIFY lost with the connection) is read then, never skipped nor repeated."""
    failures = 0
    while True:
        _stop_if_asked(interrupted)
        try:
            listener.connect()
            since = _drain(service, since, handle)
            failures = 0
            while True:
                _stop_if_asked(interrupted)
                if listener.wait(POLL_SECONDS):
                    since = _drain(service, since, handle)
        except ConnectionLost as lost:
            delay = retry_delay(failures)
            failures += 1
            warn(f"following again in {delay:g} s, missing no event: {lost}")
            interrupted.wait(delay)


def _drain(service: Service, since: int, handle: Callable[[Event], None]) -> int:
    """Every event after `since`, in batches; returns the id of the last one."""
    while True:
        batch = service.events_after(since)
        for event in batch:
            handle(event)
            since = event.id
        if len(batch) < BATCH:
            return since


def _wait_for_change(service: Service, seen: int, interrupted: threading.Event) -> None:
    while True:
        _stop_if_asked(interrupted)
        if service.revision() != seen:
            return
        interrupted.wait(POLL_SECONDS)


def _stop_if_asked(interrupted: threading.Event) -> None:
    if interrupted.is_set():
        raise KeyboardInterrupt
    if _reader_gone():
        raise BrokenPipeError  # `relmgr events --follow | head -1` ends now, not at the next event


def _reader_gone() -> bool:
    """Whether stdout is a pipe whose reader has closed it (poll reports an error on the write end)."""
    poller = select.poll()
    poller.register(sys.stdout.fileno(), 0)
    return any(events & (select.POLLERR | select.POLLHUP) for _, events in poller.poll(0))
