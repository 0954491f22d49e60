"""The leader's day view: today's activities and shifts in time order, who is expected, gaps,
no-shows, sign-ups awaiting a guardian and offered places pending (with their deadline);
leaders only; a constant number of queries."""

from datetime import time, timedelta

import pytest

from app.clock import meeting_time
from app.extensions import db
from app.models import (
    Activity,
    Audience,
    Category,
    Registration,
    RegistrationStatus,
    Role,
    ShiftSignup,
    SignupStatus,
)
from app.shifts import dayview
from tests.conftest import give_role, make_person, sign_in_as
from tests.queries import queries
from tests.shifts.factories import make_shift, make_workplace


def activity_today(area, title, start, end, capacity=None):
    day = dayview.today()
    activity = Activity(
        area_id=area.id,
        title=title,
        description="",
        category=Category.CULTURE_LEISURE,
        audience=Audience.EVERYONE,
        place="Planen",
        starts_at=meeting_time(day, start),
        ends_at=meeting_time(day, end),
        capacity=capacity,
        walk_ins=0,
    )
    db.session.add(activity)
    db.session.commit()
    return activity


def register(activity, person, status=RegistrationStatus.CONFIRMED, attended=None):
    db.session.add(
        Registration(activity_id=activity.id, person_id=person.id, status=status, attended=attended)
    )
    db.session.commit()


def shift_signup(shift, person, status=SignupStatus.CONFIRMED, arrived=None, hold_until=None):
    db.session.add(
        ShiftSignup(
            shift_id=shift.id,
            person_id=person.id,
            status=status,
            arrived=arrived,
            hold_until=hold_until,
        )
    )
    db.session.commit()


@pytest.fixture
def day(area):
    workplace = make_workplace(area, "Ungdomscaféet")
    today = dayview.today()
    shift = make_shift(workplace, day=today, start=time(9), end=time(11), capacity=3, role="kök")
    football = activity_today(area, "Fotboll", time(14), time(16), capacity=4)
    homework = activity_today(area, "Läxhjälp", time(7), time(8))
    make_shift(workplace, day=today + timedelta(days=1), start=time(9), end=time(11))  # tomorrow
    activity_today(area, "Gammal", time(7), time(8))
    ali, bo, cem, dana, eva = (make_person(n) for n in ("Ali", "Bo", "Cem", "Dana", "Eva"))
    shift_signup(shift, ali, arrived=True)
    shift_signup(shift, bo, arrived=False)
    shift_signup(shift, cem, status=SignupStatus.AWAITING_GUARDIAN)
    shift_signup(shift, dana, status=SignupStatus.WAITLISTED)
    shift_signup(shift, eva, status=SignupStatus.CANCELLED)
    register(football, ali, attended=False)
    register(football, bo)
    register(football, cem, status=RegistrationStatus.WAITLISTED)
    return {"shift": shift, "football": football, "homework": homework}


def test_day_view_contents(app, area, day):
    entries = dayview.day_view(area)
    assert [e.title for e in entries] == ["Läxhjälp", "Gammal", "Ungdomscaféet", "Fotboll"]
    shift = entries[2]
    assert shift.kind == "shift" and shift.subtitle == "kök"
    assert shift.expected == ["Ali", "Bo"]
    assert shift.gap == 1  # 3 places − 2 confirmed
    assert shift.no_shows == ["Bo"]
    assert shift.awaiting == ["Cem"]
    assert shift.arrived == 1
    football = entries[3]
    assert football.expected == ["Ali", "Bo"]
    assert football.gap == 2
    assert football.no_shows == ["Ali"]
    assert entries[0].gap is None


def test_day_view_page_for_leader(client, area, leader, day):
    sign_in_as(client, leader)
    response = client.get(f"/areas/{area.slug}/today")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert page.index("Läxhjälp") < page.index("Ungdomscaféet") < page.index("Fotboll")
    assert f"/shifts/{day['shift'].id}" in page
    assert f"/activities/{day['football'].id}/attendance" in page
    assert "Cem" in page and "Places not filled: 1" in page and "Bo" in page


def test_offered_places_are_pending_not_gaps(client, area, leader):
    workplace = make_workplace(area, "Ungdomscaféet")
    today = dayview.today()
    shift = make_shift(workplace, day=today, start=time(18), end=time(20), capacity=3)
    quiz = activity_today(area, "Frågesport", time(18), time(20), capacity=2)
    ali, bo, cem = (make_person(n) for n in ("Ali", "Bo", "Cem"))
    deadline = meeting_time(today, time(17, 45))
    shift_signup(shift, ali)
    shift_signup(shift, bo, status=SignupStatus.OFFERED, hold_until=deadline)
    shift_signup(shift, cem, status=SignupStatus.WAITLISTED)
    register(quiz, ali)
    db.session.add(
        Registration(
            activity_id=quiz.id,
            person_id=cem.id,
            status=RegistrationStatus.OFFERED,
            offered_until=deadline,
        )
    )
    db.session.commit()

    entries = {e.title: e for e in dayview.day_view(area)}
    cafe, quiz_entry = entries["Ungdomscaféet"], entries["Frågesport"]
    assert cafe.expected == ["Ali"] and cafe.awaiting == []
    assert [(o.name, o.until) for o in cafe.offered] == [("Bo", deadline)]
    assert cafe.gap == 1  # 3 places − 1 confirmed − 1 offered
    assert quiz_entry.expected == ["Ali"] and quiz_entry.awaiting == []
    assert [o.name for o in quiz_entry.offered] == ["Cem"]
    assert quiz_entry.gap == 0

    sign_in_as(client, leader)
    client.set_cookie("lang", "en")
    page = client.get(f"/areas/{area.slug}/today").get_data(as_text=True)
    assert page.count("Offered a place, not yet confirmed:") == 2
    assert "Bo</span> (valid until 17:45)" in page
    assert "Places not filled: 1" in page and "Awaiting a guardian" not in page


def test_day_view_refused_to_others(client, area, other_area, resident, day):
    path = f"/areas/{area.slug}/today"
    assert client.get(path).status_code in (302, 401)
    sign_in_as(client, resident)
    assert client.get(path).status_code == 403
    other_leader = make_person("Other Leader")
    give_role(other_leader, other_area, Role.LEADER)
    sign_in_as(client, other_leader)
    assert client.get(path).status_code == 403


def _grow(area, n):
    workplace = make_workplace(area, f"Plats {n}")
    today = dayview.today()
    for k in range(n):
        shift = make_shift(workplace, day=today, start=time(10 + k % 8), end=time(19), capacity=5)
        activity = activity_today(area, f"Aktivitet {k}", time(12), time(13), capacity=8)
        for j in range(4):
            person = make_person(f"Person {n}-{k}-{j}")
            shift_signup(shift, person, arrived=[None, True, False][j % 3])
            register(activity, person, attended=[None, True, False][j % 3])
        offered = make_person(f"Offered {n}-{k}")
        shift_signup(shift, offered, status=SignupStatus.OFFERED, hold_until=shift.starts_at)


def test_day_view_queries_do_not_grow(app, area, leader):
    client = app.test_client()
    client.set_cookie("lang", "en")
    sign_in_as(client, leader)
    path = f"/areas/{area.slug}/today"
    _grow(area, 1)
    client.get(path).close()
    status, small = queries(client, "GET", path)
    assert status == 200
    _grow(area, 12)
    status, large = queries(client, "GET", path)
    assert status == 200
    assert len(small) == len(large), (small, large)
    assert len(large) <= 10, large
