"""the order of an area's idea list

Revision ID: 6a10444880ff
Revises: 12792ab83ce0
Create Date: 2026-12-04 22:02:25.852542

"""
from alembic import op
import sqlalchemy as sa

import app.models.util


# revision identifiers, used by Alembic.
revision = '6a10444880ff'
down_revision = '12792ab83ce0'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('area', schema=None) as batch_op:
        batch_op.add_column(sa.Column('idea_order', sa.String(length=10), server_default='votes', nullable=False))
        batch_op.add_column(sa.Column('idea_order_since', app.models.util.UTCDateTime(timezone=True), nullable=True))



def downgrade():
    with op.batch_alter_table('area', schema=None) as batch_op:
        batch_op.drop_column('idea_order_since')
        batch_op.drop_column('idea_order')

