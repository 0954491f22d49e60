"""The production leg's checks, against two app servers and two workers started by
``.ci/production`` (gunicorn in production mode on PostgreSQL, rate limits in Redis).

    python .ci/production_check.py serve URL_A URL_B   # checks 1-5, while the servers run
    python .ci/production_check.py compare DB_URL_A DB_URL_B   # check 6, after a restore

1. both servers are ready (/readyz: database, Redis, a worker's heartbeat);
2. a session started on one server is valid on the other (sign-in code sent by SMS to a
   local sink, typed in on the other server);
3. the sign-in rate limit is shared: five tries for one address spread over both servers, and
   the sixth is refused with 429 on either (per-process counts would allow ten);
4. notices queued in the database are each delivered exactly once by the two workers;
5. static files are immutable and compressed (brotli and gzip), pages compressed too;
6. a backup restored into an empty database has every table with the same number of rows.

Cookies are kept by hand: in production they are ``Secure``, and this runs over loopback HTTP.
"""

from __future__ import annotations

import gzip
import os
import re
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli
import httpx
import sqlalchemy as sa

SINK_PORT = int(os.environ.get("SMS_SINK_PORT", "8025"))
ADMIN_PHONE = os.environ.get("CHECK_ADMIN_PHONE", "+46701740605")
OTHER_PHONE = "+46701740606"
NOTICES = 40


def fail(message: str) -> None:
    print(f"FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def ok(message: str) -> None:
    print(f"ok: {message}", flush=True)


class Sink:
    """A stand-in for the SMS provider (46elks' form API): it keeps every message posted."""

    def __init__(self, port: int) -> None:
        self.messages: list[dict[str, str]] = []
        lock = threading.Lock()
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length", "0"))
                form = urllib.parse.parse_qs(self.rfile.read(length).decode())
                with lock:
                    sink.messages.append({k: v[0] for k, v in form.items()})
                self.send_response(202)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def to(self, phone: str) -> list[str]:
        return [m["message"] for m in self.messages if m.get("to") == phone]

    def wait_for_code(self, phone: str, after: int) -> str:
        for _ in range(100):
            found = self.to(phone)[after:]
            if found:
                match = re.search(r"\b(\d{6})\b", found[-1])
                if match:
                    return match.group(1)
            time.sleep(0.1)
        fail(f"no sign-in code reached the SMS sink for {phone}")
        raise AssertionError


class Browser:
    """One visitor's cookies, sent to whichever server is asked."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}
        self.client = httpx.Client(timeout=20, follow_redirects=False)

    def request(self, method: str, url: str, **kwargs) -> httpx.Response:
        headers = kwargs.pop("headers", {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.client.request(method, url, headers=headers, **kwargs)
        for raw in response.headers.get_list("set-cookie"):
            name, _, rest = raw.partition("=")
            value = rest.split(";", 1)[0]
            if "expires=thu, 01 jan 1970" in raw.lower() or not value:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return response

    def form_token(self, url: str) -> str:
        response = self.request("GET", url)
        if response.status_code != 200:
            fail(f"GET {url} answered {response.status_code}")
        match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', response.text)
        if not match:
            fail(f"no CSRF token on {url}")
        return match.group(1)


def check_ready(servers: list[str]) -> None:
    for server in servers:
        for _ in range(120):
            try:
                if httpx.get(f"{server}/readyz", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        else:
            fail(f"{server}/readyz never answered 200")
    ok(f"both servers ready: {', '.join(servers)}")


def check_shared_session(a: str, b: str, sink: Sink) -> None:
    visitor = Browser()
    token = visitor.form_token(f"{a}/sign-in")
    before = len(sink.to(ADMIN_PHONE))
    response = visitor.request(
        "POST", f"{a}/sign-in", data={"csrf_token": token, "address": ADMIN_PHONE}
    )
    if response.status_code != 302:
        fail(f"sign-in on {a} answered {response.status_code}")
    code = sink.wait_for_code(ADMIN_PHONE, before)
    token = visitor.form_token(f"{b}/sign-in/code")
    response = visitor.request(
        "POST", f"{b}/sign-in/code", data={"csrf_token": token, "code": code}
    )
    if response.status_code != 302:
        fail(f"the code typed in on {b} answered {response.status_code}")
    for server in (a, b):
        response = visitor.request("GET", f"{server}/account")
        if response.status_code != 200 or "CI admin" not in response.text:
            fail(f"the session is not valid on {server} ({response.status_code})")
    ok("a code asked for on one server, typed in on the other: signed in on both")


def check_shared_rate_limit(a: str, b: str) -> None:
    visitor = Browser()
    token = visitor.form_token(f"{a}/sign-in")
    statuses = []
    for n in range(6):
        server = (a, b)[n % 2]
        response = visitor.request(
            "POST", f"{server}/sign-in", data={"csrf_token": token, "address": OTHER_PHONE}
        )
        statuses.append(response.status_code)
    if statuses[:5] != [302] * 5 or statuses[5] != 429:
        fail(f"sign-in limit of 5 per address across two servers: got {statuses}")
    ok(f"sign-in limit shared by both servers: {statuses}")


def check_notices_once(sink: Sink) -> None:
    sys.path.insert(0, os.getcwd())
    from app import create_app
    from app.auth import services as auth
    from app.extensions import db
    from app.models import Notification, NotificationKind
    from app.models.worker import WorkerBeat

    app = create_app()
    with app.app_context():
        person = auth.find_person(auth.normalize_address(ADMIN_PHONE))
        for n in range(NOTICES):
            db.session.add(
                Notification(
                    person_id=person.id,
                    kind=NotificationKind.PARTNER_INVITATION,
                    detail=f"CI partner {n}",
                )
            )
        db.session.commit()
        queued = sa.select(Notification.id).where(Notification.detail.like("CI partner %"))
        for _ in range(240):
            db.session.rollback()
            unsent = db.session.scalar(
                sa.select(sa.func.count()).where(
                    Notification.id.in_(queued), Notification.sent_at.is_(None)
                )
            )
            if unsent == 0:
                break
            time.sleep(0.5)
        else:
            fail(f"{unsent} of {NOTICES} notices still unsent after 120 s")
        workers = db.session.scalar(sa.select(sa.func.count()).select_from(WorkerBeat))
    time.sleep(1)
    counts = {n: 0 for n in range(NOTICES)}
    for message in sink.to(ADMIN_PHONE):
        match = re.search(r"CI partner (\d+)\b", message)
        if match:
            counts[int(match.group(1))] += 1
    wrong = {n: c for n, c in counts.items() if c != 1}
    if wrong:
        fail(f"notices not delivered exactly once (notice: times): {wrong}")
    if workers < 2:
        fail(f"only {workers} worker heartbeat(s) recorded; two workers were started")
    ok(f"{NOTICES} notices, each delivered exactly once, with {workers} workers running")


def check_static(a: str) -> None:
    page = httpx.get(f"{a}/sign-in", headers={"Accept-Encoding": "br"})
    if page.headers.get("content-encoding") != "br":
        fail(f"the sign-in page is not brotli-compressed: {page.headers}")
    match = re.search(r'href="(/static/[0-9a-f]{8,}/style\.css)"', page.text)
    if not match:
        fail("no content-hashed style sheet on the sign-in page")
    url = a + match.group(1)
    plain = httpx.get(url, headers={"Accept-Encoding": "identity"})
    for encoding, decode in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        with httpx.stream("GET", url, headers={"Accept-Encoding": encoding}) as response:
            raw = b"".join(response.iter_raw())
            headers = response.headers
        cache = headers.get("cache-control", "")
        max_age = int(re.search(r"max-age=(\d+)", cache).group(1)) if "max-age" in cache else 0
        if "immutable" not in cache or max_age < 31_536_000:
            fail(f"{url} is not cached as immutable for a year: {cache!r}")
        if headers.get("content-encoding") != encoding or decode(raw) != plain.content:
            fail(f"{url} with Accept-Encoding {encoding}: {headers.get('content-encoding')}")
        ok(f"{match.group(1)}: {cache}, {encoding} {len(raw)} of {len(plain.content)} bytes")


def compare(url_a: str, url_b: str) -> None:
    counts = []
    for url in (url_a, url_b):
        engine = sa.create_engine(url)
        with engine.connect() as connection:
            tables = sorted(sa.inspect(connection).get_table_names())
            counts.append(
                {
                    t: connection.scalar(sa.text(f'SELECT count(*) FROM "{t}"'))  # noqa: S608
                    for t in tables
                }
            )
        engine.dispose()
    if counts[0] != counts[1] or not counts[0].get("person"):
        differ = {t: (counts[0].get(t), counts[1].get(t)) for t in counts[0] | counts[1]}
        fail(f"the restored database differs: {differ}")
    rows = sum(counts[0].values())
    ok(f"backup restored: {len(counts[0])} tables, {rows} rows, every count equal")


def main(argv: list[str]) -> None:
    if argv[:1] == ["compare"] and len(argv) == 3:
        compare(argv[1], argv[2])
        return
    if argv[:1] != ["serve"] or len(argv) != 3:
        sys.exit(__doc__)
    a, b = argv[1].rstrip("/"), argv[2].rstrip("/")
    sink = Sink(SINK_PORT)
    check_ready([a, b])
    check_shared_session(a, b, sink)
    check_shared_rate_limit(a, b)
    check_notices_once(sink)
    check_static(a)


if __name__ == "__main__":
    main(sys.argv[1:])
