from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.auth import services
from app.extensions import db
from app.models import LoginCode, LoginLink, Person
from app.models.util import utcnow
from tests.auth.factories import ask_code, sent_code
from tests.conftest import count, make_person, post


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("070-174 06 05", "+46701740605"),
        ("0701740605", "+46701740605"),
        ("+46 70 174 06 05", "+46701740605"),
        ("  Name@Example.SE ", "name@example.se"),
    ],
)
def test_addresses_are_normalised(app, typed, stored):
    assert services.normalize_address(typed) == stored


@pytest.mark.parametrize(
    "typed", ["12345", "070-17", "not an address", "a@b", "name@", "@x.se", ""]
)
def test_malformed_address_is_refused_with_message(client, typed):
    response = ask_code(client, typed)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'class="error"' in page
    assert count(LoginCode) == 0


def test_new_person_signs_up_with_code(client, capsys):
    response = ask_code(client, "070-174 06 05")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/sign-in/code")
    code = sent_code(capsys)
    stored = db.session.scalar(sa.select(LoginCode))
    assert stored.address == "+46701740605"
    assert code not in stored.code_hash  # only a keyed hash is stored

    response = post(client, "/sign-in/code", {"code": code, "remember": "y"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/sign-up")

    response = post(
        client, "/sign-up", {"display_name": " Hodan ", "locale": "so", "birth_year": "1990"}
    )
    assert response.status_code == 302
    person = db.session.scalar(sa.select(Person))
    assert (person.display_name, person.phone, person.locale) == ("Hodan", "+46701740605", "so")
    assert client.get("/account").status_code == 200


def test_existing_person_signs_in_and_is_remembered(client, capsys):
    make_person("Erik", email="erik@example.se")
    ask_code(client, "ERIK@example.se")
    response = post(client, "/sign-in/code", {"code": sent_code(capsys), "remember": "y"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/")
    cookie = client.get_cookie("remember_token")
    assert cookie is not None
    assert cookie.expires - utcnow() > timedelta(days=29)


def test_code_is_single_use(client, capsys):
    make_person("Erik", email="erik@example.se")
    ask_code(client, "erik@example.se")
    code = sent_code(capsys)
    assert post(client, "/sign-in/code", {"code": code}).status_code == 302
    post(client, "/sign-out")
    with client.session_transaction() as session:
        session["sign_in_address"] = "erik@example.se"
    response = post(client, "/sign-in/code", {"code": code})
    assert response.status_code == 410
    assert "expired or was already used" in response.get_data(as_text=True)


def test_wrong_code_six_times_locks_with_clear_message(client, capsys):
    make_person("Erik", email="erik@example.se")
    ask_code(client, "erik@example.se")
    code = sent_code(capsys)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for left in (4, 3, 2, 1):
        response = post(client, "/sign-in/code", {"code": wrong})
        assert response.status_code == 422
        assert f"You have {left} tries left" in response.get_data(as_text=True)
    response = post(client, "/sign-in/code", {"code": wrong})
    assert response.status_code == 410
    assert "this code is locked" in response.get_data(as_text=True)
    # The sixth try fails even with the right code.
    response = post(client, "/sign-in/code", {"code": code})
    assert response.status_code == 410
    assert "this code is locked" in response.get_data(as_text=True)
    assert client.get("/account").status_code == 302
    assert db.session.scalar(sa.select(LoginCode.attempts)) == 5


def test_expired_code_is_refused(client, capsys):
    make_person("Erik", email="erik@example.se")
    ask_code(client, "erik@example.se")
    code = sent_code(capsys)
    db.session.execute(sa.update(LoginCode).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    response = post(client, "/sign-in/code", {"code": code})
    assert response.status_code == 410
    assert "expired" in response.get_data(as_text=True)


def test_new_code_replaces_the_old_one(client, capsys):
    ask_code(client, "erik@example.se")
    first = sent_code(capsys)
    ask_code(client, "erik@example.se")
    second = sent_code(capsys)
    if first != second:
        assert post(client, "/sign-in/code", {"code": first}).status_code == 422
    assert post(client, "/sign-in/code", {"code": second}).status_code == 302


def test_malformed_code_is_refused(client, capsys):
    ask_code(client, "erik@example.se")
    response = post(client, "/sign-in/code", {"code": "12ab"})
    assert response.status_code == 422
    assert "6 digits" in response.get_data(as_text=True)


def test_code_page_without_address_goes_back(client):
    assert client.get("/sign-in/code").headers["Location"].endswith("/sign-in")


def _to_sign_up(client, capsys):
    ask_code(client, "new@example.se")
    post(client, "/sign-in/code", {"code": sent_code(capsys)})


@pytest.mark.parametrize(
    ("birth_year", "message"),
    [
        (utcnow().year - 10, "You need to be 13"),
        (utcnow().year - 12, "You need to be 13"),
        (utcnow().year + 1, "cannot be in the future"),
        (1800, "too early"),
    ],
)
def test_sign_up_refuses_bad_birth_year(client, capsys, birth_year, message):
    _to_sign_up(client, capsys)
    response = post(
        client, "/sign-up", {"display_name": "Kid", "locale": "sv", "birth_year": birth_year}
    )
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert count(Person) == 0


def test_sign_up_accepts_thirteen_year_old(client, capsys):
    _to_sign_up(client, capsys)
    year = utcnow().year - 13
    response = post(
        client, "/sign-up", {"display_name": "Samir", "locale": "ar", "birth_year": year}
    )
    assert response.status_code == 302
    assert count(Person) == 1


def test_under_13_message_is_translated(client, capsys):
    _to_sign_up(client, capsys)
    client.set_cookie("lang", "sv")
    response = post(
        client, "/sign-up", {"display_name": "Kid", "locale": "sv", "birth_year": utcnow().year - 9}
    )
    assert "Du måste ha fyllt 13 år" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"display_name": "x" * 61, "locale": "sv", "birth_year": "1990"}, "at most 60"),
        ({"display_name": "   ", "locale": "sv", "birth_year": "1990"}, "Write a name"),
        ({"display_name": "Ok", "locale": "xx", "birth_year": "1990"}, "Not a valid choice"),
        ({"display_name": "Ok", "locale": "sv", "birth_year": "nineteen"}, "Write the year"),
    ],
)
def test_sign_up_refuses_bad_profile(client, capsys, data, message):
    _to_sign_up(client, capsys)
    response = post(client, "/sign-up", data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert count(Person) == 0


def test_sign_in_is_rate_limited_per_address(app, client):
    app.config["LIMIT_SIGN_IN_IP"] = "100 per hour"
    for _ in range(5):
        assert ask_code(client, "erik@example.se").status_code == 302
    response = ask_code(client, "Erik@Example.se")
    assert response.status_code == 429
    assert ask_code(client, "other@example.se").status_code == 302


def test_sign_in_is_rate_limited_per_ip(app, client):
    app.config["LIMIT_SIGN_IN_IP"] = "3 per hour"
    for n in range(3):
        assert ask_code(client, f"p{n}@example.se").status_code == 302
    response = ask_code(client, "p9@example.se")
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)


def test_login_link_cli_signs_in_once(client, runner):
    make_person("Admin", email="admin@example.se", admin=True)
    result = runner.invoke(args=["login-link", "admin@example.se"])
    assert result.exit_code == 0
    url = result.output.strip()
    assert url.startswith("http://localhost/sign-in/link/")
    path = url.removeprefix("http://localhost")
    assert client.get(path).status_code == 200
    assert post(client, path).status_code == 302
    assert client.get("/account").status_code == 200
    post(client, "/sign-out")
    assert post(client, path).status_code == 410
    assert client.get("/account").status_code == 302


def test_expired_login_link_is_refused(client, runner):
    make_person("Admin", email="admin@example.se", admin=True)
    path = runner.invoke(args=["login-link", "admin@example.se"]).output.strip()
    db.session.execute(sa.update(LoginLink).values(expires_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    path = path.removeprefix("http://localhost")
    assert client.get(path).status_code == 410
    assert post(client, path).status_code == 410


def test_login_link_for_unknown_address_fails(runner):
    result = runner.invoke(args=["login-link", "nobody@example.se"])
    assert result.exit_code != 0
    assert "No account" in result.output


def test_create_admin_cli(runner):
    result = runner.invoke(
        args=["create-admin", "--name", "Anna Admin", "--address", "070 174 06 99"]
    )
    assert result.exit_code == 0, result.output
    person = db.session.scalar(sa.select(Person))
    assert person.is_admin and person.phone == "+46701740699"
    result = runner.invoke(args=["create-admin", "--name", "X", "--address", "nope"])
    assert result.exit_code != 0


def test_sign_in_next_is_kept_but_only_local(client, capsys):
    make_person("Erik", email="erik@example.se")
    client.get("/sign-in?next=//evil.example/")
    ask_code(client, "erik@example.se")
    response = post(client, "/sign-in/code", {"code": sent_code(capsys)})
    assert response.headers["Location"] == "/"
    post(client, "/sign-out")
    client.get("/sign-in?next=/account")
    ask_code(client, "erik@example.se")
    response = post(client, "/sign-in/code", {"code": sent_code(capsys)})
    assert response.headers["Location"] == "/account"


def _ask_from(client, address, forwarded_for):
    return post(
        client,
        "/sign-in",
        {"address": address},
        headers={"X-Forwarded-For": forwarded_for},
    )


def test_behind_a_proxy_each_resident_has_their_own_sign_in_limit(make_app):
    """With PROXIES=1 the limit counts the address nginx forwards, not nginx itself."""
    app = make_app(PROXIES=1, RATELIMIT_ENABLED=True, LIMIT_SIGN_IN_IP="2 per hour")
    client = app.test_client()
    with app.app_context():
        for n in range(2):
            assert _ask_from(client, f"a{n}@example.se", "10.1.1.1").status_code == 302
        assert _ask_from(client, "a9@example.se", "10.1.1.1").status_code == 429
        assert _ask_from(client, "b0@example.se", "10.2.2.2").status_code == 302


def test_without_proxies_a_forwarded_address_is_not_believed(make_app):
    app = make_app(PROXIES=0, RATELIMIT_ENABLED=True, LIMIT_SIGN_IN_IP="2 per hour")
    client = app.test_client()
    with app.app_context():
        for n in range(2):
            assert _ask_from(client, f"c{n}@example.se", f"10.3.3.{n}").status_code == 302
        assert _ask_from(client, "c9@example.se", "10.9.9.9").status_code == 429
