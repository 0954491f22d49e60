"""The certificate of work on a phone and on paper: at 360 px it fits in each of the six
languages with no time range or date split over two lines and every language link easy to tap;
printed, it is A4 (Swedish by default) with the organiser and the signing process leader."""

import re

import pytest
from playwright.sync_api import Page, expect

from app.i18n import LANGUAGES
from tests.browser.pages import VIEWPORT, Watcher, check_page, sign_in_from_try, small_targets

pytestmark = pytest.mark.browser

YOUTH = "Samir Khalil"  # Rannebergen; the demo gives him worked café shifts
SIGNER = "Sara Nilsson"  # process leader of Rannebergen, who confirmed his arrivals

# Every piece that must stay on one line (dates, time ranges, the organiser): its line boxes
# and whether it sticks out of the page or of its table cell.
SPLIT_OR_OUT = """() => [...document.querySelectorAll('.keep')].flatMap(el => {
  const box = el.getBoundingClientRect();
  const cell = el.closest('td, dd, p');
  const limit = cell.getBoundingClientRect();
  const lines = new Set([...el.getClientRects()].map(r => Math.round(r.top))).size;
  const out = box.left < limit.left - 1 || box.right > limit.right + 1
    || box.left < 0 || box.right > document.documentElement.clientWidth;
  return lines > 1 || out ? [`${el.textContent.trim()}: ${lines} lines, ${Math.round(box.left)}`
    + `..${Math.round(box.right)} in ${Math.round(limit.left)}..${Math.round(limit.right)}`] : [];
})"""


def test_the_certificate_fits_a_phone_in_every_language(page: Page):
    watcher = Watcher(page)
    sign_in_from_try(page, YOUTH)
    for code in LANGUAGES:
        path = f"/my/hours/certificate?lang={code}"
        check_page(page, watcher, path, code)
        assert page.evaluate(SPLIT_OR_OUT) == [], code
        assert small_targets(page) == [], code
        expect(page.locator(f"nav.languages a[lang={code}]")).to_have_attribute(
            "aria-current", "page"
        )
        expect(page.locator(".signature")).to_contain_text(SIGNER)
    # Without a choice it is Swedish, whatever language the site is read in.
    page.goto("/my/hours/certificate")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator("h1")).to_have_text("Arbetsintyg")
    expect(page.locator("main")).to_contain_text("Grannlabb Rannebergen, Göteborg")


def test_the_certificate_prints_on_a4_in_swedish(page: Page):
    sign_in_from_try(page, YOUTH)
    page.goto("/my/hours/certificate")
    page.emulate_media(media="print")
    # 170 mm of A4's width is left inside the 20 mm margins: 643 CSS px.
    page.set_viewport_size({"width": 643, "height": 1000})
    expect(page.locator(".screen-only").first).to_be_hidden()
    expect(page.locator("nav.languages")).to_be_hidden()
    assert page.evaluate(SPLIT_OR_OUT) == []
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert boxes, "no pages in the PDF"
    for width, height in boxes:  # A4 is 595 x 842 points
        assert abs(float(width) - 595) < 2 and abs(float(height) - 842) < 2, (width, height)
    page.set_viewport_size(VIEWPORT)
    page.emulate_media(media="screen")
