"""Premises: list per area, page with a week calendar, booking, approval, my bookings, iCal."""

from datetime import timedelta

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.activities import ical
from app.activities.forms import ActivityForm
from app.activities.services import ActivityInput
from app.areas.services import area_or_404, is_leader
from app.assisted import services as assisted
from app.auth.forms import ConfirmForm
from app.ideas import photos
from app.models import Audience, Category
from app.models.premises import BookingStatus, Premises
from app.models.util import utcnow
from app.premises import (
    booked_activities,
    cancelling,
    closed_dates,
    editing,
    eligibility,
    opening_hours,
    schedule,
    services,
)
from app.premises.booking import STATUS_LABELS, BookingInput, SeriesRefused
from app.premises.booking import approve as approve_booking
from app.premises.booking import book as book_premises
from app.premises.booking import decline as decline_booking
from app.premises.forms import BookingForm, DeclineForm, PremisesForm
from app.refusals import Refused, refused_page
from app.web import safe_next, wants_fragment

bp = Blueprint("premises", __name__)


@bp.get("/areas/<slug>/premises")
def premises_list(slug: str):
    area = area_or_404(slug)
    return render_template(
        "premises/list.html",
        area=area,
        premises=services.in_area(area),
        is_leader=is_leader(current_user, area),
        weekdays=opening_hours.WEEKDAY_LABELS,
    )


def _input(form: PremisesForm, photo: str | None) -> editing.PremisesInput:
    hours = {}
    for day, hour_field in enumerate(form.hour_fields()):
        try:
            spans = opening_hours.parse_spans(hour_field.data or "")
        except ValueError as error:
            hour_field.errors = [*hour_field.errors, str(error.args[0])]
            continue
        if spans:
            hours[day] = spans
    try:
        closed = closed_dates.parse_closed(form.closed.data or "")
    except ValueError as error:
        form.closed.errors = [*form.closed.errors, str(error.args[0])]
        closed = []
    return editing.PremisesInput(
        name=form.name.data,
        capacity=form.capacity.data,
        accessibility=form.accessibility.data or "",
        equipment=form.equipment.data or "",
        rules=form.rules.data or "",
        for_residents=form.for_residents.data,
        for_associations=form.for_associations.data,
        for_partners=form.for_partners.data,
        needs_approval=form.needs_approval.data,
        max_minutes=form.max_minutes.data,
        max_days_ahead=form.max_days_ahead.data,
        hours=hours,
        closed=closed,
        photo=photo,
    )


def _save_form(area, form: PremisesForm, premises: Premises | None):
    if not form.validate_on_submit():
        return None
    data = _input(form, photos.save_upload(form.photo))
    if form.errors:
        return None
    try:
        return editing.save_premises(area, current_user, data, premises)
    except Refused as refusal:
        if refusal.status == 403:
            abort(403)
        form.name.errors = [*form.name.errors, refusal.message]
        return None


def _form_page(area, form: PremisesForm, premises: Premises | None):
    """Save a submitted form and go to the premises, or show the form (422 with its errors)."""
    saved = _save_form(area, form, premises)
    if saved is not None:
        flash(_("The premises are saved."), "success")
        return redirect(url_for("premises.premises", premises_id=saved.id))
    return render_template("premises/form.html", area=area, form=form, premises=premises), (
        422 if form.errors else 200
    )


@bp.route("/areas/<slug>/premises/new", methods=["GET", "POST"])
@login_required
def create(slug: str):
    area = area_or_404(slug)
    if not is_leader(current_user, area):
        abort(403)
    return _form_page(area, PremisesForm(), None)


@bp.route("/premises/<int:premises_id>/edit", methods=["GET", "POST"])
@login_required
def edit(premises_id: int):
    premises = services.premises_or_404(premises_id)
    area = premises.area
    if not is_leader(current_user, area):
        abort(403)
    if request.method == "GET":
        form = PremisesForm(obj=premises)
        for day, hour_field in enumerate(form.hour_fields()):
            hour_field.data = opening_hours.format_spans(
                s for s in premises.spans if s.weekday == day
            )
        form.closed.data = "\n".join(
            f"{c.day.isoformat()} {c.note}".strip() for c in premises.closed_dates
        )
    else:
        form = PremisesForm()
    return _form_page(area, form, premises)


def _calendar_context(premises: Premises):
    monday = schedule.week_start(request.args.get("week"))
    return {
        "premises": premises,
        "monday": monday,
        "days": schedule.week(premises, monday),
        "previous_week": monday - timedelta(weeks=1),
        "next_week": monday + timedelta(weeks=1),
        "show_names": is_leader(current_user, premises.area),
        "me": current_user.id if current_user.is_authenticated else None,
        "booker_name": schedule.booker_name,
        "weekdays": opening_hours.WEEKDAY_LABELS,
    }


@bp.get("/premises/<int:premises_id>")
def premises(premises_id: int):
    premises = services.premises_or_404(premises_id)
    context = _calendar_context(premises)
    if wants_fragment():
        return render_template("premises/_week.html", **context)
    leader = is_leader(current_user, premises.area)
    return render_template(
        "premises/premises.html",
        area=premises.area,
        is_leader=leader,
        can_book=bool(eligibility.book_as_choices(assisted.viewer(premises.area), premises)),
        pending=schedule.pending_in(premises) if leader else [],
        form=ConfirmForm(),
        **context,
    )


@bp.route("/premises/<int:premises_id>/book", methods=["GET", "POST"])
@login_required
def book(premises_id: int):
    premises = services.premises_or_404(premises_id)
    back = url_for("premises.premises", premises_id=premises.id)
    try:
        booker, helper = assisted.actor(premises.area)
    except Refused as refusal:
        return refused_page(refusal, back)
    choices = eligibility.book_as_choices(booker, premises)
    if not choices:
        refusal = eligibility.refusal_to_book(booker, premises)
        return render_template("shifts/refused.html", message=refusal.message, back=back), 403
    form = BookingForm()
    form.book_as.choices = [(c.key, c.label) for c in choices]
    status = 200
    if form.validate_on_submit():
        data = BookingInput(
            purpose=form.purpose.data,
            day=form.day.data,
            start=form.start.data,
            end=form.end.data,
            people=form.people.data,
            book_as=form.book_as.data,
            repeat_weeks=form.repeat_weeks.data or 1,
            until=form.until.data,
        )
        try:
            report = book_premises(premises, booker, data, assisted_by=helper)
        except SeriesRefused as refusal:
            return render_template(
                "premises/series.html",
                premises=premises,
                report=refusal.report,
                booked=False,
                labels=STATUS_LABELS,
            ), 409
        except Refused as refusal:
            if refusal.status == 403:
                return render_template(
                    "shifts/refused.html", message=refusal.message, back=back
                ), 403
            form.day.errors = [*form.day.errors, refusal.message]
            status = refusal.status
        else:
            if len(report) > 1:
                return render_template(
                    "premises/series.html",
                    premises=premises,
                    report=report,
                    booked=True,
                    labels=STATUS_LABELS,
                )
            booking = report[0].booking
            flash(
                _("Your booking is confirmed.")
                if booking.status is BookingStatus.APPROVED
                else _("Your request is sent; a process leader will approve or decline it."),
                "success",
            )
            return redirect(url_for("premises.my_bookings"))
    if form.errors and status == 200:
        status = 422
    return render_template("premises/book.html", premises=premises, form=form), status


def _booking_action(booking_id: int, action, *args):
    booking = services.booking_or_404(booking_id)
    back = url_for("premises.premises", premises_id=booking.premises_id)
    try:
        action(booking, current_user, *args)
    except Refused as refusal:
        return refused_page(refusal, back)
    flash(STATUS_LABELS[booking.status], "success")
    return None


@bp.post("/bookings/<int:booking_id>/approve")
@login_required
def approve(booking_id: int):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    refused = _booking_action(booking_id, approve_booking)
    back = url_for("premises.premises", premises_id=services.premises_id_of(booking_id))
    return refused or redirect(safe_next(request.form.get("next")) or back)


@bp.route("/bookings/<int:booking_id>/decline", methods=["GET", "POST"])
@login_required
def decline(booking_id: int):
    booking = services.booking_or_404(booking_id)
    if not is_leader(current_user, booking.premises.area):
        abort(403)
    form = DeclineForm()
    if form.validate_on_submit():
        refused = _booking_action(booking_id, decline_booking, form.reason.data)
        return refused or redirect(url_for("premises.premises", premises_id=booking.premises_id))
    return render_template("premises/decline.html", booking=booking, form=form), (
        422 if form.errors else 200
    )


@bp.route("/bookings/<int:booking_id>/cancel", methods=["GET", "POST"])
@login_required
def cancel(booking_id: int):
    """GET: the confirmation page (a leader may write a reason). POST: cancel; a booking that
    holds a coming activity asks to confirm first (409 with the same page)."""
    booking = services.booking_or_404(booking_id)
    if not cancelling.can_cancel(booking, current_user):
        abort(403)
    next_url = safe_next(request.values.get("next")) or ""

    def confirm_page(activities, status=200):
        return render_template(
            "premises/cancel.html",
            booking=booking,
            activities=activities,
            next_url=next_url,
            ask_reason=booking.person_id != current_user.id,
        ), status

    if request.method == "GET":
        return confirm_page(booked_activities.held_activities(booking))
    if not ConfirmForm().validate_on_submit():
        abort(400)
    reason = request.form.get("reason", "")
    confirmed = request.form.get("confirmed") == "1"
    try:
        cancelling.cancel(booking, current_user, reason, confirmed=confirmed)
    except cancelling.HoldsActivities as refusal:
        return confirm_page(refusal.activities, 409)
    except Refused as refusal:
        return refused_page(refusal, url_for("premises.premises", premises_id=booking.premises_id))
    flash(STATUS_LABELS[booking.status], "success")
    return redirect(next_url or url_for("premises.my_bookings"))


@bp.get("/bookings/requests")
@login_required
def requests():
    """Requests awaiting approval in every area the process leader leads."""
    return render_template(
        "premises/requests.html",
        bookings=schedule.requests_for(current_user),
        booker_name=schedule.booker_name,
        form=ConfirmForm(),
    )


@bp.get("/bookings/mine")
@login_required
def my_bookings():
    bookings = schedule.bookings_of(current_user)
    return render_template(
        "premises/mine.html",
        bookings=bookings,
        labels=STATUS_LABELS,
        now=utcnow(),
        form=ConfirmForm(),
        can_hold={b.id for b in bookings if booked_activities.can_hold_activity(b, current_user)},
        held=booked_activities.activities_by_booking(bookings),
    )


@bp.route("/bookings/<int:booking_id>/activity", methods=["GET", "POST"])
@login_required
def activity(booking_id: int):
    """Place an activity in a booked time: the place and time come from the booking."""
    booking = services.booking_or_404(booking_id)
    if booking.person_id != current_user.id:
        abort(403)
    form = ActivityForm()
    for name in ("place", "day", "start", "end", "organiser", "repeat_weeks"):
        delattr(form, name)
    if form.validate_on_submit():
        data = ActivityInput(
            title=form.title.data,
            description=form.description.data or "",
            category=Category(form.category.data),
            audience=Audience(form.audience.data),
            place="",
            day=None,
            start=None,
            end=None,
            capacity=form.capacity.data,
            min_age=form.min_age.data,
            max_age=form.max_age.data,
            partner_id=None,
        )
        try:
            created = booked_activities.activity_in(booking, current_user, data)
        except Refused as refusal:
            if refusal.status == 403:
                back = url_for("premises.my_bookings")
                return render_template(
                    "shifts/refused.html", message=refusal.message, back=back
                ), 403
            form.title.errors = [*form.title.errors, refusal.message]
        else:
            flash(_("The activity is created."), "success")
            return redirect(url_for("activities.activity", activity_id=created.id))
    return render_template("premises/activity.html", booking=booking, form=form), (
        422 if form.errors else 200
    )


@bp.get("/premises/<int:premises_id>.ics")
def premises_calendar(premises_id: int):
    premises = services.premises_or_404(premises_id)
    return ical.response(schedule.ical_feed(premises), f"premises-{premises.id}.ics")


@bp.get("/media/premises/<name>")
def photo(name: str):
    path = photos.photo_path(name)
    if not path or not services.photo_in_use(name):
        abort(404)
    return send_file(path, mimetype="image/webp", max_age=86400)
