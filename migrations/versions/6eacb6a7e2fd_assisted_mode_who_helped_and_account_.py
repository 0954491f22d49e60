"""assisted mode: who helped, and account take-over cards

Revision ID: 6eacb6a7e2fd
Revises: b5d2e8f1a7c4
Create Date: 2026-12-04 19:09:43.444960

"""
from alembic import op
import sqlalchemy as sa

import app.models.util


# revision identifiers, used by Alembic.
revision = '6eacb6a7e2fd'
down_revision = 'b5d2e8f1a7c4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('account_claim',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', app.models.util.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', app.models.util.UTCDateTime(timezone=True), nullable=False),
    sa.Column('used_at', app.models.util.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['person.id'], name=op.f('fk_account_claim_created_by_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_account_claim_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_account_claim')),
    sa.UniqueConstraint('code_hash', name=op.f('uq_account_claim_code_hash'))
    )
    with op.batch_alter_table('account_claim', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_account_claim_person_id'), ['person_id'], unique=False)

    with op.batch_alter_table('booking', schema=None) as batch_op:
        batch_op.add_column(sa.Column('assisted_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_booking_assisted_by_id_person'), 'person', ['assisted_by_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('assisted_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_comment_assisted_by_id_person'), 'person', ['assisted_by_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.add_column(sa.Column('assisted_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_registration_assisted_by_id_person'), 'person', ['assisted_by_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('shift_signup', schema=None) as batch_op:
        batch_op.add_column(sa.Column('assisted_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_shift_signup_assisted_by_id_person'), 'person', ['assisted_by_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('shift_signup', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_shift_signup_assisted_by_id_person'), type_='foreignkey')
        batch_op.drop_column('assisted_by_id')

    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_registration_assisted_by_id_person'), type_='foreignkey')
        batch_op.drop_column('assisted_by_id')

    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_comment_assisted_by_id_person'), type_='foreignkey')
        batch_op.drop_column('assisted_by_id')

    with op.batch_alter_table('booking', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_booking_assisted_by_id_person'), type_='foreignkey')
        batch_op.drop_column('assisted_by_id')

    with op.batch_alter_table('account_claim', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_account_claim_person_id'))

    op.drop_table('account_claim')
