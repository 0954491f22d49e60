"""Activities: lists per area, create and edit, sign up and cancel, attendance by phone."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import force_locale, get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.activities import calendars, ical, offers, services
from app.activities.forms import ActivityForm, ChildForm
from app.areas.services import area_or_404, is_leader
from app.assisted import services as assisted
from app.associations.services import boards_of
from app.auth.forms import ConfirmForm
from app.clock import local, span_label
from app.confirmation import confirm_page
from app.forms import error_text
from app.ideas.services import CATEGORY_LABELS
from app.models import Activity, Audience, Category
from app.models.util import utcnow
from app.pagination import page_number
from app.refusals import Refused
from app.translations import services as translations
from app.web import member_of, safe_next, wants_fragment

bp = Blueprint("activities", __name__)

LEADERS = "leaders"
ASSOCIATION = "association-"


def _organiser_choices(area, activity: Activity | None = None):
    choices = []
    if is_leader(current_user, area):
        choices.append((LEADERS, _("The process leaders")))
    partners = services.organiser_partners(current_user, area)
    if activity is not None and activity.partner and activity.partner not in partners:
        partners.append(activity.partner)
    choices += [(str(p.id), p.name) for p in partners]
    boards = boards_of(current_user, area)
    if activity is not None and activity.association and activity.association not in boards:
        boards.append(activity.association)
    choices += [(f"{ASSOCIATION}{a.id}", a.name) for a in boards]
    return choices


def _input(form: ActivityForm) -> services.ActivityInput:
    organiser = form.organiser.data
    association_id = None
    if organiser.startswith(ASSOCIATION):
        association_id, organiser = int(organiser.removeprefix(ASSOCIATION)), LEADERS
    return services.ActivityInput(
        title=form.title.data,
        description=form.description.data or "",
        category=Category(form.category.data),
        audience=Audience(form.audience.data),
        place=form.place.data,
        day=form.day.data,
        start=form.start.data,
        end=form.end.data,
        capacity=form.capacity.data,
        min_age=form.min_age.data,
        max_age=form.max_age.data,
        partner_id=None if organiser == LEADERS else int(organiser),
        association_id=association_id,
        repeat_weeks=(form.repeat_weeks.data or 1) if form.repeat_weeks else 1,
        language=form.language.data or None,
    )


def _refused(activity, refusal: Refused):
    return render_template(
        "activities/refused.html", activity=activity, message=refusal.message
    ), refusal.status


@bp.get("/areas/<slug>/activities")
def activity_list(slug: str):
    area = area_or_404(slug)
    wanted = request.args.get("audience")
    audience = member_of(Audience, wanted)
    context = dict(
        area=area,
        agenda=services.upcoming(area, audience, page_number()),
        audience=audience,
        audiences=services.AUDIENCE_LABELS,
    )
    if wants_fragment():
        return render_template("activities/_agenda.html", fragment=True, **context)
    return render_template(
        "activities/list.html", can_create=services.can_create(current_user, area), **context
    )


@bp.route("/areas/<slug>/activities/new", methods=["GET", "POST"])
@login_required
def create(slug: str):
    area = area_or_404(slug)
    if not services.can_create(current_user, area):
        abort(403)
    form = ActivityForm()
    form.organiser.choices = _organiser_choices(area)
    if request.method == "GET":
        form.language.data = current_user.locale  # written in the organiser's language
    if form.validate_on_submit():
        try:
            created = services.create(area, current_user, _input(form))
        except Refused as refusal:
            if refusal.status == 403:
                abort(403)
            form.day.errors = [*form.day.errors, refusal.message]
        else:
            flash(
                _("The activity is created.")
                if len(created) == 1
                else ngettext(
                    "%(num)d date is created.", "%(num)d dates are created.", len(created)
                ),
                "success",
            )
            return redirect(url_for("activities.activity", activity_id=created[0].id))
    return render_template("activities/form.html", area=area, form=form, activity=None), (
        422 if form.errors else 200
    )


@bp.route("/activities/<int:activity_id>/edit", methods=["GET", "POST"])
@login_required
def edit(activity_id: int):
    activity = services.activity_or_404(activity_id)
    if not services.is_organiser(current_user, activity):
        abort(403)
    area = activity.area
    if request.method == "GET":
        form = ActivityForm(obj=activity)
        start, end = local(activity.starts_at), local(activity.ends_at)
        form.day.data, form.start.data, form.end.data = start.date(), start.time(), end.time()
        form.organiser.data = str(activity.partner_id) if activity.partner_id else LEADERS
        if activity.association_id:
            form.organiser.data = f"{ASSOCIATION}{activity.association_id}"
    else:
        form = ActivityForm()
    form.organiser.choices = _organiser_choices(area, activity)
    del form.repeat_weeks
    if form.validate_on_submit():
        try:
            services.update(activity, current_user, _input(form))
        except Refused as refusal:
            if refusal.status == 403:
                abort(403)
            form.day.errors = [*form.day.errors, refusal.message]
        else:
            flash(_("The activity is saved."), "success")
            return redirect(url_for("activities.activity", activity_id=activity.id))
    return render_template("activities/form.html", area=area, form=form, activity=activity), (
        422 if form.errors else 200
    )


@bp.get("/activities/<int:activity_id>")
def activity(activity_id: int):
    activity = services.activity_or_404(activity_id)
    offers.expire_offers(activity)
    mine = services.mine(activity, assisted.viewer(activity.area))
    tally = services.counts(activity)
    return render_template(
        "activities/activity.html",
        activity=activity,
        area=activity.area,
        mine=mine,
        own=next((r for r in mine if not r.is_child), None),
        positions={r.id: services.waitlist_position(r) for r in mine},
        tally=tally,
        places_left=services.places_left(activity, tally),
        started=activity.starts_at <= utcnow(),
        is_organiser=services.is_organiser(current_user, activity),
        other_dates=services.other_dates(activity),
        form=ConfirmForm(),
        child_form=ChildForm(formdata=None),
        audience_note=services.audience_note(activity.audience),
        audiences=services.AUDIENCE_LABELS,
        categories=CATEGORY_LABELS,
        statuses=services.REGISTRATION_LABELS,
        words=translations.original(translations.activity_text(activity), str(get_locale())),
        language_editable=translations.can_correct(
            translations.activity_text(activity), current_user
        ),
    )


@bp.post("/activities/<int:activity_id>/sign-up")
@login_required
def sign_up(activity_id: int):
    activity = services.activity_or_404(activity_id)
    child = request.form.get("child") == "1"
    form = ChildForm() if child else ConfirmForm()
    if not form.validate_on_submit():
        if child:
            return render_template(
                "activities/refused.html",
                activity=activity,
                message=error_text(form),
            ), 422
        abort(400)
    try:
        person, helper = assisted.actor(activity.area)
        registration = services.sign_up(
            activity,
            person,
            form.child_name.data if child else None,
            form.child_birth_year.data if child else None,
            assisted_by=helper,
        )
    except Refused as refusal:
        return _refused(activity, refusal)
    flash(services.REGISTRATION_LABELS[registration.status], "success")
    return redirect(url_for("activities.activity", activity_id=activity.id))


def _registration_action(registration_id: int, action):
    registration = services.registration_or_404(registration_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        person, _helper = assisted.actor(registration.activity.area)
        action(registration, person)
    except Refused as refusal:
        return _refused(registration.activity, refusal)
    flash(services.REGISTRATION_LABELS[registration.status], "success")
    back = url_for("activities.activity", activity_id=registration.activity_id)
    return redirect(safe_next(request.form.get("next")) or back)


@bp.get("/registrations/<int:registration_id>/cancel")
@login_required
def ask_cancel(registration_id: int):
    """Before giving up a place: what happens, and the button that does it."""
    registration = services.registration_or_404(registration_id)
    activity = registration.activity
    if registration.holder_id != assisted.viewer(activity.area).id:
        abort(403)
    return confirm_page(
        _("Cancel your sign-up?"),
        _(
            "%(activity)s, %(when)s. Your place goes to the next on the waiting list.",
            activity=activity.title,
            when=span_label(activity.starts_at, activity.ends_at),
        ),
        _("Yes, cancel my sign-up"),
        url_for("activities.activity", activity_id=activity.id),
    )


@bp.post("/registrations/<int:registration_id>/cancel")
@login_required
def cancel(registration_id: int):
    return _registration_action(registration_id, services.cancel)


@bp.post("/registrations/<int:registration_id>/confirm")
@login_required
def confirm(registration_id: int):
    return _registration_action(registration_id, offers.confirm_offer)


@bp.get("/activities/<int:activity_id>/attendance")
@login_required
def attendance(activity_id: int):
    activity = services.activity_or_404(activity_id)
    if not services.is_organiser(current_user, activity):
        abort(403)
    return render_template(
        "activities/attendance.html",
        activity=activity,
        area=activity.area,
        registrations=services.participants(activity),
        form=ConfirmForm(),
    )


@bp.post("/registrations/<int:registration_id>/attended")
@login_required
def attended(registration_id: int):
    registration = services.registration_or_404(registration_id)
    form = ConfirmForm()
    value = request.form.get("attended")
    if not form.validate_on_submit() or value not in ("1", "0", ""):
        abort(400)
    try:
        services.set_attended(registration, current_user, {"1": True, "0": False}.get(value))
    except Refused as refusal:
        return _refused(registration.activity, refusal)
    if wants_fragment():
        return render_template(
            "activities/_attendance_row.html", registration=registration, form=form
        )
    return redirect(url_for("activities.attendance", activity_id=registration.activity_id))


@bp.post("/activities/<int:activity_id>/walk-ins")
@login_required
def walk_ins(activity_id: int):
    activity = services.activity_or_404(activity_id)
    form = ConfirmForm()
    delta = request.form.get("delta")
    if not form.validate_on_submit() or delta not in ("1", "-1"):
        abort(400)
    try:
        services.change_walk_ins(activity, current_user, int(delta))
    except Refused as refusal:
        return _refused(activity, refusal)
    if wants_fragment():
        return render_template("activities/_walk_ins.html", activity=activity, form=form)
    return redirect(url_for("activities.attendance", activity_id=activity.id))


# --- Calendars --------------------------------------------------------------------------------


@bp.get("/areas/<slug>/activities.ics")
def area_calendar(slug: str):
    area = area_or_404(slug)
    name = _("Activities in %(area)s", area=area.name)
    return ical.response(
        ical.calendar(name, calendars.area_feed(area)), f"grannlabb-{area.slug}.ics"
    )


@bp.get("/activities/<int:activity_id>.ics")
def activity_calendar(activity_id: int):
    activity = services.activity_or_404(activity_id)
    return ical.response(ical.calendar(activity.title, [activity]), f"activity-{activity.id}.ics")


@bp.get("/calendar/<token>.ics")
def person_calendar(token: str):
    person = calendars.person_by_calendar_token(token)
    if person is None:
        abort(404)
    registrations = calendars.person_feed(person)
    summaries = {
        r.activity_id: f"{r.activity.title} ({r.child_name})"
        for r in registrations
        if r.is_child and r.child_name
    }
    from app.shifts.feed import shift_events  # the person's café and summer-job shifts

    # A calendar app fetches the feed without cookies: write it in the person's own language.
    with force_locale(person.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        body = ical.calendar(
            _("My activities in Grannlabb"),
            [r.activity for r in registrations],
            summaries,
            shift_events(person),
        )
    return ical.response(body, "grannlabb-mine.ics")
