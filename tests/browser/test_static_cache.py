"""A warm page view asks the server for the page only: static files have content-hashed
addresses kept as immutable, so the browser does not ask for them again."""

import pytest
from playwright.sync_api import Browser

from tests.browser.pages import VIEWPORT

pytestmark = pytest.mark.browser


def test_a_second_view_makes_one_request(browser: Browser, live_server, live_app):
    asked = []
    served = live_app.wsgi_app

    def counting(environ, start_response):
        asked.append(environ["PATH_INFO"])
        return served(environ, start_response)

    live_app.wsgi_app = counting
    context = browser.new_context(
        base_url=live_server, viewport=VIEWPORT, locale="sv-SE", service_workers="block"
    )
    try:
        page = context.new_page()
        page.goto("/areas/boden")
        page.wait_for_load_state("networkidle")
        first = list(asked)
        assert any(path.startswith("/static/") for path in first), first
        asked.clear()
        page.goto("/areas/boden")
        page.wait_for_load_state("networkidle")
        assert asked == ["/areas/boden"], asked
    finally:
        live_app.wsgi_app = served
        context.close()
