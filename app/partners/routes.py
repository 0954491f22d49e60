"""Partners: public directory and pages, admin, idea links by leaders, answers by partners."""

import sqlalchemy as sa
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
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms import SelectChoice

from app.agreements.services import STATUS_LABELS as AGREEMENT_LABELS
from app.agreements.services import agreements_of_partner
from app.areas.services import is_leader
from app.auth.forms import ConfirmForm, account_at
from app.extensions import db
from app.ideas import photos
from app.ideas.services import STATUS_LABELS
from app.models import Area, Idea, IdeaStatus, Partner, PartnerKind, PartnerLink
from app.partners import invitations, logos, services
from app.partners.forms import (
    AnswerForm,
    InvitePersonForm,
    LinkForm,
    PartnerForm,
    ProfileForm,
    RepresentativeForm,
)
from app.refusals import Refused
from app.translations import services as translations
from app.web import member_of

bp = Blueprint("partners", __name__)


def _template_context(**context):
    return dict(
        kinds=services.KIND_LABELS,
        link_labels=services.LINK_LABELS,
        labels=STATUS_LABELS,
        **context,
    )


# Public directory and partner pages


@bp.get("/partners")
def directory():
    slug, kind = request.args.get("area"), request.args.get("kind")
    area = db.session.scalar(sa.select(Area).where(Area.slug == slug)) if slug else None
    kind = member_of(PartnerKind, kind)
    return render_template(
        "partners/directory.html",
        **_template_context(
            partners=services.directory(area, kind),
            areas=db.session.scalars(sa.select(Area).order_by(Area.name)).all(),
            area=area,
            kind=kind,
            mine=services.represented_by(current_user),
        ),
    )


@bp.get("/partners/<int:partner_id>")
def partner(partner_id: int):
    partner = services.partner_or_404(partner_id)
    representing = services.is_representative(current_user, partner)
    coming, past = services.partner_activities(partner)
    return render_template(
        "partners/partner.html",
        **_template_context(
            partner=partner,
            links=services.public_links(partner),
            is_representative=representing,
            open_requests=services.open_requests(partner) if representing else [],
            coming=coming,
            past=past,
            agreements=agreements_of_partner(partner),
            agreement_labels=AGREEMENT_LABELS,
            can_invite=invitations.can_invite(current_user, partner),
            can_edit_profile=services.can_edit_profile(current_user, partner),
            words=translations.original(translations.partner_text(partner), str(get_locale())),
            language_editable=translations.can_correct(
                translations.partner_text(partner), current_user
            ),
        ),
    )


# Administration (admins only)


def _require_admin() -> None:
    if not current_user.is_admin:
        abort(403)


def _partner_form(partner: Partner | None = None, submitted: bool | None = None) -> PartnerForm:
    """The partner form: as submitted on POST, else filled from the partner (or empty)."""
    if submitted is None:
        submitted = request.method == "POST"
    form = PartnerForm() if submitted else PartnerForm(formdata=None, obj=partner)
    form.areas.choices = [
        SelectChoice(area.id, area.name)
        for area in db.session.scalars(sa.select(Area).order_by(Area.name))
    ]
    if not submitted:
        form.areas.data = [area.id for area in partner.areas] if partner else []
        form.kind.data = partner.kind.value if partner else PartnerKind.NGO.value
    return form


def _save(form: PartnerForm, partner: Partner | None) -> Partner | None:
    if not form.validate_on_submit():
        return None
    try:
        return services.save_partner(
            partner,
            current_user,
            name=form.name.data,
            kind=PartnerKind(form.kind.data),
            description=form.description.data or "",
            website=form.website.data or None,
            area_ids=form.areas.data or [],
            offers=form.offers.data or "",
        )
    except Refused as refusal:
        form.name.errors = [*form.name.errors, refusal.message]
        return None


@bp.route("/admin/partners", methods=["GET", "POST"])
@login_required
def admin_list():
    _require_admin()
    form = _partner_form()
    saved = _save(form, None)
    if saved:
        flash(_("The partner %(name)s is created.", name=saved.name), "success")
        return redirect(url_for("partners.admin_edit", partner_id=saved.id))
    return render_template(
        "partners/admin_list.html",
        **_template_context(form=form, partners=services.directory()),
    ), (422 if form.errors else 200)


@bp.route("/admin/partners/<int:partner_id>", methods=["GET", "POST"])
@login_required
def admin_edit(partner_id: int):
    _require_admin()
    partner = services.partner_or_404(partner_id)
    form = _partner_form(partner)
    if _save(form, partner):
        flash(_("Saved."), "success")
        return redirect(url_for("partners.admin_edit", partner_id=partner_id))
    return _admin_page(partner, form, RepresentativeForm(formdata=None))


def _admin_page(partner: Partner, form: PartnerForm, rep_form: RepresentativeForm):
    status = 422 if form.errors or rep_form.errors else 200
    return render_template(
        "partners/admin_edit.html",
        **_template_context(
            partner=partner,
            form=form,
            rep_form=rep_form,
            representatives=services.representatives(partner),
        ),
    ), status


@bp.post("/admin/partners/<int:partner_id>/representatives")
@login_required
def admin_appoint(partner_id: int):
    _require_admin()
    partner = services.partner_or_404(partner_id)
    rep_form = RepresentativeForm()
    if rep_form.validate_on_submit():
        person = account_at(
            rep_form.address,
            _("Nobody has an account with that address yet. Ask them to sign in once first."),
        )
        if person is not None:
            if services.appoint_representative(partner, person, current_user):
                flash(
                    _(
                        "%(name)s now represents %(partner)s.",
                        name=person.display_name,
                        partner=partner.name,
                    ),
                    "success",
                )
            else:
                flash(_("%(name)s already represents this partner.", name=person.display_name))
            return redirect(url_for("partners.admin_edit", partner_id=partner_id))
    return _admin_page(partner, _partner_form(partner, submitted=False), rep_form)


@bp.post("/admin/partners/<int:partner_id>/representatives/<int:person_id>/remove")
@login_required
def admin_remove(partner_id: int, person_id: int):
    _require_admin()
    partner = services.partner_or_404(partner_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    services.remove_representative(partner, person_id, current_user)
    flash(_("Removed."), "success")
    return redirect(url_for("partners.admin_edit", partner_id=partner_id))


# Leaders link ideas to partners


def _linkable_idea(idea_id: int) -> Idea:
    idea = db.get_or_404(Idea, idea_id)
    if idea.status in (IdeaStatus.SUBMITTED, IdeaStatus.HIDDEN) and not is_leader(
        current_user, idea.area
    ):
        abort(404)
    if not is_leader(current_user, idea.area):
        abort(403)
    return idea


def link_form_for(idea: Idea, formdata=None) -> LinkForm:
    form = LinkForm(formdata=formdata) if formdata is not None else LinkForm(formdata=None)
    form.partner.choices = [SelectChoice(p.id, p.name) for p in services.partners_in(idea.area)]
    return form


@bp.route("/ideas/<int:idea_id>/partners", methods=["GET", "POST"])
@login_required
def link(idea_id: int):
    idea = _linkable_idea(idea_id)
    form = link_form_for(idea, request.form if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.validate():
            partner = db.session.get(Partner, form.partner.data)
            try:
                services.link_idea(idea, partner, form.note.data or "", current_user)
            except Refused as refusal:
                form.partner.errors = [refusal.message]
                status = refusal.status
            else:
                flash(
                    _("%(partner)s is asked to help with the idea.", partner=partner.name),
                    "success",
                )
                return redirect(url_for("ideas.idea", idea_id=idea.id, _anchor="partners"))
    return render_template(
        "partners/link.html",
        **_template_context(idea=idea, links=services.idea_links(idea), link_form=form),
    ), status


# Partner representatives answer


@bp.get("/partners/mine")
@login_required
def mine():
    partners = services.represented_by(current_user)
    if len(partners) == 1:
        return redirect(url_for("partners.requests", partner_id=partners[0].id))
    return render_template(
        "partners/mine.html",
        **_template_context(
            partners=partners, open_requests=services.open_request_counts(partners)
        ),
    )


def _answer_form(link: PartnerLink, formdata=None) -> AnswerForm:
    if formdata is None:
        return AnswerForm(formdata=None, prefix=f"link{link.id}")
    return AnswerForm(formdata=formdata, prefix=f"link{link.id}")


def _requests_page(partner: Partner, errors: dict | None = None, forms: dict | None = None):
    links = services.open_requests(partner)
    forms = forms or {}
    return render_template(
        "partners/requests.html",
        **_template_context(
            partner=partner,
            links=links,
            forms={link.id: forms.get(link.id) or _answer_form(link) for link in links},
            errors=errors or {},
        ),
    )


@bp.get("/partners/<int:partner_id>/requests")
@login_required
def requests(partner_id: int):
    partner = services.partner_or_404(partner_id)
    services.require_representative(partner)
    return _requests_page(partner)


@bp.post("/partner-links/<int:link_id>/answer")
@login_required
def answer(link_id: int):
    link = db.get_or_404(PartnerLink, link_id)
    partner = link.partner
    services.require_representative(partner)
    form = _answer_form(link, request.form)
    if not form.validate():
        abort(400)
    try:
        services.answer_link(link, form.action.data, form.note.data or "", current_user)
    except Refused as refusal:
        return _requests_page(partner, {link_id: refusal.message}, {link_id: form}), refusal.status
    flash(
        {
            services.Answer.ACCEPT: _("Thank you! The residents can see that you accepted."),
            services.Answer.DECLINE: _("Your answer is sent to the residents."),
            services.Answer.DELIVER: _("Marked as delivered. Thank you!"),
        }[form.action.data],
        "success",
    )
    return redirect(url_for("partners.requests", partner_id=partner.id))


# The partner's own profile (representatives and admins)


@bp.route("/partners/<int:partner_id>/profile", methods=["GET", "POST"])
@login_required
def profile(partner_id: int):
    partner = services.partner_or_404(partner_id)
    if not services.can_edit_profile(current_user, partner):
        abort(403)
    form = ProfileForm() if request.method == "POST" else ProfileForm(formdata=None, obj=partner)
    if form.validate_on_submit():
        logo = photos.save_upload(form.logo, logos.LOGO)
        if not form.logo.errors:
            services.save_profile(
                partner,
                current_user,
                description=form.description.data or "",
                offers=form.offers.data or "",
                website=form.website.data or None,
                logo=logo,
                remove_logo=bool(form.remove_logo.data) and logo is None,
                language=form.language.data or None,
            )
            flash(_("Saved."), "success")
            return redirect(url_for("partners.partner", partner_id=partner.id))
    return render_template(
        "partners/profile.html", **_template_context(partner=partner, form=form)
    ), (422 if form.errors else 200)


@bp.get("/media/partners/<name>")
def logo(name: str):
    path = logos.logo_path(name)
    if path is None or db.session.scalar(sa.select(Partner.id).where(Partner.logo == name)) is None:
        abort(404)
    return send_file(path, mimetype="image/webp", max_age=86400)


# Leaders invite representatives; the invitee accepts


def _invite_page(partner: Partner, form: InvitePersonForm | None = None, link: str | None = None):
    form = form or InvitePersonForm(formdata=None)
    return render_template(
        "partners/invite.html",
        **_template_context(
            partner=partner,
            form=form,
            link=link,
            pending=invitations.invitations_of(partner),
            representatives=services.representatives(partner),
        ),
    ), (422 if form.errors else 200)


def _invitable(partner_id: int) -> Partner:
    partner = services.partner_or_404(partner_id)
    if not invitations.can_invite(current_user, partner):
        abort(403)
    return partner


@bp.get("/partners/<int:partner_id>/invite")
@login_required
def invite(partner_id: int):
    return _invite_page(_invitable(partner_id))


@bp.post("/partners/<int:partner_id>/invite/link")
@login_required
def invite_link(partner_id: int):
    partner = _invitable(partner_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    token = invitations.invite_by_link(partner, current_user)
    return _invite_page(partner, link=url_for("partners.join", token=token, _external=True))


@bp.post("/partners/<int:partner_id>/invite/person")
@login_required
def invite_person(partner_id: int):
    partner = _invitable(partner_id)
    form = InvitePersonForm()
    if form.validate_on_submit():
        person = account_at(
            form.address,
            _("Nobody has an account with that address yet. Send them a link instead."),
        )
        if person is not None:
            try:
                invitations.invite_person(partner, person, current_user)
            except Refused as refusal:
                form.address.errors.append(refusal.message)
            else:
                flash(
                    _(
                        "%(name)s is invited. They accept on their invitations page.",
                        name=person.display_name,
                    ),
                    "success",
                )
                return redirect(url_for("partners.invite", partner_id=partner.id))
    return _invite_page(partner, form)


@bp.route("/partners/join/<token>", methods=["GET", "POST"])
@login_required
def join(token: str):
    invitation = invitations.by_token(token)
    if invitation is None:
        return render_template(
            "shifts/refused.html",
            message=_("This invitation has expired or has already been used."),
            back=url_for("partners.directory"),
        ), 410
    if request.method == "POST":
        if not ConfirmForm().validate_on_submit():
            abort(400)
        return _accepted(invitation)
    return render_template(
        "partners/join.html", **_template_context(invitation=invitation, token=token)
    )


def _accepted(invitation):
    try:
        partner = invitations.accept(invitation, current_user)
    except Refused as refusal:
        if refusal.status == 403:
            abort(403)
        return render_template(
            "shifts/refused.html", message=refusal.message, back=url_for("partners.directory")
        ), refusal.status
    flash(_("You now represent %(partner)s.", partner=partner.name), "success")
    return redirect(url_for("partners.partner", partner_id=partner.id))


@bp.get("/partners/invitations", endpoint="invitations")
@login_required
def invitations_page():
    return render_template(
        "partners/invitations.html",
        **_template_context(pending=invitations.pending_for(current_user)),
    )


@bp.post("/partners/invitations/<int:invitation_id>/accept")
@login_required
def accept_invitation(invitation_id: int):
    from app.models.partners import PartnerInvitation

    invitation = db.get_or_404(PartnerInvitation, invitation_id)
    if invitation.person_id != current_user.id:
        abort(403)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return _accepted(invitation)


@bp.app_context_processor
def partner_helpers():
    """For the idea page: its partner links and, for the area's leaders, the link form."""

    def partner_section(idea: Idea) -> dict:
        links = services.idea_links(idea)
        form = None
        if idea.status in services.LINKABLE and is_leader(current_user, idea.area):
            form = link_form_for(idea)
            asked = {link.partner_id for link in links}
            form.partner.choices = [c for c in form.partner.choices if c.value not in asked]
            if not form.partner.choices:
                form = None
        return {"links": links, "form": form, "link_labels": services.LINK_LABELS}

    return {"partner_section": partner_section, "partner_kinds": services.KIND_LABELS}
