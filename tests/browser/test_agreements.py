"""An agreement on a phone: Boden's process leader opens the area's agreement from the area
page, sees each indicator's chart and table, records a measurement with a decimal comma
(htmx swaps the indicator in place), and the Red Cross representative sees it on the partner's
page. Every page passes axe-core, fits a 360 px phone and is clean under the CSP."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser import test_smoke
from tests.browser.test_moderation import sign_in_from_try
from tests.browser.test_smoke import check_page, choose_language

pytestmark = pytest.mark.browser

LEADER = "Karin Lindström"
REPRESENTATIVE = "Lena Berg"

watched = test_smoke.watched


def test_leader_records_a_measurement_and_the_partner_sees_the_agreement(watched):
    page, watcher = watched
    sign_in_from_try(page, LEADER)
    choose_language(page, "Svenska", "sv")
    check_page(page, watcher, "/areas/boden", "sv")
    page.locator('a[href="/areas/boden/agreements"]').click()
    expect(page).to_have_url(re.compile(r"/areas/boden/agreements$"))
    check_page(page, watcher, "/areas/boden/agreements", "sv")
    page.locator("ul.cards li a").first.click()
    expect(page).to_have_url(re.compile(r"/agreements/\d+$"))
    path = re.sub(r"^https?://[^/]+", "", page.url)
    check_page(page, watcher, path, "sv")
    section = page.locator("section.indicator").first
    expect(section.locator("svg[role=img]")).to_have_count(2)
    rows = section.locator("table.figures tbody tr")
    before = rows.count()

    section.locator("summary").click()
    section.locator("input[type=date]").fill(date.today().isoformat())
    section.locator("input[inputmode=decimal]").fill("12,5")
    section.locator("textarea").fill("Närvarolista från språkcaféet")
    section.locator("button[type=submit]").click()
    section = page.locator("section.indicator").first
    expect(section.locator("table.figures tbody tr")).to_have_count(before + 1)
    expect(section.locator("table.figures")).to_contain_text("12,5")
    expect(section.locator("table.figures")).to_contain_text("Närvarolista från språkcaféet")
    check_page(page, watcher, path, "sv")
    check_page(page, watcher, f"{path}/print", "sv")

    page.goto(path)
    choose_language(page, "العربية", "ar")
    check_page(page, watcher, path, "ar")

    sign_in_from_try(page, REPRESENTATIVE)
    choose_language(page, "Svenska", "sv")
    page.goto("/partners")
    page.locator("main ul").get_by_role("link", name="Röda korset", exact=True).click()
    expect(page).to_have_url(re.compile(r"/partners/\d+$"))
    partner_path = re.sub(r"^https?://[^/]+", "", page.url)
    check_page(page, watcher, partner_path, "sv")
    expect(page.locator("img.logo")).to_have_count(1)
    page.locator(f'a[href="{path}"]').click()
    expect(page.locator("section.indicator").first.locator("table.figures")).to_contain_text("12,5")


def test_forms_for_agreements_invitations_and_the_profile_fit_and_pass_axe(watched):
    page, watcher = watched
    sign_in_from_try(page, LEADER)
    choose_language(page, "Svenska", "sv")
    check_page(page, watcher, "/areas/boden/agreements/new", "sv")
    check_page(page, watcher, "/agreements/1/edit", "sv")
    check_page(page, watcher, "/agreements/mine", "sv")
    check_page(page, watcher, "/partners/1/invite", "sv")
    page.locator("form[action$='/invite/link'] button").click()
    expect(page.locator(".url a")).to_contain_text("/partners/join/")
    sign_in_from_try(page, REPRESENTATIVE)
    choose_language(page, "Svenska", "sv")
    check_page(page, watcher, "/partners/1/profile", "sv")
    check_page(page, watcher, "/partners/invitations", "sv")
