"""A local HTTP server that speaks a translation service's wire format, for the tests.

``TranslationServer("libretranslate")`` answers ``POST /translate`` as LibreTranslate does,
``TranslationServer("google")`` answers ``POST /language/translate/v2?key=`` as Google Cloud
Translation Basic does. Each "translation" is ``[<target>] <text>``. ``mode`` makes it fail:
"error" (500 with the provider's error body), "garbage" (not JSON), "empty" (an empty
translation), "slow" (answers after the client's timeout). Requests are kept in
``requests`` as (path, query, JSON body).
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW = 4.0  # seconds a "slow" server waits: twice the tests' client timeout
KEY = "test-key"


class TranslationServer:
    def __init__(self, provider: str, key: str | None = KEY) -> None:
        self.provider, self.key = provider, key
        self.mode = "ok"
        self.requests: list[tuple[str, dict, dict]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                path, _, query = self.path.partition("?")
                params = dict(urllib.parse.parse_qsl(query))
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = {}
                server.requests.append((path, params, body))
                status, answer = server.answer(path, params, body)
                if server.mode == "slow":
                    time.sleep(SLOW)
                data = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        if self.provider == "google":
            return f"http://{host}:{port}/language/translate/v2"
        return f"http://{host}:{port}"

    def __enter__(self) -> TranslationServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def answer(self, path: str, params: dict, body: dict) -> tuple[int, object]:
        if self.provider == "libretranslate":
            return self._libretranslate(path, body)
        return self._google(path, params, body)

    def _libretranslate(self, path: str, body: dict):
        if path != "/translate":
            return 404, {"error": "Not Found"}
        if self.key and body.get("api_key") != self.key:
            return 403, {"error": "Invalid API key"}
        if self.mode == "error":
            return 500, {"error": "Cannot translate text: model failed"}
        if self.mode == "garbage":
            return 200, b"<html>Bad gateway</html>"
        text = "" if self.mode == "empty" else f"[{body['target']}] {body['q']}"
        return 200, {"translatedText": text}

    def _google(self, path: str, params: dict, body: dict):
        if params.get("key") != self.key:
            return 400, {
                "error": {
                    "code": 400,
                    "message": "API key not valid. Please pass a valid API key.",
                    "errors": [{"message": "API key not valid.", "reason": "badRequest"}],
                    "status": "INVALID_ARGUMENT",
                }
            }
        if self.mode == "error":
            return 500, {"error": {"code": 500, "message": "Internal error", "errors": []}}
        if self.mode == "garbage":
            return 200, {"data": {"nothing": True}}
        texts = body["q"] if isinstance(body.get("q"), list) else [body.get("q")]
        return 200, {
            "data": {
                "translations": [
                    {"translatedText": "" if self.mode == "empty" else f"[{body['target']}] {q}"}
                    for q in texts
                ]
            }
        }
