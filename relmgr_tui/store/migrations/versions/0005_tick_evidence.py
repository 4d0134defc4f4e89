"""Evidence on ticks: the URL that proves a checklist item done (a CI run) and a note ("1,423 passed").

Revision ID: 0005_tick_evidence
Revises: 0004_template_items
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = '0005_tick_evidence'
down_revision = '0004_template_items'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('checklist_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('evidence_url', sa.String(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('evidence_note', sa.String(), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('checklist_item', schema=None) as batch_op:
        batch_op.drop_column('evidence_note')
        batch_op.drop_column('evidence_url')
