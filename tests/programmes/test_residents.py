"""Self-enrolment in a programme is for residents of the programme's area."""

from app.models import Role
from app.models.programmes import Enrolment
from tests.conftest import count, give_role, make_person, post, sign_in_as

MESSAGE = "Only residents of Boden can enrol in this programme."


def enrol(client, programme):
    return post(client, f"/programmes/{programme.id}/enrol", {"consent": "y"})


def test_unverified_resident_of_the_area_enrols(client, programme, area):
    person = make_person("New Neighbour")
    give_role(person, area, Role.RESIDENT, verified=False)
    sign_in_as(client, person)
    page = client.get(f"/programmes/{programme.id}").get_data(as_text=True)
    assert "I have read this and I agree" in page and MESSAGE not in page
    assert enrol(client, programme).status_code == 302
    assert count(Enrolment) == 1


def test_someone_without_a_role_in_the_area_gets_a_clear_403(client, programme):
    sign_in_as(client, make_person("Passer-by"))
    page = client.get(f"/programmes/{programme.id}").get_data(as_text=True)
    assert MESSAGE in page and 'href="/areas/boden"' in page
    assert "I have read this and I agree" not in page
    response = enrol(client, programme)
    assert response.status_code == 403
    body = response.get_data(as_text=True)
    assert MESSAGE in body and "Join the area on its page first" in body
    assert 'href="/areas/boden"' in body
    assert count(Enrolment) == 0


def test_a_resident_of_another_area_is_refused(client, programme, other_area):
    person = make_person("Portalen Resident")
    give_role(person, other_area, Role.RESIDENT, verified=True)
    sign_in_as(client, person)
    assert enrol(client, programme).status_code == 403
    assert count(Enrolment) == 0


def test_a_leader_who_is_not_a_resident_enrols_others_not_themselves(
    client,
    programme,
    leader,
):
    sign_in_as(client, leader)
    assert enrol(client, programme).status_code == 403
    assert count(Enrolment) == 0
