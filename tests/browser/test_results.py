"""Results and programmes on a 360 px phone: anyone opens the results from the home page and
sees the seeds' figures computed from the demo records (charts with tables, the rule on the
page); a resident enrols in a programme (after saying they live in its area) by ticking the
consent text (refused without it) and withdraws from My programmes. Every page passes axe-core, fits the phone and is clean under
the CSP, in Swedish and Arabic."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import check_page, choose_language, sign_in_from_try

pytestmark = pytest.mark.browser


PARTICIPANT = "Gabriel Aho"


def test_results_pages_show_the_seed_figures(watched):
    page, watcher = watched
    page.goto("/")
    choose_language(page, "English", "en")
    page.locator('a[href="/results"]').click()
    expect(page).to_have_url(re.compile(r"/results$"))
    check_page(page, watcher, "/results", "en")
    for slug, figure in (
        ("portalen", "15 of 22"),
        ("boden", "9 of 10"),
        ("lina-hage", "+80%"),
        ("rannebergen", "youth activities held in the last 12 months"),
    ):
        path = f"/areas/{slug}/results"
        check_page(page, watcher, path, "en")
        expect(page.locator("main")).to_contain_text(figure)
        expect(page.locator("main")).to_contain_text("fewer than 5")
        assert page.locator("svg[role=img]").count() >= 1
        assert page.locator("table.figures").count() == 5
    check_page(page, watcher, "/areas/portalen/results/print", "en")
    page.goto("/areas/portalen/results")
    choose_language(page, "العربية", "ar")
    check_page(page, watcher, "/areas/portalen/results", "ar")
    # Row headers (periods such as "2025", names) read from the start side of the table:
    # right in Arabic, however the text inside is written.
    sides = page.evaluate(
        """() => [...document.querySelectorAll('th[scope=row]')].map(th => {
          const cell = th.getBoundingClientRect(), text = th.firstElementChild.getBoundingClientRect();
          return {dir: getComputedStyle(th).direction, gap: cell.right - text.right};
        })"""
    )
    assert sides and all(s["dir"] == "rtl" and s["gap"] < 12 for s in sides), sides
    # Charts: mirrored (the first bar on the right), labels at least 12 px and never drawn
    # over one another.
    charts = page.evaluate(
        """() => [...document.querySelectorAll('svg.chart')].map(svg => {
          const texts = [...svg.querySelectorAll('text')].map(t => t.getBoundingClientRect())
            .filter(r => r.width > 0);
          const bars = [...svg.querySelectorAll('rect')].map(r => r.getBoundingClientRect());
          const overlaps = [];
          texts.forEach((a, i) => texts.slice(i + 1).forEach(b => {
            if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
              overlaps.push([a.left, a.top, b.left, b.top].map(Math.round));
          }));
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          const sizes = [...svg.querySelectorAll('text')].map(t =>
            parseFloat(t.getAttribute('font-size') || svg.getAttribute('font-size')) * scale);
          return {bars: svg.classList.contains('chart-bars') ? bars.map(b => b.left) : [],
                  smallest: Math.min(...sizes), overlaps};
        })"""
    )
    assert charts
    for chart in charts:
        assert not chart["overlaps"], chart
        assert chart["smallest"] >= 12, chart
        assert chart["bars"] == sorted(chart["bars"], reverse=True), chart
    check_page(page, watcher, "/results", "ar")


def test_a_resident_enrols_with_consent_and_withdraws(watched):
    page, watcher = watched
    sign_in_from_try(page, PARTICIPANT)
    choose_language(page, "English", "en")
    page.goto("/areas/boden")
    page.locator('a[href="/areas/boden/programmes"]').click()
    check_page(page, watcher, "/areas/boden/programmes", "en")
    page.locator("ul.cards li a").first.click()
    expect(page).to_have_url(re.compile(r"/programmes/\d+$"))
    path = re.sub(r"^https?://[^/]+", "", page.url)
    check_page(page, watcher, path, "en")
    expect(page.locator(".consent")).to_contain_text("How to withdraw")

    # Gabriel lives in Lina Hage: only Boden's residents enrol themselves. He says he lives
    # here on the area page (verification is not needed) and comes back.
    expect(page.locator("main")).to_contain_text("Only residents of Boden can enrol")
    assert page.get_by_role("button", name="Enrol").count() == 0
    page.locator('main a[href="/areas/boden"]').last.click()
    page.get_by_role("button", name="I live here").click()
    expect(page.locator("main")).to_contain_text("not yet verified")
    page.goto(path)

    page.get_by_role("button", name="Enrol").click()
    expect(page.get_by_role("alert")).to_contain_text("Tick that you agree")
    # The refusal is expected: a 422 answer to the boosted form, shown in place.
    assert watcher.problems and all(p.endswith("/enrol") for p in watcher.problems)
    watcher.problems.clear()
    page.goto(path)
    page.get_by_label("I have read this and I agree").check()
    page.get_by_role("button", name="Enrol").click()
    expect(page.locator("main")).to_contain_text("You take part")

    check_page(page, watcher, "/my/programmes", "en")
    page.get_by_role("button", name="Withdraw my consent and delete my outcomes").click()
    expect(page.locator("main")).to_contain_text("You take part in no programme.")
    check_page(page, watcher, "/areas/boden/results", "en")
    expect(page.locator("main")).to_contain_text("9 of 10")
