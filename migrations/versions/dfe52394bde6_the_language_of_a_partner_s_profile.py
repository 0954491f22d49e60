"""the language of a partner's profile

Revision ID: dfe52394bde6
Revises: 4ad316c9330e
Create Date: 2026-12-04 22:26:39.574872

"""
from alembic import op
import sqlalchemy as sa

import app.models.util


# revision identifiers, used by Alembic.
revision = 'dfe52394bde6'
down_revision = '4ad316c9330e'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('partner', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=5), server_default='sv', nullable=False))

    with op.batch_alter_table('translation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('partner_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_translation_partner_id'), ['partner_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_translation_partner_id_partner'), 'partner', ['partner_id'], ['id'], ondelete='CASCADE')



def downgrade():
    with op.batch_alter_table('translation', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_translation_partner_id_partner'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_translation_partner_id'))
        batch_op.drop_column('partner_id')

    with op.batch_alter_table('partner', schema=None) as batch_op:
        batch_op.drop_column('language')

