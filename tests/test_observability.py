"""One structured log line per request, without personal data; Sentry only with SENTRY_DSN,
and nothing personal in what it sends."""

import json
import logging

import sentry_sdk

from app import observability


def _lines(client, path, **kwargs):
    seen = []
    handler = logging.Handler()
    handler.emit = lambda record: seen.append(record.getMessage())
    observability.log.addHandler(handler)
    old_level = observability.log.level
    observability.log.setLevel(logging.INFO)
    try:
        response = client.get(path, **kwargs)
    finally:
        observability.log.removeHandler(handler)
        observability.log.setLevel(old_level)
    return response, [json.loads(line) for line in seen]


def test_one_line_per_request_with_id_endpoint_status_and_duration(client):
    response, (line,) = _lines(client, "/sign-in?next=/guardian/secret-token-123")
    assert set(line) == {"request_id", "endpoint", "method", "status", "duration_ms"}
    assert line["endpoint"] == "auth.sign_in" and line["status"] == 200
    assert line["method"] == "GET" and line["duration_ms"] >= 0
    assert "secret-token" not in json.dumps(line)  # never the path or the query string
    assert response.headers["X-Request-ID"] == line["request_id"]


def test_a_callers_request_id_is_kept_and_a_strange_one_replaced(client):
    response, (line,) = _lines(client, "/", headers={"X-Request-ID": "lb-0123456789"})
    assert line["request_id"] == "lb-0123456789" == response.headers["X-Request-ID"]
    response, (line,) = _lines(client, "/", headers={"X-Request-ID": "<script>alert(1)</script>"})
    assert line["request_id"] != "<script>alert(1)</script>" and len(line["request_id"]) == 32


def test_unknown_pages_are_logged_too(client):
    _, (line,) = _lines(client, "/no/such/page")
    assert line["status"] == 404 and line["endpoint"] == "-"


def test_sentry_only_with_a_dsn_and_without_personal_data(make_app, monkeypatch):
    calls = []
    monkeypatch.setattr(sentry_sdk, "init", lambda **kwargs: calls.append(kwargs))
    make_app()
    assert calls == []
    make_app(SENTRY_DSN="https://key@sentry.example/1")
    (kwargs,) = calls
    assert kwargs["dsn"] == "https://key@sentry.example/1"
    assert kwargs["send_default_pii"] is False
    event = {
        "request": {
            "url": "https://grannlabb.example/guardian/token?x=1",
            "cookies": {"session": "s"},
            "headers": {"Cookie": "session=s"},
            "query_string": "x=1",
            "data": {"code": "123456"},
        },
        "user": {"email": "amina@example.org"},
    }
    scrubbed = kwargs["before_send"](event, None)
    assert scrubbed == {"request": {"url": "https://grannlabb.example/guardian/token"}}
