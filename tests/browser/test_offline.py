"""The phone without a connection: after one visit, the service worker answers any page with
the offline page in the visitor's language, and keeps nothing personal."""

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.pages import VIEWPORT, choose_language, sign_in_from_try

pytestmark = pytest.mark.browser


def test_without_a_connection_the_offline_page_answers(browser: Browser, live_server):
    context = browser.new_context(base_url=live_server, viewport=VIEWPORT, locale="sv-SE")
    try:
        page = context.new_page()
        sign_in_from_try(page, "Amina Hassan")
        choose_language(page, "العربية", "ar")
        page.goto("/account")  # a personal page, which must not be kept
        page.wait_for_function(
            "navigator.serviceWorker && navigator.serviceWorker.ready.then(r => !!r.active)"
        )
        context.set_offline(True)
        page.goto("/areas/portalen")
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page.locator("h1")).to_have_text("لا يوجد اتصال")
        kept = page.evaluate(
            """caches.keys().then(names => Promise.all(names.map(n => caches.open(n)
                 .then(c => c.keys())))).then(all => all.flat().map(r => {
                   const u = new URL(r.url); return u.pathname + u.search; }))"""
        )
        assert "/offline?lang=ar" in kept
        assert all(k.startswith("/static/") or k.startswith("/offline?") for k in kept), kept
        expect(page.locator("nav.bottom")).to_be_visible()  # the kept style sheet: a styled page
        context.set_offline(False)
        page.goto("/")
        choose_language(page, "Svenska", "sv")
    finally:
        context.close()
