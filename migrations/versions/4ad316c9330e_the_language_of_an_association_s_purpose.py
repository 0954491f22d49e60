"""the language of an association's purpose

Revision ID: 4ad316c9330e
Revises: 385d8b6c5caf
Create Date: 2026-12-04 22:16:08.560803

"""
from alembic import op
import sqlalchemy as sa

import app.models.util


# revision identifiers, used by Alembic.
revision = '4ad316c9330e'
down_revision = '385d8b6c5caf'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('association', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=5), server_default='sv', nullable=False))

    with op.batch_alter_table('translation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('association_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_translation_association_id'), ['association_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_translation_association_id_association'), 'association', ['association_id'], ['id'], ondelete='CASCADE')



def downgrade():
    with op.batch_alter_table('translation', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_translation_association_id_association'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_translation_association_id'))
        batch_op.drop_column('association_id')

    with op.batch_alter_table('association', schema=None) as batch_op:
        batch_op.drop_column('language')

