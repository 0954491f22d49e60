"""What every browser test does on a page: watch it for CSP blocks, script errors and failed
loads, check it (language and direction, no sideways scrolling at 360 px, axe-core), choose a
language and sign in as a demo person."""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

VIEWPORT = {"width": 360, "height": 740}  # a small phone
BLOCKING_IMPACTS = {"serious", "critical"}

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


def sign_in_from_try(page: Page, name: str) -> None:
    """Sign in as a demo person, in Swedish: browser tests on one live server share the demo
    people, and another test may have left this person's language on English or Arabic."""
    page.goto("/try")
    page.locator("li.row").filter(has_text=name).get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/$"))
    choose_language(page, "Svenska", "sv")


# Every standalone link and control smaller than 44 x 44 CSS px (WCAG 2.5.5; links inside
# running text are exempt, as WCAG 2.5.8 allows); a checkbox counts with its label.
SMALL_TARGETS = r"""
() => {
  const small = [];
  const visible = el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !el.closest('.vh,.skip,[hidden]'); };
  const blockOf = el => { let p = el.parentElement; while (p && getComputedStyle(p).display.startsWith('inline')) p = p.parentElement; return p; };
  const inText = a => { const block = blockOf(a); if (!block) return false;
    const own = a.textContent; let rest = block.textContent.replace(own, '');
    return /[\p{L}\p{N}]/u.test(rest) && !['flex','grid','inline-flex'].includes(getComputedStyle(block).display); };
  for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')) {
    if (!visible(el)) continue;
    let target = el;
    if (el.matches('input[type=checkbox], input[type=radio]')) target = el.closest('label') || el;
    if (el.tagName === 'A' && inText(el)) continue;
    const r = target.getBoundingClientRect();
    if (r.width < 44 - 0.5 || r.height < 44 - 0.5) small.push(`${el.tagName.toLowerCase()}${el.className ? '.' + el.className : ''} "${(el.textContent || el.value || el.name || '').trim().slice(0, 40)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
  }
  return small;
}
"""


def small_targets(page: Page) -> list[str]:
    return page.evaluate(SMALL_TARGETS)


def look(page: Page, watcher: Watcher, path: str, lang: str, js: bool) -> None:
    """The page checks: axe, width and tap targets need scripts in the page, so with
    JavaScript off only the language and direction are checked (the JS run measures the
    same pages)."""
    if js:
        check_page(page, watcher, path, lang)
        assert not small_targets(page), small_targets(page)
        return
    page.goto(path)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang in ("ar", "fa") else "ltr")
    watcher.assert_clean(f"{path} [{lang}]")
