"""Views of associations: start, founders, statutes, founding meeting, membership."""

from datetime import time

from flask import (
    Blueprint,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms import SelectChoice

from app.areas.services import area_or_404
from app.associations import description, founding, meetings, services
from app.associations import membership as membership_service
from app.associations import statutes as statutes_service
from app.associations.forms import (
    AnswersForm,
    ContactForm,
    DescriptionForm,
    InviteForm,
    MeetingForm,
    MinutesForm,
    RoleForm,
    StartForm,
    StatutesForm,
)
from app.auth.forms import ConfirmForm
from app.clock import STOCKHOLM, meeting_time
from app.forms import error_text
from app.models.associations import AssociationKind, AssociationStatus, MemberRole
from app.refusals import Refused, done_or_refused, refused_page
from app.translations import services as translations
from app.web import wants_fragment

bp = Blueprint("associations", __name__)


def _page(association_id: int) -> str:
    return url_for("associations.association", association_id=association_id)


def _confirm_or_400() -> None:
    if not ConfirmForm().validate_on_submit():
        abort(400)


def _confirmed(association_id: int):
    """The association (404) of a confirmed POST (400 without its CSRF-checked form)."""
    association = services.association_or_404(association_id)
    _confirm_or_400()
    return association


def _allowed(association_id: int, allowed):
    """The association (404), when ``allowed(current_user, association)`` (else 403)."""
    association = services.association_or_404(association_id)
    if not allowed(current_user, association):
        abort(403)
    return association


def _readable_statutes(association_id: int):
    """The association whose statutes the visitor may read (403, or 404 when signed out)."""
    association = services.association_or_404(association_id)
    if not statutes_service.can_read_statutes(current_user, association):
        abort(403 if current_user.is_authenticated else 404)
    return association


def _refused_in_form(refusal: Refused, field, back: str, as_page=(403, 409)):
    """A form's refusal: for the ``as_page`` statuses a page that leads ``back`` (403 is the
    plain forbidden page), else None after adding its message to ``field``'s errors."""
    if refusal.status in as_page:
        return refused_page(refusal, back)
    field.errors = [*field.errors, refusal.message]
    return None


def _invalid_as_page(form, fallback: str, back: str):
    """A form that does not validate, its messages (or ``fallback``) as a refused page."""
    message = error_text(form)
    return refused_page(Refused(message or fallback, 422), back)


def _labels() -> dict:
    return {
        "kinds": services.KIND_LABELS,
        "statuses": services.STATUS_LABELS,
        "roles": services.ROLE_LABELS,
        "membership_labels": services.MEMBERSHIP_LABELS,
    }


# --- Lists and starting -----------------------------------------------------------------------


@bp.get("/areas/<slug>/associations")
def association_list(slug: str):
    area = area_or_404(slug)
    return render_template(
        "associations/list.html",
        area=area,
        groups=services.area_associations(area),
        can_start=founding.can_start(current_user, area),
        **_labels(),
    )


@bp.route("/areas/<slug>/associations/new", methods=["GET", "POST"])
@login_required
def start(slug: str):
    area = area_or_404(slug)
    if not founding.can_start(current_user, area):
        abort(403)
    form = StartForm()
    form.idea.choices = [SelectChoice("", _("None"))] + [
        SelectChoice(str(i.id), i.title) for i in services.ideas_of(area)
    ]
    if request.method == "GET" and request.args.get("idea"):
        form.idea.data = request.args["idea"]
    if request.method == "GET":
        form.language.data = current_user.locale
    if form.validate_on_submit():
        try:
            association = founding.start(
                area,
                current_user,
                founding.Start(
                    kind=AssociationKind(form.kind.data),
                    name=form.name.data,
                    purpose=form.purpose.data,
                    idea_id=int(form.idea.data) if form.idea.data else None,
                    language=form.language.data or None,
                ),
            )
        except Refused as refusal:
            _refused_in_form(
                refusal, form.name, url_for("associations.association_list", slug=slug), (403,)
            )
        else:
            flash(_("Started. Now invite your co-founders."), "success")
            return redirect(url_for("associations.founders", association_id=association.id))
    return render_template("associations/new.html", area=area, form=form), (
        422 if form.errors else 200
    )


@bp.get("/associations/<int:association_id>")
def association(association_id: int):
    association = services.association_or_404(association_id)
    founder = services.founder_of(current_user, association)
    membership = services.membership_of(current_user, association)
    founded = association.status is AssociationStatus.FOUNDED
    return render_template(
        "associations/association.html",
        association=association,
        area=association.area,
        founder=founder,
        is_founder=founder is not None and founder.accepted,
        founders=services.accepted_founders(association),
        invited=services.invited_founders(association),
        membership=membership,
        is_board=membership is not None and membership.on_board,
        board=services.board(association) if founded else [],
        activities=services.upcoming_activities(association) if founded else [],
        next_steps=meetings.NEXT_STEPS[association.kind],
        min_founders=services.MIN_FOUNDERS,
        needs_three=services.needs_three(association),
        form=ConfirmForm(),
        contact_form=ContactForm(formdata=None),
        can_describe=description.can_describe(current_user, association),
        description_form=DescriptionForm(formdata=None, obj=association),
        words=translations.original(translations.association_text(association), str(get_locale())),
        language_editable=translations.can_correct(
            translations.association_text(association), current_user
        ),
        **_labels(),
    )


@bp.post("/associations/<int:association_id>/description")
@login_required
def describe(association_id: int):
    association = services.association_or_404(association_id)
    form = DescriptionForm()
    if not form.validate_on_submit():
        return _invalid_as_page(form, _("Not possible"), _page(association.id))
    return done_or_refused(
        lambda: description.describe(
            association, current_user, form.description.data or "", form.language.data or None
        ),
        _("The description is saved."),
        _page(association.id),
    )


# --- Founders ---------------------------------------------------------------------------------


@bp.get("/associations/<int:association_id>/founders")
@login_required
def founders(association_id: int):
    association = _allowed(association_id, services.is_founder)
    query = request.args.get("q", "")[:60]
    template = "associations/_found.html" if wants_fragment() else "associations/founders.html"
    response = make_response(
        render_template(
            template,
            association=association,
            area=association.area,
            query=query,
            found=founding.search_residents(association, query),
            founders=services.accepted_founders(association),
            invited=services.invited_founders(association),
            link=url_for(
                "associations.join_link",
                association_id=association.id,
                token=association.invite_token,
                _external=True,
            ),
            min_founders=services.MIN_FOUNDERS,
            needs_three=services.needs_three(association),
            form=ConfirmForm(),
        )
    )
    response.vary.add("HX-Request")
    return response


@bp.post("/associations/<int:association_id>/founders")
@login_required
def invite(association_id: int):
    association = services.association_or_404(association_id)
    form = InviteForm()
    if not form.validate_on_submit():
        abort(400)
    return done_or_refused(
        lambda: founding.invite(association, current_user, form.person_id.data),
        lambda founder: _("%(name)s is invited.", name=founder.person.display_name),
        url_for("associations.founders", association_id=association.id),
    )


@bp.post("/associations/<int:association_id>/invite-link")
@login_required
def new_link(association_id: int):
    association = _confirmed(association_id)
    return done_or_refused(
        lambda: founding.new_invite_link(association, current_user),
        _("A new link is made; the old one no longer works."),
        url_for("associations.founders", association_id=association.id),
    )


@bp.post("/associations/<int:association_id>/accept")
@login_required
def accept(association_id: int):
    association = _confirmed(association_id)
    return done_or_refused(
        lambda: founding.accept(association, current_user),
        _("You are one of the founders."),
        _page(association.id),
    )


@bp.post("/associations/<int:association_id>/decline-invitation")
@login_required
def decline_invitation(association_id: int):
    association = _confirmed(association_id)
    return done_or_refused(
        lambda: founding.decline_invitation(association, current_user),
        _("You declined the invitation."),
        _page(association.id),
    )


@bp.route("/associations/<int:association_id>/join/<token>", methods=["GET", "POST"])
@login_required
def join_link(association_id: int, token: str):
    association = services.association_or_404(association_id)
    if len(token) > 64:
        abort(404)
    form = ConfirmForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        return done_or_refused(
            lambda: _join_by_link(association, token),
            _("You are one of the founders."),
            _page(association.id),
        )
    if not founding.is_invite_token(association, token):
        abort(404)
    return render_template(
        "associations/join_link.html",
        association=association,
        area=association.area,
        token=token,
        form=form,
        **_labels(),
    )


def _join_by_link(association, token: str) -> None:
    """Join with the link; a link that is no longer valid is not found (404)."""
    try:
        founding.join_by_link(association, current_user, token)
    except Refused as refusal:
        if refusal.status == 404:
            abort(404)
        raise


# --- Statutes ---------------------------------------------------------------------------------


@bp.route("/associations/<int:association_id>/statutes/answers", methods=["GET", "POST"])
@login_required
def answers(association_id: int):
    association = _allowed(association_id, services.is_founder)
    form = AnswersForm(obj=association if request.method == "GET" else None)
    if request.method == "GET":
        form.financial_year_start.data = str(association.financial_year_start)
        form.annual_meeting_month.data = str(association.annual_meeting_month)
    cooperative = association.kind is AssociationKind.COOPERATIVE
    if not cooperative:
        del form.member_contribution
    if form.validate_on_submit():
        try:
            version = statutes_service.save_answers(
                association,
                current_user,
                statutes_service.Answers(
                    seat=form.seat.data,
                    open_membership=form.open_membership.data,
                    fee=form.fee.data,
                    board_size=form.board_size.data,
                    financial_year_start=int(form.financial_year_start.data),
                    annual_meeting_month=int(form.annual_meeting_month.data),
                    member_contribution=form.member_contribution.data if cooperative else None,
                ),
            )
        except Refused as refusal:
            if page := _refused_in_form(refusal, form.seat, _page(association.id)):
                return page
        else:
            flash(_("Draft %(num)d of the statutes is written.", num=version.number), "success")
            return redirect(url_for("associations.statutes", association_id=association.id))
    return render_template(
        "associations/answers.html",
        association=association,
        area=association.area,
        form=form,
    ), (422 if form.errors else 200)


@bp.route("/associations/<int:association_id>/statutes", methods=["GET", "POST"])
def statutes(association_id: int):
    association = _readable_statutes(association_id)
    all_versions = statutes_service.versions(association)
    current = all_versions[0] if all_versions else None
    can_edit = statutes_service.can_edit_statutes(current_user, association)
    form = StatutesForm()
    if request.method == "POST":
        if not can_edit:
            abort(403)
        if form.validate_on_submit():
            try:
                version = statutes_service.save_statutes(association, current_user, form.text.data)
            except Refused as refusal:
                _refused_in_form(refusal, form.text, _page(association.id), as_page=())
            else:
                flash(_("Version %(num)d is saved.", num=version.number), "success")
                return redirect(url_for("associations.statutes", association_id=association.id))
    elif current is not None:
        form.text.data = current.text
    adopted = meetings.adopted_statutes(association)
    return render_template(
        "associations/statutes.html",
        association=association,
        area=association.area,
        current=adopted or current,
        versions=all_versions,
        can_edit=can_edit,
        form=form,
    ), (422 if form.errors else 200)


@bp.get("/associations/<int:association_id>/statutes/<int:number>")
def statutes_version(association_id: int, number: int):
    association = _readable_statutes(association_id)
    return render_template(
        "associations/version.html",
        association=association,
        area=association.area,
        version=statutes_service.version_or_404(association, number),
    )


@bp.get("/associations/<int:association_id>/statutes/<int:number>/print")
def statutes_print(association_id: int, number: int):
    """A statutes version on A4, headed with the association and whether it was adopted."""
    association = _readable_statutes(association_id)
    version = statutes_service.version_or_404(association, number)
    return render_template(
        "associations/statutes_print.html",
        association=association,
        version=version,
        adopted=meetings.is_adopted(association, version),
        **_labels(),
    )


# --- Founding meeting -------------------------------------------------------------------------


def _minutes_form(association, minutes, formdata=True):
    form = MinutesForm() if formdata else MinutesForm(formdata=None, obj=minutes)
    people = [SelectChoice("", "—")] + [
        SelectChoice(str(f.person_id), f.person.display_name)
        for f in services.accepted_founders(association)
    ]
    for name in MinutesForm.PEOPLE:
        field = getattr(form, name)
        field.choices = people
        if not formdata and minutes is not None:
            value = getattr(minutes, name)
            field.data = str(value) if value else ""
    form.board_member_ids.choices = people[1:]
    if not formdata and minutes is not None:
        form.board_member_ids.data = [str(p.id) for p in minutes.board_members]
    form.statutes_version_id.choices = [SelectChoice("", "—")] + [
        SelectChoice(str(v.id), _("Version %(num)d", num=v.number))
        for v in statutes_service.versions(association)
    ]
    if not formdata and minutes is not None:
        chosen = minutes.statutes_version_id
        form.statutes_version_id.data = str(chosen) if chosen else ""
    return form


def _optional_int(value: str | None) -> int | None:
    return int(value) if value else None


@bp.get("/associations/<int:association_id>/meeting")
@login_required
def meeting(association_id: int):
    association = _allowed(association_id, services.is_founder)
    minutes = meetings.minutes_of(association)
    when = MeetingForm(formdata=None)
    if association.meeting_at:
        local = association.meeting_at.astimezone(STOCKHOLM)
        when.day.data, when.time.data = local.date(), local.time()
        when.place.data = association.meeting_place
    return _meeting_page(association, minutes, when, _minutes_form(association, minutes, False))


def _meeting_page(association, minutes, when, form, status=200):
    return render_template(
        "associations/meeting.html",
        association=association,
        area=association.area,
        minutes=minutes,
        when_form=when,
        form=form,
        missing=meetings.missing_for_founding(association, minutes),
        forming=association.status is AssociationStatus.FORMING,
        confirm=ConfirmForm(),
        **_labels(),
    ), status


@bp.post("/associations/<int:association_id>/meeting/when")
@login_required
def meeting_when(association_id: int):
    association = services.association_or_404(association_id)
    when = MeetingForm()
    if when.validate_on_submit():
        try:
            meetings.check_meeting_day(when.day.data)  # before meeting_time: 0001-01-01
        except Refused as refusal:
            when.day.errors = [*when.day.errors, refusal.message]
        else:
            try:
                meetings.set_meeting(
                    association,
                    current_user,
                    meeting_time(when.day.data, when.time.data or time(18)),
                    when.place.data,
                )
            except Refused as refusal:
                return refused_page(refusal, _page(association.id))
            flash(_("The date and place are saved."), "success")
            return redirect(url_for("associations.meeting", association_id=association.id))
    if not services.is_founder(current_user, association):
        abort(403)
    minutes = meetings.minutes_of(association)
    return _meeting_page(
        association, minutes, when, _minutes_form(association, minutes, False), 422
    )


@bp.post("/associations/<int:association_id>/minutes")
@login_required
def save_minutes(association_id: int):
    association = _allowed(association_id, services.is_founder)
    minutes = meetings.minutes_of(association)
    form = _minutes_form(association, minutes)
    if form.validate_on_submit():
        data = meetings.MinutesInput(
            opened_at=form.opened_at.data or "",
            decided_to_form=form.decided_to_form.data,
            statutes_version_id=_optional_int(form.statutes_version_id.data),
            auditor=form.auditor.data or "",
            fee=form.fee.data,
            other_notes=form.other_notes.data or "",
            board_member_ids=[int(v) for v in form.board_member_ids.data or []],
            **{name: _optional_int(getattr(form, name).data) for name in MinutesForm.PEOPLE},
        )
        try:
            meetings.save_minutes(association, current_user, data)
        except Refused as refusal:
            if page := _refused_in_form(refusal, form.meeting_chair_id, _page(association.id)):
                return page
        else:
            flash(_("The minutes are saved."), "success")
            return redirect(url_for("associations.meeting", association_id=association.id))
    return _meeting_page(association, minutes, MeetingForm(formdata=None), form, 422)


@bp.post("/associations/<int:association_id>/record")
@login_required
def record(association_id: int):
    association = _confirmed(association_id)
    return done_or_refused(
        lambda: meetings.record_founding(association, current_user),
        _("The founding meeting is recorded: the association is founded."),
        url_for("associations.meeting", association_id=association.id),
        then=_page(association.id),
    )


@bp.get("/associations/<int:association_id>/minutes")
def minutes_print(association_id: int):
    association = services.association_or_404(association_id)
    minutes = meetings.minutes_of(association)
    if not meetings.can_read_minutes(current_user, association):
        abort(403 if current_user.is_authenticated else 404)
    return render_template(
        "associations/minutes_print.html",
        association=association,
        area=association.area,
        minutes=minutes,
        founders=services.accepted_founders(association),
        stylesheet="print.css",
        **_labels(),
    )


# --- Membership -------------------------------------------------------------------------------


@bp.post("/associations/<int:association_id>/membership")
@login_required
def request_membership(association_id: int):
    association = _confirmed(association_id)
    return done_or_refused(
        lambda: membership_service.request_membership(association, current_user),
        _("You asked to join. The board will answer."),
        _page(association.id),
    )


@bp.get("/associations/<int:association_id>/members")
@login_required
def members(association_id: int):
    association = _allowed(association_id, services.is_board)
    return render_template(
        "associations/members.html",
        association=association,
        area=association.area,
        memberships=services.memberships(association),
        form=ConfirmForm(),
        role_form=RoleForm(formdata=None),
        **_labels(),
    )


def _membership_action(membership_id: int, action, message: str, back_to_members=True):
    membership = services.membership_or_404(membership_id)
    association_id = membership.association_id
    return done_or_refused(
        lambda: action(membership),
        message,
        _page(association_id),
        then=url_for("associations.members", association_id=association_id)
        if back_to_members
        else None,
    )


@bp.post("/memberships/<int:membership_id>/approve")
@login_required
def approve(membership_id: int):
    _confirm_or_400()
    return _membership_action(
        membership_id, lambda m: membership_service.decide(m, current_user, True), _("Approved.")
    )


@bp.post("/memberships/<int:membership_id>/decline")
@login_required
def decline(membership_id: int):
    _confirm_or_400()
    return _membership_action(
        membership_id, lambda m: membership_service.decide(m, current_user, False), _("Declined.")
    )


@bp.post("/memberships/<int:membership_id>/leave")
@login_required
def leave(membership_id: int):
    _confirm_or_400()
    return _membership_action(
        membership_id,
        lambda m: membership_service.leave(m, current_user),
        _("You have left the association."),
        back_to_members=False,
    )


@bp.post("/memberships/<int:membership_id>/role")
@login_required
def change_role(membership_id: int):
    form = RoleForm()
    if not form.validate_on_submit():
        abort(400)
    return _membership_action(
        membership_id,
        lambda m: membership_service.change_role(m, current_user, MemberRole(form.role.data)),
        _("The role is changed."),
    )


@bp.post("/associations/<int:association_id>/contact")
@login_required
def contact(association_id: int):
    association = services.association_or_404(association_id)
    form = ContactForm()
    if not form.validate_on_submit():
        return _invalid_as_page(form, _("Write a message."), _page(association.id))
    return done_or_refused(
        lambda: membership_service.contact_board(association, current_user, form.message.data),
        _("Your message is sent to the board."),
        _page(association.id),
    )
