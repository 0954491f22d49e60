"""The one view step that asks a guardian, for a shift sign-up and for a summer-job placement:
store the request, send the link, and answer the page (the place holds even when sending
fails)."""

from collections.abc import Callable

from flask import flash, redirect, render_template
from flask_babel import gettext as _

from app.refusals import Refused, refused_page
from app.senders import SendError


def ask_guardian(
    request_consent: Callable[[str], str],
    send_link: Callable[[str, str], None],
    address: str,
    back: str,
):
    """``request_consent(address)`` stores the request and returns the token;
    ``send_link(address, token)`` sends it (raises SendError)."""
    try:
        token = request_consent(address)
    except Refused as refusal:
        return refused_page(refusal, back)
    try:
        send_link(address, token)
    except SendError:
        message = _(
            "The place is held, but the message to the guardian could not be sent. "
            "Try again in a moment."
        )
        return render_template("shifts/refused.html", message=message, back=back), 503
    flash(_("We sent the guardian a link to consent. The place is held for 72 hours."), "success")
    return redirect(back)
