import json

import sqlalchemy as sa
from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.account import services
from app.activities import calendars
from app.activities.ical import absolute_url
from app.auth import sessions
from app.auth.forms import ConfirmForm, ProfileForm
from app.extensions import db
from app.models import AreaRole
from app.partners.services import open_request_counts, represented_by

bp = Blueprint("account", __name__, url_prefix="/account")


@bp.route("", methods=["GET", "POST"])
@login_required
def account():
    form = ProfileForm(obj=current_user) if request.method == "GET" else ProfileForm()
    if form.validate_on_submit():
        current_user.display_name = form.display_name.data
        current_user.locale = form.locale.data
        db.session.commit()
        flash(_("Your changes are saved."), "success")
        # A full redirect: the language may have changed, and with it <html lang dir>.
        return redirect(url_for("account.account"))
    partners = represented_by(current_user)
    roles = db.session.scalars(
        sa.select(AreaRole)
        .where(AreaRole.person_id == current_user.id)
        .options(sa.orm.joinedload(AreaRole.area))
    ).all()
    # The calendar link is stored only as a hash: it is shown once, just after it is made.
    token = session.pop("new_calendar_token", None)
    calendar_url = absolute_url("activities.person_calendar", token=token) if token else None
    return render_template(
        "account/account.html",
        form=form,
        roles=roles,
        confirm=ConfirmForm(),
        calendar_url=calendar_url,
        has_calendar_link=current_user.calendar_token_hash is not None,
        devices=sessions.live_count(current_user),
        partners=partners,
        open_requests=open_request_counts(partners),
    ), 422 if form.errors else 200


@bp.post("/calendar-link")
@login_required
def calendar_link():
    """Make the secret link of the private calendar, or replace it (the old one stops)."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    had_link = current_user.calendar_token_hash is not None
    session["new_calendar_token"] = calendars.new_calendar_token(current_user)
    flash(
        _("The old link no longer works. Here is your new calendar link.")
        if had_link
        else _("Your calendar link is ready."),
        "success",
    )
    return redirect(url_for("account.account") + "#calendar")


@bp.post("/sign-out-everywhere")
@login_required
def sign_out_everywhere():
    """End every sign-in of this person, on every phone and computer, this one included."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    sessions.end_all(current_user.id)
    db.session.commit()
    sessions.end(current_user)
    flash(_("You are signed out on all devices."), "info")
    return redirect(url_for("main.home"))


@bp.get("/export")
@login_required
def export():
    body = json.dumps(services.export(current_user), ensure_ascii=False, indent=2)
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": "attachment; filename=grannlabb-my-data.json"},
    )


@bp.route("/delete", methods=["GET", "POST"])
@login_required
def delete():
    form = ConfirmForm()
    if form.validate_on_submit():
        services.delete_account(current_user)
        sessions.end(current_user)
        flash(
            _("Your account is deleted. What you wrote stays, shown as by a former resident."),
            "info",
        )
        return redirect(url_for("main.home"))
    return render_template("account/delete.html", form=form)
