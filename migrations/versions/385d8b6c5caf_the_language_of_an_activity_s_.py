"""the language of an activity's description

Revision ID: 385d8b6c5caf
Revises: 6a10444880ff
Create Date: 2026-12-04 22:13:14.629199

"""
from alembic import op
import sqlalchemy as sa

import app.models.util


# revision identifiers, used by Alembic.
revision = '385d8b6c5caf'
down_revision = '6a10444880ff'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=5), server_default='sv', nullable=False))

    with op.batch_alter_table('translation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('activity_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_translation_activity_id'), ['activity_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_translation_activity_id_activity'), 'activity', ['activity_id'], ['id'], ondelete='CASCADE')



def downgrade():
    with op.batch_alter_table('translation', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_translation_activity_id_activity'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_translation_activity_id'))
        batch_op.drop_column('activity_id')

    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_column('language')

