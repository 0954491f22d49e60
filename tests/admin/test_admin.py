import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Area, AreaRole, AuditEntry, Role
from tests.conftest import count, make_person, post, sign_in_as


@pytest.fixture
def admin(app):
    return make_person("Admin", email="admin@example.se", admin=True)


def test_admin_creates_area_and_appoints_leader(client, admin):
    sign_in_as(client, admin)
    response = post(
        client,
        "/admin/areas",
        {
            "name": "Lina Hage",
            "slug": "lina-hage",
            "municipality": "Södertälje kommun",
            "default_locale": "sv",
        },
    )
    assert response.status_code == 302
    area = db.session.scalar(sa.select(Area))
    assert (area.slug, area.municipality) == ("lina-hage", "Södertälje kommun")
    leader = make_person("Ibrahim", email="ibrahim@example.se")
    response = post(
        client, "/admin/areas/lina-hage", {"address": "IBRAHIM@example.se", "role": "leader"}
    )
    assert response.status_code == 302
    assert count(AreaRole, AreaRole.person_id == leader.id, AreaRole.role == Role.LEADER) == 1
    assert "Ibrahim" in client.get("/admin/areas/lina-hage").get_data(as_text=True)
    actions = set(db.session.scalars(sa.select(AuditEntry.action)))
    assert actions == {"create_area", "appoint_leader"}
    assert client.get("/areas/lina-hage/invites").status_code == 200  # admin may also act


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"name": "X", "slug": "Bad Slug", "municipality": "M", "default_locale": "sv"},
            "small letters",
        ),
        ({"name": "", "slug": "ok", "municipality": "M", "default_locale": "sv"}, "Write a name"),
        (
            {"name": "X", "slug": "boden", "municipality": "M", "default_locale": "sv"},
            "already has",
        ),
    ],
)
def test_area_bad_input(client, admin, area, data, message):
    sign_in_as(client, admin)
    response = post(client, "/admin/areas", data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert count(Area) == 1


def test_appointing_unknown_person_is_refused(client, admin, area):
    sign_in_as(client, admin)
    response = post(
        client, "/admin/areas/boden", {"address": "nobody@example.se", "role": "leader"}
    )
    assert response.status_code == 422
    assert "Nobody has an account" in response.get_data(as_text=True)
    response = post(client, "/admin/areas/boden", {"address": "12", "role": "leader"})
    assert response.status_code == 422


def test_leader_is_not_admin(client, leader, area):
    sign_in_as(client, leader)
    assert client.get("/admin/areas").status_code == 403
    response = post(client, "/admin/areas/boden", {"address": "x@example.se", "role": "leader"})
    assert response.status_code == 403


def test_admin_needs_sign_in(client):
    assert client.get("/admin/areas").status_code == 302
