"""Editing premises: changes and closed dates kept, far dates refused, and approval of a
booking that checks the rules again."""

from datetime import date, time, timedelta

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from app.extensions import db
from app.models.associations import Association
from app.models.premises import Booking, BookingStatus, ClosedDate, OpeningSpan
from app.premises.booking import BookingInput, approve, book
from app.premises.editing import PremisesInput, save_premises
from tests.associations.factories import residents, start
from tests.conftest import count, post, sign_in_as
from tests.premises.factories import in_days, make_premises, verified

# --- Editing premises that has closed dates -----------------------------------------------------


def edit_form(room, hours="08:00-22:00", closed="", **extra):
    data = {
        "name": room.name,
        "capacity": str(room.capacity),
        "max_minutes": str(room.max_minutes),
        "max_days_ahead": str(room.max_days_ahead),
        "for_residents": "y",
        "for_associations": "y",
        "for_partners": "y",
        "closed": closed,
        **{f"hours_{day}": hours for day in range(7)},
    }
    data.update(extra)
    return data


def closed_days(room_id):
    db.session.expire_all()
    return {
        c.day: c.note
        for c in db.session.scalars(sa.select(ClosedDate).where(ClosedDate.premises_id == room_id))
    }


def test_editing_premises_keeps_changes_and_removes_closed_dates(client, area, leader):
    christmas, new_year = in_days(20), in_days(27)
    room = make_premises(area, leader, closed=[(christmas, "Christmas"), (new_year, "New Year")])
    sign_in_as(client, leader)
    url = f"/premises/{room.id}/edit"
    page = client.get(url).get_data(as_text=True)
    assert f"{christmas.isoformat()} Christmas" in page
    # Submitted unchanged: the same dates come back (this used to break the unique key).
    unchanged = f"{christmas.isoformat()} Christmas\n{new_year.isoformat()} New Year"
    assert post(client, url, edit_form(room, closed=unchanged)).status_code == 302
    assert closed_days(room.id) == {christmas: "Christmas", new_year: "New Year"}
    # A note changed, a date removed, a date added.
    easter = in_days(40)
    changed = f"{christmas.isoformat()} Julafton\n{easter.isoformat()} Easter"
    assert post(client, url, edit_form(room, closed=changed)).status_code == 302
    assert closed_days(room.id) == {christmas: "Julafton", easter: "Easter"}
    # All removed.
    assert post(client, url, edit_form(room, closed="")).status_code == 302
    assert closed_days(room.id) == {}


def test_editing_premises_keeps_changes_and_removes_opening_hours(client, area, leader):
    room = make_premises(area, leader)
    sign_in_as(client, leader)
    url = f"/premises/{room.id}/edit"
    assert post(client, url, edit_form(room)).status_code == 302
    assert post(client, url, edit_form(room, hours="08:00-12:00, 13:00-22:00")).status_code == 302
    spans = db.session.scalars(sa.select(OpeningSpan).where(OpeningSpan.premises_id == room.id))
    assert sorted({(s.opens, s.closes) for s in spans}) == [
        (time(8), time(12)),
        (time(13), time(22)),
    ]
    assert count(OpeningSpan) == 14
    assert post(client, url, edit_form(room, hours="", hours_0="10:00-11:00")).status_code == 302
    db.session.expire_all()
    spans = db.session.scalars(sa.select(OpeningSpan)).all()
    assert [(s.weekday, s.opens, s.closes) for s in spans] == [(0, time(10), time(11))]


def test_demo_like_premises_edited_unchanged_by_the_leader(client, area, leader):
    """GET the form, post back what it shows: the closed dates are those of the page."""
    room = make_premises(area, leader, closed=[(in_days(3), "Holiday")])
    sign_in_as(client, leader)
    closed = f"{in_days(3).isoformat()} Holiday"
    response = post(client, f"/premises/{room.id}/edit", edit_form(room, closed=closed))
    assert response.status_code == 302
    assert client.get(f"/premises/{room.id}").status_code == 200


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "2001-01-01"])
def test_far_closed_dates_are_refused(client, area, leader, day):
    room = make_premises(area, leader)
    sign_in_as(client, leader)
    response = post(client, f"/premises/{room.id}/edit", edit_form(room, closed=f"{day} x"))
    assert response.status_code == 422
    assert "within 5 years from today" in response.get_data(as_text=True)
    assert count(ClosedDate) == 0


# --- Booking dates far away ---------------------------------------------------------------------


def booking_form(day, **extra):
    data = {
        "purpose": "Homework club",
        "day": day,
        "start": "00:30",
        "end": "02:00",
        "people": "8",
        "book_as": "resident",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize(
    "values, message",
    [
        ({"day": "0001-01-01"}, "The booking must start in the future."),
        ({"day": "9999-12-31", "start": "23:00", "end": "23:30"}, "at most 60 days ahead"),
        ({"day": "9999-12-25", "repeat_weeks": "2"}, "at most 60 days ahead"),
        ({"day": "2001-01-01"}, "The booking must start in the future."),
        ({"until": "9999-12-31"}, "Repeat between 1 and 26 times."),
        ({"until": "0001-01-01"}, "The last date must not be before the first."),
    ],
)
def test_far_booking_dates_are_a_422(client, area, leader, values, message):
    room = make_premises(area, leader, hours={d: [(time(0), time(23, 59))] for d in range(7)})
    sign_in_as(client, verified(area, "Bashir Booker"))
    values = {"day": in_days(5).isoformat(), **values}
    response = post(client, f"/premises/{room.id}/book", booking_form(**values))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert count(Booking) == 0


# --- Founding meeting date ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "offset, day, status",
    [
        (None, "0001-01-01", 422),
        (None, "9999-12-31", 422),
        (None, "2001-01-01", 422),
        (-400, None, 422),
        (2 * 366 + 5, None, 422),
        (-300, None, 302),  # recorded after it was held
        (600, None, 302),
    ],
)
def test_meeting_date_is_bounded(client, area, offset, day, status):
    (amina,) = residents(area, "Amina A")
    sign_in_as(client, amina)
    start(client, area)
    association = db.session.scalar(sa.select(Association))
    if day is None:
        day = (date.today() + timedelta(days=offset)).isoformat()
    when = {"day": day, "time": "00:30", "place": "Samlingslokalen"}
    response = post(client, f"/associations/{association.id}/meeting/when", when)
    assert response.status_code == status
    db.session.expire_all()
    if status == 422:
        assert "Choose a date between" in response.get_data(as_text=True)
        assert association.meeting_at is None
    else:
        assert association.meeting_at is not None


# --- Approval re-checks the rules ---------------------------------------------------------------


def request_for(area, leader, **rules):
    room = make_premises(area, leader, needs_approval=True, capacity=20)
    asker = verified(area, "Asker A")
    data = BookingInput("Choir", in_days(5), time(18), time(20), 15)
    booking = book(room, asker, data)[0].booking
    assert booking.status is BookingStatus.PENDING
    return room, booking


def change_premises(room, leader, **changes):
    data = PremisesInput(
        name=room.name,
        capacity=changes.pop("capacity", room.capacity),
        hours=changes.pop("hours", {d: [(time(8), time(22))] for d in range(7)}),
        needs_approval=True,
        **changes,
    )
    save_premises(room.area, leader, data, room)


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"closed": [(in_days(5), "Floor waxing")]}, "closed on"),
        ({"hours": {d: [(time(8), time(17))] for d in range(7)}}, "outside the opening hours"),
        ({"max_minutes": 60}, "at most 60 minutes long"),
        ({"capacity": 10}, "hold at most 10 people"),
    ],
)
def test_approval_rechecks_the_rules_and_tells_the_leader_why(
    client, area, leader, changes, message
):
    room, booking = request_for(area, leader)
    change_premises(room, leader, **changes)
    sign_in_as(client, leader)
    response = post(client, f"/bookings/{booking.id}/approve")
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    assert booking.status is BookingStatus.PENDING
    # The leader can still decline it with a reason.
    response = post(client, f"/bookings/{booking.id}/decline", {"reason": "Closed then"})
    assert response.status_code == 302


def test_approval_still_works_when_the_rules_allow(area, leader):
    room, booking = request_for(area, leader)
    with force_locale("en"):
        approve(booking, leader)
    db.session.expire_all()
    assert booking.status is BookingStatus.APPROVED
