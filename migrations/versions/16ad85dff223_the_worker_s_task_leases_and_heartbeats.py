"""the worker's task leases and heartbeats

Revision ID: 16ad85dff223
Revises: dfe52394bde6
Create Date: 2026-12-04 22:36:02.884522

"""
from alembic import op
import sqlalchemy as sa

import app.models.util


# revision identifiers, used by Alembic.
revision = '16ad85dff223'
down_revision = 'dfe52394bde6'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('task_lease',
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('holder', sa.String(length=120), nullable=True),
    sa.Column('leased_until', app.models.util.UTCDateTime(timezone=True), nullable=True),
    sa.Column('ran_on', sa.Date(), nullable=True),
    sa.Column('last_run_at', app.models.util.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_result', sa.String(length=300), nullable=True),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_task_lease'))
    )
    op.create_table('worker_beat',
    sa.Column('worker', sa.String(length=120), nullable=False),
    sa.Column('beat_at', app.models.util.UTCDateTime(timezone=True), nullable=False),
    sa.Column('started_at', app.models.util.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('worker', name=op.f('pk_worker_beat'))
    )


def downgrade():
    op.drop_table('worker_beat')
    op.drop_table('task_lease')
