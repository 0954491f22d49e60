import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from app.i18n import LANGUAGES
from tests.conftest import make_person, post, sign_in_as

TRANSLATIONS = Path(__file__).parent.parent / "translations"


@pytest.mark.parametrize(
    ("code", "direction"),
    [("sv", "ltr"), ("en", "ltr"), ("ar", "rtl"), ("so", "ltr"), ("fa", "rtl"), ("ti", "ltr")],
)
def test_html_lang_and_dir(app, code, direction):
    client = app.test_client()
    client.set_cookie("lang", code)
    page = client.get("/").get_data(as_text=True)
    assert f'<html lang="{code}" dir="{direction}">' in page


def test_default_is_swedish(app):
    page = app.test_client().get("/").get_data(as_text=True)
    assert '<html lang="sv"' in page
    assert "Logga in" in page


def test_accept_language_is_used_without_cookie(app):
    page = (
        app.test_client()
        .get("/", headers={"Accept-Language": "ar,en;q=0.8"})
        .get_data(as_text=True)
    )
    assert '<html lang="ar" dir="rtl">' in page


def test_unsupported_cookie_falls_back(app):
    client = app.test_client()
    client.set_cookie("lang", "xx")
    page = client.get("/", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert '<html lang="sv"' in page


def test_cookie_beats_accept_language_and_person_beats_cookie(app):
    client = app.test_client()
    client.set_cookie("lang", "so")
    page = client.get("/", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert 'lang="so"' in page
    sign_in_as(client, make_person("Maryam", locale="fa"))
    page = client.get("/", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert '<html lang="fa" dir="rtl">' in page


def test_language_switcher_names_each_language_in_itself(client):
    page = client.get("/language").get_data(as_text=True)
    for code, name in LANGUAGES.items():
        assert f'value="{code}" lang="{code}"' in page
        assert name in page
    assert 'hx-boost="false"' in page  # a full page load, so <html lang dir> changes


def test_switching_language_sets_cookie_and_returns(client):
    response = post(client, "/language", {"lang": "ar", "next": "/areas/boden"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/areas/boden"
    assert client.get_cookie("lang").value == "ar"
    assert 'dir="rtl"' in client.get("/").get_data(as_text=True)


def test_switching_language_saves_it_for_signed_in_person(client):
    person = make_person("Erik", locale="sv")
    sign_in_as(client, person)
    post(client, "/language", {"lang": "ti"})
    assert person.locale == "ti"


def test_switching_to_unknown_language_is_400(client):
    response = post(client, "/language", {"lang": "xx"})
    assert response.status_code == 400


def test_language_switch_does_not_redirect_off_site(client):
    response = post(client, "/language", {"lang": "en", "next": "//evil.example/"})
    assert response.headers["Location"] == "/"


def _catalogue(code):
    with open(TRANSLATIONS / code / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f)


@pytest.mark.parametrize("code", ["sv", "en", "ar", "so", "fa", "ti"])
def test_catalogue_is_complete(code):
    catalogue = _catalogue(code)
    missing = [
        m.id
        for m in catalogue
        if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)) or m.fuzzy)
    ]
    assert missing == []


@pytest.mark.parametrize("code", ["sv", "en", "ar", "so", "fa", "ti"])
def test_placeholders_survive_translation(code):
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]")
    for message in _catalogue(code):
        if message.id and message.string and isinstance(message.id, str):
            assert sorted(placeholder.findall(message.id)) == sorted(
                placeholder.findall(message.string)
            ), message.id


# English words a translator left in place of their own (the names of things such as CSRF,
# F-skatt or Skatteverket stay).
LEFTOVERS = re.compile(r"\b(token|extension|decimal|float|reload|VAT|Link|None)\b")
# A count in a sentence goes through ngettext; these %(num)d are not counts of things.
NOT_COUNTS = {
    "Arrived: %(num)d",
    "Expected: %(num)d",
    "Places not filled: %(num)d",
    "Draft %(num)d of the statutes is written.",
    "Version %(num)d",
    "Version %(num)d is saved.",
    "The meeting adopted the statutes, version %(num)d, attached.",
    "number %(num)d in line",
    # a board has at least three members: the plural is always right
    "The association is led by a board of %(num)d members, elected by the annual meeting: a chair, a treasurer, a secretary and other members.",
    "The statutes give the board %(num)d members: elect %(more)d board members besides the chair, the treasurer and the secretary, or change the board size in the statutes.",
    "The statutes give the board %(num)d members: elect at most %(more)d besides the chair, the treasurer and the secretary.",
}


@pytest.mark.parametrize("code", ["ar", "so", "fa", "ti"])
def test_no_english_words_left_in_the_catalogue(code):
    left = [
        (message.id, text)
        for message in _catalogue(code)
        if message.id
        for text in (message.string if isinstance(message.string, tuple) else (message.string,))
        if LEFTOVERS.search(text or "")
    ]
    assert left == []


def test_counts_go_through_ngettext():
    singular_counts = {
        message.id
        for message in _catalogue("en")
        if isinstance(message.id, str) and "%(num)d" in message.id
    }
    assert singular_counts <= NOT_COUNTS


@pytest.mark.parametrize("code", ["sv", "en", "ar", "so", "fa", "ti"])
def test_apply_and_applied_differ(code):
    catalogue = _catalogue(code)
    assert catalogue["Apply"].string != catalogue["Applied"].string


def test_dates_are_formatted_for_the_locale_in_stockholm_time(app):
    from datetime import UTC, datetime

    from flask_babel import format_datetime

    moment = datetime(2026, 6, 1, 22, 30, tzinfo=UTC)
    with app.test_request_context(headers={"Cookie": "lang=sv"}):
        assert "00:30" in format_datetime(moment, "short")  # CEST, next day
        assert "2026-06-02" in format_datetime(moment, "short")


EASTERN_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9]")


@pytest.mark.parametrize("code", LANGUAGES)
def test_one_digit_system_in_the_catalogues(code):
    """Digits in translations are the same Western digits the app formats (DIGITS)."""
    with open(TRANSLATIONS / code / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalogue = read_po(po)
    eastern = [
        message.id
        for message in catalogue
        if message.id
        and any(
            EASTERN_DIGITS.search(s or "")
            for s in (message.string if isinstance(message.string, tuple) else (message.string,))
        )
    ]
    assert not eastern, eastern[:5]


@pytest.mark.parametrize("code", ["ar", "fa"])
def test_numbers_and_dates_use_western_digits_in_arabic_and_persian(app, code):
    from datetime import date

    from flask_babel import force_locale, format_decimal, format_number

    from app.clock import date_label
    from app.i18n import DIGITS

    assert DIGITS == "latn"
    with app.test_request_context(), force_locale(code):
        written = [format_number(1477), format_decimal(12.5), date_label(date(2026, 12, 4))]
    for text in written:
        assert not EASTERN_DIGITS.search(text), text
        assert any(ch in "0123456789" for ch in text), text
