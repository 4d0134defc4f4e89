"""Alembic environment and revisions.

`REVISIONS` lists every revision this relmgr knows, oldest first, so that opening a database can tell
"current", "older: migrate" and "newer: refuse" without importing Alembic. A test keeps it in step with
the files in versions/.
"""

REVISIONS: tuple[str, ...] = ("0001_initial", "0002_lifecycle", "0003_decisions", "0004_template_items",
                             "0005_tick_evidence", "0006_scope_items", "0007_signoffs", "0008_reviews",
                             "0009_schedule", "0010_metric_indexes")
HEAD = REVISIONS[-1]
