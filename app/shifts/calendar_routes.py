"""The leader's page for the area's school calendar (used by the rules for minors)."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.areas.services import area_or_404
from app.auth.forms import ConfirmForm
from app.clock import local
from app.models.util import utcnow
from app.refusals import Refused
from app.shifts import schoolcalendar
from app.shifts.services import can_manage

bp = Blueprint("schoolcalendar", __name__)


@bp.route("/areas/<slug>/school-calendar", methods=["GET", "POST"])
@login_required
def edit(slug: str):
    area = area_or_404(slug)
    if not can_manage(current_user, area):
        abort(403)
    years = schoolcalendar.years_to_edit(local(utcnow()).date())
    raw_year = request.values.get("year", "")
    try:
        year = int(raw_year) if raw_year else years[1]
    except ValueError:
        year = None
    if year not in years:
        abort(404)
    form = ConfirmForm()
    own = schoolcalendar.periods(area, year)
    text = schoolcalendar.as_text(own or schoolcalendar.default_periods(year))
    error, status = None, 200
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        text = request.form.get("periods", "")
        try:
            schoolcalendar.save(area, current_user, year, text)
        except Refused as refusal:
            if refusal.status == 403:
                abort(403)
            error, status = refusal.message, refusal.status
        else:
            flash(_("The school calendar is saved."), "success")
            return redirect(url_for("schoolcalendar.edit", slug=area.slug, year=year))
    return render_template(
        "shifts/school_calendar.html",
        area=area,
        form=form,
        year=year,
        years=years,
        text=text,
        own=bool(own),
        error=error,
    ), status
