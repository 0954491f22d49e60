"""a process leader cancels a shift

Revision ID: e1c4b7a9d2f3
Revises: d017a6a68d60
Create Date: 2026-12-04 07:10:00

"""
from alembic import op
import sqlalchemy as sa

import app.models.util


# revision identifiers, used by Alembic.
revision = 'e1c4b7a9d2f3'
down_revision = 'd017a6a68d60'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('shift', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cancelled_at', app.models.util.UTCDateTime(), nullable=True))
        batch_op.add_column(
            sa.Column('cancel_reason', sa.String(length=300), nullable=False, server_default='')
        )


def downgrade():
    with op.batch_alter_table('shift', schema=None) as batch_op:
        batch_op.drop_column('cancel_reason')
        batch_op.drop_column('cancelled_at')
