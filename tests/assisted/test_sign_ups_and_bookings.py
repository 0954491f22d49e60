"""Assisted mode beyond ideas: the leader signs the resident up for an activity or a shift
(a minor still needs their guardian's consent) and books premises for them; each place is the
resident's, recorded with the leader, and the resident's own rules apply, not the leader's."""

import sqlalchemy as sa

from app.extensions import db
from app.models import AuditEntry, Registration, Role, ShiftSignup, SignupStatus
from app.models.premises import Booking
from tests.activities.factories import make_activity
from tests.conftest import count, give_role, make_person, post, sign_in_as
from tests.premises.factories import in_days, make_premises
from tests.shifts.factories import make_shift, make_workplace, youth


def help_(client, area, person):
    assert post(client, f"/areas/{area.slug}/meeting-place/help/{person.id}").status_code == 302


def test_activity_sign_up_for_a_resident(client, area, leader):
    resident = make_person("Faduma Ali")
    give_role(resident, area, Role.RESIDENT, verified=True)
    activity = make_activity(area, leader)
    sign_in_as(client, leader)
    help_(client, area, resident)
    assert post(client, f"/activities/{activity.id}/sign-up").status_code == 302
    registration = db.session.scalar(sa.select(Registration))
    assert (registration.person_id, registration.assisted_by_id) == (resident.id, leader.id)
    assert count(AuditEntry, AuditEntry.action == "assist_activity_sign_up") == 1
    # the page shows her place, and cancelling it is hers too
    page = client.get(f"/activities/{activity.id}").get_data(as_text=True)
    assert f"/registrations/{registration.id}/cancel" in page
    assert client.get(f"/registrations/{registration.id}/cancel").status_code == 200
    assert post(client, f"/registrations/{registration.id}/cancel").status_code == 302
    db.session.refresh(registration)
    assert registration.status.value == "cancelled"


def test_the_leaders_own_place_is_not_cancelled_while_helping(client, area, leader):
    resident = make_person("Faduma Ali")
    give_role(resident, area, Role.RESIDENT, verified=True)
    activity = make_activity(area, leader)
    sign_in_as(client, leader)
    post(client, f"/activities/{activity.id}/sign-up")  # the leader's own place
    own = db.session.scalar(sa.select(Registration))
    help_(client, area, resident)
    assert post(client, f"/registrations/{own.id}/cancel").status_code == 403
    db.session.refresh(own)
    assert own.status.value != "cancelled"


def test_shift_sign_up_for_a_minor_still_asks_the_guardian(client, area, leader, outbox):
    cafe = make_workplace(area)
    shift = make_shift(cafe)
    minor = youth("Hiba", age=14)
    give_role(minor, area, Role.RESIDENT, verified=True)
    sign_in_as(client, leader)
    help_(client, area, minor)
    response = post(client, f"/shifts/{shift.id}/sign-up", {"guardian": "070-174 06 05"})
    assert response.status_code == 302
    signup = db.session.scalar(sa.select(ShiftSignup))
    assert (signup.person_id, signup.assisted_by_id) == (minor.id, leader.id)
    assert signup.status is SignupStatus.AWAITING_GUARDIAN
    assert len(outbox.sent) == 1 and outbox.sent[0][0] == "+46701740605"
    assert count(AuditEntry, AuditEntry.action == "assist_shift_sign_up") == 1


def test_the_youths_own_rules_decide_not_the_leaders(client, area, leader):
    cafe = make_workplace(area)
    shift = make_shift(cafe, min_age=16)
    minor = youth("Hiba", age=14)
    give_role(minor, area, Role.RESIDENT, verified=True)
    sign_in_as(client, leader)
    help_(client, area, minor)
    response = post(client, f"/shifts/{shift.id}/sign-up", {"guardian": "070-174 06 05"})
    assert response.status_code in (403, 409, 422)
    assert count(ShiftSignup) == 0


def test_booking_for_a_resident(client, area, leader):
    resident = make_person("Faduma Ali")
    give_role(resident, area, Role.RESIDENT, verified=True)
    room = make_premises(area, leader, max_minutes=180, max_days_ahead=30, capacity=20)
    sign_in_as(client, leader)
    help_(client, area, resident)
    form = {
        "purpose": "Syförening",
        "day": in_days(5).isoformat(),
        "start": "18:00",
        "end": "20:00",
        "people": "8",
        "book_as": "resident",
    }
    assert client.get(f"/premises/{room.id}/book").status_code == 200
    assert post(client, f"/premises/{room.id}/book", form).status_code == 302
    booking = db.session.scalar(sa.select(Booking))
    assert (booking.person_id, booking.assisted_by_id) == (resident.id, leader.id)
    assert count(AuditEntry, AuditEntry.action == "assist_booking") == 1
    # booking "as process leader" is not hers to choose
    form["book_as"] = "leader"
    form["day"] = in_days(6).isoformat()
    assert post(client, f"/premises/{room.id}/book", form).status_code in (403, 422)
    assert count(Booking) == 1


def test_an_unverified_resident_cannot_book_through_a_leader(client, area, leader, resident):
    room = make_premises(area, leader)
    sign_in_as(client, leader)
    help_(client, area, resident)
    assert client.get(f"/premises/{room.id}/book").status_code == 403
    assert count(Booking) == 0
