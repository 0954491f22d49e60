"""The meeting place: a leader finds or registers a resident who is present and helps them;
the resident later takes the account over on a phone with the code on their card."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from app.areas.services import area_or_404, require_leader
from app.assisted import services
from app.assisted.forms import ClaimForm, RegisterForm
from app.auth.forms import ConfirmForm
from app.auth.services import birth_year_error
from app.extensions import limiter
from app.refusals import Refused, refused_page
from app.web import safe_next, wants_fragment

bp = Blueprint("assisted", __name__)


def _hub(slug: str) -> str:
    return url_for("assisted.meeting_place", slug=slug)


def _expired(back: str):
    """A button's form without its CSRF token (a page left open too long)."""
    return refused_page(Refused(_("The form has expired. Try again."), 400), back)


@bp.get("/areas/<slug>/meeting-place")
@login_required
def meeting_place(slug: str):
    """Find a resident by name (as one types, with htmx; a plain search without JavaScript)
    or register a new one; while helping someone, what can be done for them."""
    area = area_or_404(slug)
    require_leader(area)
    text = request.args.get("q", "")[:100]
    context = dict(
        area=area,
        q=text,
        found=services.search(area, text) if text.strip() else [],
        form=ConfirmForm(),
    )
    if wants_fragment():
        return render_template("assisted/_residents.html", **context)
    return render_template(
        "assisted/meeting_place.html", **context, register_form=RegisterForm(formdata=None)
    )


@bp.post("/areas/<slug>/meeting-place/residents")
@login_required
def register(slug: str):
    area = area_or_404(slug)
    require_leader(area)
    form = RegisterForm()
    status = 422
    if form.validate_on_submit():
        year = int(form.birth_year.data) if form.birth_year.data else None
        error = birth_year_error(year) if year else None
        if error:
            form.birth_year.errors.append(error)
        else:
            try:
                person = services.register(
                    current_user,
                    area,
                    form.display_name.data,
                    year,
                    form.locale.data,
                    form.another_person.data,
                )
                services.start(current_user, area, person.id)
            except Refused as refusal:
                form.display_name.errors.append(str(refusal.message))
                status = refusal.status
            else:
                flash(
                    _(
                        "%(name)s is registered and verified in %(area)s. You are now helping "
                        "them.",
                        name=person.display_name,
                        area=area.name,
                    ),
                    "success",
                )
                return redirect(_hub(slug))
    return render_template(
        "assisted/meeting_place.html",
        area=area,
        q="",
        found=[],
        form=ConfirmForm(),
        register_form=form,
    ), status


@bp.post("/areas/<slug>/meeting-place/help/<int:person_id>")
@login_required
def start(slug: str, person_id: int):
    area = area_or_404(slug)
    if not ConfirmForm().validate_on_submit():
        return _expired(_hub(slug))
    try:
        person = services.start(current_user, area, person_id)
    except Refused as refusal:
        return refused_page(refusal, _hub(slug))
    flash(_("You are now helping %(name)s.", name=person.display_name), "success")
    return redirect(_hub(slug))


@bp.post("/meeting-place/stop")
@login_required
def stop():
    if not ConfirmForm().validate_on_submit():
        return _expired(url_for("main.home"))
    helped = services.helping()
    services.stop()
    if helped is not None:
        flash(_("You no longer act for %(name)s.", name=helped.person.display_name), "success")
    return redirect(safe_next(request.form.get("next")) or url_for("main.home"))


@bp.post("/areas/<slug>/meeting-place/residents/<int:person_id>/card")
@login_required
def card(slug: str, person_id: int):
    """The card to print and hand over: shown once, as the answer to this POST (the code is
    stored only as a hash)."""
    area = area_or_404(slug)
    if not ConfirmForm().validate_on_submit():
        return _expired(_hub(slug))
    try:
        person, code, expires = services.issue_card(current_user, area, person_id)
    except Refused as refusal:
        return refused_page(refusal, _hub(slug))
    with force_locale(person.locale):
        slip = render_template(
            "assisted/_card_slip.html",
            area=area,
            person=person,
            code=code,
            expires=expires,
            claim_url=url_for("assisted.claim", _external=True),
        )
    page = render_template(
        "assisted/card.html", area=area, person=person, slip=Markup(slip), stylesheet="print.css"
    )
    return page, 200, {"Cache-Control": "no-store"}


@bp.route("/claim", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def claim():
    """Take over an account made at the meeting place: the card's code, then one's own
    mobile number or email, confirmed with a sign-in code like any sign-in."""
    form = ClaimForm()
    if current_user.is_authenticated:
        flash(_("Sign out first to take over an account from a card."), "error")
        return redirect(url_for("account.account"))
    if form.validate_on_submit():
        found = services.find_claim(form.code.data)
        if found is not None:
            services.remember_claim(found)
            flash(
                _(
                    "Hello %(name)s! Now type your own mobile number or email: we send a code "
                    "to it, and from then on you sign in with it.",
                    name=found.person.display_name,
                ),
                "success",
            )
            return redirect(url_for("auth.sign_in"))
        form.code.errors.append(
            _("That code does not work: check it, or ask the process leader for a new card.")
        )
    status = 422 if form.errors else 200
    return render_template("assisted/claim.html", form=form), status


@bp.app_context_processor
def assisted_helpers():
    return {"helping_now": services.helping}
