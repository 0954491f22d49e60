"""Residents' budget rounds: rounds, costed ideas, ballots

Revision ID: fcc7f01a1820
Revises: a24ee6608fa2
Create Date: 2026-12-06 20:55:59.785296

"""
from alembic import op
import sqlalchemy as sa

import app.models.util


# revision identifiers, used by Alembic.
revision = 'fcc7f01a1820'
down_revision = 'a24ee6608fa2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('budget_round',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('categories', sa.JSON(), nullable=False),
    sa.Column('min_age', sa.Integer(), nullable=False),
    sa.Column('rule', sa.Enum('greedy', 'equal-shares', name='countingrule', native_enum=False, length=20), nullable=False),
    sa.Column('ideas_until', sa.Date(), nullable=False),
    sa.Column('voting_from', sa.Date(), nullable=False),
    sa.Column('voting_until', sa.Date(), nullable=False),
    sa.Column('follow_up_on', sa.Date(), nullable=True),
    sa.Column('frozen_at', app.models.util.UTCDateTime(timezone=True), nullable=True),
    sa.Column('counted_at', app.models.util.UTCDateTime(timezone=True), nullable=True),
    sa.Column('outcome', sa.JSON(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', app.models.util.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['area.id'], name=op.f('fk_budget_round_area_id_area'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['person.id'], name=op.f('fk_budget_round_created_by_id_person'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_round'))
    )
    with op.batch_alter_table('budget_round', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_budget_round_area_id'), ['area_id'], unique=False)

    op.create_table('ballot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('channel', sa.Enum('phone', 'assisted', 'paper', name='ballotchannel', native_enum=False, length=20), nullable=False),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('confirmed_by_id', sa.Integer(), nullable=True),
    sa.Column('confirmed_at', app.models.util.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', app.models.util.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', app.models.util.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['confirmed_by_id'], ['person.id'], name=op.f('fk_ballot_confirmed_by_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['entered_by_id'], ['person.id'], name=op.f('fk_ballot_entered_by_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_ballot_person_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['round_id'], ['budget_round.id'], name=op.f('fk_ballot_round_id_budget_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ballot')),
    sa.UniqueConstraint('round_id', 'person_id', name=op.f('uq_ballot_round_id_person_id'))
    )
    with op.batch_alter_table('ballot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ballot_round_id'), ['round_id'], unique=False)

    op.create_table('costed_idea',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('estimate', sa.Integer(), nullable=False),
    sa.Column('cost', sa.Integer(), nullable=True),
    sa.Column('feasible', sa.Boolean(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('checked_by_id', sa.Integer(), nullable=True),
    sa.Column('checked_at', app.models.util.UTCDateTime(timezone=True), nullable=True),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.Column('approvals', sa.Integer(), nullable=False),
    sa.Column('funded', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['added_by_id'], ['person.id'], name=op.f('fk_costed_idea_added_by_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['checked_by_id'], ['person.id'], name=op.f('fk_costed_idea_checked_by_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], name=op.f('fk_costed_idea_idea_id_idea'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['budget_round.id'], name=op.f('fk_costed_idea_round_id_budget_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_costed_idea')),
    sa.UniqueConstraint('round_id', 'idea_id', name=op.f('uq_costed_idea_round_id_idea_id'))
    )
    with op.batch_alter_table('costed_idea', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_costed_idea_idea_id'), ['idea_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_costed_idea_round_id'), ['round_id'], unique=False)

    op.create_table('ballot_choice',
    sa.Column('ballot_id', sa.Integer(), nullable=False),
    sa.Column('costed_idea_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['ballot_id'], ['ballot.id'], name=op.f('fk_ballot_choice_ballot_id_ballot'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['costed_idea_id'], ['costed_idea.id'], name=op.f('fk_ballot_choice_costed_idea_id_costed_idea'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('ballot_id', 'costed_idea_id', name=op.f('pk_ballot_choice'))
    )
    with op.batch_alter_table('ballot_choice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ballot_choice_costed_idea_id'), ['costed_idea_id'], unique=False)



def downgrade():
    with op.batch_alter_table('ballot_choice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ballot_choice_costed_idea_id'))

    op.drop_table('ballot_choice')
    with op.batch_alter_table('costed_idea', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_costed_idea_round_id'))
        batch_op.drop_index(batch_op.f('ix_costed_idea_idea_id'))

    op.drop_table('costed_idea')
    with op.batch_alter_table('ballot', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ballot_round_id'))

    op.drop_table('ballot')
    with op.batch_alter_table('budget_round', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_budget_round_area_id'))

    op.drop_table('budget_round')
