"""Shared builders for the tests of this domain."""

from datetime import date, time, timedelta

from app.models import Role
from app.models.premises import Premises
from app.premises.editing import PremisesInput, save_premises
from app.premises.services import today
from tests.conftest import give_role, make_person

ALL_DAYS = {day: [(time(8), time(22))] for day in range(7)}


def make_premises(area, leader, **overrides) -> Premises:
    data = PremisesInput(
        name=overrides.pop("name", "Meeting room"),
        capacity=overrides.pop("capacity", 20),
        hours=overrides.pop("hours", ALL_DAYS),
        **overrides,
    )
    return save_premises(area, leader, data)


def verified(area, name="Vera Verified"):
    person = make_person(name)
    give_role(person, area, Role.RESIDENT, verified=True)
    return person


def in_days(days: int) -> date:
    return today() + timedelta(days=days)
