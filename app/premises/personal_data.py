"""The person's own bookings: the account export, and forgetting them on deletion."""

from __future__ import annotations

import sqlalchemy as sa

from app.extensions import db
from app.models import Activity, Person
from app.models.premises import Booking, BookingStatus
from app.models.util import utcnow


def export_for(person: Person) -> list[dict]:
    """The person's bookings for the account export."""
    rows = db.session.scalars(
        sa.select(Booking)
        .where(Booking.person_id == person.id)
        .options(sa.orm.joinedload(Booking.premises))
        .order_by(Booking.id)
    ).all()
    return [
        {
            "premises": b.premises.name,
            "purpose": b.purpose,
            "starts_at": b.starts_at.isoformat(),
            "ends_at": b.ends_at.isoformat(),
            "people": b.people,
            "status": b.status.value,
            "reason": b.reason,
        }
        for b in rows
    ]


def forget(person: Person) -> None:
    """On account deletion: coming bookings are cancelled (the time is free again) and every
    booking of the person loses its purpose; the times stay, shown as "booked"."""
    now = utcnow()
    coming = sa.select(Booking.id).where(
        Booking.person_id == person.id,
        Booking.status.in_((BookingStatus.PENDING, BookingStatus.APPROVED)),
        Booking.ends_at > now,
    )
    # Activities in those times keep their place as text (their organiser's account is going).
    db.session.execute(
        sa.update(Activity)
        .where(Activity.booking_id.in_(coming))
        .values(booking_id=None)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        sa.update(Booking)
        .where(Booking.id.in_(coming))
        .values(status=BookingStatus.CANCELLED, cancelled_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        sa.update(Booking)
        .where(Booking.person_id == person.id)
        .values(purpose="", reason="")
        .execution_options(synchronize_session=False)
    )
