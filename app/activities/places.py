"""An activity's places: the row lock every change of its registrations takes (before
anything is counted) and the count of places in given states."""

from __future__ import annotations

import sqlalchemy as sa

from app.extensions import db
from app.locking import lock_row
from app.models import Activity, Registration


def lock(activity_id: int) -> None:
    """Take the activity's write lock before counting its registrations (see :mod:`app.activities.services`)."""
    lock_row(Activity, activity_id, Activity.walk_ins)


def count(activity_id: int, statuses) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).where(
            Registration.activity_id == activity_id, Registration.status.in_(statuses)
        )
    )
