"""On PostgreSQL: no two approved bookings of the same premises overlap (exclusion constraint)

Revision ID: a3c1e0b7d9f2
Revises: be4659576058
Create Date: 2026-11-23 15:25:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "a3c1e0b7d9f2"
down_revision = "be4659576058"
branch_labels = None
depends_on = None


def upgrade():
    # The premises id as a one-value range, so plain GiST does it without btree_gist.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE booking ADD CONSTRAINT ex_booking_no_overlap EXCLUDE USING gist "
            "(int4range(premises_id, premises_id, '[]') WITH &&, "
            "tstzrange(starts_at, ends_at) WITH &&) WHERE (status = 'approved')"
        )


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE booking DROP CONSTRAINT ex_booking_no_overlap")
