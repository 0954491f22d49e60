"""Moderation and notices in a real browser: a resident proposes, the process leader publishes
from the queue and hides with a reason, the log and the resident's notices follow. Every page
passes axe-core, fits a 360 px phone and is clean under the CSP, in Swedish and Arabic."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser import test_smoke
from tests.browser.test_smoke import check_page, choose_language

pytestmark = pytest.mark.browser

RESIDENT = "Amina Hassan"
LEADER = "Karin Lindström"
TITLE = "Läxhjälp i samlingslokalen"

watched = test_smoke.watched  # the page with its watcher for CSP blocks and failed loads


def sign_in_from_try(page: Page, name: str) -> None:
    page.goto("/try")
    page.locator("li.row").filter(has_text=name).get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/$"))


def test_propose_publish_hide_log_and_notices(watched):
    page, watcher = watched
    sign_in_from_try(page, RESIDENT)
    choose_language(page, "Svenska", "sv")
    page.goto("/areas/boden/ideas/new")
    page.locator("#title").fill(TITLE)
    page.locator("#text").fill("Två kvällar i veckan, med volontärer från gymnasiet.")
    page.locator("form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(TITLE)
    idea_path = re.sub(r"^https?://[^/]+", "", page.url)

    sign_in_from_try(page, LEADER)
    check_page(page, watcher, "/areas/boden/moderation", "sv")
    card = page.locator("li").filter(has_text=TITLE)
    card.get_by_role("button").first.click()
    expect(page).to_have_url(re.compile(r"/areas/boden/moderation$"))
    expect(page.locator(".flash")).to_have_count(1)

    check_page(page, watcher, idea_path, "sv")
    page.locator(".moderation summary").click()
    page.locator("#hide-reason-code").select_option("personal_data")
    page.locator("#hide-reason").fill("Telefonnummer i texten.")
    page.locator(".moderation form").filter(has=page.locator("#hide-reason")).locator(
        "button"
    ).click()
    expect(page.locator(".hidden-reason").first).to_contain_text("Telefonnummer i texten.")
    expect(page.locator("h1")).not_to_have_text(TITLE)
    watcher.assert_clean("hide")

    check_page(page, watcher, "/areas/boden/moderation-log", "sv")
    expect(page.locator("main")).to_contain_text("Telefonnummer i texten.")
    expect(page.locator("main")).not_to_contain_text(LEADER)

    choose_language(page, "العربية", "ar")
    for path in ("/areas/boden/moderation", "/areas/boden/moderation-log", idea_path):
        check_page(page, watcher, path, "ar")
    check_page(page, watcher, f"{idea_path}/moderate", "ar")
    choose_language(page, "Svenska", "sv")

    sign_in_from_try(page, RESIDENT)
    choose_language(page, "Svenska", "sv")
    expect(page.locator("nav.bottom .badge.count")).to_have_text(re.compile(r"^[1-9]\d*$"))
    check_page(page, watcher, "/notifications", "sv")
    expect(page.locator("main")).to_contain_text("Telefonnummer i texten.")
    expect(page.locator("nav.bottom .badge.count")).to_have_count(0)
    choose_language(page, "العربية", "ar")
    check_page(page, watcher, "/notifications", "ar")
