"""Navigation on a 360 px phone: the bottom bar fits in all six languages (every entry on the
screen, no word cut, at most two lines, at least 44 x 44 px), "Verify" only for those with
something to verify, and no standalone link or control smaller than 44 x 44 px on the pages a
youth uses, in Swedish and in Arabic."""

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from app.extensions import db
from app.i18n import LANGUAGES
from app.models import Activity, Area, Idea, Shift, Workplace
from app.models.ideas import LISTED
from app.models.util import utcnow
from tests.browser.pages import VIEWPORT, choose_language, sign_in_from_try, small_targets

pytestmark = pytest.mark.browser

UNVERIFIED = "Hodan Abdi"  # Portalen, not verified: five entries in the bar
YOUTH = "Hiba Warsame"  # 14, Rannebergen, verified
AREA = "rannebergen"

BAR = """() => [...document.querySelectorAll('nav.bottom a')].map(a => {
  const box = a.getBoundingClientRect();
  const label = a.lastElementChild;
  const lines = label.getBoundingClientRect().height / parseFloat(getComputedStyle(label).lineHeight);
  return {text: a.innerText.trim(), href: a.getAttribute('href'), left: box.left, right: box.right,
          width: box.width, height: box.height, cut: a.scrollWidth > a.clientWidth, lines};
})"""


def _bar(page: Page) -> list[dict]:
    return page.evaluate(BAR)


def test_the_bottom_bar_fits_in_every_language(page: Page):
    sign_in_from_try(page, UNVERIFIED)
    try:
        for code, name in LANGUAGES.items():
            choose_language(page, name, code)
            page.goto("/")
            entries = _bar(page)
            assert [e["href"] for e in entries] == [
                "/",
                "/my/signups",
                "/verify",
                "/notifications",
                "/account",
            ], code
            for entry in entries:
                where = f"{entry['text']!r} [{code}]"
                assert entry["left"] >= 0 and entry["right"] <= VIEWPORT["width"], where
                assert not entry["cut"], f"{where}: a word runs out of its entry"
                assert entry["lines"] <= 2.1, f"{where}: {entry['lines']:.1f} lines"
                assert entry["width"] >= 44 and entry["height"] >= 44, where
    finally:
        page.goto("/")
        choose_language(page, "Svenska", "sv")


def test_verify_is_offered_only_to_the_unverified(page: Page):
    sign_in_from_try(page, YOUTH)
    page.goto("/")
    hrefs = [e["href"] for e in _bar(page)]
    assert "/verify" not in hrefs and "/my/signups" in hrefs
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Mitt").click()
    expect(page.locator("h1")).to_have_text("Mina anmälningar")


def _youth_pages(live_app) -> list[str]:
    with live_app.app_context():
        area = db.session.scalar(sa.select(Area).where(Area.slug == AREA))
        now = utcnow()
        shift = db.session.scalar(
            sa.select(Shift.id)
            .join(Workplace, Workplace.id == Shift.workplace_id)
            .where(Workplace.area_id == area.id, Shift.starts_at > now)
            .order_by(Shift.starts_at)
            .limit(1)
        )
        activity = db.session.scalar(
            sa.select(Activity.id)
            .where(Activity.area_id == area.id, Activity.starts_at > now)
            .order_by(Activity.starts_at)
            .limit(1)
        )
        idea = db.session.scalar(
            sa.select(Idea.id).where(Idea.area_id == area.id, Idea.status.in_(LISTED)).limit(1)
        )
        db.session.remove()
    return [
        "/",
        f"/areas/{AREA}",
        f"/areas/{AREA}/shifts",
        f"/shifts/{shift}",
        f"/areas/{AREA}/jobs",
        f"/areas/{AREA}/activities",
        f"/activities/{activity}",
        f"/areas/{AREA}/ideas",
        f"/ideas/{idea}",
        "/my/signups",
        "/notifications",
        "/account",
        "/language",
    ]


@pytest.mark.parametrize(("code", "name"), [("sv", "Svenska"), ("ar", "العربية")])
def test_tap_targets_on_the_youths_pages(page: Page, live_app, code, name):
    sign_in_from_try(page, YOUTH)
    try:
        choose_language(page, name, code)
        for path in _youth_pages(live_app):
            page.goto(path)
            assert small_targets(page) == [], f"{path} [{code}]"
    finally:
        page.goto("/")
        choose_language(page, "Svenska", "sv")
