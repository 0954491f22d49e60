"""Summer jobs: postings per area, applying, and placing applicants."""

from datetime import date, time

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.activities.services import organiser_partners
from app.areas.services import area_or_404
from app.auth.forms import ConfirmForm
from app.confirmation import confirm_page
from app.extensions import db
from app.forms import whole_number
from app.jobs import cards, services, statuses
from app.jobs import shifts as job_shifts
from app.models import ApplicationStatus, JobApplication
from app.pagination import page_number
from app.refusals import Refused, refused_page
from app.shifts import asking, guardians
from app.web import safe_next, wants_fragment

bp = Blueprint("jobs", __name__)


def _date(name: str) -> date:
    try:
        return date.fromisoformat((request.form.get(name) or "").strip())
    except ValueError:
        raise Refused(_("Write dates as YYYY-MM-DD."), 422) from None


def _int(name: str) -> int:
    try:
        return whole_number((request.form.get(name) or "").strip())
    except ValueError:
        raise Refused(_("Write a whole number."), 422) from None


@bp.get("/areas/<slug>/jobs")
def job_list(slug: str):
    area = area_or_404(slug)
    context = dict(
        area=area,
        listing=cards.listing(area, current_user, page_number()),
        can_post=services.can_post(current_user, area),
        labels=statuses.STATUS_LABELS,
        form=ConfirmForm(),
    )
    if wants_fragment():
        return render_template("jobs/_cards.html", **context)
    return render_template("jobs/list.html", **context)


@bp.route("/areas/<slug>/jobs/new", methods=["GET", "POST"])
@login_required
def new_job(slug: str):
    area = area_or_404(slug)
    if not services.can_post(current_user, area):
        abort(403)
    form = ConfirmForm()
    partners = organiser_partners(current_user, area)
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        back = url_for("jobs.new_job", slug=area.slug)
        try:
            partner = (request.form.get("partner_id") or "").strip()
            data = services.JobInput(
                employer=request.form.get("employer", ""),
                workplace=request.form.get("workplace", ""),
                starts_on=_date("starts_on"),
                ends_on=_date("ends_on"),
                places=_int("places"),
                min_age=_int("min_age"),
                max_age=_int("max_age"),
                tasks=request.form.get("tasks", ""),
                supervisor_name=request.form.get("supervisor_name", ""),
                light_work=request.form.get("light_work") == "yes",
                apply_by=_date("apply_by"),
                partner_id=int(partner) if partner.isdigit() else None,
            )
            job = services.create(area, current_user, data)
        except Refused as refusal:
            return refused_page(refusal, back)
        flash(_("The summer job is posted."), "success")
        return redirect(url_for("jobs.job_page", job_id=job.id))
    return render_template("jobs/form.html", area=area, form=form, partners=partners)


@bp.get("/jobs/<int:job_id>")
def job_page(job_id: int):
    job = services.job_or_404(job_id)
    manage = services.can_manage(current_user, job)
    mine = services.mine(job, current_user)
    shown = ([mine] if mine else []) + (
        [a.application for a in services.applicants(job)] if manage else []
    )
    consents = {
        a.id: guardians.consent_for_application(a)
        for a in shown
        if a.status == ApplicationStatus.AWAITING_GUARDIAN
    }
    return render_template(
        "jobs/job.html",
        job=job,
        form=ConfirmForm(),
        mine=mine,
        consents=consents,
        can_manage=manage,
        applicants=services.applicants(job) if manage else [],
        places_taken=services.places_taken(job),
        labels=statuses.STATUS_LABELS,
    )


@bp.post("/jobs/<int:job_id>/apply")
@login_required
def apply(job_id: int):
    job = services.job_or_404(job_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    back = safe_next(request.form.get("next")) or url_for("jobs.job_page", job_id=job.id)
    try:
        services.apply(job, current_user, request.form.get("motivation", ""))
    except Refused as refusal:
        if wants_fragment():
            return _card(job, error=refusal.message), refusal.status
        return refused_page(refusal, back)
    if wants_fragment():
        return _card(job, note=_("Your application is sent."))
    flash(_("Your application is sent."), "success")
    return redirect(back)


def _card(job, **said):
    """One card of the job list, for the reader, with what just happened."""
    return render_template(
        "jobs/_card.html",
        card=cards.card(job, current_user),
        labels=statuses.STATUS_LABELS,
        form=ConfirmForm(),
        **said,
    )


@bp.post("/job-applications/<int:application_id>/place")
@login_required
def place(application_id: int):
    application = db.get_or_404(JobApplication, application_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    back = url_for("jobs.job_page", job_id=application.job_id)
    try:
        services.place(application, current_user)
    except Refused as refusal:
        return refused_page(refusal, back)
    flash(_("The applicant is placed."), "success")
    return redirect(back)


@bp.get("/job-applications/<int:application_id>/withdraw")
@login_required
def ask_withdraw(application_id: int):
    """Before withdrawing: what happens (a placement and its shifts are given up too)."""
    application = db.get_or_404(JobApplication, application_id)
    if application.person_id != current_user.id:
        abort(403)
    if application.status is ApplicationStatus.APPLIED:
        consequence = _(
            "Your application to %(employer)s is withdrawn.", employer=application.job.employer
        )
    else:
        consequence = _("Withdrawing gives up your place and cancels your shifts still to come.")
    return confirm_page(
        _("Withdraw your application?"),
        consequence,
        _("Yes, withdraw my application"),
        url_for("jobs.job_page", job_id=application.job_id),
    )


@bp.post("/job-applications/<int:application_id>/withdraw")
@login_required
def withdraw(application_id: int):
    application = db.get_or_404(JobApplication, application_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    back = url_for("jobs.job_page", job_id=application.job_id)
    try:
        services.withdraw(application, current_user)
    except Refused as refusal:
        return refused_page(refusal, back)
    flash(_("Your application is withdrawn."), "success")
    return redirect(safe_next(request.form.get("next")) or back)


def _time(name: str) -> time:
    try:
        return time.fromisoformat((request.form.get(name) or "").strip())
    except ValueError:
        raise Refused(_("Write times as HH:MM."), 422) from None


@bp.post("/job-applications/<int:application_id>/shifts")
@login_required
def generate_shifts(application_id: int):
    application = db.get_or_404(JobApplication, application_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    back = url_for("jobs.job_page", job_id=application.job_id)
    try:
        made = job_shifts.generate(application, current_user, _time("start"), _time("end"))
    except Refused as refusal:
        return refused_page(refusal, back)
    flash(_("Shifts planned: %(count)d.", count=len(made)), "success")
    return redirect(back)


@bp.post("/job-applications/<int:application_id>/guardian")
@login_required
def ask_guardian(application_id: int):
    """The placed youth names a guardian (or a leader does, assisting them) and the link is
    sent; asking again renews the link while the guardian has not answered."""
    application = db.get_or_404(JobApplication, application_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    job = application.job
    if application.person_id != current_user.id and not services.can_manage(current_user, job):
        abort(403)
    back = url_for("jobs.job_page", job_id=job.id)
    try:
        address = guardians.guardian_address(request.form.get("guardian", ""))
    except Refused as refusal:
        return refused_page(refusal, back)
    return asking.ask_guardian(
        lambda to: guardians.request_application_consent(application, to),
        lambda to, token: guardians.send_application_link(application, to, token),
        address,
        back,
    )
