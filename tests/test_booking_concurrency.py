"""Simultaneous bookings through a running server, on SQLite and PostgreSQL.

Every request is released at the same moment by a barrier. Whatever arrives together, two
approved bookings of the same premises never overlap: one request wins, the other is refused
with the reason.
"""

import http.client
import threading
import urllib.parse
from datetime import time

import sqlalchemy as sa

from app.extensions import db
from app.models import Role
from app.models.premises import Booking, BookingStatus
from app.premises import services
from tests.conftest import give_role, make_person
from tests.test_activities_concurrency import credentials, server  # noqa: F401  (fixture)
from tests.test_premises import in_days, make_premises, verified


def fire(port, requests):
    """POST every (path, cookie, form) at the same moment; return (status, body) pairs."""
    barrier = threading.Barrier(len(requests))
    results = [None] * len(requests)

    def send(index, path, cookie, data):
        body = urllib.parse.urlencode(data)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            conn.connect()
            barrier.wait()
            conn.request(
                "POST",
                path,
                body=body,
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": f"session={cookie}; lang=en",
                },
            )
            response = conn.getresponse()
            results[index] = (response.status, response.read().decode())
        except Exception as error:  # collected and asserted on
            results[index] = (error, "")
        finally:
            conn.close()

    threads = [
        threading.Thread(target=send, args=(i, *request)) for i, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def approved(premises_id):
    db.session.expire_all()
    return db.session.scalars(
        sa.select(Booking).where(
            Booking.premises_id == premises_id, Booking.status == BookingStatus.APPROVED
        )
    ).all()


def test_two_requests_for_the_same_slot(app, area, leader, server):  # noqa: F811
    premises = make_premises(area, leader)
    premises_id = premises.id
    day = in_days(4).isoformat()
    people = [verified(area, f"Granne {k}") for k in range(2)]
    requests = []
    for k, person in enumerate(people):
        cookie, token = credentials(app, person)
        start, end = ("18:00", "20:00") if k == 0 else ("19:00", "21:00")
        data = {
            "csrf_token": token,
            "purpose": f"Meeting {k}",
            "day": day,
            "start": start,
            "end": end,
            "people": "5",
            "book_as": "resident",
        }
        requests.append((f"/premises/{premises_id}/book", cookie, data))
    db.session.remove()
    results = fire(server, requests)
    statuses = sorted(status for status, _body in results)
    assert statuses == [302, 409], results
    refused = next(body for status, body in results if status == 409)
    assert "That time is already booked" in refused
    assert len(approved(premises_id)) == 1


def test_many_requests_for_one_slot_give_one_booking(app, area, leader, server):  # noqa: F811
    premises = make_premises(area, leader)
    premises_id = premises.id
    day = in_days(4).isoformat()
    requests = []
    for k in range(8):
        cookie, token = credentials(app, verified(area, f"Granne {k}"))
        data = {
            "csrf_token": token,
            "purpose": "Party",
            "day": day,
            "start": "14:00",
            "end": "16:00",
            "people": "5",
            "book_as": "resident",
        }
        requests.append((f"/premises/{premises_id}/book", cookie, data))
    db.session.remove()
    statuses = sorted(status for status, _body in fire(server, requests))
    assert statuses == [302] + [409] * 7
    assert len(approved(premises_id)) == 1


def test_two_leaders_approving_overlapping_requests(app, area, leader, server):  # noqa: F811
    premises = make_premises(area, leader, needs_approval=True)
    premises_id = premises.id
    other_leader = make_person("Second Leader")
    give_role(other_leader, area, Role.LEADER)
    one, two = verified(area, "One"), verified(area, "Two")
    first = services.book(
        premises, one, services.BookingInput("A", in_days(4), time(18), time(20), 5)
    )[0].booking
    second = services.book(
        premises, two, services.BookingInput("B", in_days(4), time(19), time(21), 5)
    )[0].booking
    ids = [first.id, second.id]
    requests = []
    for booking_id, person in zip(ids, (leader, other_leader), strict=True):
        cookie, token = credentials(app, person)
        requests.append((f"/bookings/{booking_id}/approve", cookie, {"csrf_token": token}))
    db.session.remove()
    results = fire(server, requests)
    assert sorted(status for status, _body in results) == [302, 409], results
    assert "That time is already booked" in next(b for s, b in results if s == 409)
    assert len(approved(premises_id)) == 1
