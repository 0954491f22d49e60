"""An agreement on a phone: Boden's process leader opens the area's agreement from the area
page, sees each indicator's chart and table, records a measurement with a decimal comma
(htmx swaps the indicator in place), and the Red Cross representative sees it on the partner's
page. Every page passes axe-core, fits a 360 px phone and is clean under the CSP."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.pages import check_page, choose_language, sign_in_from_try

pytestmark = pytest.mark.browser

LEADER = "Karin Lindström"
REPRESENTATIVE = "Lena Berg"


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


def test_done_when_a_leader_sets_up_an_agreement_and_a_programme_and_anyone_sees_the_results(
    watched,
):
    """The whole agreement journey on a 360 px phone: Boden's process leader sets up an agreement
    with two partners and three indicators, records a measurement (and corrects it in place),
    sets up a programme, enrols a participant with assisted consent and records an outcome;
    then a visitor who is not signed in opens the results and sees the four seed figures,
    computed from the demo's records."""
    page, watcher = watched
    today = date.today()
    start = date(today.year - 1, 1, 1)
    sign_in_from_try(page, LEADER)
    choose_language(page, "English", "en")

    page.goto("/areas/boden/agreements")
    page.get_by_role("link", name="New agreement").click()
    expect(page).to_have_url(re.compile(r"/areas/boden/agreements/new$"))
    page.locator("#title").fill("Jobbvägen Boden")
    page.locator("#goal").fill("Fler boende i Boden har ett arbete.")
    page.locator("#starts_on").fill(start.isoformat())
    page.locator("#ends_on").fill(date(start.year + 6, 1, 1).isoformat())
    page.locator("#status").select_option("active")
    parties = page.locator("fieldset.parties .party")
    for index, duty in enumerate(("Praktikplatser", "Studiecirklar")):
        parties.nth(index).locator("input[type=checkbox]").check()
        parties.nth(index).locator("textarea").fill(duty)
    page.get_by_role("button", name="Create the agreement").click()
    expect(page).to_have_url(re.compile(r"/agreements/\d+$"))
    path = re.sub(r"^https?://[^/]+", "", page.url)
    expect(page.locator("main")).to_contain_text("Praktikplatser")
    expect(page.locator("main")).to_contain_text("Studiecirklar")

    for name, baseline, target, direction in (
        ("Boende i arbete", "52", "65", "up"),
        ("Unga i sommarjobb", "12", "40", "up"),
        ("Långtidsarbetslösa", "80", "40", "down"),
    ):
        page.locator("#name").fill(name)
        page.locator("#unit").fill("personer")
        page.locator("#baseline_value").fill(baseline)
        page.locator("#baseline_on").fill(start.isoformat())
        page.locator("#target_value").fill(target)
        page.locator("#target_on").fill(date(start.year + 5, 1, 1).isoformat())
        page.locator("#direction").select_option(direction)
        page.get_by_role("button", name="Add the indicator").click()
        expect(page.locator("section.indicator").filter(has_text=name)).to_have_count(1)
    expect(page.locator("section.indicator")).to_have_count(3)

    section = page.locator("section.indicator").first
    section.locator("summary").click()
    section.locator("input[type=date]").fill(today.isoformat())
    section.locator("input[inputmode=decimal]").fill("55,5")
    section.locator("textarea").fill("Arbetsförmedlingen")
    section.get_by_role("button", name="Record").click()
    section = page.locator("section.indicator").first
    expect(section.locator("table.figures")).to_contain_text("55.5")
    expect(section).to_contain_text("27 % of the way")  # (55.5 - 52) / (65 - 52)

    # A typo: corrected in place, without leaving the page.
    section.get_by_role("link", name="Correct or delete").click()
    section = page.locator("section.indicator").first
    section.locator("input[inputmode=decimal]").fill("56")
    section.get_by_role("button", name="Save the correction").click()
    section = page.locator("section.indicator").first
    expect(section.locator("table.figures")).to_contain_text("56")
    expect(section.locator("table.figures")).not_to_contain_text("55.5")
    assert re.sub(r"^https?://[^/]+", "", page.url) == path
    edit_path = section.get_by_role("link", name="Correct or delete").get_attribute("href")
    check_page(page, watcher, path, "en")
    check_page(page, watcher, edit_path, "en")  # the same form without JavaScript
    choose_language(page, "العربية", "ar")
    check_page(page, watcher, edit_path, "ar")
    choose_language(page, "English", "en")
    check_page(page, watcher, f"{path}/print", "en")

    page.goto("/areas/boden/programmes")
    page.get_by_role("link", name="New programme").click()
    page.locator("#name").fill("Jobbcoach för nyanlända")
    page.locator("#for_whom").fill("Nyanlända i Boden som söker arbete")
    page.get_by_role("button", name="Create the programme").click()
    expect(page).to_have_url(re.compile(r"/programmes/\d+$"))
    programme_path = re.sub(r"^https?://[^/]+", "", page.url)
    page.locator("#new_name").fill("Sahra Warsame")
    page.get_by_label("The participant has heard the text above").check()
    page.get_by_role("button", name="Enrol with assisted consent").click()
    card = page.locator("ul.cards li").filter(has_text="Sahra Warsame")
    expect(card).to_contain_text("assisted consent, recorded by Karin Lindström")
    card.locator("summary").click()
    card.locator("select").select_option("work")
    card.get_by_role("button", name="Record the outcome").click()
    card = page.locator("ul.cards li").filter(has_text="Sahra Warsame")
    expect(card).to_contain_text("Latest outcome: Work")
    check_page(page, watcher, programme_path, "en")

    # Anyone, signed out, on the phone.
    page.context.clear_cookies()
    page.goto("/")
    choose_language(page, "English", "en")
    page.locator('a[href="/results"]').first.click()
    expect(page).to_have_url(re.compile(r"/results$"))
    check_page(page, watcher, "/results", "en")
    expect(page.locator("main")).to_contain_text("15 of 22")
    expect(page.locator("main")).to_contain_text("9 of 10")
    for name, figure in (
        ("Rannebergen", "youth activities held in the last 12 months"),
        ("Lina Hage", "+80%"),
        ("Portalen", "15 of 22"),
        ("Boden", "9 of 10"),
    ):
        page.goto("/results")
        page.locator("main nav").get_by_role("link", name=name, exact=True).click()
        expect(page.locator("main")).to_contain_text(figure)
    expect(page.locator("main")).not_to_contain_text("Sahra Warsame")
