"""Use cases: the only thing the UI and the command line call. `Service` is their facade."""

from relmgr_tui.service.facade import Service

__all__ = ["Service"]
