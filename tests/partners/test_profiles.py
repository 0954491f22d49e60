import io
from datetime import timedelta

import pytest
import sqlalchemy as sa
from PIL import Image
from werkzeug.datastructures import FileStorage

from app.agreements import services as agreements
from app.extensions import db
from app.models import (
    Activity,
    Category,
    IdeaStatus,
    Notification,
    NotificationKind,
    PartnerKind,
    Role,
)
from app.models.agreements import AgreementStatus
from app.models.partners import PartnerInvitation
from app.models.util import utcnow
from app.notifications.messages import render
from app.partners import invitations
from app.partners.logos import logo_path
from app.partners.services import is_representative
from tests.conftest import count, csrf_token, give_role, make_person, post, sign_in_as
from tests.partners.factories import make_partner, make_rep


@pytest.fixture
def partner(area):
    return make_partner("Röda korset", PartnerKind.NGO, [area])


def image_bytes(fmt="JPEG", size=(1200, 800)):
    image = Image.new("RGB", size, (200, 30, 30))
    buffer = io.BytesIO()
    kwargs = {}
    if fmt == "JPEG":
        exif = Image.Exif()
        exif[0x010F] = "SecretCamera"
        exif[0x8825] = {1: "N", 2: (59.0, 20.0, 0.0)}
        kwargs["exif"] = exif.tobytes()
    image.save(buffer, fmt, **kwargs)
    return buffer.getvalue()


def post_profile(client, partner, **extra):
    data = {
        "csrf_token": csrf_token(client),
        "description": "Vi finns i området.",
        "offers": "Språkcafé på tisdagar",
        "website": "https://www.redcross.se",
        **extra,
    }
    return client.post(
        f"/partners/{partner.id}/profile", data=data, content_type="multipart/form-data"
    )


def test_representative_edits_profile_with_a_small_stripped_logo(app, client, partner):
    rep = make_rep(partner)
    sign_in_as(client, rep)
    assert client.get(f"/partners/{partner.id}/profile").status_code == 200
    upload = FileStorage(io.BytesIO(image_bytes()), "logo.jpg", content_type="image/jpeg")
    response = post_profile(client, partner, logo=upload)
    assert response.status_code == 302
    db.session.refresh(partner)
    assert partner.offers == "Språkcafé på tisdagar" and partner.logo.endswith(".webp")
    path = logo_path(partner.logo)
    with Image.open(path) as stored:
        assert stored.format == "WEBP" and max(stored.size) == 256
        assert not stored.getexif()
    assert b"SecretCamera" not in path.read_bytes()
    visitor = app.test_client()
    with visitor.get(f"/media/partners/{partner.logo}") as response:
        assert response.status_code == 200 and response.mimetype == "image/webp"
    page = visitor.get(f"/partners/{partner.id}").get_data(as_text=True)
    assert "Språkcafé på tisdagar" in page and partner.logo in page
    # A new logo replaces the old file; removing clears it.
    old = partner.logo
    upload = FileStorage(io.BytesIO(image_bytes("PNG")), "logo.png", content_type="image/png")
    assert post_profile(client, partner, logo=upload).status_code == 302
    db.session.refresh(partner)
    assert partner.logo != old and logo_path(old) is None
    assert post_profile(client, partner, remove_logo="y").status_code == 302
    db.session.refresh(partner)
    assert partner.logo is None


def test_bad_logo_refused(client, partner):
    sign_in_as(client, make_rep(partner))
    upload = FileStorage(io.BytesIO(b"not an image"), "x.png", content_type="image/png")
    response = post_profile(client, partner, logo=upload)
    assert response.status_code == 422
    assert "not a picture we can read" in response.get_data(as_text=True)


def test_unknown_logo_is_404(client):
    assert client.get("/media/partners/" + "a" * 32 + ".webp").status_code == 404
    assert client.get("/media/partners/../secret").status_code == 404


@pytest.mark.parametrize("who", ["resident", "leader", "other_rep"])
def test_only_representatives_edit_the_profile(client, area, partner, resident, leader, who):
    person = {
        "resident": resident,
        "leader": leader,
        "other_rep": make_rep(make_partner("ABF", PartnerKind.NGO, [area]), "ABF rep"),
    }[who]
    sign_in_as(client, person)
    assert client.get(f"/partners/{partner.id}/profile").status_code == 403
    assert post_profile(client, partner).status_code == 403


def test_leader_invites_by_link_and_invitee_accepts_once(app, client, area, partner, leader):
    sign_in_as(client, leader)
    page = post(client, f"/partners/{partner.id}/invite/link").get_data(as_text=True)
    link = page.split("/partners/join/")[1].split('"')[0]
    invitation = db.session.scalar(sa.select(PartnerInvitation))
    assert link not in invitation.token_hash  # only the hash is stored
    newcomer = make_person("Ny Representant")
    other = app.test_client()
    other.set_cookie("lang", "en")
    sign_in_as(other, newcomer)
    assert "Represent Röda korset" in other.get(f"/partners/join/{link}").get_data(as_text=True)
    response = post(other, f"/partners/join/{link}")
    assert response.status_code == 302
    assert is_representative(newcomer, partner)
    third = app.test_client()
    sign_in_as(third, make_person("Tredje"))
    assert third.get(f"/partners/join/{link}").status_code == 410
    assert post(third, f"/partners/join/{link}").status_code == 410
    assert post(third, "/partners/join/nonsense").status_code == 410


def test_expired_link_refused(client, area, partner, leader):
    token = invitations.invite_by_link(partner, leader)
    invitation = db.session.scalar(sa.select(PartnerInvitation))
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    sign_in_as(client, make_person("Sen"))
    assert post(client, f"/partners/join/{token}").status_code == 410


def test_leader_invites_a_person_who_alone_accepts(app, client, area, partner, leader):
    invitee = make_person("Lena Berg", email="lena@redcross.example")
    sign_in_as(client, leader)
    response = post(
        client, f"/partners/{partner.id}/invite/person", {"address": "lena@redcross.example"}
    )
    assert response.status_code == 302
    notice = db.session.scalar(sa.select(Notification))
    assert notice.person_id == invitee.id and notice.kind is NotificationKind.PARTNER_INVITATION
    with app.test_request_context():
        rendered = render(notice)
    assert "Röda korset" in rendered.sentence and rendered.url.endswith("/partners/invitations")
    invitation = db.session.scalar(sa.select(PartnerInvitation))
    intruder = app.test_client()
    sign_in_as(intruder, make_person("Intruder"))
    assert post(intruder, f"/partners/invitations/{invitation.id}/accept").status_code == 403
    mine = app.test_client()
    mine.set_cookie("lang", "en")
    sign_in_as(mine, invitee)
    assert "Röda korset" in mine.get("/partners/invitations").get_data(as_text=True)
    assert post(mine, f"/partners/invitations/{invitation.id}/accept").status_code == 302
    assert is_representative(invitee, partner)
    assert post(mine, f"/partners/invitations/{invitation.id}/accept").status_code == 410


def test_unknown_address_refused(client, partner, leader):
    sign_in_as(client, leader)
    response = post(client, f"/partners/{partner.id}/invite/person", {"address": "x@nowhere.se"})
    assert response.status_code == 422
    assert count(PartnerInvitation) == 0


def test_residents_and_other_areas_leaders_cannot_invite(client, partner, resident, other_area):
    other_leader = make_person("Annan ledare")
    give_role(other_leader, other_area, Role.LEADER)
    for person in (resident, other_leader, make_rep(partner)):
        sign_in_as(client, person)
        assert client.get(f"/partners/{partner.id}/invite").status_code == 403
        assert post(client, f"/partners/{partner.id}/invite/link").status_code == 403
        assert (
            post(client, f"/partners/{partner.id}/invite/person", {"address": "a@b.se"}).status_code
            == 403
        )
    assert count(PartnerInvitation) == 0


def test_partner_page_lists_activities_agreements_and_requests(client, area, partner, leader):
    from app.ideas import services as ideas
    from app.partners import services as partners

    other = make_partner("Bostadsbolaget", PartnerKind.COMPANY, [area])
    agreements.save_agreement(
        None,
        area,
        leader,
        title="Trygghetsavtal",
        goal="Trygghet",
        strategy="",
        starts_on=utcnow().date(),
        ends_on=utcnow().date() + timedelta(days=2000),
        status=AgreementStatus.ACTIVE,
        follow_up_days=90,
        parties=[agreements.Party(partner.id, ""), agreements.Party(other.id, "")],
    )
    now = utcnow()
    db.session.add(
        Activity(
            area_id=area.id,
            title="Språkcafé",
            category=Category.CULTURE_LEISURE,
            place="Lokalen",
            starts_at=now + timedelta(days=2),
            ends_at=now + timedelta(days=2, hours=2),
            partner_id=partner.id,
        )
    )
    author = make_person("Författare")
    give_role(author, area, Role.RESIDENT, verified=True)
    idea = ideas.propose(area, author, "Läxhjälp", "Text", Category.SCHOOL_YOUTH, "sv")
    ideas.change_status(idea, IdeaStatus.PUBLISHED)
    db.session.commit()
    partners.link_idea(idea, partner, "Kan ni hjälpa?", leader)
    page = client.get(f"/partners/{partner.id}").get_data(as_text=True)
    assert "Trygghetsavtal" in page and "Språkcafé" in page and "Läxhjälp" in page
    assert "Open requests to answer" not in page
    sign_in_as(client, make_rep(partner))
    page = client.get(f"/partners/{partner.id}").get_data(as_text=True)
    assert "Open requests to answer" in page and "Edit the profile and logo" in page


def test_account_export_and_deletion_cover_partner_data(app, area, partner, leader):
    from datetime import date

    from app.account.services import delete_account, export
    from app.models.agreements import Indicator, Measurement

    rep = make_rep(partner, "Lena Berg")
    invitations.invite_person(partner, make_person("Someone"), leader)
    other = make_partner("Bostadsbolaget", PartnerKind.COMPANY, [area])
    agreement = agreements.save_agreement(
        None,
        area,
        leader,
        title="Avtal",
        goal="Mål",
        strategy="",
        starts_on=date(2024, 1, 1),
        ends_on=date(2030, 1, 1),
        status=AgreementStatus.ACTIVE,
        follow_up_days=90,
        parties=[agreements.Party(partner.id, ""), agreements.Party(other.id, "")],
    )
    indicator = agreements.save_indicator(
        None,
        agreement,
        leader,
        name="Trygghet",
        unit="%",
        baseline_value=40,
        baseline_on=date(2024, 1, 1),
        target_value=60,
        target_on=date(2029, 1, 1),
        direction=agreements.Direction.UP,
    )
    agreements.record_measurement(
        indicator, rep, measured_on=date(2025, 1, 1), value="45,5", source="Enkät"
    )
    data = export(rep)["partners"]
    assert data["represents"] == ["Röda korset"]
    assert data["measurements_entered"][0]["value"] == 45.5
    delete_account(rep)
    assert not is_representative(rep, partner)
    measurement = db.session.scalar(sa.select(Measurement))
    assert measurement.entered_by_id is None and measurement.value == 45.5
    assert count(Indicator) == 1


def test_invitation_and_follow_up_notices_show_in_the_notification_list(
    client, area, partner, leader
):
    invitee = make_person("Lena Berg", email="lena@redcross.example")
    invitations.invite_person(partner, invitee, leader)
    from app.notifications.services import notify

    notify(invitee.id, NotificationKind.AGREEMENT_FOLLOW_UP, detail="Avtal: Trygghet")
    db.session.commit()
    sign_in_as(client, invitee)
    page = client.get("/notifications").get_data(as_text=True)
    assert "represent Röda korset" in page and "/partners/invitations" in page
    assert "Avtal: Trygghet" in page and "/agreements/mine" in page


def test_outbox_delivers_the_invitation(runner, area, partner, leader):
    invitee = make_person("Lena Berg", email="lena@redcross.example")
    invitations.invite_person(partner, invitee, leader)
    result = runner.invoke(args=["send-outbox"])
    assert result.exit_code == 0, result.output
    notice = db.session.scalar(sa.select(Notification))
    db.session.refresh(notice)
    assert notice.sent_at is not None


def test_partner_page_queries_do_not_grow_with_activities_and_agreements(
    client, area, other_area, partner, leader
):
    from sqlalchemy import event

    def queries():
        statements = []

        def counter(*args):
            statements.append(1)

        event.listen(db.engine, "before_cursor_execute", counter)
        try:
            assert client.get(f"/partners/{partner.id}").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", counter)
        return len(statements)

    sign_in_as(client, leader)
    partner.areas = [area, other_area]
    db.session.commit()
    before = queries()
    other = make_partner("Bostadsbolaget", PartnerKind.COMPANY, [area, other_area])
    now = utcnow()
    for n in range(4):
        agreements.save_agreement(
            None,
            area if n % 2 else other_area,
            leader if n % 2 else make_person(f"Admin {n}", admin=True),
            title=f"Avtal {n}",
            goal="Mål",
            strategy="",
            starts_on=now.date(),
            ends_on=now.date() + timedelta(days=2000),
            status=AgreementStatus.ACTIVE,
            follow_up_days=90,
            parties=[agreements.Party(partner.id, ""), agreements.Party(other.id, "")],
        )
        db.session.add(
            Activity(
                area_id=(area if n % 2 else other_area).id,
                title=f"Aktivitet {n}",
                category=Category.CULTURE_LEISURE,
                place="Lokalen",
                starts_at=now + timedelta(days=n - 2),
                ends_at=now + timedelta(days=n - 2, hours=1),
                partner_id=partner.id,
            )
        )
    db.session.commit()
    assert queries() == before
    assert "Invite representatives" in client.get(f"/partners/{partner.id}").get_data(as_text=True)
