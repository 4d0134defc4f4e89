"""Pure release-management rules: standard library only (a test keeps it that way)."""
