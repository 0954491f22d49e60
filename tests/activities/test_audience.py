"""The audience at sign-up: youth 13–17 and seniors 65+ are checked by age; women and families
are invitations (gender and household are never asked)."""

import pytest

from app.activities import services
from app.activities.services import SENIOR_FROM_AGE, YOUTH_AGES
from app.models import Audience, RegistrationStatus
from app.models.util import utcnow
from app.refusals import Refused
from tests.activities.factories import make_activity
from tests.conftest import make_person, post, sign_in_as


def aged(name, age, activity):
    return make_person(name, birth_year=services.local(activity.starts_at).year - age)


@pytest.mark.parametrize("age", [YOUTH_AGES[0] - 1, YOUTH_AGES[1] + 1, 40])
def test_youth_activity_refuses_other_ages(client, area, leader, age):
    activity = make_activity(area, leader, audience=Audience.YOUTH)
    person = aged("Fel ålder", age, activity)
    sign_in_as(client, person)
    response = post(client, f"/activities/{activity.id}/sign-up")
    assert response.status_code == 422
    assert "youth aged 13 to 17" in response.get_data(as_text=True)


def test_youth_activity_takes_youth(area, leader):
    activity = make_activity(area, leader, audience=Audience.YOUTH, capacity=5)
    for age in YOUTH_AGES:
        registration = services.sign_up(activity, aged(f"Ung {age}", age, activity))
        assert registration.status is RegistrationStatus.CONFIRMED


def test_youth_activity_refuses_a_child_and_unknown_age(area, leader):
    activity = make_activity(area, leader, audience=Audience.YOUTH)
    parent = make_person("Förälder", birth_year=1985)
    with pytest.raises(Refused) as refused:
        services.sign_up(activity, parent, "Liten", utcnow().year - 8)
    assert refused.value.status == 422
    with pytest.raises(Refused) as refused:
        services.sign_up(activity, make_person("Okänd", birth_year=None))
    assert refused.value.status == 422


def test_seniors_by_age(client, area, leader):
    activity = make_activity(area, leader, audience=Audience.SENIORS, capacity=5)
    sign_in_as(client, aged("För ung", SENIOR_FROM_AGE - 1, activity))
    response = post(client, f"/activities/{activity.id}/sign-up")
    assert response.status_code == 422 and "65" in response.get_data(as_text=True)
    ok = services.sign_up(activity, aged("Senior", SENIOR_FROM_AGE, activity))
    assert ok.status is RegistrationStatus.CONFIRMED


@pytest.mark.parametrize(
    ("audience", "words"),
    [(Audience.WOMEN, "invitation to women"), (Audience.FAMILIES, "families")],
)
def test_women_and_families_are_invitations(client, area, leader, audience, words):
    activity = make_activity(area, leader, audience=audience)
    person = make_person("Vem som helst", birth_year=None)
    registration = services.sign_up(activity, person)
    assert registration.status is RegistrationStatus.CONFIRMED
    page = client.get(f"/activities/{activity.id}").get_data(as_text=True)
    assert words in page and "Nobody is asked" in page
