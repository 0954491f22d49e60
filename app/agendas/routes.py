"""Residents' meetings: list, create, cut the agenda, print it; posters for ideas."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from app.agendas import services
from app.agendas.forms import MeetingForm
from app.areas.services import area_or_404, is_leader, require_leader
from app.auth.forms import ConfirmForm
from app.clock import meeting_time
from app.extensions import db
from app.ideas.services import STATUS_LABELS
from app.models import Idea
from app.models.ideas import LISTED
from app.refusals import Refused

bp = Blueprint("agendas", __name__)


def _meetings_page(area, form, status=200):
    return render_template(
        "agendas/meetings.html",
        area=area,
        meetings=services.meetings(area),
        form=form if is_leader(current_user, area) else None,
    ), status


@bp.get("/areas/<slug>/meetings")
def meetings(slug: str):
    area = area_or_404(slug)
    return _meetings_page(area, MeetingForm(formdata=None))


@bp.post("/areas/<slug>/meetings")
@login_required
def create(slug: str):
    area = area_or_404(slug)
    require_leader(area)
    form = MeetingForm()
    if form.validate_on_submit():
        try:
            agenda = services.create_meeting(
                area,
                current_user,
                title=form.title.data,
                meeting_at=meeting_time(form.day.data, form.clock.data),
                place=form.place.data,
                idea_count=form.idea_count.data,
            )
        except Refused as refusal:
            form.day.errors = [*form.day.errors, refusal.message]
        else:
            flash(_("The meeting is created."), "success")
            return redirect(url_for("agendas.agenda", agenda_id=agenda.id))
    return _meetings_page(area, form, 422)


@bp.get("/agendas/<int:agenda_id>")
def agenda(agenda_id: int):
    agenda = services.agenda_or_404(agenda_id)
    cut = agenda.cut_at is not None
    return render_template(
        "agendas/agenda.html",
        agenda=agenda,
        area=agenda.area,
        items=services.items(agenda) if cut else [],
        preview=[] if cut else services.preview(agenda),
        is_leader=is_leader(current_user, agenda.area),
        form=ConfirmForm(),
        labels=STATUS_LABELS,
    )


@bp.post("/agendas/<int:agenda_id>/cut")
@login_required
def cut(agenda_id: int):
    agenda = services.agenda_or_404(agenda_id)
    require_leader(agenda.area)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        frozen = services.cut(agenda, current_user)
    except Refused as refusal:
        return render_template(
            "agendas/refused.html", agenda=agenda, message=refusal.message
        ), refusal.status
    flash(
        ngettext(
            "The agenda is cut: %(num)d idea is on it.",
            "The agenda is cut: %(num)d ideas are on it.",
            len(frozen),
        ),
        "success",
    )
    return redirect(url_for("agendas.agenda", agenda_id=agenda.id))


@bp.get("/agendas/<int:agenda_id>/print")
def print_agenda(agenda_id: int):
    agenda = services.agenda_or_404(agenda_id)
    return render_template(
        "agendas/print.html",
        agenda=agenda,
        area=agenda.area,
        items=services.items(agenda),
        idea_url=services.idea_url,
        qr_svg=services.qr_svg,
    )


@bp.get("/ideas/<int:idea_id>/poster")
def poster(idea_id: int):
    """An A4 poster for the notice board; only for ideas anyone may see."""
    idea = db.get_or_404(Idea, idea_id)
    if idea.status not in LISTED:
        abort(404)
    url = services.idea_url(idea)
    return render_template(
        "agendas/poster.html",
        idea=idea,
        area=idea.area,
        url=url,
        qr=services.qr_svg(url),
        excerpt=services.excerpt(idea.text, 500),
        labels=STATUS_LABELS,
    )
