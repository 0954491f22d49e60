"""'Try it as…': sign in as a demo person in one tap. Registered only outside production."""

from flask import Blueprint, abort, redirect, render_template, url_for

from app.auth import sessions
from app.auth.forms import ConfirmForm
from app.demo.loader import demo_people

bp = Blueprint("demo", __name__)


@bp.get("/try")
def try_as():
    return render_template("demo/try.html", people=demo_people(), form=ConfirmForm())


@bp.post("/try/<int:person_id>")
def sign_in_as(person_id: int):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    person = next((p for p in demo_people() if p.id == person_id), None)
    if person is None:
        abort(404)
    sessions.start(person)
    return redirect(url_for("main.home"))
