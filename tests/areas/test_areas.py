import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.areas import services
from app.extensions import db
from app.models import AreaRole, AuditEntry, InviteBatch, InviteCode, Role
from app.models.util import utcnow
from tests.conftest import count, give_role, make_person, post, sign_in_as


def generate(client, slug="boden", count_=3, days=30):
    return post(client, f"/areas/{slug}/invites", {"count": count_, "valid_days": days})


def test_leader_generates_printable_invite_sheet(client, leader, area):
    sign_in_as(client, leader)
    response = generate(client, count_=4)
    assert response.status_code == 302
    sheet = client.get(response.headers["Location"])
    assert sheet.status_code == 200
    page = sheet.get_data(as_text=True)
    codes = db.session.scalars(sa.select(InviteCode.code)).all()
    assert len(codes) == 4
    for code in codes:
        assert services.format_code(code) in page
    assert page.count('class="slip"') == 4
    assert "print.css" in page
    assert db.session.scalar(sa.select(AuditEntry.action)) == "generate_invites"
    listing = client.get("/areas/boden/invites").get_data(as_text=True)
    assert "4 codes" in listing and "0 used" in listing


@pytest.mark.parametrize(("n", "days"), [(0, 30), (201, 30), (5, 0), (5, 400), ("x", 30)])
def test_invite_batch_bad_input(client, leader, area, n, days):
    sign_in_as(client, leader)
    response = generate(client, count_=n, days=days)
    assert response.status_code == 422
    assert 'class="error"' in response.get_data(as_text=True)
    assert count(InviteBatch) == 0


def test_resident_redeems_code_and_is_verified(client, leader, area):
    batch = services.generate_invites(area, leader, 2, 30)
    person = make_person("Fatima")
    sign_in_as(client, person)
    code = services.format_code(batch.codes[0].code).lower().replace("-", " ")
    response = post(client, "/verify", {"code": code})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/areas/boden")
    role = db.session.scalar(sa.select(AreaRole).where(AreaRole.person_id == person.id))
    assert role.role is Role.RESIDENT and role.verified
    assert "verified resident" in client.get("/areas/boden").get_data(as_text=True)


def test_reused_code_is_refused(client, leader, area):
    batch = services.generate_invites(area, leader, 1, 30)
    code = batch.codes[0].code
    first, second = make_person("First"), make_person("Second")
    sign_in_as(client, first)
    assert post(client, "/verify", {"code": code}).status_code == 302
    sign_in_as(client, second)
    response = post(client, "/verify", {"code": code})
    assert response.status_code == 422
    assert "already been used" in response.get_data(as_text=True)
    assert count(AreaRole, AreaRole.person_id == second.id) == 0


def test_expired_code_is_refused(client, leader, area):
    batch = services.generate_invites(area, leader, 1, 30)
    batch.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    sign_in_as(client, make_person("Late"))
    response = post(client, "/verify", {"code": batch.codes[0].code})
    assert response.status_code == 422
    assert "expired" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(InviteCode.redeemed_at)) is None


def test_unknown_code_is_refused(client, area):
    sign_in_as(client, make_person("Guess"))
    response = post(client, "/verify", {"code": "ZZZZ-9999"})
    assert response.status_code == 422
    assert "do not recognise" in response.get_data(as_text=True)


def test_redeeming_needs_sign_in(client):
    assert client.get("/verify").status_code == 302


def test_join_then_leader_verifies_directly(client, leader, area):
    person = make_person("Hodan", phone="+46701740609")
    sign_in_as(client, person)
    assert post(client, "/areas/boden/join").status_code == 302
    post(client, "/areas/boden/join")  # twice is harmless
    assert count(AreaRole, AreaRole.person_id == person.id) == 1
    sign_in_as(client, leader)
    listing = client.get("/areas/boden/residents").get_data(as_text=True)
    assert "Hodan" in listing and "+46701740609" in listing
    response = post(client, f"/areas/boden/residents/{person.id}/verify")
    assert response.status_code == 302
    role = db.session.scalar(sa.select(AreaRole).where(AreaRole.person_id == person.id))
    assert role.verified and role.verified_by_id == leader.id
    assert db.session.scalar(sa.select(AuditEntry.action)) == "verify_resident"


def test_verifying_someone_not_resident_is_404(client, leader, area):
    stranger = make_person("Stranger")
    sign_in_as(client, leader)
    assert post(client, f"/areas/boden/residents/{stranger.id}/verify").status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/areas/{slug}/residents"),
        ("get", "/areas/{slug}/invites"),
        ("post", "/areas/{slug}/invites"),
        ("post", "/areas/{slug}/residents/{person}/verify"),
        ("get", "/areas/{slug}/invites/{batch}/print"),
    ],
)
def test_leader_of_another_area_gets_403(client, area, other_area, leader, method, path):
    """Karin leads Boden; everything leader-only in Portalen is forbidden to her."""
    portalen_leader = make_person("Johan")
    give_role(portalen_leader, other_area, Role.LEADER)
    batch = services.generate_invites(other_area, portalen_leader, 1, 30)
    resident = make_person("Maryam")
    give_role(resident, other_area, Role.RESIDENT)
    sign_in_as(client, leader)
    url = path.format(slug="portalen", person=resident.id, batch=batch.id)
    if method == "get":
        response = client.get(url)
    else:
        response = post(client, url, {"count": 5, "valid_days": 10})
    assert response.status_code == 403
    assert "permission" in response.get_data(as_text=True)
    assert count(InviteBatch) == 1
    assert count(AreaRole, AreaRole.verified_at.is_not(None)) == 0


def test_resident_cannot_do_leader_work(client, area, resident):
    sign_in_as(client, resident)
    assert client.get("/areas/boden/residents").status_code == 403
    assert generate(client).status_code == 403


def test_batch_of_other_area_is_not_printed_through_own_area(client, area, other_area, leader):
    other = services.generate_invites(other_area, leader, 1, 30)
    sign_in_as(client, leader)
    assert client.get(f"/areas/boden/invites/{other.id}/print").status_code == 404


def test_unknown_area_is_404(client):
    assert client.get("/areas/nowhere").status_code == 404


def test_codes_avoid_ambiguous_characters(app, leader, area):
    batch = services.generate_invites(area, leader, 50, 30)
    for invite in batch.codes:
        assert re.fullmatch(r"[A-HJKMNP-Z2-9]{8}", invite.code)


def test_htmx_verify_returns_only_the_row(client, leader, area, resident):
    from tests.conftest import csrf_token

    sign_in_as(client, leader)
    response = client.post(
        f"/areas/boden/residents/{resident.id}/verify",
        headers={"HX-Request": "true", "X-CSRFToken": csrf_token(client, "/areas/boden/residents")},
    )
    assert response.status_code == 200
    fragment = response.get_data(as_text=True)
    assert fragment.lstrip().startswith(f'<li class="row" id="resident-{resident.id}">')
    assert "<html" not in fragment and "Verified" in fragment
    assert "HX-Request" in response.headers["Vary"]


def test_residents_page_includes_the_same_row_markup(client, leader, area, resident):
    sign_in_as(client, leader)
    page = client.get("/areas/boden/residents").get_data(as_text=True)
    assert f'id="resident-{resident.id}"' in page
    assert f'hx-post="/areas/boden/residents/{resident.id}/verify"' in page
    assert 'method="post"' in page  # works without JavaScript too


def test_boosted_verify_gets_the_full_page(client, leader, area, resident):
    sign_in_as(client, leader)
    response = post(
        client,
        f"/areas/boden/residents/{resident.id}/verify",
        headers={"HX-Request": "true", "HX-Boosted": "true"},
    )
    assert response.status_code == 302
