"""Activities in booked times: who may place one, placing it, the activities a booking holds."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext

from app.activities import services as activities
from app.activities.services import ActivityInput
from app.areas.services import is_leader
from app.clock import local
from app.extensions import db
from app.models import Activity, Person
from app.models.premises import Booking, BookingStatus
from app.models.util import utcnow
from app.premises.booking import lock
from app.refusals import Refused


def activities_by_booking(bookings: list[Booking]) -> dict[int, list[Activity]]:
    """The activities held in each of the bookings, in one query."""
    found: dict[int, list[Activity]] = {}
    ids = [b.id for b in bookings]
    if ids:
        for activity in db.session.scalars(
            sa.select(Activity)
            .where(Activity.booking_id.in_(ids))
            .order_by(Activity.starts_at, Activity.id)
        ):
            found.setdefault(activity.booking_id, []).append(activity)
    return found


def held_activities(booking: Booking) -> list[Activity]:
    """The coming activities placed in the booked time."""
    return list(
        db.session.scalars(
            sa.select(Activity)
            .where(Activity.booking_id == booking.id, Activity.ends_at > utcnow())
            .order_by(Activity.starts_at, Activity.id)
        )
    )


def can_hold_activity(booking: Booking, person: Person) -> bool:
    """The booker's own confirmed, coming booking, made as someone who organises activities."""
    return (
        person.is_authenticated
        and booking.person_id == person.id
        and booking.status is BookingStatus.APPROVED
        and booking.starts_at > utcnow()
        and (
            booking.partner_id is not None
            or booking.association_id is not None
            or is_leader(person, booking.premises.area)
        )
    )


def activity_in(booking: Booking, by: Person, data: ActivityInput) -> Activity:
    """An activity at the premises in the booked time, organised in the booking's name."""
    if booking.person_id != by.id:
        raise Refused(_l("Only the person who booked can place an activity in the booking."), 403)
    if booking.status is not BookingStatus.APPROVED:
        raise Refused(_l("Only a confirmed booking can hold an activity."), 409)
    if data.capacity is not None and data.capacity > booking.premises.capacity:
        raise Refused(
            lazy_ngettext(
                "The premises hold at most %(num)d person.",
                "The premises hold at most %(num)d people.",
                booking.premises.capacity,
            ),
            422,
        )
    start, end = local(booking.starts_at), local(booking.ends_at)
    data.place = booking.premises.name
    data.day, data.start, data.end = start.date(), start.time(), end.time()
    data.partner_id, data.association_id = booking.partner_id, booking.association_id
    data.repeat_weeks = 1
    data.booking_id = booking.id
    if (
        data.partner_id is None
        and data.association_id is None
        and not is_leader(by, booking.premises.area)
    ):
        raise Refused(
            _l(
                "Activities are organised by process leaders, partners and association boards: "
                "book in their name to hold an activity here."
            ),
            403,
        )
    # Under the premises lock (held until the activity is committed), so a cancellation at the
    # same moment either comes first and is seen here, or comes after and sees the activity.
    area = booking.premises.area
    lock(booking.premises_id)
    db.session.refresh(booking)
    if booking.status is not BookingStatus.APPROVED:
        db.session.rollback()
        raise Refused(_l("Only a confirmed booking can hold an activity."), 409)
    try:
        return activities.create(area, by, data)[0]
    except Refused:
        db.session.rollback()
        raise
