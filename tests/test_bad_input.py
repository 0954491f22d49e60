"""Bad input anywhere in the app gets a 4xx with a translated message, never a 500."""

import pytest
from werkzeug.routing import IntegerConverter

from app.converters import MAX_ID
from app.models import Role
from tests.conftest import csrf_token, give_role, make_person, sign_in_as

HUGE_IDS = [3_000_000_000, 10**20, 10**25]


def _int_rules(app):
    """Every rule with an ``<int:…>`` argument, with the methods it answers."""
    for rule in app.url_map.iter_rules():
        ints = [n for n, conv in rule._converters.items() if isinstance(conv, IntegerConverter)]
        if ints:
            yield rule, ints


def _url(rule, ints, value) -> str:
    """The rule's path with ``value`` for each int argument and a plain word for the others."""
    parts = []
    for is_dynamic, piece in rule._trace:
        if not is_dynamic:
            parts.append(piece)
        else:
            parts.append(str(value) if piece in ints else "x")
    return "".join(parts).split("|", 1)[1]


@pytest.fixture
def admin_client(client, area):
    person = make_person("Ada Admin", admin=True)
    give_role(person, area, Role.LEADER)
    sign_in_as(client, person)
    return client


def test_int_converter_is_bounded(app):
    assert app.url_map.converters["int"].__name__ == "BoundedIntegerConverter"
    rules = list(_int_rules(app))
    # Many blueprints have id routes; each of them is bounded.
    blueprints = {rule.endpoint.split(".")[0] for rule, _ in rules}
    assert {"activities", "associations", "premises", "ideas", "shifts"} <= blueprints
    for rule, _ints in rules:
        for name in _ints:
            assert rule._converters[name].max == MAX_ID


@pytest.mark.parametrize("value", HUGE_IDS + [MAX_ID])
def test_huge_ids_in_every_url_are_4xx(app, admin_client, value):
    token = csrf_token(admin_client)
    checked = 0
    for rule, ints in _int_rules(app):
        url = _url(rule, ints, value)
        if "GET" in rule.methods:
            response = admin_client.get(url)
            assert response.status_code < 500, (url, response.status_code)
            checked += 1
        if "POST" in rule.methods:
            response = admin_client.post(url, data={"csrf_token": token})
            assert response.status_code < 500, (url, response.status_code)
            checked += 1
    assert checked > 50


@pytest.mark.parametrize(
    "url",
    [
        "/activities/3000000000",
        "/associations/3000000000",
        "/premises/3000000000",
        "/ideas/3000000000",
        "/activities/100000000000000000000",
    ],
)
def test_huge_id_is_a_translated_404(admin_client, url):
    response = admin_client.get(url)
    assert response.status_code == 404
    assert "We could not find that page." in response.get_data(as_text=True)


def test_huge_id_post_is_404(admin_client):
    token = csrf_token(admin_client)
    response = admin_client.post("/bookings/3000000000/approve", data={"csrf_token": token})
    assert response.status_code == 404


# The 500 page after a database error


def _failing_route(app):
    """A test-only route whose query fails: PostgreSQL then aborts the whole transaction."""
    import sqlalchemy as sa
    from flask_login import current_user

    from app.extensions import db

    def broken():
        assert current_user.is_authenticated  # the person is loaded before the failure
        db.session.execute(sa.text("SELECT no_such_column FROM no_such_table"))
        return "unreachable"

    app.add_url_rule("/test-only/broken", "test_only_broken", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False


def test_database_error_renders_the_translated_500_page(app, client, resident):
    _failing_route(app)
    sign_in_as(client, resident)
    response = client.get("/test-only/broken")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Something went wrong on our side." in page
    assert "Error code 500" in page  # the full template, with the signed-in header
    assert "Notices" in page


def test_database_error_page_is_swedish_on_a_swedish_page(app, client, resident):
    _failing_route(app)
    resident.locale = "sv"
    from app.extensions import db

    db.session.commit()
    sign_in_as(client, resident)
    response = client.get("/test-only/broken")
    assert response.status_code == 500
    assert 'lang="sv"' in response.get_data(as_text=True)


def test_500_page_renders_without_templates_or_database(app, client, monkeypatch):
    _failing_route(app)
    import app.security as security

    def no_template(*args, **kwargs):
        raise RuntimeError("template or database unavailable")

    monkeypatch.setattr(security, "render_template", no_template)
    response = client.get("/test-only/broken")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Something went wrong on our side. Try again in a little while." in page
    assert 'lang="en"' in page
