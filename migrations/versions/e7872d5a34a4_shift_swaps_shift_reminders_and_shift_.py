"""shift swaps, shift reminders and shift notices

Revision ID: e7872d5a34a4
Revises: 72a5052a7998
Create Date: 2026-11-23 15:10:31.975431

"""
from alembic import op
import sqlalchemy as sa

import app.models.util


# revision identifiers, used by Alembic.
revision = 'e7872d5a34a4'
down_revision = '72a5052a7998'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.add_column(sa.Column('shift_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_notification_shift_id_shift'), 'shift', ['shift_id'], ['id'], ondelete='CASCADE')

    with op.batch_alter_table('shift_signup', schema=None) as batch_op:
        batch_op.add_column(sa.Column('offered_at', app.models.util.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('reminded_at', app.models.util.UTCDateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('shift_signup', schema=None) as batch_op:
        batch_op.drop_column('reminded_at')
        batch_op.drop_column('offered_at')

    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_notification_shift_id_shift'), type_='foreignkey')
        batch_op.drop_column('shift_id')
