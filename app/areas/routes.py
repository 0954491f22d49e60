from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.areas import services
from app.areas.forms import InviteBatchForm, RedeemForm
from app.auth.forms import ConfirmForm
from app.extensions import db, limiter
from app.models import InviteBatch, Role
from app.web import wants_fragment

bp = Blueprint("areas", __name__)


@bp.app_context_processor
def verify_entry():
    """``offers_verifying()`` for the bottom menu: one query, only when a page asks."""

    def offers_verifying() -> bool:
        if not current_user.is_authenticated:
            return False
        if "offers_verifying" not in g:
            g.offers_verifying = not services.is_settled(current_user)
        return g.offers_verifying

    return {"offers_verifying": offers_verifying}


@bp.get("/areas/<slug>")
def area(slug: str):
    area = services.area_or_404(slug)
    resident = services.role_in(current_user, area, Role.RESIDENT)
    return render_template(
        "areas/area.html",
        area=area,
        resident=resident,
        is_leader=services.is_leader(current_user, area),
        form=ConfirmForm(),
    )


@bp.post("/areas/<slug>/join")
@login_required
def join(slug: str):
    area = services.area_or_404(slug)
    if ConfirmForm().validate_on_submit():
        services.join_as_resident(current_user, area)
        flash(
            _(
                "You are now a resident of %(area)s. Verify with the code from your letter.",
                area=area.name,
            ),
            "success",
        )
    return redirect(url_for("areas.area", slug=slug))


@bp.route("/verify", methods=["GET", "POST"])
@login_required
@limiter.limit("10 per hour", methods=["POST"])
def redeem():
    form = RedeemForm()
    if form.validate_on_submit():
        try:
            area = services.redeem_invite(current_user, form.code.data)
        except services.InviteError as error:
            form.code.errors.append(str(error))
            return render_template("areas/redeem.html", form=form), 422
        flash(
            _("Thank you! You are now a verified resident of %(area)s.", area=area.name), "success"
        )
        return redirect(url_for("areas.area", slug=area.slug))
    return render_template("areas/redeem.html", form=form), 422 if form.errors else 200


@bp.get("/areas/<slug>/residents")
@login_required
def residents(slug: str):
    area = services.area_or_404(slug)
    services.require_leader(area)
    return render_template(
        "areas/residents.html", area=area, residents=services.residents(area), form=ConfirmForm()
    )


@bp.post("/areas/<slug>/residents/<int:person_id>/verify")
@login_required
def verify(slug: str, person_id: int):
    area = services.area_or_404(slug)
    services.require_leader(area)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    area_role = services.verify_resident(area, current_user, person_id)
    if wants_fragment():
        return render_template("areas/_resident.html", area=area, role=area_role, form=form)
    flash(_("%(name)s is now a verified resident.", name=area_role.person.display_name), "success")
    return redirect(url_for("areas.residents", slug=slug))


@bp.route("/areas/<slug>/invites", methods=["GET", "POST"])
@login_required
def invites(slug: str):
    area = services.area_or_404(slug)
    services.require_leader(area)
    form = InviteBatchForm()
    if form.validate_on_submit():
        batch = services.generate_invites(area, current_user, form.count.data, form.valid_days.data)
        return redirect(url_for("areas.print_invites", slug=slug, batch_id=batch.id))
    return render_template(
        "areas/invites.html", area=area, form=form, batches=services.batches(area)
    ), 422 if form.errors else 200


@bp.get("/areas/<slug>/invites/<int:batch_id>/print")
@login_required
def print_invites(slug: str, batch_id: int):
    """An A4 sheet of cut-out slips, one per household letter."""
    area = services.area_or_404(slug)
    services.require_leader(area)
    batch = db.get_or_404(InviteBatch, batch_id)
    if batch.area_id != area.id:
        abort(404)
    return render_template(
        "areas/print_invites.html", area=area, batch=batch, format_code=services.format_code
    )
