"""Row locks taken before counting what hangs on a row (places, members, bookings).

``SELECT ... FOR UPDATE`` on PostgreSQL; on SQLite a no-op UPDATE of a column of the row,
which makes the transaction the database's only writer until it ends.
"""

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from app.extensions import db


def lock_row(model, row_id: int, touch) -> None:
    """Take a row's write lock before counting what hangs on it:
    ``SELECT ... FOR UPDATE`` on PostgreSQL, a no-op UPDATE of ``touch`` on SQLite."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(sa.select(model.id).where(model.id == row_id).with_for_update())
    else:
        db.session.execute(
            sa.update(model)
            .where(model.id == row_id)
            .values({touch.key: touch})
            .execution_options(synchronize_session=False)
        )


def insert_or_not(model):
    """An INSERT that can say ``ON CONFLICT`` (do nothing, or update) on this engine, so that
    a row written by two requests at once is written once."""
    dialect = db.session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model)
