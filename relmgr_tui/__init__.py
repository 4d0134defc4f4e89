"""relmgr: a keyboard-driven terminal dashboard for release managers."""

__version__ = "0.1.0"
