"""Arrival / no-show: only for a confirmed place, only once the shift has started, and only
confirmed places with arrival confirmed become worked hours."""

from datetime import timedelta

import pytest

from app.extensions import db
from app.models import ShiftSignup, SignupStatus
from app.models.util import utcnow
from app.shifts import hours
from tests.conftest import post, sign_in_as
from tests.shifts.factories import make_shift, youth


def started(shift):
    """Move the shift so that it began an hour ago (and ends in an hour)."""
    shift.starts_at = utcnow() - timedelta(hours=1)
    shift.ends_at = utcnow() + timedelta(hours=1)
    db.session.commit()
    return shift


def place(shift, person, status=SignupStatus.CONFIRMED, arrived=None):
    signup = ShiftSignup(shift_id=shift.id, person_id=person.id, status=status, arrived=arrived)
    db.session.add(signup)
    db.session.commit()
    return signup


def mark(client, signup, value="yes"):
    return post(client, f"/shift-signups/{signup.id}/arrival", {"arrived": value})


def test_awaiting_guardian_on_a_coming_shift_cannot_be_marked(client, workplace, leader):
    shift = make_shift(workplace)  # days ahead
    signup = place(shift, youth(age=14), SignupStatus.AWAITING_GUARDIAN)
    sign_in_as(client, leader)
    response = mark(client, signup)
    assert response.status_code == 409
    assert "confirmed place" in response.get_data(as_text=True)
    db.session.refresh(signup)
    assert signup.arrived is None
    assert hours.my_hours(signup.person).shifts == []


def test_confirmed_on_a_coming_shift_cannot_be_marked_yet(client, workplace, leader):
    signup = place(make_shift(workplace), youth(age=16))
    sign_in_as(client, leader)
    response = mark(client, signup, "no")
    assert response.status_code == 409
    assert "once the shift has started" in response.get_data(as_text=True)
    db.session.refresh(signup)
    assert signup.arrived is None


def test_waitlisted_or_cancelled_cannot_be_marked_after_start(client, workplace, leader):
    shift = started(make_shift(workplace))
    waiting = place(shift, youth("A", age=16), SignupStatus.WAITLISTED)
    gone = place(shift, youth("B", age=16), SignupStatus.CANCELLED)
    sign_in_as(client, leader)
    assert mark(client, waiting).status_code == 409
    assert mark(client, gone).status_code == 409


def test_started_confirmed_shift_is_marked_and_counts(client, workplace, leader):
    shift = started(make_shift(workplace))
    signup = place(shift, youth(age=16))
    sign_in_as(client, leader)
    page = client.get(f"/shifts/{shift.id}").get_data(as_text=True)
    assert f"/shift-signups/{signup.id}/arrival" in page
    assert mark(client, signup).status_code == 302
    db.session.refresh(signup)
    assert signup.arrived is True
    assert signup.arrival_marked_by_id == leader.id  # the certificate names who confirmed
    assert len(hours.my_hours(signup.person).shifts) == 1
    assert mark(client, signup, "no").status_code == 302
    db.session.refresh(signup)
    assert (signup.arrived, signup.arrival_marked_by_id) == (False, leader.id)
    assert mark(client, signup, "clear").status_code == 302
    db.session.refresh(signup)
    assert (signup.arrived, signup.arrival_marked_by_id) == (None, None)


def test_the_buttons_are_not_shown_before_the_start(client, workplace, leader):
    shift = make_shift(workplace)
    signup = place(shift, youth(age=16))
    sign_in_as(client, leader)
    page = client.get(f"/shifts/{shift.id}").get_data(as_text=True)
    assert f"/shift-signups/{signup.id}/arrival" not in page


@pytest.mark.parametrize("value", ["", "maybe", "YES", "1"])
def test_garbage_arrival_value_is_400_and_keeps_the_mark(client, workplace, leader, value):
    shift = started(make_shift(workplace))
    signup = place(shift, youth(age=16), arrived=True)
    sign_in_as(client, leader)
    assert mark(client, signup, value).status_code == 400
    db.session.refresh(signup)
    assert signup.arrived is True


def test_youth_cannot_mark_own_arrival(client, workplace):
    shift = started(make_shift(workplace))
    person = youth(age=16)
    signup = place(shift, person)
    sign_in_as(client, person)
    assert mark(client, signup).status_code == 403


def test_hours_count_only_confirmed_places(workplace):
    shift = started(make_shift(workplace))
    person = youth(age=14)
    place(shift, person, SignupStatus.AWAITING_GUARDIAN, arrived=True)  # older data
    assert hours.my_hours(person).shifts == []
    assert hours.area_hours(shift.workplace.area).youth == []
