"""Initial schema: releases, checklists, risks, rollback steps, decisions, audit events, meta.

Revision ID: 0001_initial
Revises: 
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = '0001_initial'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('who', sa.String(), nullable=False),
    sa.Column('release_id', sa.Integer(), nullable=True),
    sa.Column('release_version', sa.String(), nullable=False),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('old', sa.String(), nullable=False),
    sa.Column('new', sa.String(), nullable=False),
    sa.Column('reason', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index('ix_event_release', ['release_id', 'id'], unique=False)

    op.create_table('meta',
    sa.Column('key', sa.String(length=32), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('release',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('methodology', sa.String(length=16), nullable=False),
    sa.Column('phase', sa.String(length=16), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('owner', sa.String(), nullable=False),
    sa.Column('target_date', sa.Date(), nullable=True),
    sa.Column('summary', sa.String(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('evidence_revision', sa.Integer(), nullable=False),
    sa.Column('row_version', sa.Integer(), server_default='1', nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('version')
    )
    with op.batch_alter_table('release', schema=None) as batch_op:
        batch_op.create_index('ix_release_state_phase', ['state', 'phase'], unique=False)

    op.create_table('checklist_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('release_id', sa.Integer(), nullable=False),
    sa.Column('phase', sa.String(length=16), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(), nullable=False),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.Column('done', sa.Boolean(), nullable=False),
    sa.Column('done_by', sa.String(), nullable=False),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('owner', sa.String(), nullable=False),
    sa.Column('note', sa.String(), nullable=False),
    sa.Column('row_version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['release_id'], ['release.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('checklist_item', schema=None) as batch_op:
        batch_op.create_index('ix_checklist_item_release_phase', ['release_id', 'phase', 'position'], unique=False)

    op.create_table('decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('release_id', sa.Integer(), nullable=False),
    sa.Column('gate', sa.String(length=16), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('rationale', sa.String(), nullable=False),
    sa.Column('override_reason', sa.String(), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_by', sa.String(), nullable=False),
    sa.Column('evidence_revision', sa.Integer(), nullable=False),
    sa.Column('gate_snapshot', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['release_id'], ['release.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_release_id'), ['release_id'], unique=False)

    op.create_table('risk',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('release_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('category', sa.String(), nullable=False),
    sa.Column('likelihood', sa.Integer(), nullable=False),
    sa.Column('impact', sa.Integer(), nullable=False),
    sa.Column('owner', sa.String(), nullable=False),
    sa.Column('response', sa.String(length=16), nullable=False),
    sa.Column('mitigation', sa.String(), nullable=False),
    sa.Column('contingency', sa.String(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=True),
    sa.Column('last_reviewed', sa.DateTime(timezone=True), nullable=True),
    sa.Column('row_version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['release_id'], ['release.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('risk', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_release_id'), ['release_id'], unique=False)

    op.create_table('rollback_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('release_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(), nullable=False),
    sa.Column('command', sa.String(), nullable=False),
    sa.Column('owner', sa.String(), nullable=False),
    sa.Column('expected_minutes', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('last_rehearsed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('row_version', sa.Integer(), server_default='1', nullable=False),
    sa.ForeignKeyConstraint(['release_id'], ['release.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('rollback_step', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rollback_step_release_id'), ['release_id'], unique=False)

    op.create_table('decision_attendee',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('function', sa.String(), nullable=False),
    sa.Column('vote', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('decision_attendee', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_attendee_decision_id'), ['decision_id'], unique=False)

    op.create_table('decision_condition',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(), nullable=False),
    sa.Column('owner', sa.String(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('decision_condition', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_condition_decision_id'), ['decision_id'], unique=False)


    op.execute("INSERT INTO meta (key, value) VALUES ('revision', 0)")


def downgrade() -> None:

    with op.batch_alter_table('decision_condition', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_condition_decision_id'))

    op.drop_table('decision_condition')
    with op.batch_alter_table('decision_attendee', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_attendee_decision_id'))

    op.drop_table('decision_attendee')
    with op.batch_alter_table('rollback_step', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rollback_step_release_id'))

    op.drop_table('rollback_step')
    with op.batch_alter_table('risk', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risk_release_id'))

    op.drop_table('risk')
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_release_id'))

    op.drop_table('decision')
    with op.batch_alter_table('checklist_item', schema=None) as batch_op:
        batch_op.drop_index('ix_checklist_item_release_phase')

    op.drop_table('checklist_item')
    with op.batch_alter_table('release', schema=None) as batch_op:
        batch_op.drop_index('ix_release_state_phase')

    op.drop_table('release')
    op.drop_table('meta')
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index('ix_event_release')

    op.drop_table('event')
