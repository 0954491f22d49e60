"""Simultaneous bookings through a running server, on SQLite and PostgreSQL.

Every request is released at the same moment by a barrier. Whatever arrives together, two
approved bookings of the same premises never overlap: one request wins, the other is refused
with the reason.
"""

from datetime import time

import sqlalchemy as sa

from app.extensions import db
from app.models import Role
from app.models.premises import Booking, BookingStatus
from app.premises.booking import BookingInput, book
from tests.conftest import give_role, make_person
from tests.live import credentials, post_together
from tests.premises.factories import in_days, make_premises, verified


def approved(premises_id):
    db.session.expire_all()
    return db.session.scalars(
        sa.select(Booking).where(
            Booking.premises_id == premises_id, Booking.status == BookingStatus.APPROVED
        )
    ).all()


def test_two_requests_for_the_same_slot(app, area, leader, server):
    premises = make_premises(area, leader)
    premises_id = premises.id
    day = in_days(4).isoformat()
    people = [verified(area, f"Granne {k}") for k in range(2)]
    requests = []
    for k, person in enumerate(people):
        cookie, token = credentials(app, person)
        start, end = ("18:00", "20:00") if k == 0 else ("19:00", "21:00")
        data = {
            "purpose": f"Meeting {k}",
            "day": day,
            "start": start,
            "end": end,
            "people": "5",
            "book_as": "resident",
        }
        requests.append((f"/premises/{premises_id}/book", cookie, token, data))
    db.session.remove()
    results = post_together(server, requests)
    statuses = sorted(status for status, _body in results)
    assert statuses == [302, 409], results
    refused = next(body for status, body in results if status == 409)
    assert "That time is already booked" in refused
    assert len(approved(premises_id)) == 1


def test_many_requests_for_one_slot_give_one_booking(app, area, leader, server):
    premises = make_premises(area, leader)
    premises_id = premises.id
    day = in_days(4).isoformat()
    requests = []
    for k in range(8):
        cookie, token = credentials(app, verified(area, f"Granne {k}"))
        data = {
            "purpose": "Party",
            "day": day,
            "start": "14:00",
            "end": "16:00",
            "people": "5",
            "book_as": "resident",
        }
        requests.append((f"/premises/{premises_id}/book", cookie, token, data))
    db.session.remove()
    statuses = sorted(status for status, _body in post_together(server, requests))
    assert statuses == [302] + [409] * 7
    assert len(approved(premises_id)) == 1


def test_two_leaders_approving_overlapping_requests(app, area, leader, server):
    premises = make_premises(area, leader, needs_approval=True)
    premises_id = premises.id
    other_leader = make_person("Second Leader")
    give_role(other_leader, area, Role.LEADER)
    one, two = verified(area, "One"), verified(area, "Two")
    first = book(premises, one, BookingInput("A", in_days(4), time(18), time(20), 5))[0].booking
    second = book(premises, two, BookingInput("B", in_days(4), time(19), time(21), 5))[0].booking
    ids = [first.id, second.id]
    requests = []
    for booking_id, person in zip(ids, (leader, other_leader), strict=True):
        cookie, token = credentials(app, person)
        requests.append((f"/bookings/{booking_id}/approve", cookie, token))
    db.session.remove()
    results = post_together(server, requests)
    assert sorted(status for status, _body in results) == [302, 409], results
    assert "That time is already booked" in next(b for s, b in results if s == 409)
    assert len(approved(premises_id)) == 1
