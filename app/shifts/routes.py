"""Café shifts: workplaces and shifts per area, sign-up and cancel, arrival."""

from datetime import date, datetime

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.activities.services import REGISTRATION_LABELS
from app.areas.services import area_or_404
from app.assisted import services as assisted
from app.auth.forms import ConfirmForm
from app.clock import STOCKHOLM, local, span_label
from app.confirmation import confirm_page
from app.forms import whole_number
from app.i18n import LANGUAGE_COOKIE, remember_language
from app.jobs import statuses as job_statuses
from app.models import SignupStatus
from app.models.util import utcnow
from app.pagination import page_number
from app.refusals import Refused, refused_page
from app.shifts import cards, guardians, places, services, supervision
from app.shifts.asking import ask_guardian, send_request
from app.shifts.mine import my_signups as load_my_signups
from app.web import safe_next, wants_fragment

bp = Blueprint("shifts", __name__)


def _moment(name: str, required: bool = True) -> datetime | None:
    """A ``datetime-local`` field, read as Swedish clock time."""
    raw = (request.form.get(name) or "").strip()
    if not raw:
        if required:
            raise Refused(_("Fill in every date and time."), 422)
        return None
    try:
        return datetime.fromisoformat(raw).replace(tzinfo=STOCKHOLM)
    except ValueError:
        raise Refused(_("Write dates and times as YYYY-MM-DD HH:MM."), 422) from None


def _int(name: str, required: bool = True) -> int | None:
    raw = (request.form.get(name) or "").strip()
    if not raw and not required:
        return None
    try:
        return whole_number(raw)
    except ValueError:
        raise Refused(_("Write a whole number."), 422) from None


def _posted_signup(signup_id: int):
    """The sign-up a form posts about (404 if none, 400 without a valid form token) and
    its shift's page to go back to."""
    signup = services.signup_or_404(signup_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return signup, url_for("shifts.shift", shift_id=signup.shift_id)


def _managed_workplace(workplace_id: int):
    """A workplace its area's leader manages (403 for anyone else), and the page's form."""
    workplace = services.workplace_or_404(workplace_id)
    if not services.can_manage(current_user, workplace.area):
        abort(403)
    return workplace, ConfirmForm()


def _done(signup, to: str):
    """Say where the sign-up stands now and go on."""
    flash(places.STATUS_LABELS[signup.status], "success")
    return redirect(to)


def _placed(signup, guardian: str | None, back: str, to: str):
    """A place taken or confirmed: ask the guardian named in the form when the place waits
    for one not yet asked; otherwise say where the sign-up stands and go on."""
    if guardians.to_ask(signup, guardian):
        return _ask_guardian(signup, guardian, back)
    return _done(signup, to)


def _list_filters(workplaces) -> cards.Filters:
    """The day and workplace the list is filtered by; anything else shows every shift."""
    try:
        day = date.fromisoformat(request.args.get("day", ""))
    except ValueError:
        day = None
    workplace = request.args.get("workplace", "")
    ids = {str(w.id): w.id for w in workplaces}
    return cards.Filters(day=day, workplace_id=ids.get(workplace))


@bp.get("/areas/<slug>/shifts")
def shift_list(slug: str):
    area = area_or_404(slug)
    workplaces = services.workplaces(area)
    filters = _list_filters(workplaces)
    context = dict(
        area=area,
        workplaces=workplaces,
        filters=filters,
        listing=cards.listing(area, assisted.viewer(area), filters, page_number()),
        can_manage=services.can_manage(current_user, area),
        statuses=places.STATUS_LABELS,
        form=ConfirmForm(),
    )
    if wants_fragment():
        return render_template("shifts/_cards.html", **context)
    return render_template("shifts/list.html", **context)


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
            supervision.check_supervisor(area, request.form.get("supervisor_id"))
            workplace = services.create_workplace(
                area,
                current_user,
                request.form.get("name", ""),
                request.form.get("description", ""),
                request.form.get("supervisor_name", ""),
                light_work=request.form.get("light_work") == "yes",
            )
        except Refused as refusal:
            return refused_page(refusal, url_for("shifts.shift_list", slug=area.slug))
        supervision.set_supervisor(workplace, current_user, request.form.get("supervisor_id"))
        flash(_("The workplace is created."), "success")
        return redirect(url_for("shifts.shift_list", slug=area.slug))
    return render_template(
        "shifts/workplace_form.html",
        area=area,
        form=form,
        supervisors=supervision.candidates(area),
    )


@bp.route("/workplaces/<int:workplace_id>/shifts/new", methods=["GET", "POST"])
@login_required
def new_shift(workplace_id: int):
    workplace, form = _managed_workplace(workplace_id)
    area = workplace.area
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        back = url_for("shifts.new_shift", workplace_id=workplace.id)
        try:
            shift = services.create_shift(workplace, current_user, _shift_input())
        except Refused as refusal:
            return refused_page(refusal, back)
        flash(_("The shift is created."), "success")
        return redirect(url_for("shifts.shift", shift_id=shift.id))
    return render_template("shifts/shift_form.html", area=area, workplace=workplace, form=form)


def _shift_input() -> services.ShiftInput:
    """The shift form's fields (raises Refused for a missing or malformed one)."""
    return services.ShiftInput(
        starts_at=_moment("starts_at"),
        ends_at=_moment("ends_at"),
        capacity=_int("capacity"),
        role=request.form.get("role", ""),
        min_age=_int("min_age", required=False),
        signup_opens_at=_moment("signup_opens_at", required=False),
        signup_closes_at=_moment("signup_closes_at", required=False),
        cancel_deadline=_moment("cancel_deadline", required=False),
    )


def _field_time(moment: datetime | None) -> str:
    """A moment as a datetime-local field's value, on the Swedish clock."""
    return local(moment).isoformat(timespec="minutes")[:16] if moment else ""


@bp.route("/shifts/<int:shift_id>/edit", methods=["GET", "POST"])
@login_required
def edit_shift(shift_id: int):
    """A process leader changes a shift still to come; everyone on it is told."""
    shift = services.shift_or_404(shift_id)
    workplace, form = _managed_workplace(shift.workplace_id)
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        try:
            told = services.change_shift(shift, current_user, _shift_input())
        except Refused as refusal:
            return refused_page(refusal, url_for("shifts.edit_shift", shift_id=shift.id))
        if told:
            flash(
                ngettext(
                    "The shift is changed; %(num)d person is told.",
                    "The shift is changed; %(num)d people are told.",
                    told,
                ),
                "success",
            )
        else:
            flash(_("The shift is changed."), "success")
        return redirect(url_for("shifts.shift", shift_id=shift.id))
    values = {
        "starts_at": _field_time(shift.starts_at),
        "ends_at": _field_time(shift.ends_at),
        "capacity": shift.capacity,
        "role": shift.role,
        "min_age": shift.min_age if shift.min_age is not None else "",
        "signup_opens_at": _field_time(shift.signup_opens_at),
        "signup_closes_at": _field_time(shift.signup_closes_at),
        "cancel_deadline": _field_time(shift.cancel_deadline),
    }
    return render_template(
        "shifts/shift_form.html",
        area=workplace.area,
        workplace=workplace,
        form=form,
        shift=shift,
        values=values,
    )


@bp.get("/shifts/<int:shift_id>")
def shift(shift_id: int):
    shift = services.shift_or_404(shift_id)
    guardians.expire_holds(shift)
    services.expire_offers(shift)
    area = shift.workplace.area
    can_manage = services.can_manage(current_user, area)
    can_mark = services.can_mark_arrival(current_user, shift.workplace)
    youth = assisted.viewer(area)
    mine = services.mine(shift, youth)
    return render_template(
        "shifts/shift.html",
        shift=shift,
        area=area,
        mine=mine,
        needs_guardian=guardians.needs_guardian(shift, youth),
        consent=guardians.consent_for(mine) if mine else None,
        offered=services.offered(shift, youth),
        places_left=places.places_left(shift),
        signups=services.signups(shift) if can_mark else [],
        can_manage=can_manage,
        to_come=shift.cancelled_at is None and shift.starts_at > utcnow(),
        can_mark=can_mark,
        statuses=places.STATUS_LABELS,
        arrival_open=services.arrival_open,
        local=local,
        form=ConfirmForm(),
    )


@bp.post("/shifts/<int:shift_id>/sign-up")
@login_required
def sign_up(shift_id: int):
    """Take a place (or one on the waiting list); from a card of the list, htmx gets the
    card back, saying where the place stands."""
    shift = services.shift_or_404(shift_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    back = safe_next(request.form.get("next")) or url_for("shifts.shift", shift_id=shift.id)
    try:
        youth, helper = assisted.actor(shift.workplace.area)
        guardian = guardians.named_guardian(shift, youth, request.form.get("guardian"))
        signup = services.sign_up(shift, youth, assisted_by=helper)
    except Refused as refusal:
        if wants_fragment():
            return _card(shift, error=refusal.message), refusal.status
        return refused_page(refusal, back)
    if not wants_fragment():
        return _placed(signup, guardian, back, back)
    if not guardians.to_ask(signup, guardian):
        return _card(shift, note=places.STATUS_LABELS[signup.status])
    try:
        note = send_request(
            lambda to: guardians.request_consent(signup, to),
            lambda to, token: guardians.send_link(signup, to, token),
            guardian,
        )
    except Refused as refusal:
        return _card(shift, error=refusal.message), refusal.status
    return _card(shift, note=note)


def _card(shift, **said):
    """One card of the shift list, for the reader, with what just happened."""
    return render_template(
        "shifts/_card.html",
        card=cards.card(shift, assisted.viewer(shift.workplace.area)),
        statuses=places.STATUS_LABELS,
        form=ConfirmForm(),
        **said,
    )


def _ask_guardian(signup, address: str, back: str):
    """Store the request and send the link; the sign-up holds even when sending fails."""
    return ask_guardian(
        lambda to: guardians.request_consent(signup, to),
        lambda to, token: guardians.send_link(signup, to, token),
        address,
        back,
    )


@bp.post("/shift-signups/<int:signup_id>/guardian")
@login_required
def resend_guardian(signup_id: int):
    """Send the guardian's link again (or to another guardian) while the place is held."""
    signup, back = _posted_signup(signup_id)
    if signup.person_id != current_user.id:
        abort(403)
    try:
        address = guardians.guardian_address(request.form.get("guardian", ""))
    except Refused as refusal:
        return refused_page(refusal, back)
    return _ask_guardian(signup, address, back)


@bp.route("/guardian/<token>", methods=["GET", "POST"])
def guardian(token: str):
    """The guardian's page for a shift sign-up or a summer-job placement: no sign-in, the
    token is the secret; in the language the guardian chose."""
    consent = guardians.find(token)
    if consent is None:
        abort(404)
    with force_locale(guardians.page_language(consent, request.cookies.get(LANGUAGE_COOKIE))):
        back = url_for("shifts.guardian", token=token)
        if guardians.is_expired(consent):
            guardians.expire(consent)
            return render_template(
                "shifts/guardian_expired.html", **guardians.page(consent), form=ConfirmForm()
            ), 410
        form = ConfirmForm()
        if request.method == "POST":
            shown = guardians.page(consent)
            if not form.validate_on_submit():
                abort(400)
            if request.form.get(shown["subject_field"]) != str(shown["subject_id"]):
                return refused_page(Refused(_("This link belongs to another sign-up."), 409), back)
            choice = guardians.DECISION_CHOICES.get(request.form.get("decision", ""))
            if choice is None:
                abort(400)
            try:
                guardians.decide(consent, choice)
            except Refused as refusal:
                return refused_page(refusal, back)
            flash(str(guardians.DECISION_LABELS[choice]), "success")
            return redirect(back)
        return render_template("shifts/guardian.html", **guardians.page(consent), form=form)


@bp.post("/guardian/<token>/language")
def guardian_language(token: str):
    """The guardian chooses the page's language, kept for later messages to them too."""
    consent = guardians.find(token)
    if consent is None:
        abort(404)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    back = url_for("shifts.guardian", token=token)
    try:
        guardians.choose_language(consent, request.form.get("lang"))
    except Refused as refusal:
        with force_locale(guardians.page_language(consent, request.cookies.get(LANGUAGE_COOKIE))):
            return refused_page(refusal, back)
    response = redirect(back)
    remember_language(response, consent.language)
    return response


@bp.post("/shift-signups/<int:signup_id>/confirm")
@login_required
def confirm_offer(signup_id: int):
    """One tap: confirm a place offered from the waiting list; a minor may name a guardian
    (a guardian named before is asked at once)."""
    signup, back = _posted_signup(signup_id)
    raw = (request.form.get("guardian") or "").strip()
    try:
        guardian = guardians.guardian_address(raw) if raw else None
        signup = services.confirm_offer(signup, current_user)
    except Refused as refusal:
        return refused_page(refusal, back)
    return _placed(signup, guardian, back, safe_next(request.form.get("next")) or back)


@bp.get("/shift-signups/<int:signup_id>/cancel")
@login_required
def ask_cancel(signup_id: int):
    """Before giving up a place: what happens, and the button that does it."""
    signup = services.signup_or_404(signup_id)
    if signup.person_id != assisted.viewer(signup.shift.workplace.area).id:
        abort(403)
    shift = signup.shift
    return confirm_page(
        _("Cancel your sign-up?"),
        _(
            "%(workplace)s, %(when)s. Your place goes to the next on the waiting list.",
            workplace=shift.workplace.name,
            when=span_label(shift.starts_at, shift.ends_at),
        ),
        _("Yes, cancel my sign-up"),
        url_for("shifts.shift", shift_id=shift.id),
    )


@bp.post("/shift-signups/<int:signup_id>/cancel")
@login_required
def cancel(signup_id: int):
    signup, back = _posted_signup(signup_id)
    try:
        youth, _helper = assisted.actor(signup.shift.workplace.area)
        services.cancel(signup, youth)
    except Refused as refusal:
        return refused_page(refusal, back)
    return _done(signup, safe_next(request.form.get("next")) or back)


@bp.route("/shifts/<int:shift_id>/cancel", methods=["GET", "POST"])
@login_required
def ask_cancel_shift(shift_id: int):
    """A process leader cancels a shift: what happens, an optional reason, and the button."""
    shift = services.shift_or_404(shift_id)
    if not services.can_manage(current_user, shift.workplace.area):
        abort(403)
    back = url_for("shifts.shift", shift_id=shift.id)
    form = ConfirmForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        try:
            told = services.cancel_shift(shift, current_user, request.form.get("reason", ""))
        except Refused as refusal:
            return refused_page(refusal, url_for("shifts.ask_cancel_shift", shift_id=shift.id))
        flash(
            ngettext(
                "The shift is cancelled; %(num)d person is told.",
                "The shift is cancelled; %(num)d people are told.",
                told,
            ),
            "success",
        )
        return redirect(back)
    return render_template(
        "shifts/cancel_shift.html",
        shift=shift,
        area=shift.workplace.area,
        people=len(services.signups(shift)),
        back=back,
        form=form,
    )


@bp.get("/my/signups")
@login_required
def my_signups():
    """The person's coming activities, shifts and summer jobs, each with its action."""
    return render_template(
        "shifts/my_signups.html",
        mine=load_my_signups(current_user),
        registration_labels=REGISTRATION_LABELS,
        shift_labels=places.STATUS_LABELS,
        job_labels=job_statuses.STATUS_LABELS,
        now=utcnow(),
        local=local,
        form=ConfirmForm(),
    )


@bp.post("/shift-signups/<int:signup_id>/offer")
@login_required
def offer(signup_id: int):
    """Offer one's place to others (a swap), or withdraw the offer (``withdraw=1``)."""
    signup, back = _posted_signup(signup_id)
    try:
        if request.form.get("withdraw"):
            services.withdraw_offer(signup, current_user)
            flash(_("Your place is no longer offered."), "success")
        else:
            services.offer(signup, current_user)
            flash(_("Your place is offered. You keep it until someone takes it over."), "success")
    except Refused as refusal:
        return refused_page(refusal, back)
    return redirect(back)


@bp.post("/shift-signups/<int:signup_id>/take")
@login_required
def take_over(signup_id: int):
    """Take over a place another youth offers; a minor names a guardian, as at sign-up."""
    signup, back = _posted_signup(signup_id)
    try:
        guardian = guardians.named_guardian(
            signup.shift, current_user, request.form.get("guardian")
        )
        taken = services.take_over(signup, current_user)
    except Refused as refusal:
        return refused_page(refusal, back)
    if guardian is not None and taken.status is SignupStatus.AWAITING_GUARDIAN:
        return _ask_guardian(taken, guardian, back)
    flash(_("The shift is yours."), "success")
    return redirect(back)


@bp.post("/shift-signups/<int:signup_id>/arrival")
@login_required
def arrival(signup_id: int):
    signup, back = _posted_signup(signup_id)
    marks = {"yes": True, "no": False, "clear": None}
    value = request.form.get("arrived", "")
    if value not in marks:
        abort(400)
    arrived = marks[value]
    try:
        services.set_arrived(signup, current_user, arrived)
    except Refused as refusal:
        return refused_page(refusal, back)
    return redirect(safe_next(request.form.get("next")) or back)


@bp.route("/workplaces/<int:workplace_id>/supervisor", methods=["GET", "POST"])
@login_required
def supervisor(workplace_id: int):
    """A leader chooses the workplace's supervisor account among people with a role in the
    area (or none)."""
    workplace, form = _managed_workplace(workplace_id)
    area = workplace.area
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        back = url_for("shifts.supervisor", workplace_id=workplace.id)
        try:
            supervision.set_supervisor(workplace, current_user, request.form.get("supervisor_id"))
        except Refused as refusal:
            return refused_page(refusal, back)
        flash(_("The supervisor is saved."), "success")
        return redirect(url_for("shifts.shift_list", slug=area.slug))
    return render_template(
        "shifts/supervisor_form.html",
        area=area,
        workplace=workplace,
        form=form,
        supervisors=supervision.candidates(area),
    )


@bp.get("/my/supervising")
@login_required
def supervising():
    """The supervisor's view: today's shifts of their workplaces, marking arrival."""
    return render_template(
        "shifts/supervising.html",
        today=supervision.today_for(current_user),
        statuses=places.STATUS_LABELS,
        arrival_open=services.arrival_open,
        local=local,
        form=ConfirmForm(),
    )
