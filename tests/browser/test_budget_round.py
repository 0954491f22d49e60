"""A whole budget round on a 360 px phone, in Swedish and in Arabic: the process leader sets up
the round and enters costed ideas, checks them and opens voting; a resident ticks ideas and
sees the running total change in place, saves her ballot; after voting closes the leader
counts and the result explains why each idea was or was not funded. The days between the
phases pass by moving the round's dates. Every page passes axe-core, fits the phone, is clean
under the CSP and has tap targets of 44 px."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from app.clock import local
from app.extensions import db
from app.models.rounds import BudgetRound
from app.models.util import utcnow
from tests.browser.pages import check_page, choose_language, sign_in_from_try, small_targets

pytestmark = pytest.mark.browser

LEADER = "Sara Nilsson"
VOTER = {"sv": "Erik Johansson", "ar": "Layla Mahmoud"}
LANGUAGE = {"sv": "Svenska", "ar": "العربية"}


def _move(live_app, title, **days):
    """Let time pass: the round's dates set relative to today."""
    today = local(utcnow()).date()
    with live_app.app_context():
        budget_round = db.session.scalar(sa.select(BudgetRound).where(BudgetRound.title == title))
        for name, offset in days.items():
            setattr(budget_round, name, today + timedelta(days=offset))
        db.session.commit()
        db.session.remove()


def _checked(page, watcher, path, lang):
    check_page(page, watcher, path, lang)
    assert not small_targets(page), small_targets(page)


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_a_whole_budget_round(watched, live_app, lang):
    page, watcher = watched
    title = f"Gårdspengar {lang}"
    today = local(utcnow()).date()

    sign_in_from_try(page, LEADER)
    if lang != "sv":
        choose_language(page, LANGUAGE[lang], lang)
    _checked(page, watcher, "/areas/rannebergen/budget/new", lang)
    page.locator("#title").fill(title)
    page.locator("#amount").fill("100000")
    page.locator("#ideas_until").fill(today.isoformat())
    page.locator("#voting_from").fill((today + timedelta(days=1)).isoformat())
    page.locator("#voting_until").fill((today + timedelta(days=8)).isoformat())
    page.locator("form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(title)
    round_path = re.sub(r"^https?://[^/]+", "", page.url)

    for left, estimate in ((1, "60000"), (0, "50000")):
        page.locator("#estimate").fill(estimate)
        page.locator("form[action$='/ideas'] button").click()
        expect(page.locator("#idea option")).to_have_count(left)
    _checked(page, watcher, round_path, lang)
    page.screenshot(path=f"/tmp/round-{lang}-ideas.png", full_page=True)

    _move(live_app, title, ideas_until=-1, voting_from=0)
    for n in range(2):
        page.goto(round_path)
        page.locator("a[href*='/check']").nth(n).click()
        page.locator("input[name=feasible][value=yes]").check()
        page.locator("form button[type=submit]").click()
        expect(page).to_have_url(re.compile(re.escape(round_path) + "$"))
    expect(page.locator("a[href*='/check']")).to_have_count(2)
    page.locator("form[action$='/open'] button").click()
    expect(page.locator("form[action$='/open']")).to_have_count(0)

    sign_in_from_try(page, VOTER[lang])
    if lang != "sv":
        choose_language(page, LANGUAGE[lang], lang)
    _checked(page, watcher, round_path, lang)
    page.locator("a[href$='/ballot']").click()
    total = page.locator("#total")
    before = total.inner_text()
    boxes = page.locator("input[name=choice]")
    expect(boxes).to_have_count(2)
    boxes.nth(0).check()
    expect(total).not_to_have_text(before)
    boxes.nth(1).check()
    expect(total).to_have_class(re.compile(r"\bover\b"))  # 110 000 of 100 000
    boxes.nth(1).uncheck()
    expect(total).not_to_have_class(re.compile(r"\bover\b"))
    ballot_url = page.url
    page.screenshot(path=f"/tmp/round-{lang}-ballot.png", full_page=True)
    page.locator("form button[type=submit]").click()
    expect(page.locator(".flash.success")).to_have_count(1)
    check_page(page, watcher, re.sub(r"^https?://[^/]+", "", ballot_url), lang)
    expect(page.locator("input[name=choice]:checked")).to_have_count(1)

    _move(live_app, title, voting_from=-8, voting_until=-1)
    sign_in_from_try(page, LEADER)
    if lang != "sv":
        choose_language(page, LANGUAGE[lang], lang)
    page.goto(round_path)
    page.locator("form[action$='/count'] button").click()
    page.locator("main a[href$='/result']").click()
    expect(page).to_have_url(re.compile(r"/result$"))
    result_path = re.sub(r"^https?://[^/]+", "", page.url)
    _checked(page, watcher, result_path, lang)
    expect(page.locator(".rule-result")).to_have_count(2)
    expect(page.locator(".rule-result.deciding .why")).to_have_count(2)  # a reason per idea
    page.screenshot(path=f"/tmp/round-{lang}-result.png", full_page=True)
