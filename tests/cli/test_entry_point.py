"""`main()` in-process, for what a subprocess cannot easily provoke."""

from __future__ import annotations

import argparse

import pytest

from relmgr_tui import cli


def test_ctrl_c_exits_130_quietly(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                  db_path) -> None:
    def interrupted(context: cli.Context, args: argparse.Namespace) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "cmd_info", interrupted)

    assert cli.main(["--db", str(db_path), "info"]) == 130
    assert capsys.readouterr() == ("", "")


def test_a_closed_pipe_ends_quietly(monkeypatch: pytest.MonkeyPatch, db_path) -> None:
    def reader_gone(context: cli.Context, args: argparse.Namespace) -> int:
        raise BrokenPipeError

    silenced = []
    monkeypatch.setattr(cli, "cmd_list", reader_gone)
    monkeypatch.setattr(cli, "_silence_stdout", lambda: silenced.append(True))

    assert cli.main(["--db", str(db_path), "list"]) == 141
    assert silenced
