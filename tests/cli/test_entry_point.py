"""`main()` in-process, for what a subprocess cannot easily provoke."""

from __future__ import annotations

import argparse

import pytest

from relmgr_tui import cli
from relmgr_tui.bootstrap import Context
from relmgr_tui.cli import entry, parsing, releases


def test_ctrl_c_exits_130_quietly(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                  db_path) -> None:
    def interrupted(context: Context, args: argparse.Namespace) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(releases, "cmd_info", interrupted)

    assert cli.main(["--db", str(db_path), "info"]) == 130
    assert capsys.readouterr() == ("", "")


def test_a_closed_pipe_ends_quietly(monkeypatch: pytest.MonkeyPatch, db_path, store) -> None:
    def reader_gone(context: Context, args: argparse.Namespace) -> int:
        raise BrokenPipeError

    silenced = []
    monkeypatch.setattr(releases, "cmd_list", reader_gone)
    monkeypatch.setattr(entry, "_silence_stdout", lambda: silenced.append(True))

    assert cli.main(["--db", str(db_path), "list"]) == 141
    assert silenced


@pytest.mark.parametrize("argv", [[], ["--db", "x.db"], ["--db=x.db", "--read-only"], ["--read-only", "--db", "list"]])
def test_opening_the_board_parses_the_same_without_the_subcommand_parsers(argv: list[str]) -> None:
    assert parsing.only_opens_the_board(argv)
    assert parsing.build_parser(with_commands=False).parse_args(argv) == parsing.build_parser().parse_args(argv)


@pytest.mark.parametrize("argv", [["list"], ["--db"], ["--help"], ["--db", "x.db", "info"], ["lsit"], ["--version"]])
def test_anything_else_gets_the_whole_command_line(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert not parsing.only_opens_the_board(argv)
    if argv == ["lsit"]:
        with pytest.raises(SystemExit):
            cli.main(argv)
        assert "invalid choice: 'lsit'" in capsys.readouterr().err, "a mistyped command is named as such"
