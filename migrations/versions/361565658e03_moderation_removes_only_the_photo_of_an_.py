"""moderation removes only the photo of an idea

Revision ID: 361565658e03
Revises: 6eacb6a7e2fd
Create Date: 2026-12-04 19:37:53.142768

"""
from alembic import op
import sqlalchemy as sa

import app.models.util


# revision identifiers, used by Alembic.
revision = '361565658e03'
down_revision = '6eacb6a7e2fd'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.add_column(sa.Column('photo_hidden_reason', sa.Text(), nullable=True))



def downgrade():
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.drop_column('photo_hidden_reason')

