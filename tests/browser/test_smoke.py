"""Smoke test in a real browser: try-it-as sign-in, the language switch to Arabic (right to
left), and on every main page in Swedish and Arabic: no serious or critical axe-core
violation, no horizontal scrolling on a 360 px phone, nothing blocked by the CSP."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import check_page, choose_language

pytestmark = pytest.mark.browser

ANONYMOUS_PAGES = ["/", "/sign-in", "/language", "/areas/boden", "/try"]
SIGNED_IN_PAGES = ["/", "/language", "/areas/boden", "/account", "/try"]
RESIDENT = "Fatima Al-Sayed"


def test_anonymous_pages_in_swedish_and_arabic(watched):
    page, watcher = watched
    for path in ANONYMOUS_PAGES:
        check_page(page, watcher, path, "sv")

    page.goto("/areas/boden")
    choose_language(page, "العربية", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    # Back where the switch started, now in Arabic.
    expect(page).to_have_url(re.compile(r"/areas/boden$"))
    for path in ANONYMOUS_PAGES:
        check_page(page, watcher, path, "ar")


def test_try_as_resident_then_switch_language(watched):
    page, watcher = watched
    page.goto("/try")
    row = page.locator("li.row").filter(has_text=RESIDENT)
    expect(row).to_have_count(1)
    button = row.get_by_role("button", name=re.compile(re.escape(RESIDENT)))
    expect(button).to_have_count(1)
    button.click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("main")).to_contain_text(RESIDENT)
    watcher.assert_clean("sign-in from /try")

    # Her own language setting (Arabic) wins once she is signed in: a full page load.
    expect(page.locator("html")).to_have_attribute("lang", "ar")

    choose_language(page, "Svenska", "sv")
    for path in SIGNED_IN_PAGES:
        check_page(page, watcher, path, "sv")

    choose_language(page, "العربية", "ar")
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ar")
    for path in SIGNED_IN_PAGES:
        check_page(page, watcher, path, "ar")


def test_sign_in_from_try_sets_the_page_language(watched):
    page, watcher = watched
    page.goto("/try")
    page.locator("li.row").filter(has_text=RESIDENT).get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("main")).to_contain_text(RESIDENT)
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    watcher.assert_clean("sign-in from /try")
