"""Signing out ends the sign-in: cookies captured before sign-out open nothing afterwards."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import AreaRole, Notification, NotificationKind, Person, Role, SignIn
from tests.auth.factories import ask_code, sent_code
from tests.conftest import give_role, make_person, post, sign_in_as

REMEMBER = "remember_token"


def _signed_in(client) -> bool:
    return client.get("/account").status_code == 200


def _sign_in_for_real(client, capsys, address="erik@example.se", remember=True):
    ask_code(client, address)
    data = {"code": sent_code(capsys)}
    if remember:
        data["remember"] = "y"
    assert post(client, "/sign-in/code", data).status_code == 302
    assert _signed_in(client)


def _cookies(client) -> dict:
    return {name: client.get_cookie(name).value for name in ("session", REMEMBER)}


def _replay(app, cookies: dict, only=None):
    other = app.test_client()
    other.set_cookie("lang", "en")
    for name, value in cookies.items():
        if only is None or name == only:
            other.set_cookie(name, value)
    return other


@pytest.fixture
def erik(app):
    return make_person("Erik", email="erik@example.se")


def test_cookies_open_the_account_before_sign_out(app, client, capsys, erik):
    _sign_in_for_real(client, capsys)
    cookies = _cookies(client)
    assert _signed_in(_replay(app, cookies, only="session"))
    assert _signed_in(_replay(app, cookies, only=REMEMBER))


@pytest.mark.parametrize("only", ["session", REMEMBER, None])
def test_replayed_cookies_do_not_sign_in_after_sign_out(app, client, capsys, erik, only):
    _sign_in_for_real(client, capsys)
    cookies = _cookies(client)
    assert post(client, "/sign-out").status_code == 302
    assert not _signed_in(client)
    assert not _signed_in(_replay(app, cookies, only=only))


def test_signing_out_here_keeps_the_other_device(app, capsys, erik):
    phone, laptop = app.test_client(), app.test_client()
    _sign_in_for_real(phone, capsys)
    _sign_in_for_real(laptop, capsys)
    post(phone, "/sign-out")
    assert not _signed_in(phone)
    assert _signed_in(laptop)


def test_sign_out_on_all_devices(app, capsys, erik):
    phone, laptop = app.test_client(), app.test_client()
    phone.set_cookie("lang", "en")
    _sign_in_for_real(phone, capsys)
    _sign_in_for_real(laptop, capsys)
    page = phone.get("/account").get_data(as_text=True)
    assert "You are signed in on 2 devices." in page and "Sign out on all devices" in page
    laptop_cookies = _cookies(laptop)
    response = post(phone, "/account/sign-out-everywhere")
    assert response.status_code == 302
    assert not _signed_in(phone)
    assert not _signed_in(laptop)
    assert not _signed_in(_replay(app, laptop_cookies, only=REMEMBER))
    assert db.session.scalar(sa.select(sa.func.count()).where(SignIn.ended_at.is_(None))) == 0


def test_sign_out_everywhere_needs_csrf_and_sign_in(app, client, resident):
    assert client.post("/account/sign-out-everywhere").status_code in (302, 400)
    sign_in_as(client, resident)
    assert client.post("/account/sign-out-everywhere").status_code == 400
    assert _signed_in(client)


def test_deleting_the_account_ends_every_sign_in(app, capsys, erik):
    phone, laptop = app.test_client(), app.test_client()
    _sign_in_for_real(phone, capsys)
    _sign_in_for_real(laptop, capsys)
    cookies = _cookies(laptop)
    assert post(phone, "/account/delete").status_code == 302
    assert not _signed_in(laptop)
    assert not _signed_in(_replay(app, cookies, only=REMEMBER))


def test_an_old_plain_id_cookie_signs_nobody_in(client, erik):
    with client.session_transaction() as session:
        session["_user_id"] = str(erik.id)
    assert not _signed_in(client)
    with client.session_transaction() as session:
        session["_user_id"] = f"{erik.id}:forged"
    assert not _signed_in(client)


def test_ending_a_leaders_role_signs_them_out_and_tells_them(app, client, area, capsys):
    admin = make_person("Ada Admin", admin=True)
    leader = make_person("Karin", email="karin@example.se")
    role = give_role(leader, area, Role.LEADER)
    device = app.test_client()
    _sign_in_for_real(device, capsys, "karin@example.se")
    assert device.get(f"/areas/{area.slug}/invites").status_code == 200
    sign_in_as(client, admin)
    page = client.get(f"/admin/areas/{area.slug}").get_data(as_text=True)
    assert f"/admin/areas/{area.slug}/roles/{role.id}/end" in page
    response = post(client, f"/admin/areas/{area.slug}/roles/{role.id}/end")
    assert response.status_code == 302
    assert db.session.get(AreaRole, role.id) is None
    assert not _signed_in(device)
    notice = db.session.scalar(sa.select(Notification).where(Notification.person_id == leader.id))
    assert notice.kind is NotificationKind.ROLE_ENDED
    assert _signed_in(client)  # the admin stays signed in


def test_only_admins_end_roles_and_only_staff_roles_of_that_area(
    client, area, other_area, leader, resident
):
    role = db.session.scalar(sa.select(AreaRole).where(AreaRole.person_id == leader.id))
    sign_in_as(client, leader)
    assert post(client, f"/admin/areas/{area.slug}/roles/{role.id}/end").status_code == 403
    admin = make_person("Ada Admin", admin=True)
    sign_in_as(client, admin)
    wrong_area = post(client, f"/admin/areas/{other_area.slug}/roles/{role.id}/end")
    assert wrong_area.status_code == 404
    resident_role = db.session.scalar(sa.select(AreaRole).where(AreaRole.person_id == resident.id))
    assert post(client, f"/admin/areas/{area.slug}/roles/{resident_role.id}/end").status_code == 404
    db.session.expire_all()
    assert db.session.get(AreaRole, role.id) is not None
    assert db.session.get(Person, leader.id) is not None


def test_removing_a_partner_representative_signs_them_out(app, client, capsys):
    from tests.partners.factories import make_partner

    partner = make_partner()
    admin = make_person("Ada Admin", admin=True)
    sara = make_person("Sara", email="sara@example.se")
    sign_in_as(client, admin)
    url = f"/admin/partners/{partner.id}/representatives"
    assert post(client, url, {"address": "sara@example.se"}).status_code == 302
    device = app.test_client()
    _sign_in_for_real(device, capsys, "sara@example.se")
    assert post(client, f"{url}/{sara.id}/remove").status_code == 302
    assert not _signed_in(device)
