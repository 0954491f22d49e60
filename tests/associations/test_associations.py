"""Associations: starting one, founders, statutes versions, founding meeting, membership."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Notification, NotificationKind
from app.models.associations import (
    Association,
    AssociationStatus,
    Founder,
    Membership,
    MembershipStatus,
    StatutesVersion,
)
from tests.associations.factories import found_together, residents, start, the_association
from tests.conftest import count, make_person, post, sign_in_as


def test_three_residents_found_an_association(client, area):
    aid, (amina, bilal, cecilia), _ = found_together(client, area)
    assert post(client, f"/associations/{aid}/record").status_code == 302
    association = db.session.get(Association, aid)
    db.session.refresh(association)
    assert association.status is AssociationStatus.FOUNDED
    roles = {
        m.person_id: m.role.value
        for m in db.session.scalars(sa.select(Membership).where(Membership.association_id == aid))
    }
    assert roles == {amina.id: "chair", bilal.id: "treasurer", cecilia.id: "secretary"}
    page = client.get(f"/associations/{aid}").get_data(as_text=True)
    assert "Skatteverket" in page and "not legal advice" in page
    printed = client.get(f"/associations/{aid}/minutes").get_data(as_text=True)
    assert "Minutes of the founding meeting" in printed and "Doris Revisor" in printed
    assert "signature" in printed and bilal.phone not in printed
    # Public page shows the board by display name.
    client.get("/")
    public = client.get(f"/associations/{aid}").get_data(as_text=True)
    assert "Amina A" in public
    assert post(client, f"/associations/{aid}/record").status_code == 409


def test_cooperative_checklist_mentions_bolagsverket(client, area):
    aid, _, _ = found_together(client, area, kind="cooperative")
    text = db.session.scalar(
        sa.select(StatutesVersion.text).where(StatutesVersion.association_id == aid)
    )
    assert "member contribution" in text and "200" in text
    assert post(client, f"/associations/{aid}/record").status_code == 302
    assert "Bolagsverket" in client.get(f"/associations/{aid}").get_data(as_text=True)


def test_founding_refused_with_fewer_than_three_founders(client, area):
    aid, (amina, bilal, cecilia), minutes = found_together(client, area)
    db.session.execute(
        sa.delete(Founder).where(Founder.association_id == aid, Founder.person_id == cecilia.id)
    )
    db.session.commit()
    sign_in_as(client, amina)
    response = post(client, f"/associations/{aid}/record")
    assert response.status_code == 422
    assert "at least 3 founders" in response.get_data(as_text=True)
    assert db.session.get(Association, aid).status is AssociationStatus.FORMING


def test_board_must_be_three_different_people(client, area):
    aid, (amina, bilal, cecilia), minutes = found_together(client, area)
    sign_in_as(client, amina)
    post(client, f"/associations/{aid}/minutes", {**minutes, "board_secretary_id": amina.id})
    response = post(client, f"/associations/{aid}/record")
    assert response.status_code == 422
    assert "three different people" in response.get_data(as_text=True)


def test_statutes_are_versioned_and_markup_shows_as_text(client, area):
    aid, (amina, _b, _c), _ = found_together(client, area)
    sign_in_as(client, amina)
    text = "§ 1 <script>alert(1)</script> <b>Namn</b>"
    assert post(client, f"/associations/{aid}/statutes", {"text": text}).status_code == 302
    page = client.get(f"/associations/{aid}/statutes").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert count(StatutesVersion, StatutesVersion.association_id == aid) == 2
    old = client.get(f"/associations/{aid}/statutes/1").get_data(as_text=True)
    assert "Statutes of the association" in old
    assert "Version 2" in page and "Amina A" in page
    assert post(client, f"/associations/{aid}/statutes", {"text": "  "}).status_code == 422


def test_outsiders_cannot_work_on_a_forming_association(client, area):
    aid, _, minutes = found_together(client, area)
    (stranger,) = residents(area, "Stranger S")
    sign_in_as(client, stranger)
    assert client.get(f"/associations/{aid}/founders").status_code == 403
    assert client.get(f"/associations/{aid}/statutes").status_code == 403
    assert post(client, f"/associations/{aid}/statutes", {"text": "x"}).status_code == 403
    assert post(client, f"/associations/{aid}/minutes", minutes).status_code == 403
    assert post(client, f"/associations/{aid}/record").status_code == 403
    assert client.get(f"/associations/{aid}/join/wrong-token").status_code == 404


def test_search_only_finds_residents_of_the_area(client, area, other_area):
    amina, bilal = residents(area, "Amina A", "Bilal B")
    (far,) = residents(other_area, "Bilal Far")
    sign_in_as(client, amina)
    start(client, area)
    aid = the_association().id
    page = client.get(f"/associations/{aid}/founders?q=Bilal").get_data(as_text=True)
    assert "Bilal B" in page and "Bilal Far" not in page
    assert post(client, f"/associations/{aid}/founders", {"person_id": far.id}).status_code == 422


def test_a_visitor_of_another_area_cannot_start_here(client, area, other_area):
    (outsider,) = residents(other_area, "Outsider O")
    sign_in_as(client, outsider)
    assert start(client, area).status_code == 403


def test_start_needs_name_and_kind(client, area):
    (amina,) = residents(area, "Amina A")
    sign_in_as(client, amina)
    response = post(
        client, f"/areas/{area.slug}/associations/new", {"kind": "", "name": "", "purpose": ""}
    )
    assert response.status_code == 422
    assert count(Association) == 0


@pytest.fixture
def founded(client, area):
    aid, people, _ = found_together(client, area)
    post(client, f"/associations/{aid}/record")
    return aid, people


def test_join_request_approved_by_the_board_only(client, area, founded):
    aid, (amina, bilal, cecilia) = founded
    (dana, eve) = residents(area, "Dana D", "Eve E")
    sign_in_as(client, dana)
    assert post(client, f"/associations/{aid}/membership").status_code == 302
    request_ = db.session.scalar(sa.select(Membership).where(Membership.person_id == dana.id))
    assert count(Notification, Notification.kind == NotificationKind.ASSOCIATION_JOIN_REQUEST) == 3
    # A non-board member (Eve, or Dana herself) cannot approve.
    sign_in_as(client, eve)
    assert post(client, f"/memberships/{request_.id}/approve").status_code == 403
    assert client.get(f"/associations/{aid}/members").status_code == 403
    sign_in_as(client, dana)
    assert post(client, f"/memberships/{request_.id}/approve").status_code == 403
    sign_in_as(client, cecilia)
    members = client.get(f"/associations/{aid}/members").get_data(as_text=True)
    assert "Dana D" in members and dana.phone not in members
    assert post(client, f"/memberships/{request_.id}/approve").status_code == 302
    db.session.refresh(request_)
    assert request_.status is MembershipStatus.MEMBER
    assert post(client, f"/memberships/{request_.id}/approve").status_code == 409
    # The board changes roles; Dana leaves.
    assert post(client, f"/memberships/{request_.id}/role", {"role": "board"}).status_code == 302
    db.session.refresh(request_)
    assert request_.role.value == "board"
    sign_in_as(client, dana)
    assert post(client, f"/memberships/{request_.id}/leave").status_code == 302
    db.session.refresh(request_)
    assert request_.status is MembershipStatus.LEFT


def test_declined_request(client, area, founded):
    aid, (amina, _b, _c) = founded
    (dana,) = residents(area, "Dana D")
    sign_in_as(client, dana)
    post(client, f"/associations/{aid}/membership")
    assert post(client, f"/associations/{aid}/membership").status_code == 409
    membership = db.session.scalar(sa.select(Membership).where(Membership.person_id == dana.id))
    sign_in_as(client, amina)
    assert post(client, f"/memberships/{membership.id}/decline").status_code == 302
    db.session.refresh(membership)
    assert membership.status is MembershipStatus.DECLINED


def test_chair_cannot_leave_without_a_new_chair(client, area, founded):
    aid, (amina, _b, _c) = founded
    membership = db.session.scalar(sa.select(Membership).where(Membership.person_id == amina.id))
    sign_in_as(client, amina)
    assert post(client, f"/memberships/{membership.id}/leave").status_code == 409


def test_contact_form_reaches_the_board_without_contact_data(client, area, founded):
    aid, _ = founded
    sender = make_person("Frida F", phone="+46705550101", email="frida@test.example")
    sign_in_as(client, sender)
    for _i in range(3):
        response = post(
            client, f"/associations/{aid}/contact", {"message": "Hej! Kan jag vara med?"}
        )
        assert response.status_code == 302
    notices = db.session.scalars(
        sa.select(Notification).where(Notification.kind == NotificationKind.ASSOCIATION_MESSAGE)
    ).all()
    assert len(notices) == 9  # three messages, three board members
    assert all("Frida F" in n.detail and "+4670" not in n.detail for n in notices)
    assert all("frida@" not in n.detail for n in notices)
    limited = post(client, f"/associations/{aid}/contact", {"message": "Igen"})
    assert limited.status_code == 429
    assert post(client, f"/associations/{aid}/contact", {"message": " "}).status_code == 422


def test_public_page_and_area_list(client, area, founded):
    aid, _ = founded
    client.get("/")
    with client.session_transaction() as session:
        session.clear()
    page = client.get(f"/areas/{area.slug}/associations").get_data(as_text=True)
    assert "Lina Hage Ungdom" in page
    public = client.get(f"/associations/{aid}").get_data(as_text=True)
    assert "Chair" in public and "Amina A" in public
    assert client.get(f"/associations/{aid}/members").status_code in (302, 401)
    assert client.get(f"/associations/{aid}/statutes").status_code == 200


def test_board_notices_read_as_sentences(client, area, founded):
    aid, (amina, _b, _c) = founded
    (dana,) = residents(area, "Dana D")
    sign_in_as(client, dana)
    post(client, f"/associations/{aid}/membership")
    post(client, f"/associations/{aid}/contact", {"message": "Hej styrelsen"})
    sign_in_as(client, amina)
    page = client.get("/notifications").get_data(as_text=True)
    assert "Dana D asks to become a member of Lina Hage Ungdom." in page
    assert "Dana D wrote to the board of Lina Hage Ungdom: Hej styrelsen" in page
    assert f"/associations/{aid}/members" in page


def test_export_and_deletion_cover_associations(client, area, founded):
    import json

    from app.account.services import delete_account

    aid, (amina, _b, _c) = founded
    sign_in_as(client, amina)
    post(client, f"/associations/{aid}/contact", {"message": "Till oss själva"})
    data = json.loads(client.get("/account/export").get_data(as_text=True))["associations"]
    assert data["founder_of"][0]["association"] == "Lina Hage Ungdom"
    assert data["memberships"][0]["role"] == "chair"
    assert data["statutes_versions_written"] == []  # Cecilia wrote the draft
    assert len(data["messages_to_boards"]) == 1
    sign_in_as(client, amina)
    start(client, area, name="Ännu inte grundad")  # a forming one: she leaves it
    delete_account(db.session.get(type(amina), amina.id))
    assert count(Membership, Membership.person_id == amina.id) == 0
    # The founded association's minutes still list her as present, as a former resident.
    assert count(Founder, Founder.person_id == amina.id) == 1
    sign_in_as(client, _b)
    printed = client.get(f"/associations/{aid}/minutes").get_data(as_text=True)
    assert "former resident" in printed and "Amina A" not in printed


def test_the_board_creates_activities_for_its_association(client, area, founded):
    from app.models import Activity
    from tests.activities.factories import form_data

    aid, (amina, _b, _c) = founded
    (dana,) = residents(area, "Dana D")
    sign_in_as(client, amina)
    assert client.get(f"/areas/{area.slug}/activities/new").status_code == 200
    data = form_data(organiser=f"association-{aid}", audience="everyone")
    assert post(client, f"/areas/{area.slug}/activities/new", data).status_code == 302
    activity = db.session.scalar(sa.select(Activity))
    assert activity.association_id == aid and activity.partner_id is None
    page = client.get(f"/activities/{activity.id}").get_data(as_text=True)
    assert "Organised by the association" in page and "Lina Hage Ungdom" in page
    assert activity.title in client.get(f"/associations/{aid}").get_data(as_text=True)
    assert client.get(f"/activities/{activity.id}/edit").status_code == 200
    # A resident who is not on the board cannot, nor can the board for another association.
    sign_in_as(client, dana)
    assert client.get(f"/areas/{area.slug}/activities/new").status_code == 403
    assert post(client, f"/areas/{area.slug}/activities/new", data).status_code == 403
    assert client.get(f"/activities/{activity.id}/edit").status_code == 403


def test_demo_associations(app):
    from app.demo.load.associations import load_associations
    from app.demo.loader import seed_demo
    from app.demo.rows.associations import CAFE, WOMEN, YOUTH

    seed_demo()
    load_associations()  # a second run changes nothing
    found = {a.name: a for a in db.session.scalars(sa.select(Association))}
    assert len(found) == 3
    women, youth, cafe = found[WOMEN], found[YOUTH], found[CAFE]
    assert women.kind.value == "cooperative" and women.status is AssociationStatus.FORMING
    assert len([f for f in women.founders if f.accepted]) == 3 and len(women.founders) == 4
    assert count(StatutesVersion, StatutesVersion.association_id == women.id) == 1
    assert women.meeting_at is not None and women.minutes is None
    for association in (youth, cafe):
        assert association.status is AssociationStatus.FOUNDED
        assert association.minutes.recorded_at is not None
        board = count(
            Membership,
            Membership.association_id == association.id,
            Membership.role.in_(["chair", "treasurer", "secretary"]),
        )
        assert board == 3
    assert count(Membership, Membership.association_id == youth.id) == 4  # and a request


def test_founders_and_then_the_board_write_the_description(client, area, founded):
    aid, (amina, _b, _c) = founded
    (dana,) = residents(area, "Dana D")
    sign_in_as(client, amina)
    text = "Vi ses på tisdagar. <b>Välkommen</b>"
    assert (
        post(client, f"/associations/{aid}/description", {"description": text}).status_code == 302
    )
    page = client.get(f"/associations/{aid}").get_data(as_text=True)
    assert "&lt;b&gt;Välkommen&lt;/b&gt;" in page
    sign_in_as(client, dana)
    response = post(client, f"/associations/{aid}/description", {"description": "Mitt"})
    assert response.status_code == 403
    assert db.session.get(Association, aid).description == text


def test_an_informal_group_can_be_founded_by_one_person(client, area):
    (amina,) = residents(area, "Amina A")
    sign_in_as(client, amina)
    start(client, area, kind="informal", name="Stickcaféet")
    aid = the_association().id
    day = (date.today() + timedelta(days=3)).isoformat()
    post(
        client,
        f"/associations/{aid}/meeting/when",
        {"day": day, "time": "18:00", "place": "Hos Amina"},
    )
    one = {"meeting_chair_id": amina.id, "meeting_secretary_id": amina.id}
    minutes = {
        **one,
        "opened_at": "18:00",
        "checker_1_id": amina.id,
        "checker_2_id": "",
        "decided_to_form": "y",
        "statutes_version_id": "",
        "board_chair_id": amina.id,
        "board_treasurer_id": amina.id,
        "board_secretary_id": amina.id,
        "auditor": "",
        "fee": "0",
    }
    post(client, f"/associations/{aid}/minutes", minutes)
    assert post(client, f"/associations/{aid}/record").status_code == 422  # two checkers
    (bo,) = residents(area, "Bo B")
    sign_in_as(client, bo)
    post(client, f"/associations/{aid}/join/{the_association().invite_token}")
    sign_in_as(client, amina)
    post(client, f"/associations/{aid}/minutes", {**minutes, "checker_2_id": bo.id})
    assert post(client, f"/associations/{aid}/record").status_code == 302
    assert "needs no registration" in client.get(f"/associations/{aid}").get_data(as_text=True)
    roles = db.session.scalars(sa.select(Membership.role).where(Membership.person_id == amina.id))
    assert [r.value for r in roles] == ["chair"]


def test_invitation_notice_and_a_new_link(client, area):
    amina, bilal = residents(area, "Amina A", "Bilal B")
    sign_in_as(client, amina)
    start(client, area)
    association = the_association()
    aid, old_token = association.id, association.invite_token
    post(client, f"/associations/{aid}/founders", {"person_id": bilal.id})
    assert post(client, f"/associations/{aid}/founders", {"person_id": bilal.id}).status_code == 409
    assert post(client, f"/associations/{aid}/invite-link").status_code == 302
    sign_in_as(client, bilal)
    notices = client.get("/notifications").get_data(as_text=True)
    assert "Amina A invites you to found Lina Hage Ungdom together." in notices
    assert client.get(f"/associations/{aid}/join/{old_token}").status_code == 404
    assert post(client, f"/associations/{aid}/join/{old_token}").status_code == 404
    assert "Yes, I am a founder" in client.get(f"/associations/{aid}").get_data(as_text=True)
    assert post(client, f"/associations/{aid}/decline-invitation").status_code == 302
    assert count(Founder, Founder.association_id == aid) == 1


def test_bad_answers_and_meeting_input(client, area):
    (amina,) = residents(area, "Amina A")
    sign_in_as(client, amina)
    start(client, area, kind="cooperative")
    aid = the_association().id
    answers = {
        "seat": "Boden",
        "fee": "50",
        "member_contribution": "",
        "board_size": "3",
        "financial_year_start": "1",
        "annual_meeting_month": "3",
    }
    url = f"/associations/{aid}/statutes/answers"
    assert post(client, url, answers).status_code == 422  # a cooperative's contribution
    assert (
        post(client, url, {**answers, "member_contribution": "100", "board_size": "2"}).status_code
        == 422
    )
    assert post(client, url, {**answers, "member_contribution": "-1"}).status_code == 422
    assert post(client, url, {**answers, "annual_meeting_month": "13"}).status_code == 422
    assert count(StatutesVersion) == 0
    when = f"/associations/{aid}/meeting/when"
    assert (
        post(client, when, {"day": "2030-01-01", "time": "18:00", "place": ""}).status_code == 422
    )
    assert post(client, when, {"day": "no", "time": "18:00", "place": "Här"}).status_code == 422
    # A person outside the founders cannot be chosen in the minutes.
    (other,) = residents(area, "Other O")
    response = post(
        client, f"/associations/{aid}/minutes", {"meeting_chair_id": other.id, "fee": "0"}
    )
    assert response.status_code == 422


def test_start_from_an_idea_of_the_area_only(client, area, other_area):
    from tests.moderation.factories import make_idea

    (amina,) = residents(area, "Amina A")
    here = make_idea(area, amina, title="Läxhjälp på tisdagar")
    there = make_idea(other_area, amina, title="Annat område")
    sign_in_as(client, amina)
    assert "Läxhjälp på tisdagar" in client.get(f"/areas/{area.slug}/associations/new").get_data(
        as_text=True
    )
    data = {"kind": "nonprofit", "name": "Läxhjälpen", "purpose": "Läxhjälp."}
    url = f"/areas/{area.slug}/associations/new"
    assert post(client, url, {**data, "idea": there.id}).status_code == 422
    assert post(client, url, {**data, "idea": here.id}).status_code == 302
    assert the_association().idea_id == here.id
    assert "Läxhjälp på tisdagar" in client.get(f"/associations/{the_association().id}").get_data(
        as_text=True
    )


def test_name_search_as_an_htmx_fragment(client, area):
    amina, bilal = residents(area, "Amina A", "Bilal B")
    sign_in_as(client, amina)
    start(client, area)
    aid = the_association().id
    response = client.get(f"/associations/{aid}/founders?q=Bil", headers={"HX-Request": "true"})
    body = response.get_data(as_text=True)
    assert 'id="found"' in body
    assert "<html" not in body and "Bilal B" in body and bilal.phone not in body
    assert "HX-Request" in response.headers["Vary"]
    assert "<html" in client.get(f"/associations/{aid}/founders?q=Bil").get_data(as_text=True)


def test_pages_query_the_database_a_constant_number_of_times(client, area, founded):
    """More founders, members and activities do not mean more queries (no N+1)."""
    from tests.queries import queries

    aid, (amina, _b, _c) = founded
    sign_in_as(client, amina)
    paths = [
        f"/associations/{aid}",
        f"/associations/{aid}/members",
        f"/associations/{aid}/minutes",
        f"/areas/{area.slug}/associations",
        f"/associations/{aid}/statutes",
    ]
    before = {path: len(queries(client, "GET", path)[1]) for path in paths}
    association = db.session.get(Association, aid)
    for k, person in enumerate(residents(area, *[f"Granne {k}" for k in range(8)])):
        db.session.add(
            Founder(association_id=aid, person_id=person.id, accepted_at=association.founded_at)
        )
        status = MembershipStatus.MEMBER if k % 2 else MembershipStatus.REQUESTED
        db.session.add(Membership(association_id=aid, person_id=person.id, status=status))
        db.session.add(StatutesVersion(association_id=aid, number=10 + k, text="§ 1"))
    db.session.commit()
    after = {path: len(queries(client, "GET", path)[1]) for path in paths}
    assert after == before
