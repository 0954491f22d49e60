"""Issue 12, done when: a 14-year-old goes from the home page to the shift list, signs up
naming a guardian, the guardian consents in Somali, and she sees the notice and her confirmed
shift — on a 360 px phone, in Swedish and in Arabic, with JavaScript on and off.

Each run has its own youth (a new verified resident of Lina Hage, 14 this year, signed in by
a sign-in link), its own workplace and Saturday shift and its own guardian, so the runs
share nothing but the live server. The youth's account is in Swedish; in the Arabic runs her
phone asks for Arabic and she switches with the header's language link, as a user would.
"""

import os
import re
from datetime import date, datetime, time
from pathlib import Path
from typing import NamedTuple

import pytest
import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _
from playwright.sync_api import Browser, Page, expect

from app.auth.services import create_login_link
from app.clock import STOCKHOLM, date_label, time_label
from app.extensions import db
from app.models import Area, AreaRole, Person, Role, Shift
from app.models.util import utcnow
from app.shifts import services
from app.shifts.services import ShiftInput
from tests.browser.conftest import next_saturday
from tests.browser.pages import VIEWPORT, Watcher, choose_language, look

pytestmark = pytest.mark.browser

AREA = "lina-hage"
LEADER = "ibrahim.yusuf@linahage.example"  # Lina Hage's process leader
SUPERVISOR = "Maja Ek"
BROWSER_LOCALES = {"sv": "sv-SE", "ar": "ar"}

SHOTS = os.environ.get("JOURNEY_SHOTS")


def shot(page: Page, run: str, step: str, js: bool) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{run}-{step}.png", full_page=True)
        if js:  # the screenshot leaves style="" on inputs, which htmx's settle would copy (CSP)
            page.evaluate(
                "document.querySelectorAll('[style=\"\"]').forEach(e => e.removeAttribute('style'))"
            )


class Run(NamedTuple):
    youth: str
    phone: str  # the youth's own (fictional) number
    guardian: str  # the guardian's (fictional) number, as she types it
    guardian_e164: str
    cafe: str  # the run's own workplace


RUNS = {
    ("sv", True): Run(
        "Elsa Kallio", "+46701740640", "070-174 06 70", "+46701740670", "Bibliotekets fik"
    ),
    ("sv", False): Run(
        "Tuva Lindqvist", "+46701740641", "070-174 06 71", "+46701740671", "Simhallens kiosk"
    ),
    ("ar", True): Run(
        "Rania Aziz", "+46701740642", "070-174 06 72", "+46701740672", "Kulturhusets café"
    ),
    ("ar", False): Run(
        "Lana Saleh", "+46701740643", "070-174 06 73", "+46701740673", "Sporthallens servering"
    ),
}


def in_language(live_app, lang: str, message: str, **values) -> str:
    with live_app.test_request_context(), force_locale(lang):
        return str(_(message, **values))


def consented_notice(live_app, lang: str, shift_id: int) -> str:
    """GUARDIAN_CONSENTED's sentence for this shift, as the youth reads it in ``lang``."""
    with live_app.test_request_context(), force_locale(lang):
        shift = db.session.get(Shift, shift_id)
        when = _(
            "%(day)s at %(time)s",
            day=date_label(shift.starts_at),
            time=time_label(shift.starts_at),
        )
        sentence = _(
            "Your guardian consented: your place on the shift at %(workplace)s on %(when)s is "
            "confirmed.",
            workplace=shift.workplace.name,
            when=when,
        )
        db.session.remove()
        return str(sentence)


def set_up(live_app, run: Run) -> tuple[str, int]:
    """The run's youth (14 this year, a verified resident, account in Swedish), her sign-in
    link, and a Saturday shift at the run's own workplace (light work, from 13 years)."""
    with live_app.test_request_context():
        area = db.session.scalar(sa.select(Area).where(Area.slug == AREA))
        leader = db.session.scalar(sa.select(Person).where(Person.email == LEADER))
        youth = Person(
            display_name=run.youth, phone=run.phone, locale="sv", birth_year=date.today().year - 14
        )
        db.session.add(youth)
        db.session.flush()
        db.session.add(
            AreaRole(person_id=youth.id, area_id=area.id, role=Role.RESIDENT, verified_at=utcnow())
        )
        db.session.commit()
        workplace = services.create_workplace(
            area, leader, run.cafe, supervisor_name=SUPERVISOR, light_work=True
        )
        saturday = next_saturday()
        shift = services.create_shift(
            workplace,
            leader,
            ShiftInput(
                starts_at=datetime.combine(saturday, time(11), tzinfo=STOCKHOLM),
                ends_at=datetime.combine(saturday, time(14), tzinfo=STOCKHOLM),
                capacity=2,
                role="Kassa",
                min_age=13,
            ),
        )
        token = create_login_link(youth)
        shift_id = shift.id
        db.session.remove()
    return token, shift_id


def bottom_bar(page: Page, href: str):
    return page.locator(f"nav.bottom a[href='{href}']")


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_youth_signs_up_guardian_consents_in_somali_she_sees_it_confirmed(
    lang, js, sms, browser: Browser, live_server, live_app
):
    run = RUNS[(lang, js)]
    name = f"{lang}-{'js' if js else 'nojs'}"
    t = lambda message, **values: in_language(live_app, lang, message, **values)  # noqa: E731
    token, shift_id = set_up(live_app, run)
    shift_path = f"/shifts/{shift_id}"
    context = browser.new_context(
        base_url=live_server,
        viewport=VIEWPORT,
        locale=BROWSER_LOCALES[lang],
        java_script_enabled=js,
        service_workers="block",
    )
    try:
        page = context.new_page()
        watcher = Watcher(page)

        # She signs in from the link sent to her phone and lands on the home page.
        page.goto(f"/sign-in/link/{token}")
        expect(page.locator("html")).to_have_attribute("lang", lang)  # her phone's language
        page.locator("main form button[type=submit]").click()
        expect(page).to_have_url(re.compile(r"/$"))
        if lang != "sv":  # her account is in Swedish: she switches with the header's link
            expect(page.locator("html")).to_have_attribute("lang", "sv")
            choose_language(page, "العربية", lang)
        look(page, watcher, "/", lang, js)
        expect(page.locator("h1")).to_have_text(t("Hello, %(name)s", name=run.youth))
        shot(page, name, "1-home", js)

        # From the home page, her area's "Café shifts" to the shift list.
        page.locator(f"main a[href='/areas/{AREA}/shifts']").first.click()
        expect(page).to_have_url(re.compile(rf"/areas/{AREA}/shifts$"))
        expect(page.locator("h1")).to_have_text(t("Café shifts"))
        look(page, watcher, f"/areas/{AREA}/shifts", lang, js)
        card = page.locator(f"#shift-{shift_id}")
        expect(card.locator("h3")).to_contain_text(run.cafe)
        shot(page, name, "2-list", js)

        # On the card she signs up, naming her guardian.
        if js:
            page.evaluate("window.__same_document = true")
        card.get_by_label(t("Your guardian's mobile number or email")).fill(run.guardian)
        shot(page, name, "3-card-filled", js)
        card.get_by_role("button", name=t("Sign up")).click()
        held = t("We sent the guardian a link to consent. The place is held for 72 hours.")
        if js:  # htmx swaps the card in place
            expect(card.locator("p.flash")).to_have_text(held)
            assert page.evaluate("window.__same_document === true"), "reloaded, not swapped"
        else:  # the form posts and comes back to the list
            expect(page).to_have_url(re.compile(rf"/areas/{AREA}/shifts#shift-{shift_id}$"))
            expect(page.locator("main > p.flash")).to_have_text(held)
        expect(card.locator(".badge.ok")).to_have_text(t("Waiting for a guardian's consent"))
        watcher.assert_clean(f"signing up [{name}]")
        shot(page, name, "4-signed-up", js)
        assert len(sms.sent) == 1 and sms.sent[0][0] == run.guardian_e164
        assert run.cafe in sms.sent[0][2]

        # The guardian opens the link on their own phone and reads it in Somali.
        guardian_context = browser.new_context(
            base_url=live_server,
            viewport=VIEWPORT,
            locale="sv-SE",
            java_script_enabled=js,
            service_workers="block",
        )
        try:
            guardian_page = guardian_context.new_page()
            guardian_watcher = Watcher(guardian_page)
            guardian_path = f"/guardian/{sms.token()}"
            guardian_page.goto(guardian_path)
            # The link comes in the youth's language, and so does the page at first.
            expect(guardian_page.locator("html")).to_have_attribute("lang", lang)
            shot(guardian_page, name, "5-guardian-first", js)
            guardian_page.locator("form.languages button[value=so]").click()
            expect(guardian_page).to_have_url(re.compile(re.escape(guardian_path) + "$"))
            expect(guardian_page.locator("html")).to_have_attribute("lang", "so")
            look(guardian_page, guardian_watcher, guardian_path, "so", js)
            main = guardian_page.locator("main")
            expect(main.locator("h1")).to_have_text(
                in_language(live_app, "so", "Consent for a shift")
            )
            expect(main).to_contain_text(run.youth)
            expect(main).to_contain_text(run.cafe)
            expect(main).to_contain_text(SUPERVISOR)
            shot(guardian_page, name, "6-guardian-somali", js)
            guardian_page.get_by_role(
                "button", name=in_language(live_app, "so", "I consent")
            ).click()
            expect(main.locator("p.flash")).to_have_text(
                in_language(live_app, "so", "You consented")
            )
            expect(guardian_page.locator("html")).to_have_attribute("lang", "so")
            expect(main.locator("p.badge")).to_contain_text(
                in_language(live_app, "so", "Confirmed")
            )
            guardian_watcher.assert_clean(f"the guardian's consent [{name}]")
            shot(guardian_page, name, "7-guardian-consented", js)
        finally:
            guardian_context.close()

        # Back on her phone: the bottom bar shows a new notice; she opens her notices.
        bottom_bar(page, "/").click()
        expect(page).to_have_url(re.compile(r"/$"))
        notices = bottom_bar(page, "/notifications")
        expect(notices.locator(".badge.count")).to_have_text("1")
        notices.click()
        expect(page).to_have_url(re.compile(r"/notifications$"))
        notice = page.locator("main li").filter(has_text=run.cafe)
        expect(notice.locator("p[dir=auto]")).to_have_text(
            consented_notice(live_app, lang, shift_id)
        )
        expect(notice.locator(".badge.ok")).to_have_text(t("New"))
        shot(page, name, "8-notices", js)
        watcher.assert_clean(f"the notices [{name}]")

        # The notice opens the shift: her place is confirmed.
        notice.get_by_role("link", name=t("Open the shift")).click()
        expect(page).to_have_url(re.compile(re.escape(shift_path) + "$"))
        expect(page.locator("main .badge.ok")).to_have_text(t("Confirmed"))
        look(page, watcher, shift_path, lang, js)
        expect(page.locator("main .badge.ok")).to_have_text(t("Confirmed"))
        shot(page, name, "9-shift", js)

        # And "Mine" in the bottom bar lists it, confirmed.
        bottom_bar(page, "/my/signups").click()
        expect(page).to_have_url(re.compile(r"/my/signups$"))
        look(page, watcher, "/my/signups", lang, js)
        entry = page.locator("main li").filter(has=page.locator(f"a[href='{shift_path}']"))
        expect(entry).to_contain_text(run.cafe)
        expect(entry.locator("strong")).to_have_text(t("Confirmed"))
        shot(page, name, "10-mine", js)
        watcher.assert_clean(f"my sign-ups [{name}]")
    finally:
        context.close()
