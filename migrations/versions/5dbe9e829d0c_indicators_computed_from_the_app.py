"""indicators computed from the app

Revision ID: 5dbe9e829d0c
Revises: 361565658e03
Create Date: 2026-12-04 21:25:55.200428

"""
from alembic import op
import sqlalchemy as sa

import app.models.util


# revision identifiers, used by Alembic.
revision = '5dbe9e829d0c'
down_revision = '361565658e03'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.add_column(sa.Column('measure', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('measured_from', sa.Date(), nullable=True))



def downgrade():
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.drop_column('measured_from')
        batch_op.drop_column('measure')

