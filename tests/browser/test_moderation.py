"""Moderation and notices in a real browser: a resident proposes, the process leader publishes
from the queue and hides with a reason, the log and the resident's notices follow. Every page
passes axe-core, fits a 360 px phone and is clean under the CSP, in Swedish and Arabic."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.pages import check_page, choose_language, sign_in_from_try, small_targets

pytestmark = pytest.mark.browser

RESIDENT = "Amina Hassan"
LEADER = "Karin Lindström"
TITLE = "Läxhjälp i samlingslokalen"


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


VOTER = "Tesfay Gebremariam"  # a verified resident of Boden in the demo


def _propose_and_publish(page: Page, title: str) -> str:
    sign_in_from_try(page, RESIDENT)
    page.goto("/areas/boden/ideas/new")
    page.locator("#title").fill(title)
    page.locator("#text").fill("Bänkar och bord vid lekplatsen.")
    page.locator("form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(title)
    idea_path = re.sub(r"^https?://[^/]+", "", page.url)
    sign_in_from_try(page, LEADER)
    page.goto("/areas/boden/moderation")
    page.locator("li").filter(has_text=title).get_by_role("button").first.click()
    expect(page.locator(".flash")).to_have_count(1)
    return idea_path


def test_propose_publish_vote_in_place(watched):
    """The vote swaps in place with htmx: the count changes, the page is not reloaded."""
    page, watcher = watched
    idea_path = _propose_and_publish(page, "Picknickbord vid lekplatsen")
    sign_in_from_try(page, VOTER)
    choose_language(page, "Svenska", "sv")
    check_page(page, watcher, idea_path, "sv")
    vote = page.locator(".vote")
    expect(vote.locator(".count strong")).to_have_text("0")
    page.evaluate("window.__same_document = true")
    vote.locator("button[aria-pressed=false]").click()
    expect(page.locator(".vote .count strong")).to_have_text("1")
    expect(page.locator(".vote button")).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("window.__same_document === true")  # swapped, not reloaded
    watcher.assert_clean("vote")
    page.goto("/areas/boden/ideas")
    card = page.locator(".idea-card").filter(has_text="Picknickbord vid lekplatsen")
    expect(card.locator(".count strong")).to_have_text("1")
    card.locator("button[aria-pressed=true]").click()
    expect(card.locator(".count strong")).to_have_text("0")
    choose_language(page, "العربية", "ar")
    check_page(page, watcher, "/areas/boden/ideas", "ar")
    check_page(page, watcher, idea_path, "ar")


def test_vote_without_javascript(browser, base_url):
    """With JavaScript off the vote is a plain form: POST, redirect, the new count."""
    context = browser.new_context(
        base_url=base_url, java_script_enabled=False, viewport={"width": 360, "height": 740}
    )
    page = context.new_page()
    try:
        idea_path = _propose_and_publish(page, "Cykelställ vid port 3")
        sign_in_from_try(page, VOTER)
        page.goto(idea_path)
        page.locator(".vote button").click()
        expect(page).to_have_url(re.compile(re.escape(idea_path) + "$"))
        expect(page.locator(".vote .count strong")).to_have_text("1")
        expect(page.locator(".vote button")).to_have_attribute("aria-pressed", "true")
    finally:
        context.close()


def _photo_file(tmp_path) -> str:
    from PIL import Image

    path = tmp_path / "lekplats.jpg"
    Image.new("RGB", (640, 480), "skyblue").save(path, "JPEG")
    return str(path)


def _pick_original(page: Page, words: str, original: str) -> None:
    page.locator("#original-q").fill(words)
    page.locator("form[role=search]").filter(has=page.locator("#original-q")).locator(
        "button"
    ).click()
    row = page.locator("#originals li").filter(has_text=original)
    expect(row).to_have_count(1)
    row.get_by_role("button").click()


def test_leader_sees_the_photo_removes_only_it_and_picks_the_original(watched, tmp_path):
    """With JavaScript: the queue shows the photo, the leader removes just the photo with a
    reason (the author is told), and finds the original by its title as she types."""
    page, watcher = watched
    title = "Gungor vid fotbollsplanen"
    sign_in_from_try(page, RESIDENT)
    page.goto("/areas/boden/ideas/new")
    page.locator("#title").fill(title)
    page.locator("#text").fill("Gungor för de små medan de stora spelar.")
    page.locator("#photo").set_input_files(_photo_file(tmp_path))
    page.locator("form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(title)
    idea_id = page.url.rsplit("/", 1)[-1]

    sign_in_from_try(page, LEADER)
    check_page(page, watcher, "/areas/boden/moderation", "sv")
    photo = page.locator("li").filter(has_text=title).locator("img.photo")
    expect(photo).to_be_visible()
    assert photo.evaluate("img => img.complete && img.naturalWidth > 0")
    check_page(page, watcher, f"/ideas/{idea_id}/moderate", "sv")
    page.locator("#photo-reason-code").select_option("personal_data")
    page.locator("#photo-reason").fill("Barnens ansikten syns.")
    page.get_by_role("button", name="Ta bort bara bilden").click()
    expect(page.locator(".flash")).to_contain_text("Bilden är borttagen")
    expect(page.locator("img.photo")).to_have_count(0)
    expect(page.locator(".hidden-reason").first).to_contain_text("Barnens ansikten syns.")

    # The original, found as she types (htmx swaps the results in place).
    page.evaluate("window.__same_document = true")
    page.locator("#original-q").press_sequentially("Fotbollsplan", delay=30)
    row = page.locator("#originals li").filter(has_text="Fotbollsplan med belysning")
    expect(row).to_have_count(1)
    assert page.evaluate("window.__same_document === true")
    row.get_by_role("button").click()
    expect(page.locator(".flash")).to_contain_text("dubblett")
    watcher.assert_clean("photo and duplicate")

    sign_in_from_try(page, RESIDENT)
    page.goto("/notifications")
    expect(page.locator("main")).to_contain_text("Barnens ansikten syns.")


def test_duplicate_picker_without_javascript(browser, base_url, tmp_path):
    context = browser.new_context(
        base_url=base_url, java_script_enabled=False, viewport={"width": 360, "height": 740}
    )
    page = context.new_page()
    try:
        sign_in_from_try(page, RESIDENT)
        page.goto("/areas/boden/ideas/new")
        page.locator("#title").fill("Belysning vid fotbollsplanen")
        page.locator("#text").fill("Lampor så att vi kan spela på kvällen.")
        page.locator("form button[type=submit]").click()
        idea_id = page.url.rsplit("/", 1)[-1]
        sign_in_from_try(page, LEADER)
        page.goto(f"/ideas/{idea_id}/moderate")
        _pick_original(page, "belysning", "Fotbollsplan med belysning")
        expect(page.locator(".flash")).to_contain_text("dubblett")
        page.goto(f"/ideas/{idea_id}")
        expect(page.locator("main")).to_contain_text("Fotbollsplan med belysning")
    finally:
        context.close()


def test_reply_opens_in_place_under_the_comment(watched):
    """Reply under a comment: with JavaScript the form opens in place, focused, and the reply
    joins the thread; the link alone opens the reply page (tested without JavaScript in
    tests/ideas)."""
    page, watcher = watched
    idea_path = _propose_and_publish(page, "Bokbyte i tvättstugan")
    page.goto(idea_path)
    page.locator("#text").fill("Jag kan ta med hyllor.")
    page.locator("#comment-form button[type=submit]").click()
    first = page.locator("li.comment").filter(has_text="Jag kan ta med hyllor.")
    expect(first).to_have_count(1)
    sign_in_from_try(page, VOTER)
    check_page(page, watcher, idea_path, "sv")
    page.evaluate("window.__same_document = true")
    first.get_by_role("link", name="Svara").click()
    box = first.locator("textarea")
    expect(box).to_be_focused()
    assert page.evaluate("window.__same_document === true")
    assert not small_targets(page), small_targets(page)
    box.fill("Toppen, jag hjälper till att bära.")
    first.get_by_role("button", name="Skicka svaret").click()
    expect(page.locator("ul.replies li.comment")).to_contain_text("jag hjälper till att bära")
    watcher.assert_clean("reply in place")
