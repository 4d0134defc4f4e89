"""The command line: `relmgr` opens the board, `relmgr COMMAND` scripts the same use cases.

Nothing else in relmgr_tui imports this package (an import-linter contract says so): the app is built by
`relmgr_tui.bootstrap`. `entry` is the boundary where every failure becomes an exit status and one line,
`parsing` the arguments, `commands` the subcommands' parsers, and one module per group of commands
(`releases`, `checklist`, `phases`, `risks`, `data`, `feeds`) their handlers, imported only when a command is given.
"""

from relmgr_tui.cli.entry import main

__all__ = ["main"]
