"""The command line: `relmgr` opens the board, `relmgr COMMAND` scripts the same use cases.

Nothing else in relmgr_tui imports this package (an import-linter contract says so): the app is built by
`relmgr_tui.bootstrap`. `entry` is the boundary where every failure becomes an exit status and one line,
`parsing` the arguments, `commands` and `plan_commands` the subcommands' parsers (made of `arguments`),
and one module per group of commands (`releases`, `checklist`, `phases`, `risks`, `data`, `schedule`, ...)
their handlers: a parser names its handler, whose module is imported only when that command runs.
"""

from relmgr_tui.cli.entry import main

__all__ = ["main"]
