"""Cancelling a booking, with care for the activities it holds."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.areas.services import is_leader
from app.extensions import db
from app.models import Activity, NotificationKind, Person
from app.models.audit import record
from app.models.premises import REASON_MAX, Booking, BookingStatus
from app.models.util import utcnow
from app.notifications.services import notify
from app.premises.booked_activities import held_activities
from app.premises.booking import lock
from app.premises.notices import notify_booker
from app.refusals import Refused


def can_cancel(booking: Booking, person: Person) -> bool:
    if not person.is_authenticated:
        return False
    return booking.person_id == person.id or is_leader(person, booking.premises.area)


class HoldsActivities(Refused):
    """The booking holds coming activities: cancelling needs a confirmation."""

    def __init__(self, activities: list[Activity]):
        super().__init__(
            _l(
                "This booking holds a coming activity. If you cancel it, the activity stays "
                "but no longer has a booked place: its organiser should move or cancel it."
            ),
            409,
        )
        self.activities = activities


def cancel(booking: Booking, by: Person, reason: str = "", confirmed: bool = False) -> Booking:
    """Cancel a booking. One that holds a coming activity is only cancelled once confirmed
    (``HoldsActivities`` otherwise): the activity then keeps its place as plain text, and its
    organiser, unless they cancelled it themselves, is told it lost its booked place."""
    if not can_cancel(booking, by):
        raise Refused(_l("Only the person who booked can cancel the booking."), 403)
    if booking.status not in (BookingStatus.PENDING, BookingStatus.APPROVED):
        raise Refused(_l("This booking is already cancelled or declined."), 409)
    # The premises lock serialises this with placing an activity in the booking (activity_in).
    lock(booking.premises_id)
    db.session.refresh(booking)
    if booking.status not in (BookingStatus.PENDING, BookingStatus.APPROVED):
        db.session.rollback()
        raise Refused(_l("This booking is already cancelled or declined."), 409)
    if booking.ends_at <= utcnow():
        db.session.rollback()
        raise Refused(_l("A booking that is over cannot be cancelled."), 409)
    held = held_activities(booking)
    if held and not confirmed:
        db.session.rollback()
        raise HoldsActivities(held)
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = utcnow()
    for activity in held:
        if activity.created_by_id != by.id:
            notify(
                activity.created_by_id,
                NotificationKind.ACTIVITY_PLACE_LOST,
                activity_id=activity.id,
                detail=booking.premises.name,
            )
    db.session.execute(
        sa.update(Activity)
        .where(Activity.booking_id == booking.id)
        .values(booking_id=None)
        .execution_options(synchronize_session=False)
    )
    if booking.person_id != by.id:
        # The leader's own words only (if any): the sentence around them is written in the
        # booker's language when the notice is shown or sent.
        booking.reason = reason.strip()[:REASON_MAX]
        notify_booker(booking, NotificationKind.BOOKING_CANCELLED, booking.reason)
        record(by.id, "cancel_booking", booking.premises.area_id, f"booking {booking.id}")
    db.session.commit()
    return booking
