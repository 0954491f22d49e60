"""Shared builders for the tests of this domain."""

import socket
import urllib.parse
from http.server import BaseHTTPRequestHandler


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


class SmsEndpoint(BaseHTTPRequestHandler):
    received: list = []
    status = 200

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        self.received.append((self.headers["Authorization"], urllib.parse.parse_qs(body)))
        self.send_response(self.status)
        self.end_headers()
        self.wfile.write(b'{"status": "created"}')

    def log_message(self, *args):
        pass
