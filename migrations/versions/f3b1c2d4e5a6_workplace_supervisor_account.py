"""workplace supervisor account

Revision ID: f3b1c2d4e5a6
Revises: 6e696b63fea3
Create Date: 2026-11-23 16:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f3b1c2d4e5a6'
down_revision = '6e696b63fea3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('workplace', schema=None) as batch_op:
        batch_op.add_column(sa.Column('supervisor_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_workplace_supervisor_id'), ['supervisor_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_workplace_supervisor_id_person'), 'person', ['supervisor_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('workplace', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_workplace_supervisor_id_person'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_workplace_supervisor_id'))
        batch_op.drop_column('supervisor_id')
