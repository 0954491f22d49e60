"""Senders deliver a short message to an email address or a phone number.

One small interface, three implementations: the console (development default: the message
appears in the server log), SMTP email, and SMS over HTTP in the style of 46elks.
"""

import base64
import smtplib
import sys
import urllib.error
import urllib.parse
import urllib.request
from email.message import EmailMessage
from typing import Protocol

from flask import current_app


class SendError(RuntimeError):
    """The message could not be handed over to the mail or SMS service."""


class Sender(Protocol):
    def send(self, to: str, subject: str, body: str) -> None: ...


class ConsoleSender:
    """Writes the message to the server log (standard error)."""

    def send(self, to: str, subject: str, body: str) -> None:
        print(f"[grannlabb] message to {to}: {subject}\n{body}", file=sys.stderr, flush=True)


class SmtpSender:
    def __init__(self, config) -> None:
        self.config = config

    def send(self, to: str, subject: str, body: str) -> None:
        message = EmailMessage()
        message["From"] = self.config["MAIL_FROM"]
        message["To"] = to
        message["Subject"] = subject
        message.set_content(body)
        try:
            with smtplib.SMTP(
                self.config["MAIL_SERVER"], self.config["MAIL_PORT"], timeout=10
            ) as smtp:
                if self.config["MAIL_USE_TLS"]:
                    smtp.starttls()
                if self.config["MAIL_USERNAME"]:
                    smtp.login(self.config["MAIL_USERNAME"], self.config["MAIL_PASSWORD"] or "")
                smtp.send_message(message)
        except (OSError, smtplib.SMTPException) as error:
            raise SendError(str(error)) from error


class HttpSmsSender:
    """POSTs ``from``, ``to`` and ``message`` as a form with basic auth, like 46elks' API."""

    def __init__(self, config) -> None:
        self.config = config

    def send(self, to: str, subject: str, body: str) -> None:
        data = urllib.parse.urlencode(
            {"from": self.config["SMS_FROM"], "to": to, "message": body}
        ).encode()
        request = urllib.request.Request(self.config["SMS_API_URL"], data=data, method="POST")
        credentials = f"{self.config['SMS_API_USER'] or ''}:{self.config['SMS_API_PASSWORD'] or ''}"
        request.add_header(
            "Authorization", "Basic " + base64.b64encode(credentials.encode()).decode()
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                if response.status >= 300:
                    raise SendError(f"SMS service answered {response.status}")
        except (OSError, urllib.error.URLError) as error:
            raise SendError(str(error)) from error


def sender_for(address: str) -> Sender:
    """The configured sender for an email address (contains @) or an E.164 phone number."""
    config = current_app.config
    if "@" in address:
        return SmtpSender(config) if config["MAIL_BACKEND"] == "smtp" else ConsoleSender()
    return HttpSmsSender(config) if config["SMS_BACKEND"] == "http" else ConsoleSender()
