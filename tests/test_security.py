import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Person
from tests.conftest import csrf_token, make_person, sign_in_as


def test_security_headers_on_every_page(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "HX-Request" in response.headers["Vary"]


def test_no_inline_script_in_pages(client, area):
    for path in ["/", "/sign-in", "/language", "/areas/boden", "/try"]:
        page = client.get(path).get_data(as_text=True)
        assert "<script>" not in page and "onclick" not in page
        assert page.count("<script") == 2  # htmx and our own file


def test_post_without_csrf_token_is_400(client, area):
    response = client.post("/sign-in", data={"address": "erik@example.se"})
    assert response.status_code == 400
    assert "Reload and try again" in response.get_data(as_text=True)
    response = client.post("/language", data={"lang": "ar"})
    assert response.status_code == 400


def test_htmx_post_with_token_in_header_is_accepted(client):
    token = csrf_token(client)
    response = client.post(
        "/sign-in",
        data={"address": "erik@example.se"},
        headers={"X-CSRFToken": token, "HX-Request": "true"},
    )
    assert response.status_code == 302


def test_htmx_post_with_wrong_header_token_is_400(client):
    csrf_token(client)
    response = client.post(
        "/sign-in", data={"address": "a@example.se"}, headers={"X-CSRFToken": "forged"}
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", "We could not find that page."), ("ar", "لم نتمكن من العثور على هذه الصفحة")],
)
def test_404_page_is_translated(app, lang, text):
    client = app.test_client()
    client.set_cookie("lang", lang)
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert text in response.get_data(as_text=True)


def test_403_page_is_translated(client, area, resident):
    resident.locale = "en"
    sign_in_as(client, resident)
    response = client.get("/areas/boden/invites")
    assert response.status_code == 403
    assert "You do not have permission" in response.get_data(as_text=True)


def test_500_page_is_translated_and_hides_details(make_app):
    app = make_app(TESTING=False, PROPAGATE_EXCEPTIONS=False)

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret detail")

    client = app.test_client()
    client.set_cookie("lang", "en")
    response = client.get("/boom")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Something went wrong on our side" in page and "secret detail" not in page


def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": True}


def test_healthz_reports_unreachable_database(tmp_path, make_app):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/missing/dir/db.sqlite")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "degraded", "database": False}


def test_production_cookies_are_secure(make_app):
    app = make_app(GRANNLABB_ENV="production")
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    assert app.config["SESSION_COOKIE_HTTPONLY"] and app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    response = app.test_client().get("/sign-in")
    assert "Strict-Transport-Security" in response.headers
    assert (
        "Secure" in response.headers["Set-Cookie"] and "HttpOnly" in response.headers["Set-Cookie"]
    )


def test_contact_data_not_shown_to_other_residents(client, area, resident):
    other = make_person("Other", email="other@example.se")
    sign_in_as(client, other)
    for path in ["/", "/areas/boden", "/account"]:
        assert "+46701740605" not in client.get(path).get_data(as_text=True)


def test_deleted_person_session_ends(client, resident):
    sign_in_as(client, resident)
    db.session.execute(sa.update(Person).values(deleted_at=sa.func.current_timestamp()))
    db.session.commit()
    assert client.get("/account").status_code == 302
