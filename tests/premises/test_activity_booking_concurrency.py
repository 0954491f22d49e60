"""Cancelling a booking while its booker places an activity in it, at the same moment, through
a running server (SQLite and PostgreSQL): whichever comes first, no activity is left linked to
a cancelled booking."""

from datetime import time

import sqlalchemy as sa

from app.extensions import db
from app.models import Activity
from app.models.premises import Booking, BookingStatus
from app.premises.booking import BookingInput, book
from tests.live import credentials, post_together
from tests.partners.factories import make_partner, make_rep
from tests.premises.factories import in_days, make_premises


def test_cancel_and_place_an_activity_at_the_same_moment(app, area, leader, server):
    room = make_premises(area, leader)
    partner = make_partner(areas=[area])
    rep = make_rep(partner, "Sara Partner")
    cookie, token = credentials(app, rep)
    booking_ids = []
    for days in (3, 4, 5, 6):
        data = BookingInput(
            "Sewing", in_days(days), time(18), time(20), 8, book_as=f"partner:{partner.id}"
        )
        booking_ids.append(book(room, rep, data)[0].booking.id)
    db.session.remove()
    for booking_id in booking_ids:
        activity = {"title": "Sewing circle", "category": "culture_leisure", "audience": "everyone"}
        results = post_together(
            server,
            [
                (f"/bookings/{booking_id}/cancel", cookie, token, {"confirmed": "1"}),
                (f"/bookings/{booking_id}/activity", cookie, token, activity),
            ],
        )
        (cancel_status, _), (activity_status, body) = results
        assert cancel_status == 302, results
        # The activity came first (and was then released by the cancellation), or it was
        # refused, on the form, because the booking was already cancelled.
        assert activity_status in (302, 422), results
        if activity_status == 422:
            assert "Only a confirmed booking can hold an activity." in body
        db.session.expire_all()
        assert db.session.get(Booking, booking_id).status is BookingStatus.CANCELLED
        linked = db.session.scalars(
            sa.select(Activity).where(Activity.booking_id == booking_id)
        ).all()
        assert linked == []
        db.session.remove()
