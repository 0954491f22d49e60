"""Browser tests: the real app, migrated and seeded, served to Debian's Chromium.

Chromium comes from Debian (``apt-get install chromium``), never from ``playwright install``:
this machine's network is closed, so the browser is launched with everything that would
phone home switched off. Without /usr/bin/chromium the tests are skipped, unless
``GRANNLABB_REQUIRE_BROWSER=1`` (set by CI), where a missing browser is a failure.
"""

import os
import re
import threading
from datetime import date, timedelta
from pathlib import Path

import flask_migrate
import pytest
from playwright.sync_api import Page
from werkzeug.serving import make_server

from app import create_app
from app.demo.loader import seed_demo
from app.extensions import db
from app.shifts import guardians
from tests.browser.pages import VIEWPORT, Watcher

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
REQUIRE_BROWSER = os.environ.get("GRANNLABB_REQUIRE_BROWSER") == "1"
MISSING = (
    f"Debian's Chromium is not installed at {CHROMIUM}: "
    "run `apt-get install chromium` (as root) to run the browser tests"
)


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists() or REQUIRE_BROWSER:
        return
    skip = pytest.mark.skip(reason=MISSING)
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        pytest.fail(MISSING + " (GRANNLABB_REQUIRE_BROWSER=1 forbids skipping)")
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def base_url(live_server):
    # Replaces pytest-playwright's own base_url fixture (which would also warn under pytest 9).
    return live_server


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A phone-sized screen and a Swedish browser (Accept-Language: sv-SE). The service worker
    # is blocked: with one registered, Chromium under Playwright now and then never finished a
    # navigation (30 s timeouts on a loaded CI machine); test_offline.py tests it on its own.
    return {
        **browser_context_args,
        "viewport": VIEWPORT,
        "locale": "sv-SE",
        "service_workers": "block",
    }


# The app behind each live server's URL, for tests that read or set up rows directly.
LIVE_APPS = {}


@pytest.fixture(scope="session")
def live_app(live_server):
    """The live server's app (use it inside ``with live_app.app_context():``)."""
    return LIVE_APPS[live_server]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The demo app on a fresh SQLite file, built by the migrations, in a server thread."""
    database = tmp_path_factory.mktemp("browser") / "grannlabb.sqlite"
    app = create_app(
        {
            "GRANNLABB_ENV": "development",
            "SECRET_KEY": "browser-test-secret-key-" + "x" * 32,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "MAIL_BACKEND": "console",
            "SMS_BACKEND": "console",
            "DEMO_SIGN_IN": True,
        }
    )
    with app.app_context():
        flask_migrate.upgrade(directory=str(ROOT / "migrations"))
        seed_demo()
        db.session.remove()
        db.engine.dispose()

    server = make_server("127.0.0.1", 0, app, threaded=True)
    url = f"http://127.0.0.1:{server.server_port}"
    app.config["BASE_URL"] = url
    LIVE_APPS[url] = app
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield url
    server.shutdown()
    thread.join(timeout=10)
    server.server_close()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def watched(page: Page) -> tuple[Page, Watcher]:
    return page, Watcher(page)


GUARDIAN_LINK = re.compile(r"/guardian/([A-Za-z0-9_-]+)")


class Captured:
    """Stands in for the SMS service: keeps what would have been sent."""

    def __init__(self):
        self.sent: list[tuple[str, str, str]] = []

    def send(self, to, subject, body):
        self.sent.append((to, subject, body))

    def token(self) -> str:
        return GUARDIAN_LINK.search(self.sent[-1][2]).group(1)


@pytest.fixture
def sms(monkeypatch) -> Captured:
    box = Captured()
    monkeypatch.setattr(guardians, "sender_for", lambda address: box)
    return box


def next_saturday() -> date:
    """A Saturday at least two days ahead: no school, and far enough for a guardian's consent."""
    day = date.today() + timedelta(days=2)
    return day + timedelta(days=(5 - day.weekday()) % 7)
