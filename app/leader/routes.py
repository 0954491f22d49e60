"""Worked hours, the certificate of work, the leaders' hours table and CSV, and the day view."""

from flask import Blueprint, Response, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.areas.services import area_or_404, require_leader
from app.clock import local
from app.i18n import DEFAULT_LOCALE, is_supported
from app.models.util import utcnow
from app.refusals import Refused, refused_page
from app.shifts import dayview, hours

bp = Blueprint("leader", __name__)


@bp.get("/my/hours")
@login_required
def my_hours():
    return render_template("leader/my_hours.html", worked=hours.my_hours(current_user), local=local)


@bp.get("/my/hours/certificate")
@login_required
def certificate():
    """Always the signed-in person's own: there is no way to name someone else. Written in
    Swedish, for a Swedish employer, unless another of the six languages is chosen."""
    language = request.args.get("lang", DEFAULT_LOCALE)
    if not is_supported(language):
        return refused_page(
            Refused(_("That language is not offered."), 400), url_for("leader.certificate")
        )
    with force_locale(language):
        return render_template(
            "leader/certificate.html",
            person=current_user,
            worked=hours.my_hours(current_user),
            issued=local(utcnow()).date(),
            stylesheet="certificate.css",
        )


@bp.get("/areas/<slug>/hours")
@login_required
def area_hours(slug: str):
    area = area_or_404(slug)
    require_leader(area)
    return render_template("leader/area_hours.html", area=area, table=hours.area_hours(area))


@bp.get("/areas/<slug>/hours.csv")
@login_required
def area_hours_csv(slug: str):
    area = area_or_404(slug)
    require_leader(area)
    body = hours.area_csv(
        hours.area_hours(area),
        [_("Youth"), _("Workplace"), _("Shifts"), _("Hours")],
        _("Notes"),
    )
    return Response(
        body,
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="hours-{area.slug}.csv"'},
    )


@bp.get("/areas/<slug>/today")
@login_required
def today(slug: str):
    area = area_or_404(slug)
    require_leader(area)
    return render_template(
        "leader/today.html",
        area=area,
        day=dayview.today(),
        entries=dayview.day_view(area),
        local=local,
    )
