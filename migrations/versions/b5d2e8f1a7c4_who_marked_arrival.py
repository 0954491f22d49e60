"""who marked a youth's arrival at a shift (named on the certificate of work)

Revision ID: b5d2e8f1a7c4
Revises: e1c4b7a9d2f3
Create Date: 2026-12-04 19:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b5d2e8f1a7c4'
down_revision = 'e1c4b7a9d2f3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('shift_signup', schema=None) as batch_op:
        batch_op.add_column(sa.Column('arrival_marked_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_shift_signup_arrival_marked_by_id_person'),
            'person',
            ['arrival_marked_by_id'],
            ['id'],
            ondelete='SET NULL',
        )


def downgrade():
    with op.batch_alter_table('shift_signup', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_shift_signup_arrival_marked_by_id_person'), type_='foreignkey'
        )
        batch_op.drop_column('arrival_marked_by_id')
