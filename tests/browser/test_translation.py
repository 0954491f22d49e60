"""Reading a neighbour's idea across languages in a real browser: a Somali-speaking resident
translates an Arabic idea in place and goes back to the original; without JavaScript the same
link opens the translation on its own page; an Arabic reader gets a Swedish idea right to
left. A local LibreTranslate stand-in answers; nothing leaves the machine."""

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, expect

from app.extensions import db
from app.ideas import services as ideas
from app.models import Area, Category, IdeaStatus, Person
from tests.browser.pages import (
    VIEWPORT,
    Watcher,
    check_page,
    choose_language,
    sign_in_from_try,
    small_targets,
)
from tests.translation_server import TranslationServer

pytestmark = pytest.mark.browser

AREA = "boden"
READER = "Amina Hassan"  # a resident of Boden
AUTHOR = "karin.lindstrom@boden.example"
TITLE = "ملعب صغير قرب المدرسة"
TEXT = "نريد ملعبًا صغيرًا للأطفال قرب المدرسة. يمكن للجيران المساعدة."


@pytest.fixture
def translating(live_app):
    """The live server with a LibreTranslate stand-in, and Boden translating; undone after."""
    with TranslationServer("libretranslate", key=None) as service:
        live_app.config.update(TRANSLATE_BACKEND="libretranslate", TRANSLATE_URL=service.url)
        with live_app.app_context():
            area = db.session.scalar(sa.select(Area).where(Area.slug == AREA))
            area.translation = True
            db.session.commit()
            db.session.remove()
        try:
            yield service
        finally:
            live_app.config["TRANSLATE_BACKEND"] = "none"
            with live_app.app_context():
                area = db.session.scalar(sa.select(Area).where(Area.slug == AREA))
                area.translation = False
                db.session.commit()
                db.session.remove()


def idea_in(live_app, title: str, text: str, language: str) -> int:
    with live_app.test_request_context():
        area = db.session.scalar(sa.select(Area).where(Area.slug == AREA))
        author = db.session.scalar(sa.select(Person).where(Person.email == AUTHOR))
        idea = ideas.propose(area, author, title, text, Category.CULTURE_LEISURE, language)
        ideas.change_status(idea, IdeaStatus.PUBLISHED)
        db.session.commit()
        idea_id = idea.id
        db.session.remove()
    return idea_id


def test_a_somali_reader_translates_an_arabic_idea_and_back(watched, live_app, translating):
    page, watcher = watched
    idea_id = idea_in(live_app, TITLE, TEXT, "ar")
    sign_in_from_try(page, READER)
    choose_language(page, "Soomaali", "so")
    path = f"/ideas/{idea_id}"
    check_page(page, watcher, path, "so")
    words = page.locator(f"#words-idea-{idea_id}")
    expect(words.locator(".text")).to_have_attribute("lang", "ar")
    words.locator(".translate a").click()
    expect(words.locator(".translated")).to_be_visible()
    expect(words.locator(".text")).to_have_attribute("lang", "so")
    expect(words.locator(".text")).to_have_attribute("dir", "ltr")
    expect(words.locator(".text")).to_contain_text("[so] نريد")
    expect(page.locator("h1")).to_have_text(f"[so] {TITLE}")  # the title swapped out of band
    expect(page).to_have_url(re.compile(rf"{path}$"))  # in place
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORT["width"]
    assert not small_targets(page), small_targets(page)
    words.locator(".translated a").click()
    expect(words.locator(".text")).to_have_attribute("lang", "ar")
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(words.locator(".translate a")).to_be_visible()
    watcher.assert_clean("translate and back")
    assert len(translating.requests) == 2  # title and text, once
    choose_language(page, "Svenska", "sv")


def test_without_javascript_the_translation_opens_as_a_page(
    browser: Browser, live_server, live_app, translating
):
    idea_id = idea_in(live_app, TITLE, TEXT, "ar")
    context = browser.new_context(
        base_url=live_server, viewport=VIEWPORT, locale="sv-SE", java_script_enabled=False
    )
    try:
        page = context.new_page()
        watcher = Watcher(page)
        sign_in_from_try(page, READER)
        choose_language(page, "Soomaali", "so")
        page.goto(f"/ideas/{idea_id}")
        page.locator(f"#words-idea-{idea_id} .translate a").click()
        expect(page).to_have_url(re.compile(rf"/translations/idea/{idea_id}\?to=so$"))
        expect(page.locator("h1")).to_have_text(f"[so] {TITLE}")
        expect(page.locator(".words .text")).to_have_attribute("lang", "so")
        page.locator(".translated a").click()
        expect(page).to_have_url(re.compile(rf"/ideas/{idea_id}$"))
        expect(page.locator("h1")).to_have_text(TITLE)
        watcher.assert_clean("without JavaScript")
        choose_language(page, "Svenska", "sv")
    finally:
        context.close()


def test_an_arabic_reader_gets_a_swedish_idea_right_to_left(watched, live_app, translating):
    page, watcher = watched
    idea_id = idea_in(live_app, "Bänkar vid lekplatsen", "Fler bänkar för föräldrar.", "sv")
    sign_in_from_try(page, READER)
    choose_language(page, "العربية", "ar")
    check_page(page, watcher, f"/ideas/{idea_id}", "ar")
    words = page.locator(f"#words-idea-{idea_id}")
    words.locator(".translate a").click()
    expect(words.locator(".text")).to_have_attribute("dir", "rtl")
    expect(words.locator(".text")).to_have_attribute("lang", "ar")
    box = words.locator(".translated").bounding_box()
    assert box["x"] + box["width"] <= VIEWPORT["width"]
    watcher.assert_clean("Arabic")
    choose_language(page, "Svenska", "sv")


# A phone with an Arabic voice only: speechSynthesis stood in for, keeping what it is told.
ARABIC_VOICE_ONLY = """
window.__spoken = [];
Object.defineProperty(window, "speechSynthesis", { value: {
  getVoices: () => [{ lang: "ar-SA", name: "Arabic" }],
  speak(u) { window.__spoken.push([u.lang, u.text, u.voice && u.voice.name]); },
  cancel() {}, addEventListener() {},
} });
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
"""


def test_listen_reads_the_text_in_its_language_where_the_phone_has_a_voice(
    watched, live_app, translating
):
    page, watcher = watched
    page.add_init_script(ARABIC_VOICE_ONLY)
    arabic = idea_in(live_app, TITLE, TEXT, "ar")
    swedish = idea_in(live_app, "Bänkar vid lekplatsen", "Fler bänkar för föräldrar.", "sv")
    sign_in_from_try(page, READER)
    choose_language(page, "Soomaali", "so")
    page.goto(f"/ideas/{swedish}")
    expect(page.locator("button.listen")).to_be_hidden()  # no Swedish voice on this phone
    page.goto(f"/ideas/{arabic}")
    listen = page.locator("button.listen")
    expect(listen).to_be_visible()
    box = listen.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    listen.click()
    expect(listen).to_have_attribute("aria-pressed", "true")
    spoken = page.evaluate("window.__spoken")
    assert spoken == [["ar", TEXT, "Arabic"]]
    # translated into Somali there is no voice for it: the button goes
    page.locator(f"#words-idea-{arabic} .translate a").click()
    expect(page.locator(f"#words-idea-{arabic} .translated")).to_be_visible()
    expect(page.locator("button.listen")).to_be_hidden()
    watcher.assert_clean("listen")
    choose_language(page, "Svenska", "sv")
