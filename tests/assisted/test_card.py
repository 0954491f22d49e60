"""The card a leader prints for a resident registered at the meeting place: its one-time code
lets the resident take the account over on their own phone, confirmed by a sign-in code."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.assisted import services
from app.extensions import db
from app.models import Person, Role
from app.models.assisted import AccountClaim
from app.models.util import utcnow
from tests.auth.factories import ask_code, sent_code
from tests.conftest import count, give_role, make_person, post, sign_in_as

CODE = re.compile(r'<p class="code">([A-Z0-9]{5}-[A-Z0-9]{5})</p>')


@pytest.fixture
def registered(area):
    """Registered at the meeting place: no phone, no email, Somali."""
    person = Person(display_name="Faduma Ali", locale="so", birth_year=1958)
    db.session.add(person)
    db.session.commit()
    give_role(person, area, Role.RESIDENT, verified=True)
    return person


def print_card(client, area, person):
    return post(client, f"/areas/{area.slug}/meeting-place/residents/{person.id}/card")


def card_code(client, area, leader, person) -> str:
    sign_in_as(client, leader)
    response = print_card(client, area, person)
    assert response.status_code == 200
    return CODE.search(response.get_data(as_text=True)).group(1)


def sign_out(client):
    post(client, "/sign-out")


def test_the_card_is_in_the_residents_language_and_only_a_hash_is_kept(
    client, area, leader, registered
):
    sign_in_as(client, leader)
    response = print_card(client, area, registered)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    page = response.get_data(as_text=True)
    code = CODE.search(page).group(1)
    assert '<section class="slip" lang="so" dir="ltr">' in page
    assert "Koodkaaga" in page  # "Your code", in Somali
    assert "Print this page and give the card to Faduma Ali." in page  # the leader's language
    claim = db.session.scalar(sa.select(AccountClaim))
    assert code.replace("-", "") not in claim.code_hash
    assert claim.created_by_id == leader.id and claim.expires_at > utcnow() + timedelta(days=59)


def test_a_new_card_makes_the_old_one_stop_working(client, area, leader, registered):
    first = card_code(client, area, leader, registered)
    second = card_code(client, area, leader, registered)
    assert first != second
    assert services.find_claim(first) is None
    assert services.find_claim(second.lower().replace("-", " ")) is not None


def test_no_card_for_someone_who_signs_in_already_or_lives_elsewhere(
    client, area, other_area, leader, resident, registered
):
    sign_in_as(client, leader)
    assert print_card(client, area, resident).status_code == 409  # has a phone
    elsewhere = Person(display_name="Elsewhere", locale="sv")
    db.session.add(elsewhere)
    db.session.commit()
    give_role(elsewhere, other_area, Role.RESIDENT, verified=True)
    assert print_card(client, area, elsewhere).status_code == 404
    sign_in_as(client, resident)
    assert print_card(client, area, registered).status_code == 403
    assert count(AccountClaim) == 0


def test_the_resident_takes_the_account_over_with_the_card(
    client, area, leader, registered, capsys
):
    code = card_code(client, area, leader, registered)
    sign_out(client)
    response = post(client, "/claim", {"code": code})
    assert response.status_code == 302 and response.location.endswith("/sign-in")
    assert "Hello Faduma Ali!" in client.get("/sign-in").get_data(as_text=True)
    ask_code(client, "070-174 06 09")
    response = post(client, "/sign-in/code", {"code": sent_code(capsys)})
    assert response.status_code == 302 and response.location.endswith("/")
    db.session.refresh(registered)
    assert registered.phone == "+46701740609"
    assert count(Person, Person.phone == "+46701740609") == 1  # no second account
    assert "Faduma Ali" in client.get("/account").get_data(as_text=True)
    assert db.session.scalar(sa.select(AccountClaim.used_at)) is not None
    # the card works once
    sign_out(client)
    response = post(client, "/claim", {"code": code})
    assert response.status_code == 422
    assert "That code does not work" in response.get_data(as_text=True)


@pytest.mark.parametrize("typed", ["", "ABCDE-FGHJK", "x" * 41, "<script>"])
def test_a_wrong_code_is_a_clear_422(client, area, leader, registered, typed):
    response = post(client, "/claim", {"code": typed})
    assert response.status_code == 422
    assert "<script>" not in response.get_data(as_text=True)
    with client.session_transaction() as session:
        assert services.CLAIM_SESSION_KEY not in session


def test_an_expired_card_does_not_work(client, area, leader, registered):
    code = card_code(client, area, leader, registered)
    db.session.execute(sa.update(AccountClaim).values(expires_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    sign_out(client)
    assert post(client, "/claim", {"code": code}).status_code == 422


def test_an_address_with_its_own_account_does_not_take_the_card(
    client, area, leader, registered, resident, capsys
):
    code = card_code(client, area, leader, registered)
    sign_out(client)
    post(client, "/claim", {"code": code})
    ask_code(client, resident.phone)
    response = post(client, "/sign-in/code", {"code": sent_code(capsys)})
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "This address already has an account" in page
    db.session.refresh(registered)
    assert registered.phone is None
    assert db.session.scalar(sa.select(AccountClaim.used_at)) is None


def test_signed_in_people_are_sent_to_their_account(client, resident):
    sign_in_as(client, resident)
    response = client.get("/claim")
    assert response.status_code == 302 and response.location.endswith("/account")


def test_a_card_used_up_between_the_code_and_the_sign_in(client, area, leader, registered, capsys):
    code = card_code(client, area, leader, registered)
    sign_out(client)
    post(client, "/claim", {"code": code})
    db.session.execute(sa.update(AccountClaim).values(used_at=utcnow()))
    db.session.commit()
    ask_code(client, "070-174 06 09")
    response = post(client, "/sign-in/code", {"code": sent_code(capsys)})
    assert response.status_code == 302 and response.location.endswith("/claim")
    assert count(Person, Person.phone == "+46701740609") == 0


def test_someone_other_than_a_leader_cannot_open_the_card_page(client, area, resident, registered):
    sign_in_as(client, make_person("Stranger"))
    assert print_card(client, area, registered).status_code == 403
