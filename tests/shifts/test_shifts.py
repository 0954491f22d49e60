"""Café shifts: who creates them, sign-up refused by the rules for minors, waitlist, arrival,
and simultaneous sign-ups."""

from datetime import time, timedelta

import sqlalchemy as sa

from app.clock import meeting_time
from app.extensions import db
from app.models import Role, Shift, ShiftSignup, SignupStatus, Workplace
from app.models.util import utcnow
from app.shifts import places, services
from tests.conftest import count, give_role, make_person, post, sign_in_as
from tests.live import credentials, fire
from tests.shifts.factories import make_shift, make_workplace, school_week, sign_up, youth

# --- Permissions ------------------------------------------------------------------------------


def test_leader_creates_workplace_and_shift(client, area, leader):
    sign_in_as(client, leader)
    response = post(
        client,
        f"/areas/{area.slug}/workplaces/new",
        {"name": "Ungdomscaféet", "description": "Fik", "supervisor_name": "Sara"},
    )
    assert response.status_code == 302
    workplace = db.session.scalar(sa.select(Workplace))
    day = school_week() + timedelta(days=5)
    response = post(
        client,
        f"/workplaces/{workplace.id}/shifts/new",
        {
            "starts_at": f"{day.isoformat()}T10:00",
            "ends_at": f"{day.isoformat()}T13:00",
            "capacity": "3",
            "role": "kitchen",
            "min_age": "13",
        },
    )
    assert response.status_code == 302
    shift = db.session.scalar(sa.select(Shift))
    assert shift.starts_at == meeting_time(day, time(10))
    assert shift.capacity == 3 and shift.role == "kitchen"
    page = client.get(f"/areas/{area.slug}/shifts").get_data(as_text=True)
    assert "Ungdomscaféet" in page
    assert f"/areas/{area.slug}/shifts" in client.get(f"/areas/{area.slug}").get_data(as_text=True)


def test_resident_and_other_leader_cannot_create(client, area, other_area, resident, workplace):
    stranger = make_person("Other Leader")
    give_role(stranger, other_area, Role.LEADER)
    for person in (resident, stranger):
        sign_in_as(client, person)
        assert post(client, f"/areas/{area.slug}/workplaces/new", {"name": "X"}).status_code == 403
        day = school_week() + timedelta(days=5)
        response = post(
            client,
            f"/workplaces/{workplace.id}/shifts/new",
            {"starts_at": f"{day}T10:00", "ends_at": f"{day}T12:00", "capacity": "2"},
        )
        assert response.status_code == 403
    assert count(Workplace) == 1 and count(Shift) == 0


# --- The rules --------------------------------------------------------------------------------


def test_fourteen_year_old_three_hours_on_a_school_day(client, workplace):
    wednesday = school_week() + timedelta(days=2)
    shift = make_shift(workplace, wednesday, time(15), time(18))
    response = sign_up(client, youth(), shift)
    assert response.status_code == 422
    assert "On a school day" in response.get_data(as_text=True)
    assert count(ShiftSignup) == 0


def test_fourteen_year_old_after_20(client, workplace):
    saturday = school_week() + timedelta(days=5)
    shift = make_shift(workplace, saturday, time(18, 30), time(20, 30))
    response = sign_up(client, youth(), shift)
    assert response.status_code == 422
    assert "between 20:00 and 06:00" in response.get_data(as_text=True)


def test_fourteen_year_old_week_over_twelve_hours(client, workplace, area):
    monday = school_week()
    other = make_workplace(area, "Kiosken")
    saturday = make_shift(workplace, monday + timedelta(days=5), time(9), time(16))
    sunday = make_shift(other, monday + timedelta(days=6), time(9), time(15))
    person = youth()
    assert sign_up(client, person, saturday).status_code == 302
    response = sign_up(client, person, sunday)
    assert response.status_code == 422
    assert "In a school week" in response.get_data(as_text=True)


def test_overlapping_shifts_refused(client, workplace, area):
    adult = make_person("Vuxen", birth_year=1990)
    first = make_shift(workplace, start=time(10), end=time(13))
    second = make_shift(make_workplace(area, "Kiosken"), start=time(12), end=time(14))
    assert sign_up(client, adult, first).status_code == 302
    response = sign_up(client, adult, second)
    assert response.status_code == 422
    assert "overlaps" in response.get_data(as_text=True)


def test_fourteen_year_old_nightly_rest_across_workplaces(client, workplace, area):
    """14 hours of rest in every 24 for 13–15 (av.se, "Arbetstider för minderåriga")."""
    saturday = school_week() + timedelta(days=5)
    evening = make_shift(workplace, saturday, time(18), time(20))
    morning = make_shift(
        make_workplace(area, "Kiosken"), saturday + timedelta(days=1), time(8), time(10)
    )
    person = youth()
    assert sign_up(client, person, evening).status_code == 302
    response = sign_up(client, person, morning)
    assert response.status_code == 422
    assert "14 hours of rest in a row" in response.get_data(as_text=True)
    statuses = db.session.scalars(sa.select(ShiftSignup.shift_id))
    assert list(statuses) == [evening.id]


def test_back_to_back_shifts_need_a_break(client, workplace, area):
    """A 30-minute break after at most 4.5 hours (av.se), counted over both workplaces."""
    saturday = school_week() + timedelta(days=5)
    first = make_shift(workplace, saturday, time(9), time(12))
    second = make_shift(make_workplace(area, "Kiosken"), saturday, time(12, 15), time(14))
    person = youth()
    assert sign_up(client, person, first).status_code == 302
    response = sign_up(client, person, second)
    assert response.status_code == 422
    assert "break of at least 30 minutes" in response.get_data(as_text=True)


def test_deadline_opening_and_min_age(client, workplace):
    now = utcnow()
    closed = make_shift(workplace, signup_closes_at=now - timedelta(minutes=1))
    response = sign_up(client, make_person("Sen", birth_year=1990), closed)
    assert response.status_code == 409
    assert "deadline" in response.get_data(as_text=True)
    later = make_shift(workplace, signup_opens_at=now + timedelta(days=1))
    response = sign_up(client, make_person("Tidig", birth_year=1990), later)
    assert response.status_code == 409 and "opens" in response.get_data(as_text=True)
    older = make_shift(workplace, min_age=16)
    response = sign_up(client, youth("Ung 14"), older)
    assert response.status_code == 422 and "16" in response.get_data(as_text=True)
    assert count(ShiftSignup) == 0


def test_minor_awaits_guardian_adult_confirmed(workplace):
    shift = make_shift(workplace)
    minor = services.sign_up(shift, youth(age=16))
    adult = services.sign_up(shift, make_person("Vuxen", birth_year=1990))
    assert minor.status is SignupStatus.AWAITING_GUARDIAN
    hold = minor.hold_until - minor.created_at
    assert timedelta(hours=71, minutes=59) < hold <= timedelta(hours=72)
    assert adult.status is SignupStatus.CONFIRMED
    again = services.sign_up(shift, adult.person)
    assert again.id == adult.id


# --- Waitlist and cancel ---------------------------------------------------------------------


def test_waitlist_in_order_and_freed_place_moves_up(workplace, area):
    shift = make_shift(workplace, capacity=1)
    people = [make_person(f"Vuxen {k}", birth_year=1990) for k in range(3)]
    first, second, third = (services.sign_up(shift, p) for p in people)
    assert [s.status for s in (first, second, third)] == [
        SignupStatus.CONFIRMED,
        SignupStatus.WAITLISTED,
        SignupStatus.WAITLISTED,
    ]
    # The second now has an overlapping shift elsewhere: skipped, the third gets the place.
    clash = make_shift(make_workplace(area, "Kiosken"), start=time(11), end=time(14))
    services.sign_up(clash, people[1])
    services.cancel(first, people[0])
    db.session.expire_all()
    assert first.status is SignupStatus.CANCELLED
    assert second.status is SignupStatus.WAITLISTED
    assert third.status is SignupStatus.OFFERED  # offered, to confirm by one tap
    assert places.places_left(shift) == 0


def test_cancel_rules(client, workplace):
    shift = make_shift(workplace, cancel_deadline=utcnow() + timedelta(seconds=2))
    person = make_person("Vuxen", birth_year=1990)
    signup = services.sign_up(shift, person)
    other = make_person("Annan", birth_year=1990)
    sign_in_as(client, other)
    assert post(client, f"/shift-signups/{signup.id}/cancel").status_code == 403
    shift.cancel_deadline = utcnow() - timedelta(seconds=1)
    db.session.commit()
    sign_in_as(client, person)
    response = post(client, f"/shift-signups/{signup.id}/cancel")
    assert response.status_code == 409
    db.session.refresh(signup)
    assert signup.status is SignupStatus.CONFIRMED


# --- Arrival ---------------------------------------------------------------------------------


def test_arrival_by_leader_not_by_youth(client, workplace, leader):
    shift = make_shift(workplace)
    person = youth(age=16)
    signup = services.sign_up(shift, person)
    # Arrival is marked for a confirmed place once the shift has started.
    shift.starts_at = utcnow() - timedelta(minutes=5)
    signup.status, signup.hold_until = SignupStatus.CONFIRMED, None
    db.session.commit()
    sign_in_as(client, person)
    assert (
        post(client, f"/shift-signups/{signup.id}/arrival", {"arrived": "yes"}).status_code == 403
    )
    sign_in_as(client, leader)
    page = client.get(f"/shifts/{shift.id}").get_data(as_text=True)
    assert person.display_name in page
    response = post(client, f"/shift-signups/{signup.id}/arrival", {"arrived": "no"})
    assert response.status_code == 302
    db.session.refresh(signup)
    assert signup.arrived is False


# --- Simultaneous sign-ups -------------------------------------------------------------------


def test_twenty_sign_ups_for_three_places(app, workplace, server):
    shift = make_shift(workplace, capacity=3)
    shift_id = shift.id
    people = [make_person(f"Vuxen {k}", birth_year=1990) for k in range(20)]
    creds = [credentials(app, person) for person in people]
    db.session.remove()
    statuses = fire(server, [(f"/shifts/{shift_id}/sign-up", *c) for c in creds])
    assert statuses == [302] * 20, [s for s in statuses if s != 302][:3]
    db.session.expire_all()
    rows = db.session.scalars(
        sa.select(ShiftSignup).where(ShiftSignup.shift_id == shift_id).order_by(ShiftSignup.id)
    ).all()
    assert len(rows) == 20 and len({r.person_id for r in rows}) == 20
    confirmed = [r for r in rows if r.status is SignupStatus.CONFIRMED]
    waitlisted = [r for r in rows if r.status is SignupStatus.WAITLISTED]
    assert len(confirmed) == 3 and len(waitlisted) == 17
    assert max(r.id for r in confirmed) < min(r.id for r in waitlisted)
