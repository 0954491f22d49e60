"""Partners: public directory and pages, admin, idea links by leaders, answers by partners."""

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms import SelectChoice

from app.areas.services import is_leader
from app.auth import services as auth
from app.auth.forms import ConfirmForm
from app.extensions import db
from app.ideas.services import STATUS_LABELS, Refused
from app.models import Area, Idea, IdeaStatus, Partner, PartnerKind, PartnerLink
from app.partners import services
from app.partners.forms import AnswerForm, LinkForm, PartnerForm, RepresentativeForm

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
    kind = PartnerKind(kind) if kind in PartnerKind._value2member_map_ else None
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
    return render_template(
        "partners/partner.html",
        **_template_context(
            partner=partner,
            links=services.public_links(partner),
            is_representative=services.is_representative(current_user, partner),
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
        try:
            person = auth.find_person(auth.normalize_address(rep_form.address.data))
        except auth.InvalidAddress as error:
            rep_form.address.errors.append(str(error))
        else:
            if person is None or not person.is_active:
                rep_form.address.errors.append(
                    _(
                        "Nobody has an account with that address yet. Ask them to sign in once first."
                    )
                )
            else:
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
    return render_template("partners/mine.html", **_template_context(partners=partners))


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
