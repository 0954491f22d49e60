"""Small request helpers shared by the blueprints."""

from collections.abc import Callable

from flask import abort, flash, redirect, render_template, request

from app.ideas.services import Refused


def safe_next(target: str | None) -> str | None:
    """A local path to return to, or None when the target could lead off-site."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


def wants_fragment() -> bool:
    """An htmx request for a piece of the page (boosted navigation wants the whole page)."""
    return (
        request.headers.get("HX-Request") == "true" and request.headers.get("HX-Boosted") != "true"
    )


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
