"""The guardian's language: the guardian page offers the six languages, the choice is kept
for that guardian (this page, the next links, whichever youth names them) and the page opens
in the youth's language until the guardian chooses."""

import sqlalchemy as sa

from app.extensions import db
from app.i18n import LANGUAGES
from app.models import GuardianConsent
from tests.conftest import post
from tests.shifts.factories import make_shift, sign_up_with_guardian_phone, youth

SOMALI_SUBJECT = "Grannlabb: oggolaanshahaaga ayaa laga codsanayaa wareeg shaqo"
ARABIC_SUBJECT = "Grannlabb: مطلوب موافقتك على نوبة عمل"


def _asked(client, workplace, outbox, person=None, **shift):
    person = person or youth("Hiba")
    sign_up_with_guardian_phone(client, person, make_shift(workplace, **shift))
    return outbox.token(), db.session.scalar(
        sa.select(GuardianConsent).order_by(GuardianConsent.id.desc()).limit(1)
    )


def test_the_page_offers_six_languages_and_opens_in_the_youths(app, client, workplace, outbox):
    person = youth("Hiba")
    person.locale = "ar"
    db.session.commit()
    token, _ = _asked(client, workplace, outbox, person)
    assert outbox.sent[-1][1] == ARABIC_SUBJECT  # nothing chosen yet: the youth's language
    page = app.test_client().get(f"/guardian/{token}").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in page
    for code, name in LANGUAGES.items():
        assert f'name="lang" value="{code}" lang="{code}"' in page and name in page


def test_choosing_somali_keeps_it_for_the_page_and_the_next_link(app, client, workplace, outbox):
    token, consent = _asked(client, workplace, outbox)
    guardian = app.test_client()
    response = post(guardian, f"/guardian/{token}/language", {"lang": "so"})
    assert response.status_code == 302 and response.location.endswith(f"/guardian/{token}")
    assert "lang=so" in response.headers["Set-Cookie"]
    db.session.expire_all()
    assert consent.language == "so"
    fresh_device = app.test_client()  # the choice belongs to the guardian, not the device
    page = fresh_device.get(f"/guardian/{token}").get_data(as_text=True)
    assert '<html lang="so" dir="ltr">' in page and 'value="so" lang="so"' in page

    another = youth("Samir", age=15)  # a sibling naming the same guardian
    sign_up_with_guardian_phone(client, another, make_shift(workplace, capacity=2))
    assert outbox.sent[-1][0] == consent.guardian_address
    assert outbox.sent[-1][1] == SOMALI_SUBJECT
    newest = outbox.token()
    assert '<html lang="so"' in fresh_device.get(f"/guardian/{newest}").get_data(as_text=True)


def test_the_guardians_choice_outranks_the_device_and_the_youth(app, client, workplace, outbox):
    token, consent = _asked(client, workplace, outbox)
    consent.language = "fa"
    db.session.commit()
    guardian = app.test_client()
    guardian.set_cookie("lang", "sv")
    page = guardian.get(f"/guardian/{token}").get_data(as_text=True)
    assert '<html lang="fa" dir="rtl">' in page


def test_a_decision_is_answered_in_the_chosen_language(app, client, workplace, outbox):
    token, consent = _asked(client, workplace, outbox)
    guardian = app.test_client()
    post(guardian, f"/guardian/{token}/language", {"lang": "sv"})
    phone = app.test_client()  # another device, set to English
    phone.set_cookie("lang", "en")
    response = post(
        phone,
        f"/guardian/{token}",
        {"signup": str(consent.signup_id), "decision": "consent"},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert '<html lang="sv"' in page and "Jag samtycker" not in page
    assert "Ta tillbaka mitt samtycke" in page and "Du samtyckte" in page


def test_an_unknown_language_is_refused_and_nothing_is_kept(app, client, workplace, outbox):
    token, consent = _asked(client, workplace, outbox)
    guardian = app.test_client()
    guardian.set_cookie("lang", "en")
    response = post(guardian, f"/guardian/{token}/language", {"lang": "xx"})
    assert response.status_code == 422
    assert "Choose one of the languages shown." in response.get_data(as_text=True)
    response = post(guardian, f"/guardian/{token}/language", {})
    assert response.status_code == 422
    db.session.expire_all()
    assert consent.language is None


def test_the_language_form_needs_its_token_and_csrf(app, client, workplace, outbox):
    token, consent = _asked(client, workplace, outbox)
    guardian = app.test_client()
    assert post(guardian, "/guardian/not-a-token/language", {"lang": "so"}).status_code == 404
    response = guardian.post(f"/guardian/{token}/language", data={"lang": "so"})  # no CSRF
    assert response.status_code == 400
    db.session.expire_all()
    assert consent.language is None
