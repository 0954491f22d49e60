"""What an operator sees: one structured log line per request, and error reports to Sentry
when ``SENTRY_DSN`` is set.

The line is JSON with the request id (the caller's ``X-Request-ID`` when it sends a sane one,
else a new one, echoed in the response), the endpoint, method, status and duration. It never
holds a path, a query string (sign-in and guardian links carry tokens), an address or a name.
Sentry gets no personal data either: ``send_default_pii`` is off and cookies, headers and
bodies are dropped from events before they leave.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid

from flask import Flask, g, request

log = logging.getLogger("grannlabb.request")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def _start() -> None:
    given = request.headers.get("X-Request-ID", "")
    g.request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _line(response):
    started = g.pop("request_started", None)
    if started is None:
        return response
    response.headers["X-Request-ID"] = g.request_id
    log.info(
        json.dumps(
            {
                "request_id": g.request_id,
                "endpoint": request.endpoint or "-",
                "method": request.method,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            }
        )
    )
    return response


def _scrub(event, _hint):
    """Nothing personal in an error report: no cookies, headers, query strings or bodies."""
    req = event.get("request") or {}
    for key in ("cookies", "headers", "query_string", "data", "env"):
        req.pop(key, None)
    if "url" in req:
        req["url"] = req["url"].split("?", 1)[0]
    event.pop("user", None)
    return event


def init_sentry(dsn: str, environment: str) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.flask import FlaskIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[FlaskIntegration()],
        send_default_pii=False,
        before_send=_scrub,
        traces_sample_rate=0,
    )


def init_app(app: Flask) -> None:
    app.before_request(_start)
    app.after_request(_line)
    if not app.testing and not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False
    if app.config.get("SENTRY_DSN"):
        init_sentry(app.config["SENTRY_DSN"], app.config["GRANNLABB_ENV"])
