"""Reminders the day before: each confirmed sign-up is claimed once, so running the command
again (or twice at once) never reminds anyone twice. Activities and shifts share the claim."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import sqlalchemy as sa

from app.clock import local, meeting_time
from app.extensions import db
from app.models import Activity, NotificationKind, Registration, RegistrationStatus
from app.models.util import utcnow
from app.notifications.services import notify


def remind_day_before(query, sign_up, starts_at, confirmed, now: datetime, send) -> int:
    """Call ``send(row)`` once for each confirmed sign-up whose event starts tomorrow (Swedish
    calendar day); the number sent.

    ``query`` selects ``sign_up.id`` and whatever ``send`` needs, joined to the event whose
    start is the column ``starts_at``. Each sign-up is claimed by ``UPDATE ... WHERE
    reminded_at IS NULL`` in the same transaction as its notice, so running the command again
    (or twice at once) never reminds anyone twice.
    """
    tomorrow = local(now).date() + timedelta(days=1)
    start = meeting_time(tomorrow, time(0))
    end = meeting_time(tomorrow + timedelta(days=1), time(0))
    unclaimed = (sign_up.status == confirmed, sign_up.reminded_at.is_(None))
    rows = db.session.execute(
        query.where(starts_at >= start, starts_at < end, *unclaimed).order_by(sign_up.id)
    ).all()
    sent = 0
    for row in rows:
        claimed = db.session.execute(
            sa.update(sign_up)
            .where(sign_up.id == row.id, *unclaimed)
            .values(reminded_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
        if claimed:
            send(row)
            sent += 1
        db.session.commit()
    return sent


def queue_reminders(now: datetime | None = None) -> int:
    """Queue a reminder for each confirmed registration of an activity starting tomorrow
    (Swedish calendar day): to the person, or to the child's guardian."""

    def send(row) -> None:
        holder = row.person_id if row.person_id is not None else row.guardian_id
        notify(
            holder,
            NotificationKind.ACTIVITY_REMINDER,
            activity_id=row.activity_id,
            detail=row.child_name or "",
        )

    query = sa.select(
        Registration.id,
        Registration.person_id,
        Registration.guardian_id,
        Registration.activity_id,
        Registration.child_name,
    ).join(Activity, Activity.id == Registration.activity_id)
    return remind_day_before(
        query, Registration, Activity.starts_at, RegistrationStatus.CONFIRMED, now or utcnow(), send
    )
