"""founding board seats: ordinary board members elected at the founding meeting

Revision ID: cfb8cabb6728
Revises: f3b1c2d4e5a6
Create Date: 2026-11-23 16:10:52.081603

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'cfb8cabb6728'
down_revision = 'f3b1c2d4e5a6'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('founding_board_seat',
    sa.Column('minutes_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['minutes_id'], ['founding_minutes.id'], name=op.f('fk_founding_board_seat_minutes_id_founding_minutes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_founding_board_seat_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('minutes_id', 'person_id', name=op.f('pk_founding_board_seat'))
    )
    with op.batch_alter_table('founding_board_seat', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_founding_board_seat_person_id'), ['person_id'], unique=False)


def downgrade():
    with op.batch_alter_table('founding_board_seat', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_founding_board_seat_person_id'))

    op.drop_table('founding_board_seat')
