"""Booking premises: the rules, approval, cancelling, weekly series and who may book."""

from datetime import time, timedelta

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from app.clock import local, meeting_time
from app.extensions import db
from app.models import Notification, NotificationKind, Role
from app.models.associations import (
    Association,
    AssociationKind,
    AssociationStatus,
    MemberRole,
    Membership,
    MembershipStatus,
)
from app.models.premises import Booking, BookingStatus
from app.notifications.messages import sentence
from app.premises.booking import BookingInput, approve, book, check_time
from app.premises.eligibility import LEADER
from app.premises.schedule import booker_name
from app.refusals import Refused
from tests.conftest import count, give_role, make_person, post, sign_in_as
from tests.partners.factories import make_partner, make_rep
from tests.premises.factories import in_days, make_premises, verified


def booker_notice():
    """The last notice to someone other than a process leader (leaders hear of requests)."""
    return db.session.scalar(
        sa.select(Notification)
        .where(Notification.kind != NotificationKind.BOOKING_REQUESTED)
        .order_by(Notification.id.desc())
        .limit(1)
    )


def form(day, start="18:00", end="20:00", **extra):
    data = {
        "purpose": "Homework club",
        "day": day.isoformat(),
        "start": start,
        "end": end,
        "people": "8",
        "book_as": "resident",
    }
    data.update(extra)
    return data


@pytest.fixture
def room(area, leader):
    return make_premises(area, leader, max_minutes=180, max_days_ahead=30, capacity=20)


@pytest.fixture
def booker(client, area):
    person = verified(area, "Bashir Booker")
    sign_in_as(client, person)
    return person


def test_resident_books_and_it_is_confirmed_at_once(client, room, booker):
    response = post(client, f"/premises/{room.id}/book", form(in_days(5)))
    assert response.status_code == 302 and response.location.endswith("/bookings/mine")
    booking = db.session.scalar(sa.select(Booking))
    assert booking.status is BookingStatus.APPROVED and booking.person_id == booker.id
    assert local(booking.starts_at).time() == time(18)
    page = client.get("/bookings/mine").get_data(as_text=True)
    assert "Your booking is confirmed." in page and "Confirmed" in page


@pytest.mark.parametrize(
    "values, message",
    [
        ({"start": "20:00", "end": "18:00"}, "The booking must end after it starts."),
        ({"start": "06:00", "end": "09:00"}, "outside the opening hours"),
        ({"start": "21:00", "end": "23:00"}, "outside the opening hours"),
        ({"start": "09:00", "end": "13:00"}, "at most 180 minutes long"),
        ({"day_offset": 31}, "at most 30 days ahead"),
        ({"day_offset": -1}, "The booking must start in the future."),
        ({"people": "21"}, "hold at most 20 people"),
    ],
)
def test_rules_are_refused_with_a_reason(client, room, booker, values, message):
    values = dict(values)
    day = in_days(values.pop("day_offset", 5))
    response = post(client, f"/premises/{room.id}/book", form(day, **values))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert count(Booking) == 0


def test_closed_date_is_refused(client, area, leader, booker):
    day = in_days(6)
    room = make_premises(area, leader, closed=[(day, "National Day")])
    response = post(client, f"/premises/{room.id}/book", form(day))
    assert response.status_code == 422
    assert "closed on" in response.get_data(as_text=True)
    assert "National Day" in response.get_data(as_text=True)


def test_across_a_closed_date_is_refused(area, leader, booker):
    day = in_days(6)
    room = make_premises(area, leader, closed=[(day + timedelta(days=1), "")])
    room.max_minutes = 3000  # a long booking, to reach the closed date
    starts_at = meeting_time(day, time(20))
    ends_at = meeting_time(day + timedelta(days=2), time(10))
    with force_locale("en"), pytest.raises(Refused, match="closed on"):
        check_time(room, starts_at, ends_at, 5)


def test_overlapping_an_approved_booking_is_refused(client, room, booker, area):
    other = verified(area, "Other Resident")
    book(room, other, BookingInput("Choir", in_days(5), time(17), time(19), 5))
    response = post(client, f"/premises/{room.id}/book", form(in_days(5)))
    assert response.status_code == 409
    assert "That time is already booked" in response.get_data(as_text=True)
    # Right after it is free.
    assert post(client, f"/premises/{room.id}/book", form(in_days(5), "19:00")).status_code == 302


def test_bad_form_input_is_refused(client, room, booker):
    response = post(client, f"/premises/{room.id}/book", form(in_days(5), people="0", purpose=""))
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Write what the booking is for." in text and "At least one person must come." in text
    response = post(client, f"/premises/{room.id}/book", {"day": "tomorrow"})
    assert response.status_code == 422


def test_approval_flow_with_notices(client, area, leader, booker):
    room = make_premises(area, leader, needs_approval=True)
    assert post(client, f"/premises/{room.id}/book", form(in_days(5))).status_code == 302
    booking = db.session.scalar(sa.select(Booking))
    assert booking.status is BookingStatus.PENDING
    # Pending requests do not block the calendar, and the booker cannot approve.
    assert post(client, f"/bookings/{booking.id}/approve").status_code == 403
    sign_in_as(client, leader)
    page = client.get(f"/premises/{room.id}").get_data(as_text=True)
    assert "Awaiting approval" in page and "Bashir Booker" in page
    assert post(client, f"/bookings/{booking.id}/approve").status_code == 302
    db.session.expire_all()
    assert booking.status is BookingStatus.APPROVED and booking.decided_by_id == leader.id
    notice = booker_notice()
    assert notice.person_id == booker.id and notice.kind is NotificationKind.BOOKING_APPROVED
    assert "Meeting room" in sentence(notice)
    # Approving twice is refused.
    assert post(client, f"/bookings/{booking.id}/approve").status_code == 409


def test_decline_needs_a_reason_and_tells_the_booker(client, area, leader, booker):
    room = make_premises(area, leader, needs_approval=True)
    post(client, f"/premises/{room.id}/book", form(in_days(5)))
    booking = db.session.scalar(sa.select(Booking))
    assert post(client, f"/bookings/{booking.id}/decline", {"reason": "x"}).status_code == 403
    sign_in_as(client, leader)
    response = post(client, f"/bookings/{booking.id}/decline", {"reason": ""})
    assert response.status_code == 422
    assert "Write the reason for declining." in response.get_data(as_text=True)
    response = post(client, f"/bookings/{booking.id}/decline", {"reason": "Floor is being waxed"})
    assert response.status_code == 302
    db.session.expire_all()
    assert booking.status is BookingStatus.DECLINED
    notice = booker_notice()
    assert notice.kind is NotificationKind.BOOKING_DECLINED and notice.person_id == booker.id
    assert "Reason: Floor is being waxed" in sentence(notice)
    sign_in_as(client, booker)
    assert "Floor is being waxed" in client.get("/bookings/mine").get_data(as_text=True)


def test_leader_of_another_area_cannot_decide(client, area, other_area, leader, booker):
    room = make_premises(area, leader, needs_approval=True)
    post(client, f"/premises/{room.id}/book", form(in_days(5)))
    booking = db.session.scalar(sa.select(Booking))
    stranger = make_person("Other Leader")
    give_role(stranger, other_area, Role.LEADER)
    sign_in_as(client, stranger)
    assert post(client, f"/bookings/{booking.id}/approve").status_code == 403
    assert post(client, f"/bookings/{booking.id}/decline", {"reason": "no"}).status_code == 403
    assert post(client, f"/bookings/{booking.id}/cancel").status_code == 403


def test_approving_a_request_that_now_overlaps_is_refused(client, area, leader):
    room = make_premises(area, leader, needs_approval=True)
    one, two = verified(area, "One"), verified(area, "Two")
    data = BookingInput("Meeting", in_days(5), time(18), time(20), 5)
    first = book(room, one, data)[0].booking
    second = book(room, two, data)[0].booking
    approve(first, leader)
    with force_locale("en"), pytest.raises(Refused, match="already booked"):
        approve(second, leader)
    db.session.expire_all()
    assert second.status is BookingStatus.PENDING


def test_booker_cancels(client, room, booker, area):
    post(client, f"/premises/{room.id}/book", form(in_days(5)))
    booking = db.session.scalar(sa.select(Booking))
    sign_in_as(client, verified(area, "Nosy"))
    assert post(client, f"/bookings/{booking.id}/cancel").status_code == 403
    sign_in_as(client, booker)
    assert post(client, f"/bookings/{booking.id}/cancel").status_code == 302
    db.session.expire_all()
    assert booking.status is BookingStatus.CANCELLED
    assert post(client, f"/bookings/{booking.id}/cancel").status_code == 409
    # The time is free again.
    assert post(client, f"/premises/{room.id}/book", form(in_days(5))).status_code == 302


def test_weekly_series_books_free_dates_and_reports_conflicts(client, room, booker, area):
    first = in_days(2)
    other = verified(area, "Other")
    book(
        room,
        other,
        BookingInput("Choir", first + timedelta(weeks=1), time(19), time(21), 5),
    )
    response = post(client, f"/premises/{room.id}/book", form(first, repeat_weeks="6"))
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "That time is already booked" in text  # week 2 is taken
    assert "at most 30 days ahead" in text  # week 5 is beyond the limit
    mine = db.session.scalars(
        sa.select(Booking).where(Booking.person_id == booker.id).order_by(Booking.starts_at)
    ).all()
    assert [local(b.starts_at).date() for b in mine] == [
        first,
        first + timedelta(weeks=2),
        first + timedelta(weeks=3),
        first + timedelta(weeks=4),
    ]
    assert len({b.series_id for b in mine}) == 1 and mine[0].series_id


def test_series_until_a_date(client, room, booker):
    first = in_days(1)
    response = post(
        client,
        f"/premises/{room.id}/book",
        form(first, until=(first + timedelta(weeks=2, days=3)).isoformat()),
    )
    assert response.status_code == 200
    assert count(Booking) == 3


def test_series_where_no_date_can_be_booked(client, room, booker):
    response = post(
        client, f"/premises/{room.id}/book", form(in_days(5), "06:00", "07:00", repeat_weeks="2")
    )
    assert response.status_code == 409
    assert "None of the dates could be booked." in response.get_data(as_text=True)
    assert count(Booking) == 0


def test_unverified_resident_may_not_book(client, room, resident):
    sign_in_as(client, resident)
    response = client.get(f"/premises/{room.id}/book")
    assert response.status_code == 403
    assert "verified residents" in response.get_data(as_text=True)
    assert post(client, f"/premises/{room.id}/book", form(in_days(5))).status_code == 403
    assert count(Booking) == 0


def test_residents_may_not_book_when_premises_say_so(client, area, leader, booker):
    room = make_premises(area, leader, for_residents=False)
    assert post(client, f"/premises/{room.id}/book", form(in_days(5))).status_code == 403


def make_association(area, name="Ungdomscaféet"):
    association = Association(
        area_id=area.id,
        kind=AssociationKind.NONPROFIT,
        status=AssociationStatus.FOUNDED,
        name=name,
        invite_token=name.lower(),
    )
    db.session.add(association)
    db.session.commit()
    return association


def member(association, person, role=MemberRole.CHAIR, status=MembershipStatus.MEMBER):
    db.session.add(
        Membership(association_id=association.id, person_id=person.id, role=role, status=status)
    )
    db.session.commit()


def test_board_member_books_in_the_associations_name(client, room, area, leader):
    association = make_association(area)
    chair = make_person("Chair Person")  # not a resident of the area: the board books
    member(association, chair)
    sign_in_as(client, chair)
    page = client.get(f"/premises/{room.id}/book").get_data(as_text=True)
    assert f'value="association:{association.id}"' in page
    key = f"association:{association.id}"
    assert (
        post(client, f"/premises/{room.id}/book", form(in_days(5), book_as=key)).status_code == 302
    )
    booking = db.session.scalar(sa.select(Booking))
    assert booking.association_id == association.id
    sign_in_as(client, leader)
    page = client.get(f"/premises/{room.id}?week={in_days(5).isoformat()}").get_data(as_text=True)
    assert "Ungdomscaféet (Chair Person)" in page


def test_ordinary_member_may_not_book_for_the_association(client, room, area):
    association = make_association(area)
    person = verified(area, "Plain Member")
    member(association, person, role=MemberRole.MEMBER)
    sign_in_as(client, person)
    key = f"association:{association.id}"
    assert (
        post(client, f"/premises/{room.id}/book", form(in_days(5), book_as=key)).status_code == 403
    )
    assert count(Booking) == 0


def test_partner_representative_books_for_the_partner(client, room, area, other_area):
    partner = make_partner(areas=[area])
    rep = make_rep(partner, "Sara Partner")
    sign_in_as(client, rep)
    key = f"partner:{partner.id}"
    assert (
        post(client, f"/premises/{room.id}/book", form(in_days(5), book_as=key)).status_code == 302
    )
    assert db.session.scalar(sa.select(Booking)).partner_id == partner.id
    elsewhere = make_partner("Elsewhere", areas=[other_area])
    rep2 = make_rep(elsewhere, "Far Away")
    sign_in_as(client, rep2)
    key = f"partner:{elsewhere.id}"
    assert (
        post(client, f"/premises/{room.id}/book", form(in_days(6), book_as=key)).status_code == 403
    )


def test_anonymous_is_sent_to_sign_in(client, room):
    assert client.get(f"/premises/{room.id}/book").status_code == 302


def test_export_and_deletion_cover_bookings(client, room, booker, leader):
    import json

    post(client, f"/premises/{room.id}/book", form(in_days(5)))
    data = json.loads(client.get("/account/export").get_data(as_text=True))
    assert data["bookings"][0]["purpose"] == "Homework club"
    assert data["bookings"][0]["status"] == "approved"
    assert post(client, "/account/delete").status_code == 302
    db.session.expire_all()
    booking = db.session.scalar(sa.select(Booking))
    assert booking.status is BookingStatus.CANCELLED and booking.purpose == ""
    assert booker_name(booking) == "former resident"


def test_partner_places_an_activity_in_its_booking(client, room, area):
    from app.models import Activity

    partner = make_partner(areas=[area])
    rep = make_rep(partner, "Sara Partner")
    sign_in_as(client, rep)
    key = f"partner:{partner.id}"
    post(client, f"/premises/{room.id}/book", form(in_days(5), book_as=key))
    booking = db.session.scalar(sa.select(Booking))
    assert f"/bookings/{booking.id}/activity" in client.get("/bookings/mine").get_data(as_text=True)
    response = post(
        client,
        f"/bookings/{booking.id}/activity",
        {
            "title": "Sewing circle",
            "category": "culture_leisure",
            "audience": "everyone",
            "capacity": "12",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    activity = db.session.scalar(sa.select(Activity))
    assert activity.place == "Meeting room" and activity.partner_id == partner.id
    assert (activity.starts_at, activity.ends_at) == (booking.starts_at, booking.ends_at)
    # Too many places for the room.
    response = post(
        client,
        f"/bookings/{booking.id}/activity",
        {"title": "Big", "category": "culture_leisure", "audience": "everyone", "capacity": "99"},
    )
    assert response.status_code == 422
    assert "hold at most 20 people" in response.get_data(as_text=True)


def test_only_the_booker_places_an_activity(client, room, booker, area, leader):
    post(client, f"/premises/{room.id}/book", form(in_days(5)))
    booking = db.session.scalar(sa.select(Booking))
    data = {"title": "Party", "category": "culture_leisure", "audience": "everyone"}
    # A resident's own booking: residents do not organise activities.
    response = post(client, f"/bookings/{booking.id}/activity", data)
    assert response.status_code == 403
    assert "book in their name" in response.get_data(as_text=True)
    sign_in_as(client, leader)  # not the booker, even as leader
    assert post(client, f"/bookings/{booking.id}/activity", data).status_code == 403


def test_booking_notice_links_to_my_bookings(app, area, leader):
    from app.notifications.messages import render

    room = make_premises(area, leader, needs_approval=True)
    person = verified(area, "Noticed")
    booking = book(room, person, BookingInput("x", in_days(5), time(10), time(11), 2))[0].booking
    approve(booking, leader)
    notice = booker_notice()
    with app.test_request_context():
        assert render(notice).url.endswith("/bookings/mine")


def test_postgresql_refuses_overlapping_approved_bookings_itself(app, room, area):
    """The exclusion constraint: even a write that skips the services cannot overlap."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the exclusion constraint exists on PostgreSQL only")
    from sqlalchemy.exc import IntegrityError

    person = verified(area, "Direct")
    starts_at = meeting_time(in_days(5), time(18))

    def row(start, status=BookingStatus.APPROVED):
        return Booking(
            premises_id=room.id,
            person_id=person.id,
            purpose="x",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            people=1,
            status=status,
        )

    db.session.add(row(starts_at))
    db.session.commit()
    db.session.add(row(starts_at + timedelta(hours=2)))  # right after: fine
    db.session.add(row(starts_at, BookingStatus.PENDING))  # pending may overlap
    db.session.commit()
    db.session.add(row(starts_at + timedelta(hours=1)))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_leader_cancels_from_the_calendar_and_the_booker_hears(client, room, booker, leader):
    post(client, f"/premises/{room.id}/book", form(in_days(5)))
    booking = db.session.scalar(sa.select(Booking))
    sign_in_as(client, leader)
    week = f"/premises/{room.id}?week={in_days(5).isoformat()}"
    assert f"/bookings/{booking.id}/cancel" in client.get(week).get_data(as_text=True)
    response = post(client, f"/bookings/{booking.id}/cancel", {"next": week})
    assert response.status_code == 302 and response.location.endswith(week)
    db.session.expire_all()
    assert booking.status is BookingStatus.CANCELLED
    notice = booker_notice()
    assert notice.person_id == booker.id
    assert notice.kind is NotificationKind.BOOKING_CANCELLED
    assert "A process leader cancelled your booking: Meeting room" in sentence(notice)
    # Residents see no cancel buttons for others' bookings.
    sign_in_as(client, booker)
    post(client, f"/premises/{room.id}/book", form(in_days(5)))
    sign_in_as(client, verified(room.area, "Neighbour"))
    assert "/cancel" not in client.get(week).get_data(as_text=True)


@pytest.mark.parametrize(
    "values",
    [
        {"people": "many"},
        {"day": "2026-02-30"},
        {"start": "25:00"},
        {"repeat_weeks": "99"},
        {"until": "someday"},
    ],
)
def test_malformed_input_is_a_422_not_a_500(client, room, booker, values):
    data = form(in_days(5))
    data.update(values)
    assert post(client, f"/premises/{room.id}/book", data).status_code == 422
    assert count(Booking) == 0


def test_until_before_the_first_date_is_refused(client, room, booker):
    data = form(in_days(5), until=in_days(1).isoformat())
    response = post(client, f"/premises/{room.id}/book", data)
    assert response.status_code == 422
    assert "The last date must not be before the first." in response.get_data(as_text=True)


@pytest.mark.parametrize("key", ["partner:x", "association:", "leader", "nonsense"])
def test_booking_in_a_name_not_yours_is_forbidden(client, room, booker, key):
    assert (
        post(client, f"/premises/{room.id}/book", form(in_days(5), book_as=key)).status_code == 403
    )


def test_leaders_hear_of_requests_and_approve_from_one_page(client, area, other_area, leader):
    room = make_premises(area, leader, needs_approval=True)
    elsewhere_leader = make_person("Elsewhere Leader")
    give_role(elsewhere_leader, other_area, Role.LEADER)
    elsewhere = make_premises(other_area, elsewhere_leader, name="Other room", needs_approval=True)
    person = verified(area, "Requester")
    book(room, person, BookingInput("Quiz night", in_days(5), time(18), time(20), 9))
    book(
        elsewhere,
        elsewhere_leader,
        BookingInput("Far away", in_days(5), time(18), time(20), 2, LEADER),
    )
    notice = db.session.scalar(
        sa.select(Notification).where(
            Notification.kind == NotificationKind.BOOKING_REQUESTED,
            Notification.person_id == leader.id,
        )
    )
    assert "Meeting room" in sentence(notice)
    sign_in_as(client, leader)
    page = client.get("/bookings/requests").get_data(as_text=True)
    assert "Quiz night" in page and "Requester" in page
    assert "Far away" not in page  # another area's request
    booking = db.session.scalar(sa.select(Booking).where(Booking.premises_id == room.id))
    response = post(client, f"/bookings/{booking.id}/approve", {"next": "/bookings/requests"})
    assert response.location.endswith("/bookings/requests")
    db.session.expire_all()
    assert booking.status is BookingStatus.APPROVED
    sign_in_as(client, elsewhere_leader)
    page = client.get("/bookings/requests").get_data(as_text=True)
    assert "Quiz night" not in page and "Far away" in page
