"""Fixtures shared by the tests of this domain."""

import threading
from http.server import HTTPServer

import pytest
from aiosmtpd.controller import Controller

from tests.notifications.factories import Inbox, SmsEndpoint, free_port


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


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
