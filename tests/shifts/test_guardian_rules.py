"""Who names a guardian when taking a place, and when the guardian named is asked: the
rules the sign-up, offer and take-over views share (app/shifts/guardians.py)."""

import pytest
from flask_login import AnonymousUserMixin

from app.models import Role, SignupStatus
from app.refusals import Refused
from app.shifts import guardians, services
from tests.conftest import give_role, make_person
from tests.shifts.factories import make_shift, make_workplace, youth


@pytest.fixture
def shift(area):
    return make_shift(make_workplace(area))


def test_a_minor_names_a_guardian_an_adult_and_a_visitor_do_not(area, shift):
    assert guardians.needs_guardian(shift, youth(age=14))
    assert not guardians.needs_guardian(shift, make_person("Vuxen", birth_year=1990))
    assert not guardians.needs_guardian(shift, make_person("Okänd ålder", birth_year=None))
    assert not guardians.needs_guardian(shift, AnonymousUserMixin())


def test_the_named_guardian_is_normalised_or_refused_with_a_422(area, shift):
    minor = youth(age=14)
    assert guardians.named_guardian(shift, minor, " Guardian@Test.example ") == (
        "guardian@test.example"
    )
    with pytest.raises(Refused) as refused:
        guardians.named_guardian(shift, minor, "not an address")
    assert refused.value.status == 422
    assert guardians.named_guardian(shift, make_person("Vuxen", birth_year=1990), "x") is None


def test_the_guardian_is_asked_once_for_a_place_that_waits(area, shift):
    minor = youth(age=14)
    give_role(minor, area, Role.RESIDENT)
    signup = services.sign_up(shift, minor)
    assert signup.status is SignupStatus.AWAITING_GUARDIAN
    assert not guardians.to_ask(signup, None)
    assert guardians.to_ask(signup, "guardian@test.example")
    guardians.request_consent(signup, "guardian@test.example")
    assert not guardians.to_ask(signup, "guardian@test.example")
