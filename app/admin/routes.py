"""Admin: create areas and appoint process leaders and partner representatives."""

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.admin.forms import AppointForm, AreaForm
from app.areas import services as areas
from app.auth.forms import ConfirmForm, account_at
from app.extensions import db
from app.models import Area, AreaRole, Person, Role
from app.models.audit import record

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
@login_required
def require_admin():
    if not current_user.is_admin:
        abort(403)


@bp.route("/areas", methods=["GET", "POST"])
def area_list():
    form = AreaForm()
    if form.validate_on_submit():
        if db.session.scalar(sa.select(Area.id).where(Area.slug == form.slug.data)):
            form.slug.errors.append(_("Another area already has this web name."))
        else:
            area = Area()
            form.populate_obj(area)
            db.session.add(area)
            db.session.flush()
            record(current_user.id, "create_area", area.id, area.slug)
            db.session.commit()
            flash(_("The area %(area)s is created.", area=area.name), "success")
            return redirect(url_for("admin.area_roles", slug=area.slug))
    all_areas = db.session.scalars(sa.select(Area).order_by(Area.name)).all()
    return render_template("admin/areas.html", form=form, areas=all_areas), (
        422 if form.errors else 200
    )


@bp.route("/areas/<slug>", methods=["GET", "POST"])
def area_roles(slug: str):
    area = areas.area_or_404(slug)
    form = AppointForm()
    if form.validate_on_submit():
        person = account_at(
            form.address,
            _("Nobody has an account with that address yet. Ask them to sign in once first."),
        )
        if person is not None:
            areas.appoint(person, area, Role(form.role.data), by=current_user)
            flash(_("%(name)s is appointed.", name=person.display_name), "success")
            return redirect(url_for("admin.area_roles", slug=slug))
    staff = db.session.scalars(
        sa.select(AreaRole)
        .join(AreaRole.person)
        .where(AreaRole.area_id == area.id, AreaRole.role != Role.RESIDENT)
        .options(sa.orm.contains_eager(AreaRole.person))
        .order_by(Person.display_name)
    ).all()
    return render_template(
        "admin/area.html", area=area, form=form, staff=staff, confirm=ConfirmForm()
    ), (422 if form.errors else 200)


@bp.post("/areas/<slug>/roles/<int:role_id>/end")
def end_role(slug: str, role_id: int):
    """End a process leader's or partner representative's role in the area."""
    area = areas.area_or_404(slug)
    area_role = db.get_or_404(AreaRole, role_id)
    if area_role.area_id != area.id or area_role.role is Role.RESIDENT:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    name = area_role.person.display_name
    areas.end_role(area_role, current_user)
    flash(_("%(name)s no longer has the role, and is signed out everywhere.", name=name), "success")
    return redirect(url_for("admin.area_roles", slug=slug))
