"""`python -m relmgr_tui` runs the same entry point as the `relmgr` script."""

from relmgr_tui.cli import main

raise SystemExit(main())
