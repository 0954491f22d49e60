"""Asking before giving something up (a place, an application): a page that says what will
happen, with the one form that does it and a way back. A link leads to it, so it works the
same with and without JavaScript."""

from flask import render_template, request

from app.web import safe_next


def confirm_page(question, consequence, button, back: str):
    """The question as the heading, what happens, the button that posts to this same address
    (the caller's POST route) and "keep it" leading ``back`` (or to a local ``?next=``)."""
    then = safe_next(request.args.get("next"))
    return render_template(
        "confirm.html",
        question=question,
        consequence=consequence,
        button=button,
        action=request.path,
        then=then,
        back=then or back,
    )
