"""Shared builders for the tests of this domain."""

from datetime import date, time, timedelta

from app.clock import meeting_time
from app.extensions import db
from app.minors import default_calendar
from app.models import (
    Shift,
    Workplace,
)
from app.models.util import utcnow
from tests.conftest import make_person, post, sign_in_as

YEAR = date.today().year


def school_week() -> date:
    """The Monday of a coming week where Monday–Friday are all school days."""
    monday = date.today() + timedelta(days=7 - date.today().weekday() + 7)
    while True:
        calendar = default_calendar(monday.year, (monday + timedelta(days=6)).year)
        if all(calendar.is_school_day(monday + timedelta(days=i)) for i in range(5)):
            return monday
        monday += timedelta(days=7)


def sign_up_with_guardian_phone(client, person, shift, guardian="070-174 06 05"):
    sign_in_as(client, person)
    return post(client, f"/shifts/{shift.id}/sign-up", {"guardian": guardian})


def decide_as_guardian(client, token, signup, decision):
    return post(client, f"/guardian/{token}", {"signup": str(signup.id), "decision": decision})


def make_workplace(area, name="Ungdomscaféet") -> Workplace:
    workplace = Workplace(
        area_id=area.id, name=name, description="", supervisor_name="Sara", light_work=True
    )
    db.session.add(workplace)
    db.session.commit()
    return workplace


def make_shift(workplace, day=None, start=time(10), end=time(12), capacity=3, **fields) -> Shift:
    day = day or school_week() + timedelta(days=5)
    now = utcnow()
    shift = Shift(
        workplace_id=workplace.id,
        starts_at=meeting_time(day, start),
        ends_at=meeting_time(day, end),
        capacity=capacity,
        role=fields.pop("role", "counter"),
        signup_opens_at=fields.pop("signup_opens_at", now - timedelta(days=1)),
        signup_closes_at=fields.pop("signup_closes_at", meeting_time(day, start)),
        cancel_deadline=fields.pop("cancel_deadline", meeting_time(day, start)),
        version=0,
        **fields,
    )
    db.session.add(shift)
    db.session.commit()
    return shift


def youth(name="Ung", age=14):
    return make_person(name, birth_year=YEAR - age + (1 if school_week().year > YEAR else 0))


def sign_up(client, person, shift):
    sign_in_as(client, person)
    return post(client, f"/shifts/{shift.id}/sign-up", {"guardian": "guardian@test.example"})
