"""Results counted for a few minutes, and the activities list by end time

Revision ID: a24ee6608fa2
Revises: 16ad85dff223
Create Date: 2026-12-06 20:38:15.311329

"""
from alembic import op
import sqlalchemy as sa

import app.models.util


# revision identifiers, used by Alembic.
revision = 'a24ee6608fa2'
down_revision = '16ad85dff223'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('result_summary',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=40), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=True),
    sa.Column('counted_at', app.models.util.UTCDateTime(timezone=True), nullable=False),
    sa.Column('figures', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['area.id'], name=op.f('fk_result_summary_area_id_area'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_result_summary')),
    sa.UniqueConstraint('scope', name=op.f('uq_result_summary_scope'))
    )
    with op.batch_alter_table('result_summary', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_result_summary_area_id'), ['area_id'], unique=False)

    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.create_index('ix_activity_area_end', ['area_id', 'ends_at'], unique=False)



def downgrade():
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index('ix_activity_area_end')

    with op.batch_alter_table('result_summary', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_result_summary_area_id'))

    op.drop_table('result_summary')
