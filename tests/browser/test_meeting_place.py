"""Issue 13, done when: at 360 px a process leader registers a resident who has no phone,
proposes an idea and votes for them, and finds it in the idea's timeline and in the area's
public moderation log — in Swedish with JavaScript on, in Arabic with JavaScript off.

Each run registers its own resident and votes on its own idea, so the runs share nothing but
the live server."""

import re

import pytest
import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _
from playwright.sync_api import Browser, expect

from app.extensions import db
from app.ideas import services as ideas
from app.models import Area, Category, Decision, Idea, IdeaStatus, ModerationDecision, Person, Vote
from tests.browser.pages import VIEWPORT, Watcher, choose_language, look, sign_in_from_try

pytestmark = pytest.mark.browser

AREA = "rannebergen"
LEADER = "Sara Nilsson"  # Rannebergen's process leader in the demo
AUTHOR = "sara.nilsson@rannebergen.example"
BROWSER_LOCALES = {"sv": "sv-SE", "ar": "ar"}
RUNS = {("sv", True): "Faduma Ali Warsame", ("ar", False): "Sahra Nuur Jama"}


def in_language(live_app, lang: str, message: str, **values) -> str:
    with live_app.test_request_context(), force_locale(lang):
        return str(_(message, **values))


def published_idea(live_app, title: str) -> int:
    """An open idea of the area, for the run's vote."""
    with live_app.test_request_context():
        area = db.session.scalar(sa.select(Area).where(Area.slug == AREA))
        author = db.session.scalar(sa.select(Person).where(Person.email == AUTHOR))
        idea = ideas.propose(area, author, title, "Fler bänkar.", Category.ENVIRONMENT, "sv")
        ideas.change_status(idea, IdeaStatus.PUBLISHED)
        db.session.commit()
        idea_id = idea.id
        db.session.remove()
    return idea_id


@pytest.mark.parametrize(("lang", "js"), list(RUNS), ids=["sv-js", "ar-no-js"])
def test_leader_registers_a_resident_without_a_phone_proposes_and_votes_for_them(
    lang, js, browser: Browser, live_server, live_app
):
    resident = RUNS[(lang, js)]
    t = lambda message, **values: in_language(live_app, lang, message, **values)  # noqa: E731
    idea_id = published_idea(live_app, f"Bänkar längs gångvägen ({lang})")
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
        sign_in_from_try(page, LEADER)
        if lang != "sv":
            choose_language(page, "العربية", lang)

        # From the area page to the meeting place.
        page.goto(f"/areas/{AREA}")
        page.locator(f"main a[href='/areas/{AREA}/meeting-place']").click()
        expect(page).to_have_url(re.compile(rf"/areas/{AREA}/meeting-place$"))
        expect(page.locator("h1")).to_have_text(t("The meeting place"))
        look(page, watcher, page.url, lang, js)

        # She is not registered yet: the search finds nobody.
        page.get_by_label(t("Name"), exact=True).fill(resident.split()[0])
        page.get_by_role("button", name=t("Search"), exact=True).click()
        expect(page.locator("#found")).to_contain_text(
            t("Nobody found. Try part of the name, or register them below.")
        )

        # Register her: a name, a birth year and her language; no phone, no email.
        page.get_by_label(t("Name, as others will see it")).fill(resident)
        page.get_by_label(
            t("Year born (needed for shifts, summer jobs and youth activities)")
        ).fill("1958")
        page.get_by_label(t("Language"), exact=True).select_option("so")
        page.get_by_label(t("The resident is here with me and wants to be registered")).check()
        page.get_by_role("button", name=t("Register and help them")).click()
        banner = page.locator("section.helping")
        expect(banner).to_contain_text(resident)
        look(page, watcher, page.url, lang, js)

        # Propose an idea for her.
        page.locator(f"section.next a[href='/areas/{AREA}/ideas/new']").click()
        page.get_by_label(t("Title"), exact=True).fill(f"Sittplatser vid tvättstugan ({lang})")
        page.get_by_label(t("Describe your idea")).fill("Bänkar att vänta på.")
        page.get_by_label(t("Category"), exact=True).select_option("environment")
        page.get_by_role("button", name=t("Send the idea")).click()
        expect(page).to_have_url(re.compile(r"/ideas/\d+$"))
        expect(page.locator("ol.timeline")).to_contain_text(
            t("registered at the meeting place by a process leader")
        )
        look(page, watcher, page.url, lang, js)

        # Vote for her on an open idea.
        page.goto(f"/ideas/{idea_id}")
        page.locator(f"#vote-{idea_id} button").click()
        expect(page.locator(f"#vote-{idea_id} button")).to_have_attribute("aria-pressed", "true")

        # Stop helping; the public log shows each act by role, and never her name.
        page.locator("section.helping button[type=submit]").click()
        expect(page.locator("section.helping")).to_have_count(0)
        page.goto(f"/areas/{AREA}/moderation-log")
        log = page.locator("main ul.cards").first
        for said in (
            "A resident registered at the meeting place",
            "Idea proposed at the meeting place, for a resident who was there",
            "Vote registered at the meeting place, for a resident who was there",
        ):
            expect(log).to_contain_text(t(said))
        expect(log).not_to_contain_text(resident)
        look(page, watcher, page.url, lang, js)
    finally:
        context.close()

    with live_app.app_context():
        person = db.session.scalar(sa.select(Person).where(Person.display_name == resident))
        assert (person.email, person.phone, person.locale) == (None, None, "so")
        vote = db.session.scalar(sa.select(Vote).where(Vote.idea_id == idea_id))
        assert vote.person_id == person.id and vote.assisted_by_id is not None
        proposed = db.session.scalar(sa.select(Idea).where(Idea.author_id == person.id))
        assert proposed.assisted_by_id == vote.assisted_by_id
        logged = db.session.scalars(
            sa.select(ModerationDecision.decision).where(
                ModerationDecision.idea_id.in_([idea_id, proposed.id])
            )
        ).all()
        assert sorted(logged) == sorted([Decision.ASSIST_IDEA, Decision.ASSIST_VOTE])
        db.session.remove()
