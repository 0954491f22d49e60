"""machine translations of residents' texts

Revision ID: 12792ab83ce0
Revises: 5dbe9e829d0c
Create Date: 2026-12-04 21:40:00.232944

"""
from alembic import op
import sqlalchemy as sa

import app.models.util


# revision identifiers, used by Alembic.
revision = '12792ab83ce0'
down_revision = '5dbe9e829d0c'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('translation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=40), nullable=False),
    sa.Column('field', sa.String(length=20), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('source_language', sa.String(length=5), nullable=False),
    sa.Column('source_hash', sa.String(length=64), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('corrected_by_id', sa.Integer(), nullable=True),
    sa.Column('corrected_by_role', sa.String(length=20), nullable=True),
    sa.Column('created_at', app.models.util.UTCDateTime(timezone=True), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=True),
    sa.Column('comment_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['comment_id'], ['comment.id'], name=op.f('fk_translation_comment_id_comment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['corrected_by_id'], ['person.id'], name=op.f('fk_translation_corrected_by_id_person'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], name=op.f('fk_translation_idea_id_idea'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_translation')),
    sa.UniqueConstraint('subject', 'field', 'language', name=op.f('uq_translation_subject_field_language'))
    )
    with op.batch_alter_table('translation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_translation_comment_id'), ['comment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_translation_idea_id'), ['idea_id'], unique=False)

    with op.batch_alter_table('area', schema=None) as batch_op:
        batch_op.add_column(sa.Column('translation', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('translate_minors', sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=5), server_default='sv', nullable=False))
    # Comments written before: in the language their writer uses Grannlabb in.
    op.execute(
        "UPDATE comment SET language = COALESCE("
        "(SELECT person.locale FROM person WHERE person.id = comment.author_id), 'sv')"
    )



def downgrade():
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_column('language')

    with op.batch_alter_table('area', schema=None) as batch_op:
        batch_op.drop_column('translate_minors')
        batch_op.drop_column('translation')

    with op.batch_alter_table('translation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_translation_idea_id'))
        batch_op.drop_index(batch_op.f('ix_translation_comment_id'))

    op.drop_table('translation')
