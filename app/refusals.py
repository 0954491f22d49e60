"""Refusals: the exception every domain raises when an action is not allowed, and its page."""

from collections.abc import Callable

from flask import abort, flash, redirect, render_template


class Refused(Exception):
    """The action is not allowed; ``message`` is translated, ``status`` the HTTP code."""

    def __init__(self, message, status: int = 403):
        super().__init__(str(message))
        self.message = message
        self.status = status


def refused_page(refusal, back: str):
    """A refused action as a page with a way back; 403 stays the plain forbidden page."""
    if refusal.status == 403:
        abort(403)
    return render_template("shifts/refused.html", message=refusal.message, back=back), (
        refusal.status
    )


def done_or_refused(action: Callable, message, back: str, then: str | None = None):
    """Run ``action`` (a service call): its refusal as a page that leads ``back``, else
    flash ``message`` (or ``message(result)``) and go to ``then`` (``back`` when not given)."""
    try:
        result = action()
    except Refused as refusal:
        return refused_page(refusal, back)
    flash(message(result) if callable(message) else message, "success")
    return redirect(then or back)
