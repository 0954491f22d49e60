"""Café shifts: workplaces and shifts per area, sign-up and cancel, arrival."""

from datetime import datetime

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.agendas.services import MEETING_ZONE
from app.areas.services import area_or_404
from app.auth.forms import ConfirmForm
from app.ideas.services import Refused
from app.shifts import services

bp = Blueprint("shifts", __name__)


def _refused(refusal: Refused, back: str):
    if refusal.status == 403:
        abort(403)
    return render_template("shifts/refused.html", message=refusal.message, back=back), (
        refusal.status
    )


def _moment(name: str, required: bool = True) -> datetime | None:
    """A ``datetime-local`` field, read as Swedish clock time."""
    raw = (request.form.get(name) or "").strip()
    if not raw:
        if required:
            raise Refused(_("Fill in every date and time."), 422)
        return None
    try:
        return datetime.fromisoformat(raw).replace(tzinfo=MEETING_ZONE)
    except ValueError:
        raise Refused(_("Write dates and times as YYYY-MM-DD HH:MM."), 422) from None


def _int(name: str, required: bool = True) -> int | None:
    raw = (request.form.get(name) or "").strip()
    if not raw and not required:
        return None
    try:
        return int(raw)
    except ValueError:
        raise Refused(_("Write a whole number."), 422) from None


@bp.get("/areas/<slug>/shifts")
def shift_list(slug: str):
    area = area_or_404(slug)
    return render_template(
        "shifts/list.html",
        area=area,
        workplaces=services.workplaces(area),
        shifts=services.upcoming(area),
        can_manage=services.can_manage(current_user, area),
        local=services.local,
    )


@bp.route("/areas/<slug>/workplaces/new", methods=["GET", "POST"])
@login_required
def new_workplace(slug: str):
    area = area_or_404(slug)
    if not services.can_manage(current_user, area):
        abort(403)
    form = ConfirmForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        try:
            services.create_workplace(
                area,
                current_user,
                request.form.get("name", ""),
                request.form.get("description", ""),
                request.form.get("supervisor_name", ""),
            )
        except Refused as refusal:
            return _refused(refusal, url_for("shifts.shift_list", slug=area.slug))
        flash(_("The workplace is created."), "success")
        return redirect(url_for("shifts.shift_list", slug=area.slug))
    return render_template("shifts/workplace_form.html", area=area, form=form)


@bp.route("/workplaces/<int:workplace_id>/shifts/new", methods=["GET", "POST"])
@login_required
def new_shift(workplace_id: int):
    workplace = services.workplace_or_404(workplace_id)
    area = workplace.area
    if not services.can_manage(current_user, area):
        abort(403)
    form = ConfirmForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        back = url_for("shifts.new_shift", workplace_id=workplace.id)
        try:
            data = services.ShiftInput(
                starts_at=_moment("starts_at"),
                ends_at=_moment("ends_at"),
                capacity=_int("capacity"),
                role=request.form.get("role", ""),
                min_age=_int("min_age", required=False),
                signup_opens_at=_moment("signup_opens_at", required=False),
                signup_closes_at=_moment("signup_closes_at", required=False),
                cancel_deadline=_moment("cancel_deadline", required=False),
            )
            shift = services.create_shift(workplace, current_user, data)
        except Refused as refusal:
            return _refused(refusal, back)
        flash(_("The shift is created."), "success")
        return redirect(url_for("shifts.shift", shift_id=shift.id))
    return render_template("shifts/shift_form.html", area=area, workplace=workplace, form=form)


@bp.get("/shifts/<int:shift_id>")
def shift(shift_id: int):
    shift = services.shift_or_404(shift_id)
    area = shift.workplace.area
    can_manage = services.can_manage(current_user, area)
    return render_template(
        "shifts/shift.html",
        shift=shift,
        area=area,
        mine=services.mine(shift, current_user),
        places_left=services.places_left(shift),
        signups=services.signups(shift) if can_manage else [],
        can_manage=can_manage,
        statuses=services.STATUS_LABELS,
        local=services.local,
        form=ConfirmForm(),
    )


@bp.post("/shifts/<int:shift_id>/sign-up")
@login_required
def sign_up(shift_id: int):
    shift = services.shift_or_404(shift_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    back = url_for("shifts.shift", shift_id=shift.id)
    try:
        signup = services.sign_up(shift, current_user)
    except Refused as refusal:
        return _refused(refusal, back)
    flash(services.STATUS_LABELS[signup.status], "success")
    return redirect(back)


@bp.post("/shift-signups/<int:signup_id>/cancel")
@login_required
def cancel(signup_id: int):
    signup = services.signup_or_404(signup_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    back = url_for("shifts.shift", shift_id=signup.shift_id)
    try:
        services.cancel(signup, current_user)
    except Refused as refusal:
        return _refused(refusal, back)
    flash(services.STATUS_LABELS[signup.status], "success")
    return redirect(back)


@bp.post("/shift-signups/<int:signup_id>/arrival")
@login_required
def arrival(signup_id: int):
    signup = services.signup_or_404(signup_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    value = request.form.get("arrived")
    arrived = {"yes": True, "no": False}.get(value)
    try:
        services.set_arrived(signup, current_user, arrived)
    except Refused as refusal:
        return _refused(refusal, url_for("shifts.shift", shift_id=signup.shift_id))
    return redirect(url_for("shifts.shift", shift_id=signup.shift_id))
