"""Senders against real local servers: an SMTP server (aiosmtpd) and an HTTP SMS endpoint."""

import base64

import pytest

from app.senders import ConsoleSender, HttpSmsSender, SendError, SmtpSender, sender_for
from tests.conftest import post
from tests.notifications.factories import free_port


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
