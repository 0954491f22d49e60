"""A workplace's supervisor account: chosen by a leader among people with a role in the area;
marks arrival / no-show for that workplace's shifts (not another's) and sees today's shifts."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.account import services as account
from app.extensions import db
from app.models import Role, ShiftSignup, SignupStatus, Workplace
from app.models.util import utcnow
from tests.conftest import count, give_role, make_person, post, sign_in_as
from tests.shifts.factories import make_shift, make_workplace, youth


def started(shift):
    shift.starts_at = utcnow() - timedelta(minutes=30)
    shift.ends_at = utcnow() + timedelta(hours=1)
    db.session.commit()
    return shift


@pytest.fixture
def sara(area):
    person = make_person("Sara Handledare", birth_year=1985)
    give_role(person, area, Role.RESIDENT, verified=True)
    return person


@pytest.fixture
def cafe(area, sara):
    workplace = make_workplace(area, "Ungdomscaféet")
    workplace.supervisor_id = sara.id
    db.session.commit()
    return workplace


def confirmed(shift, person):
    signup = ShiftSignup(shift_id=shift.id, person_id=person.id, status=SignupStatus.CONFIRMED)
    db.session.add(signup)
    db.session.commit()
    return signup


def test_leader_names_a_supervisor_with_a_role_in_the_area(client, area, leader, sara):
    sign_in_as(client, leader)
    page = client.get(f"/areas/{area.slug}/workplaces/new").get_data(as_text=True)
    assert f'<option value="{sara.id}">Sara Handledare</option>' in page
    assert "@" not in page.split('id="supervisor_id"')[1].split("</select>")[0]
    outsider = make_person("Utanför", birth_year=1980)
    for bad in (str(outsider.id), "nine", "999999"):
        response = post(
            client, f"/areas/{area.slug}/workplaces/new", {"name": "X", "supervisor_id": bad}
        )
        assert response.status_code == 422
    assert count(Workplace) == 0
    response = post(
        client,
        f"/areas/{area.slug}/workplaces/new",
        {"name": "Kiosken", "supervisor_id": str(sara.id)},
    )
    assert response.status_code == 302
    assert db.session.scalar(sa.select(Workplace.supervisor_id)) == sara.id


def test_only_the_leader_changes_the_supervisor(client, area, other_area, cafe, leader, sara):
    other_leader = make_person("Annan ledare", birth_year=1970)
    give_role(other_leader, other_area, Role.LEADER, verified=True)
    for person in (sara, other_leader):
        sign_in_as(client, person)
        path = f"/workplaces/{cafe.id}/supervisor"
        assert client.get(path).status_code == 403
        assert post(client, path, {"supervisor_id": ""}).status_code == 403
    sign_in_as(client, leader)
    assert (
        post(client, f"/workplaces/{cafe.id}/supervisor", {"supervisor_id": ""}).status_code == 302
    )
    db.session.refresh(cafe)
    assert cafe.supervisor_id is None


def test_supervisor_marks_arrival_for_their_workplace_only(client, area, cafe, sara):
    kiosk = make_workplace(area, "Kiosken")
    other_supervisor = make_person("Kim", birth_year=1980)
    give_role(other_supervisor, area, Role.RESIDENT)
    kiosk.supervisor_id = other_supervisor.id
    db.session.commit()
    shift = started(make_shift(cafe))
    person = youth(age=16)
    signup = confirmed(shift, person)
    sign_in_as(client, other_supervisor)
    assert (
        post(client, f"/shift-signups/{signup.id}/arrival", {"arrived": "yes"}).status_code == 403
    )
    sign_in_as(client, person)
    assert (
        post(client, f"/shift-signups/{signup.id}/arrival", {"arrived": "yes"}).status_code == 403
    )
    db.session.refresh(signup)
    assert signup.arrived is None
    sign_in_as(client, sara)
    page = client.get(f"/shifts/{shift.id}").get_data(as_text=True)
    assert f"/shift-signups/{signup.id}/arrival" in page
    response = post(
        client,
        f"/shift-signups/{signup.id}/arrival",
        {"arrived": "yes", "next": "/my/supervising"},
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/my/supervising")
    db.session.refresh(signup)
    assert signup.arrived is True


def test_refusal_names_the_supervisor(client, cafe):
    shift = started(make_shift(cafe))
    stranger = make_person("Främling", birth_year=1990)
    signup = confirmed(shift, youth(age=16))
    sign_in_as(client, stranger)
    response = post(client, f"/shift-signups/{signup.id}/arrival", {"arrived": "yes"})
    assert response.status_code == 403


def test_supervisor_view_shows_todays_shifts_of_their_workplace(client, area, cafe, sara):
    today = started(make_shift(cafe, role="kassa"))
    later = make_shift(cafe, role="later")  # days ahead
    elsewhere = started(make_shift(make_workplace(area, "Kiosken"), role="elsewhere"))
    person = youth("Ung Person", age=16)
    signup = confirmed(today, person)
    sign_in_as(client, sara)
    page = client.get("/my/supervising").get_data(as_text=True)
    assert "kassa" in page and "Ung Person" in page
    assert f"/shift-signups/{signup.id}/arrival" in page
    assert "later" not in page and "elsewhere" not in page
    assert f"/shifts/{later.id}" not in page and f"/shifts/{elsewhere.id}" not in page
    sign_in_as(client, person)
    page = client.get("/my/supervising").get_data(as_text=True)
    assert "No shifts to supervise today." in page


def test_deleting_the_supervisor_account_clears_the_link(client, cafe, sara):
    assert account.export(sara)["supervised_workplaces"] == ["Ungdomscaféet"]
    account.delete_account(sara)
    db.session.refresh(cafe)
    assert cafe.supervisor_id is None
