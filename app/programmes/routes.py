"""Programmes: list per area, set up by leaders, enrol with consent, outcomes, withdraw."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms import SelectChoice

from app.areas.services import area_or_404
from app.auth.forms import ConfirmForm
from app.clock import local
from app.extensions import db
from app.forms import error_text
from app.models.programmes import Outcome
from app.models.util import utcnow
from app.programmes import services
from app.programmes.forms import (
    NO_PARTNER,
    AssistedForm,
    ConsentForm,
    OutcomeForm,
    ProgrammeForm,
)
from app.refusals import Refused, refused_page

bp = Blueprint("programmes", __name__)


def _partner_choices(area):
    return [SelectChoice(NO_PARTNER, _("No partner"))] + [
        SelectChoice(str(p.id), p.name) for p in services.partner_choices(area)
    ]


def _input(form: ProgrammeForm) -> services.ProgrammeInput:
    return services.ProgrammeInput(
        name=form.name.data,
        description=form.description.data or "",
        for_whom=form.for_whom.data,
        retention_months=form.retention_months.data,
        partner_id=int(form.partner.data) if form.partner.data else None,
    )


@bp.get("/areas/<slug>/programmes")
def programme_list(slug: str):
    area = area_or_404(slug)
    return render_template(
        "programmes/list.html",
        area=area,
        programmes=services.programmes_in(area),
        can_manage=services.can_manage(current_user, area),
    )


@bp.route("/areas/<slug>/programmes/new", methods=["GET", "POST"])
@login_required
def create(slug: str):
    area = area_or_404(slug)
    if not services.can_manage(current_user, area):
        abort(403)
    form = ProgrammeForm()
    form.partner.choices = _partner_choices(area)
    if form.validate_on_submit():
        try:
            programme = services.create(area, current_user, _input(form))
        except Refused as refusal:
            if refusal.status == 403:
                abort(403)
            form.partner.errors = [*form.partner.errors, refusal.message]
        else:
            flash(_("The programme is created."), "success")
            return redirect(url_for("programmes.programme", programme_id=programme.id))
    return render_template("programmes/form.html", area=area, form=form, programme=None), (
        422 if form.errors else 200
    )


@bp.route("/programmes/<int:programme_id>/edit", methods=["GET", "POST"])
@login_required
def edit(programme_id: int):
    programme = services.programme_or_404(programme_id)
    if not services.can_manage(current_user, programme):
        abort(403)
    form = ProgrammeForm(obj=programme) if request.method == "GET" else ProgrammeForm()
    form.partner.choices = _partner_choices(programme.area)
    if request.method == "GET":
        form.partner.data = str(programme.partner_id) if programme.partner_id else NO_PARTNER
    if form.validate_on_submit():
        try:
            services.update(programme, current_user, _input(form))
        except Refused as refusal:
            if refusal.status == 403:
                abort(403)
            form.partner.errors = [*form.partner.errors, refusal.message]
        else:
            flash(_("The programme is saved."), "success")
            return redirect(url_for("programmes.programme", programme_id=programme.id))
    return render_template(
        "programmes/form.html", area=programme.area, form=form, programme=programme
    ), (422 if form.errors else 200)


@bp.get("/programmes/<int:programme_id>")
def programme(programme_id: int):
    programme = services.programme_or_404(programme_id)
    manager = services.can_manage(current_user, programme)
    assisted = None
    if manager:
        assisted = AssistedForm(formdata=None)
        assisted.person.choices = [SelectChoice("", _("Choose…"))] + [
            SelectChoice(str(p.id), p.display_name) for p in services.area_residents(programme.area)
        ]
    return render_template(
        "programmes/programme.html",
        programme=programme,
        area=programme.area,
        consent_text=services.consent_text(programme),
        mine=services.enrolment_of(programme, current_user),
        may_enrol=services.may_enrol_self(current_user, programme),
        manager=manager,
        participants=services.participants(programme) if manager else [],
        consent_form=ConsentForm(formdata=None),
        assisted_form=assisted,
        outcome_form=OutcomeForm(formdata=None),
        confirm=ConfirmForm(),
        labels=services.OUTCOME_LABELS,
        today=local(utcnow()).date(),
    )


def _back(programme) -> str:
    return url_for("programmes.programme", programme_id=programme.id)


@bp.post("/programmes/<int:programme_id>/enrol")
@login_required
def enrol(programme_id: int):
    programme = services.programme_or_404(programme_id)
    form = ConsentForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        services.enrol_self(programme, current_user, form.consent.data)
    except Refused as refusal:
        if refusal.status == 403:  # not a resident: say why, and where to join the area
            return render_template(
                "shifts/refused.html",
                message=refusal.message,
                back=url_for("areas.area", slug=programme.area.slug),
            ), 403
        return refused_page(refusal, _back(programme))
    flash(_("You are enrolled. You can withdraw at any time under My programmes."), "success")
    return redirect(_back(programme))


@bp.post("/programmes/<int:programme_id>/enrol-assisted")
@login_required
def enrol_assisted(programme_id: int):
    programme = services.programme_or_404(programme_id)
    if not services.can_manage(current_user, programme):
        abort(403)
    form = AssistedForm()
    if not form.validate_on_submit():
        message = error_text(form)
        return refused_page(Refused(message or _("Check the form."), 422), _back(programme))
    person_id = form.person.data or ""
    try:
        enrolment = services.enrol_assisted(
            programme,
            current_user,
            form.confirmed.data,
            person_id=int(person_id) if person_id.isdigit() else None,
            new_name=form.new_name.data or "",
        )
    except Refused as refusal:
        db.session.rollback()
        return refused_page(refusal, _back(programme))
    person = enrolment.person
    flash(_("%(name)s is enrolled (assisted consent).", name=person.display_name), "success")
    return redirect(_back(programme))


@bp.post("/enrolments/<int:enrolment_id>/outcome")
@login_required
def outcome(enrolment_id: int):
    enrolment = services.enrolment_or_404(enrolment_id)
    programme = enrolment.programme
    if not services.can_manage(current_user, programme):
        abort(403)
    form = OutcomeForm()
    if not form.validate_on_submit():
        message = error_text(form)
        return refused_page(Refused(message or _("Check the form."), 422), _back(programme))
    try:
        services.record_outcome(enrolment, current_user, Outcome(form.outcome.data), form.on.data)
    except Refused as refusal:
        return refused_page(refusal, _back(programme))
    flash(_("The outcome is recorded."), "success")
    return redirect(_back(programme) + "#participants")


@bp.post("/enrolments/<int:enrolment_id>/withdraw")
@login_required
def withdraw(enrolment_id: int):
    enrolment = services.enrolment_or_404(enrolment_id)
    programme = enrolment.programme
    if not ConfirmForm().validate_on_submit():
        abort(400)
    own = enrolment.person_id == current_user.id
    try:
        services.withdraw(enrolment, current_user)
    except Refused as refusal:
        return refused_page(refusal, _back(programme))
    flash(_("Consent is withdrawn and the outcomes are deleted."), "success")
    return redirect(url_for("programmes.mine") if own else _back(programme))


@bp.get("/my/programmes")
@login_required
def mine():
    return render_template(
        "programmes/mine.html",
        enrolments=services.my_enrolments(current_user),
        confirm=ConfirmForm(),
        labels=services.OUTCOME_LABELS,
    )
