"""Senders against real local servers: an SMTP server (aiosmtpd) and an HTTP SMS endpoint."""

import base64
import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from aiosmtpd.controller import Controller

from app.senders import ConsoleSender, HttpSmsSender, SendError, SmtpSender, sender_for
from tests.conftest import post


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


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


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


@pytest.fixture
def sms_server():
    SmsEndpoint.received = []
    SmsEndpoint.status = 200
    server = HTTPServer(("127.0.0.1", 0), SmsEndpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/a1/sms", SmsEndpoint
    server.shutdown()
    server.server_close()


def test_sign_in_code_arrives_by_smtp(app, client, smtp_server):
    controller, inbox = smtp_server
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port)
    response = post(client, "/sign-in", {"address": "fatima@example.se"})
    assert response.status_code == 302
    assert len(inbox.messages) == 1
    envelope = inbox.messages[0]
    assert envelope.rcpt_tos == ["fatima@example.se"]
    body = envelope.content.decode()
    assert "Subject: Your Grannlabb code" in body
    assert "valid for 10 minutes" in body


def test_sign_in_code_arrives_by_sms_over_http(app, client, sms_server):
    url, endpoint = sms_server
    app.config.update(
        SMS_BACKEND="http", SMS_API_URL=url, SMS_API_USER="u1", SMS_API_PASSWORD="secret"
    )
    response = post(client, "/sign-in", {"address": "070-174 06 07"})
    assert response.status_code == 302
    auth, form = endpoint.received[0]
    assert auth == "Basic " + base64.b64encode(b"u1:secret").decode()
    assert form["to"] == ["+46701740607"]
    assert form["from"] == ["Grannlabb"]
    assert "valid for 10 minutes" in form["message"][0]


def test_failing_sms_service_gives_clear_error(app, client, sms_server):
    url, endpoint = sms_server
    endpoint.status = 500
    app.config.update(SMS_BACKEND="http", SMS_API_URL=url)
    response = post(client, "/sign-in", {"address": "0701740607"})
    assert response.status_code == 503
    assert "could not send the code" in response.get_data(as_text=True)


def test_unreachable_smtp_raises_send_error(app):
    config = {**app.config, "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": free_port()}
    with pytest.raises(SendError):
        SmtpSender(config).send("a@example.se", "s", "b")


def test_unreachable_sms_raises_send_error(app):
    config = {**app.config, "SMS_API_URL": f"http://127.0.0.1:{free_port()}/sms"}
    with pytest.raises(SendError):
        HttpSmsSender(config).send("+46701740607", "s", "b")


def test_console_is_the_development_default(app, capsys):
    assert isinstance(sender_for("a@example.se"), ConsoleSender)
    assert isinstance(sender_for("+46701740607"), ConsoleSender)
    ConsoleSender().send("+46701740607", "Subject", "Code 123456")
    assert "Code 123456" in capsys.readouterr().err
