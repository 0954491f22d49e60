import json

import sqlalchemy as sa

from app.areas import services as areas
from app.extensions import db
from app.models import AreaRole, InviteCode, LoginCode, Person, Role
from tests.conftest import count, give_role, make_person, post, sign_in_as


def test_change_display_name_and_language(client, resident):
    sign_in_as(client, resident)
    response = post(client, "/account", {"display_name": "Amina H.", "locale": "ar"})
    assert response.status_code == 302
    assert (resident.display_name, resident.locale) == ("Amina H.", "ar")
    assert '<html lang="ar" dir="rtl">' in client.get("/account").get_data(as_text=True)


def test_account_bad_input_keeps_data(client, resident):
    sign_in_as(client, resident)
    response = post(client, "/account", {"display_name": "x" * 61, "locale": "en"})
    assert response.status_code == 422
    assert "at most 60 characters" in response.get_data(as_text=True)
    response = post(client, "/account", {"display_name": "Ok", "locale": "de"})
    assert response.status_code == 422
    db.session.refresh(resident)
    assert resident.display_name == "Amina Resident"


def test_account_shows_own_contact_and_roles(client, area, resident):
    sign_in_as(client, resident)
    page = client.get("/account").get_data(as_text=True)
    assert "+46701740605" in page
    assert "Boden" in page and "resident, not yet verified" in page


def test_export_contains_all_my_data(client, area, leader):
    batch = areas.generate_invites(area, leader, 1, 30)
    person = make_person("Layla", phone="+46701740610", birth_year=1992)
    areas.redeem_invite(person, batch.codes[0].code)
    sign_in_as(client, person)
    response = client.get("/account/export")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["person"]["phone"] == "+46701740610"
    assert data["person"]["birth_year"] == 1992
    assert data["roles"][0]["area"] == "Boden" and data["roles"][0]["verified_at"]
    assert data["invite_codes_redeemed"][0]["area"] == "Boden"

    sign_in_as(client, leader)
    data = json.loads(client.get("/account/export").get_data(as_text=True))
    assert data["actions_as_leader"][0]["action"] == "generate_invites"


def test_export_needs_sign_in(client):
    assert client.get("/account/export").status_code == 302


def test_delete_account_removes_personal_data(client, area, leader, capsys):
    person = make_person("Hodan", phone="+46701740609")
    give_role(person, area, Role.RESIDENT, verified=True)
    batch = areas.generate_invites(area, leader, 1, 30)
    areas.redeem_invite(person, batch.codes[0].code)
    sign_in_as(client, person)
    assert client.get("/account/delete").status_code == 200
    response = post(client, "/account/delete")
    assert response.status_code == 302
    db.session.expire_all()
    stored = db.session.get(Person, person.id)
    assert stored.phone is None and stored.display_name == "" and stored.birth_year is None
    assert stored.deleted_at is not None
    assert count(AreaRole, AreaRole.person_id == person.id) == 0
    assert db.session.scalar(sa.select(InviteCode.redeemed_at)) is not None  # the code stays used
    assert client.get("/account").status_code == 302  # signed out

    # The number can make a new, separate account later.
    post(client, "/sign-in", {"address": "0701740609"})
    assert count(LoginCode) == 1


def test_deleted_person_is_shown_as_former_resident(app, area, leader):
    person = make_person("Hodan")
    from app.account.services import delete_account

    delete_account(person)
    with app.test_request_context(headers={"Cookie": "lang=en"}):
        rendered = app.jinja_env.from_string("{{ p | person_name }}").render(p=person)
    assert rendered == "former resident"


def test_delete_needs_csrf(client, resident):
    sign_in_as(client, resident)
    assert client.post("/account/delete").status_code == 400
    assert db.session.get(Person, resident.id).deleted_at is None


def test_export_contains_ideas_comments_votes_and_sign_ups(client, area, leader):
    from app.ideas import services as ideas
    from app.models import Category, IdeaStatus

    person = make_person("Layla", phone="+46701740610")
    give_role(person, area, Role.RESIDENT, verified=True)
    idea = ideas.propose(area, person, "Odlingslotter", "Pallkragar", Category.ENVIRONMENT, "sv")
    ideas.change_status(idea, IdeaStatus.PUBLISHED)
    db.session.commit()
    ideas.cast_vote(idea, person, True)
    ideas.add_comment(idea, person, "Jag kan vattna")
    sign_in_as(client, person)
    data = json.loads(client.get("/account/export").get_data(as_text=True))
    assert data["ideas"][0]["title"] == "Odlingslotter"
    assert data["comments"][0]["text"] == "Jag kan vattna"
    assert data["votes"][0]["idea_id"] == idea.id
    assert data["notifications"][0]["kind"] == "idea_published"
    assert data["activity_sign_ups"] == []

    from datetime import timedelta

    from app.models import Activity, Registration, RegistrationStatus
    from app.models.util import utcnow

    start = utcnow() + timedelta(days=2)
    activity = Activity(
        area_id=area.id,
        title="Läxhjälp",
        category=Category.SCHOOL_YOUTH,
        place="Biblioteket",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        created_by_id=leader.id,
    )
    db.session.add(activity)
    db.session.flush()
    db.session.add(
        Registration(
            activity_id=activity.id, person_id=person.id, status=RegistrationStatus.CONFIRMED
        )
    )
    db.session.commit()
    data = json.loads(client.get("/account/export").get_data(as_text=True))
    assert data["activity_sign_ups"][0]["activity"] == "Läxhjälp"
    assert data["activity_sign_ups"][0]["status"] == "confirmed"

    # Deleting the account gives the place up, so the waiting list can move on.
    post(client, "/account/delete")
    assert db.session.scalar(sa.select(Registration.status)) is RegistrationStatus.CANCELLED
