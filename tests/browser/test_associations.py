"""Founding an association in a real browser on a 360 px phone: three residents of Boden go
from "let's start an association" to printable founding minutes with a board. Every page
passes axe-core, fits the phone and is clean under the CSP."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.browser.pages import check_page, choose_language, sign_in_from_try

pytestmark = pytest.mark.browser

AMINA = "Amina Hassan"
TESFAY = "Tesfay Gebremariam"
HELEN = "Helen Tekle"
NAME = "Bodens grannförening"


def path_of(page: Page) -> str:
    return re.sub(r"^https?://[^/]+", "", page.url)


def as_swedish(page: Page, name: str) -> None:
    sign_in_from_try(page, name)
    if page.locator("html").get_attribute("lang") != "sv":
        choose_language(page, "Svenska", "sv")


def test_three_residents_found_an_association(watched):
    page, watcher = watched

    # Amina starts it from the area page.
    as_swedish(page, AMINA)
    page.goto("/areas/boden")
    page.locator("a[href='/areas/boden/associations']").click()
    expect(page).to_have_url(re.compile(r"/areas/boden/associations$"))
    page.locator("a[href='/areas/boden/associations/new']").click()
    check_page(page, watcher, "/areas/boden/associations/new", "sv")
    page.locator("input[name=kind][value=nonprofit]").check()
    page.locator("#name").fill(NAME)
    page.locator("#purpose").fill("Grannar som hjälps åt: läxhjälp, städdagar och fester.")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/associations/\d+/founders$"))
    founders_path = path_of(page)
    association_path = founders_path.removesuffix("/founders")
    check_page(page, watcher, founders_path, "sv")

    # She finds Tesfay by name and shares the link with Helen.
    page.locator("#q").fill("Tesfay")
    page.locator("form[role=search] button").click()
    row = page.locator("li.row").filter(has_text=TESFAY)
    row.get_by_role("button").click()
    expect(page.locator(".flash")).to_have_count(1)
    link = page.locator("input.invite-link").input_value()
    link_path = re.sub(r"^https?://[^/]+", "", link)

    as_swedish(page, TESFAY)
    page.goto(association_path)
    page.locator(f"form[action='{association_path}/accept'] button").click()
    expect(page.locator(".flash")).to_have_count(1)

    as_swedish(page, HELEN)
    page.goto(link_path)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(re.escape(association_path) + "$"))
    expect(page.locator("main")).to_contain_text(HELEN)

    # Helen answers the statutes questions; the draft is written.
    check_page(page, watcher, f"{association_path}/statutes/answers", "sv")
    page.locator("#fee").fill("50")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/statutes$"))
    expect(page.locator(".statutes")).to_contain_text(NAME)
    check_page(page, watcher, f"{association_path}/statutes", "sv")

    # Amina sets the meeting and fills in the minutes with the others.
    as_swedish(page, AMINA)
    check_page(page, watcher, f"{association_path}/meeting", "sv")
    page.locator("#day").fill((date.today() + timedelta(days=60)).isoformat())
    page.locator("#time").fill("18:00")
    page.locator("#place").fill("Mötesplatsen")
    page.locator(f"form[action='{association_path}/meeting/when'] button").click()
    expect(page.locator(".flash")).to_have_count(1)
    page.locator("#opened_at").fill("18:05")
    page.locator("#meeting_chair_id").select_option(label=AMINA)
    page.locator("#meeting_secretary_id").select_option(label=HELEN)
    page.locator("#checker_1_id").select_option(label=TESFAY)
    page.locator("#checker_2_id").select_option(label=HELEN)
    page.locator("#decided_to_form").check()
    page.locator("#statutes_version_id").select_option(index=1)
    page.locator("#board_chair_id").select_option(label=AMINA)
    page.locator("#board_treasurer_id").select_option(label=TESFAY)
    page.locator("#board_secretary_id").select_option(label=HELEN)
    page.locator("#auditor").fill("Birgitta Lund")
    page.locator("#fee").fill("50")
    page.locator(f"form[action='{association_path}/minutes'] button").click()
    expect(page.locator(".flash")).to_have_count(1)
    expect(page.locator("ul.missing")).to_have_count(0)
    page.locator(f"form[action='{association_path}/record'] button").click()
    expect(page).to_have_url(re.compile(re.escape(association_path) + "$"))
    check_page(page, watcher, association_path, "sv")
    expect(page.locator("main")).to_contain_text("Skatteverket")

    # The minutes print on A4 with the board and four signature lines.
    check_page(page, watcher, f"{association_path}/minutes", "sv")
    minutes = page.locator("main.minutes")
    for name in (AMINA, TESFAY, HELEN, "Birgitta Lund"):
        expect(minutes).to_contain_text(name)
    expect(page.locator(".signature")).to_have_count(4)

    # The same pages right to left, in Arabic.
    page.goto(association_path)
    choose_language(page, "العربية", "ar")
    check_page(page, watcher, association_path, "ar")
    check_page(page, watcher, f"{association_path}/minutes", "ar")
    check_page(page, watcher, "/areas/boden/associations", "ar")
