"""The one view step that asks a guardian, for a shift sign-up and for a summer-job placement:
store the request, send the link, and answer the page (the place holds even when sending
fails)."""

from collections.abc import Callable

from flask import flash, redirect
from flask_babel import gettext as _

from app.refusals import Refused, refused_page
from app.senders import SendError


def send_request(
    request_consent: Callable[[str], str], send_link: Callable[[str, str], None], address: str
) -> str:
    """``request_consent(address)`` stores the request and returns the token;
    ``send_link(address, token)`` sends it (raises SendError). Returns what to tell the
    youth; raises Refused (503 when sending failed: the place still holds)."""
    token = request_consent(address)
    try:
        send_link(address, token)
    except SendError:
        raise Refused(
            _(
                "The place is held, but the message to the guardian could not be sent. "
                "Try again in a moment."
            ),
            503,
        ) from None
    return _("We sent the guardian a link to consent. The place is held for 72 hours.")


def ask_guardian(
    request_consent: Callable[[str], str],
    send_link: Callable[[str, str], None],
    address: str,
    back: str,
):
    """As :func:`send_request`, answered as a page: the message flashed on ``back``."""
    try:
        message = send_request(request_consent, send_link, address)
    except Refused as refusal:
        return refused_page(refusal, back)
    flash(message, "success")
    return redirect(back)
