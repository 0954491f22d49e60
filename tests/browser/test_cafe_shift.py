"""The café-shift journey, in a real browser on a 360 px phone, in Swedish: a process leader
puts up a café shift; a 14-year-old finds it from the area page, signs up and names a
guardian; the guardian opens the link (taken from what was sent) and consents; the youth sees
the place confirmed. On the day the leader runs the day view from the phone and marks arrival;
after the shift the youth opens the certificate of work. Every page passes axe-core, fits the
phone and is clean under the CSP."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _
from playwright.sync_api import Browser, expect

from app.extensions import db
from app.models import Shift, ShiftSignup
from app.models.util import utcnow
from tests.browser.conftest import next_saturday
from tests.browser.pages import VIEWPORT, Watcher, check_page, sign_in_from_try

pytestmark = pytest.mark.browser

LEADER = "Ibrahim Yusuf"  # process leader of Lina Hage in the demo
YOUTH = "Aram Barsoum"  # 14, Lina Hage, Swedish
AREA = "lina-hage"
CAFE = "Fritidsgårdens café"
GUARDIAN = "070-174 06 98"  # a fictional number


def sv(live_app, message: str) -> str:
    with live_app.test_request_context(), force_locale("sv"):
        return str(_(message))


def test_youth_signs_up_guardian_consents_leader_runs_the_day_certificate(
    watched, sms, browser: Browser, live_server, live_app
):
    page, watcher = watched

    # A process leader puts up a workplace and a Saturday shift, from the phone.
    sign_in_from_try(page, LEADER)
    check_page(page, watcher, f"/areas/{AREA}/workplaces/new", "sv")
    page.locator("#name").fill(CAFE)
    page.locator("#supervisor_name").fill("Maja Ek")
    page.locator("#light_work").check()  # counter work: light work for a 14-year-old
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/areas/{AREA}/shifts$"))
    page.locator("section").filter(has=page.locator("h3", has_text=CAFE)).locator(
        "a[href$='/shifts/new']"
    ).click()
    saturday = next_saturday().isoformat()
    page.locator("#starts_at").fill(f"{saturday}T11:00")
    page.locator("#ends_at").fill(f"{saturday}T14:00")
    page.locator("#capacity").fill("2")
    page.locator("#role").fill("Kassa")
    page.locator("#min_age").fill("13")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/shifts/\d+$"))
    shift_path = re.sub(r"^https?://[^/]+", "", page.url)
    shift_id = int(shift_path.rsplit("/", 1)[1])
    watcher.assert_clean("creating the shift")

    # The 14-year-old finds it from the area page and signs up, naming a guardian.
    sign_in_from_try(page, YOUTH)
    check_page(page, watcher, f"/areas/{AREA}", "sv")
    page.locator(f"main a[href='/areas/{AREA}/shifts']").first.click()
    expect(page).to_have_url(re.compile(rf"/areas/{AREA}/shifts$"))
    page.locator(f"main a[href='{shift_path}']").click()
    check_page(page, watcher, shift_path, "sv")
    page.locator("#guardian").fill(GUARDIAN)
    with page.expect_navigation():
        page.locator("form[action$='/sign-up'] button[type=submit]").click()
    expect(page.locator(".badge.ok")).to_have_text(sv(live_app, "Waiting for a guardian's consent"))
    assert sms.sent and sms.sent[-1][0] == "+46701740698"

    # The guardian opens the link on their own phone and consents.
    context = browser.new_context(
        base_url=live_server, viewport=VIEWPORT, locale="sv-SE", service_workers="block"
    )
    guardian_page = context.new_page()
    guardian_watcher = Watcher(guardian_page)
    check_page(guardian_page, guardian_watcher, f"/guardian/{sms.token()}", "sv")
    expect(guardian_page.locator("main")).to_contain_text(CAFE)
    expect(guardian_page.locator("main")).to_contain_text("Maja Ek")
    guardian_page.locator("button[name=decision][value=consent]").click()
    expect(guardian_page.locator("main")).to_contain_text(sv(live_app, "You consented"))
    guardian_watcher.assert_clean("the guardian's consent")
    context.close()

    # The youth sees the place confirmed, on the shift and on "My sign-ups".
    page.goto(shift_path)
    expect(page.locator(".badge.ok")).to_have_text(sv(live_app, "Confirmed"))
    check_page(page, watcher, "/my/signups", "sv")
    expect(page.locator("main")).to_contain_text(CAFE)

    # The day comes: the shift is today and already over (set in the database).
    with live_app.app_context():
        shift = db.session.get(Shift, shift_id)
        end = utcnow() - timedelta(minutes=5)
        shift.starts_at, shift.ends_at = end - timedelta(hours=3), end
        shift.signup_opens_at = shift.signup_closes_at = shift.cancel_deadline = (
            shift.starts_at - timedelta(hours=1)
        )
        shift.signup_opens_at -= timedelta(days=1)
        db.session.commit()
        db.session.remove()

    # The leader runs the day from the phone: who is expected, then arrival.
    sign_in_from_try(page, LEADER)
    check_page(page, watcher, f"/areas/{AREA}/today", "sv")
    entry = page.locator("li.day-entry").filter(has_text=CAFE)
    expect(entry).to_contain_text(YOUTH)
    entry.locator("a.button").click()
    expect(page).to_have_url(re.compile(rf"{shift_path}$"))
    with page.expect_navigation():
        page.locator("form[action$='/arrival'] button[value=yes]").click()
    expect(page).to_have_url(re.compile(rf"{shift_path}$"))
    watcher.assert_clean("marking arrival")
    with live_app.app_context():
        arrived = db.session.scalar(
            sa.select(ShiftSignup.arrived).where(ShiftSignup.shift_id == shift_id)
        )
        db.session.remove()
    assert arrived is True

    # After the shift the youth opens the certificate of work.
    sign_in_from_try(page, YOUTH)
    check_page(page, watcher, "/my/hours", "sv")
    page.locator("a[href$='/my/hours/certificate']").click()
    expect(page).to_have_url(re.compile(r"/my/hours/certificate$"))
    main = page.locator("body")
    expect(main).to_contain_text(CAFE)
    expect(main).to_contain_text("Lina Hage")
    expect(main).to_contain_text(YOUTH)
    expect(main).to_contain_text("Maja Ek")
    # the leader who marked her arrival signs it
    expect(page.locator(".signature")).to_contain_text(LEADER)
    watcher.assert_clean("the certificate")
