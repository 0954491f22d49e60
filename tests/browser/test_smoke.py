"""Smoke test in a real browser: try-it-as sign-in, the language switch to Arabic (right to
left), and on every main page in Swedish and Arabic: no serious or critical axe-core
violation, no horizontal scrolling on a 360 px phone, nothing blocked by the CSP."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.conftest import VIEWPORT

pytestmark = pytest.mark.browser

ANONYMOUS_PAGES = ["/", "/sign-in", "/language", "/areas/boden", "/try"]
SIGNED_IN_PAGES = ["/", "/language", "/areas/boden", "/account", "/try"]
BLOCKING_IMPACTS = {"serious", "critical"}
RESIDENT = "Fatima Al-Sayed"

_axe = Axe()


# Chromium logs every CSP block to the console; the DOM event is a second witness.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`Content Security Policy blocked ${event.blockedURI || "inline"}`
    + ` (${event.effectiveDirective}) in ${event.sourceFile || document.URL}:${event.lineNumber}`);
});
"""


class Watcher:
    """Collects what must never happen on any page: CSP blocks, script errors, failed loads."""

    def __init__(self, page: Page):
        self.problems: list[str] = []
        page.add_init_script(REPORT_CSP_VIOLATIONS)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        page.on("response", self._response)

    def _console(self, message):
        if "content security policy" in message.text.lower():
            self.problems.append(f"CSP ({message.type}): {message.text}")

    def _response(self, response):
        document = response.request.resource_type == "document"
        if response.status >= 500 or (response.status >= 400 and not document):
            self.problems.append(f"HTTP {response.status} for {response.url}")

    def assert_clean(self, where: str):
        problems, self.problems = self.problems, []
        assert not problems, f"on {where}:\n" + "\n".join(problems)


@pytest.fixture
def watched(page: Page) -> tuple[Page, Watcher]:
    return page, Watcher(page)


def axe_report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f" <{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n      ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


def check_page(page: Page, watcher: Watcher, path: str, lang: str) -> None:
    response = page.goto(path)
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
    where = f"{path} [{lang}]"
    html = page.locator("html")
    expect(html).to_have_attribute("lang", lang)
    expect(html).to_have_attribute("dir", "rtl" if lang in ("ar", "fa") else "ltr")

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= VIEWPORT["width"], (
        f"{where}: the page scrolls sideways on a {VIEWPORT['width']} px phone "
        f"(scrollWidth {width})"
    )

    results = _axe.run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"{where}: axe-core found serious or critical violations:\n" + (
        axe_report(blocking)
    )
    watcher.assert_clean(where)


def choose_language(page: Page, name: str, lang: str) -> None:
    """Open the language page from the header link and choose ``name``."""
    page.locator("header a.lang-link").click()
    expect(page).to_have_url(re.compile(r"/language"))
    page.get_by_role("button", name=name, exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page).not_to_have_url(re.compile(r"/language"))


def test_anonymous_pages_in_swedish_and_arabic(watched):
    page, watcher = watched
    for path in ANONYMOUS_PAGES:
        check_page(page, watcher, path, "sv")

    page.goto("/areas/boden")
    choose_language(page, "العربية", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    # Back where the switch started, now in Arabic.
    expect(page).to_have_url(re.compile(r"/areas/boden$"))
    for path in ANONYMOUS_PAGES:
        check_page(page, watcher, path, "ar")


def test_try_as_resident_then_switch_language(watched):
    page, watcher = watched
    page.goto("/try")
    row = page.locator("li.row").filter(has_text=RESIDENT)
    expect(row).to_have_count(1)
    button = row.get_by_role("button", name=re.compile(re.escape(RESIDENT)))
    expect(button).to_have_count(1)
    button.click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("main")).to_contain_text(RESIDENT)
    watcher.assert_clean("sign-in from /try")

    # Her own language setting (Arabic) wins once she is signed in: a full page load.
    expect(page.locator("html")).to_have_attribute("lang", "ar")

    choose_language(page, "Svenska", "sv")
    for path in SIGNED_IN_PAGES:
        check_page(page, watcher, path, "sv")

    choose_language(page, "العربية", "ar")
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ar")
    for path in SIGNED_IN_PAGES:
        check_page(page, watcher, path, "ar")


def test_sign_in_from_try_sets_the_page_language(watched):
    page, watcher = watched
    page.goto("/try")
    page.locator("li.row").filter(has_text=RESIDENT).get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("main")).to_contain_text(RESIDENT)
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    watcher.assert_clean("sign-in from /try")
