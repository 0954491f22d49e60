"""A resident's text in the reader's language: htmx swaps it in place; without JavaScript the
same link opens it on a page of its own."""

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
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required

from app import translation
from app.areas.services import area_or_404, is_leader
from app.extensions import db, limiter
from app.i18n import LANGUAGES
from app.models import Activity, Comment, Partner
from app.models.associations import Association
from app.refusals import Refused, refused_page
from app.translations import services
from app.translations.forms import AreaTranslationForm, LanguageForm, correction_form
from app.web import safe_next, wants_fragment

bp = Blueprint("translations", __name__)


def _person_or_address() -> str:
    """Translate requests are limited per person (per address for visitors)."""
    if current_user.is_authenticated:
        return f"person:{current_user.id}"
    return get_remote_address()


def original_url(text: services.Text) -> str:
    if text.kind == "idea":
        return url_for("ideas.idea", idea_id=text.id)
    if text.kind == "activity":
        return url_for("activities.activity", activity_id=text.id)
    if text.kind == "association":
        return url_for("associations.association", association_id=text.id)
    if text.kind == "partner":
        return url_for("partners.partner", partner_id=text.id)
    return url_for("ideas.comment_link", comment_id=text.id)


@bp.get("/translations/<kind>/<int:object_id>")
@limiter.limit(
    lambda: current_app.config.get("LIMIT_TRANSLATE", "60 per hour"), key_func=_person_or_address
)
def show(kind: str, object_id: int):
    text = services.text_of(kind, object_id)
    if text is None:
        abort(404)
    target = request.args.get("to", "")
    reader = str(get_locale())
    if target not in LANGUAGES:
        return refused_page(
            Refused(_("Choose one of the languages Grannlabb is written in."), 400),
            original_url(text),
        )
    if target == text.language:
        shown = services.original(text, reader)
    elif not services.offered(text, target):
        abort(404)
    else:
        try:
            shown = services.translated(text, target)
        except translation.TooLong:
            shown = services.original(text, reader, _("This text is too long to be translated."))
        except translation.Unavailable as error:
            current_app.logger.warning("translation unavailable: %s", error)
            shown = services.original(
                text, reader, _("The translation is not available now. Here is the original.")
            )
    shown.can_correct = shown.translated and services.can_correct(text, current_user)
    if wants_fragment():
        return render_template("translations/_words.html", shown=shown, oob=True)
    comment = db.session.get(Comment, object_id) if kind == "comment" else None
    activity = db.session.get(Activity, object_id) if kind == "activity" else None
    association = db.session.get(Association, object_id) if kind == "association" else None
    partner = db.session.get(Partner, object_id) if kind == "partner" else None
    return render_template(
        "translations/page.html",
        shown=shown,
        back=original_url(text),
        comment=comment,
        activity=activity,
        heading=(association or partner).name if (association or partner) else None,
    )


@bp.route("/areas/<slug>/translation", methods=["GET", "POST"])
@login_required
def area_settings(slug: str):
    """The area's leaders switch machine translation on or off for its residents' texts."""
    area = area_or_404(slug)
    if not is_leader(current_user, area):
        abort(403)
    form = AreaTranslationForm(obj=area) if request.method == "GET" else AreaTranslationForm()
    if form.validate_on_submit():
        services.set_area_translation(
            area, current_user, on=form.translation.data, minors=form.translate_minors.data
        )
        flash(_("Saved."), "success")
        return redirect(url_for("translations.area_settings", slug=area.slug))
    return render_template(
        "translations/area.html", area=area, form=form, service_name=translation.service_name()
    ), (422 if form.errors else 200)


@bp.route("/translations/<kind>/<int:object_id>/correct", methods=["GET", "POST"])
@login_required
def correct(kind: str, object_id: int):
    """The writer or a leader puts the translation right; it is kept over the machine's."""
    text = services.text_of(kind, object_id)
    if text is None:
        abort(404)
    target = request.args.get("to", "")
    if target not in LANGUAGES or target == text.language:
        abort(404)
    if not services.can_correct(text, current_user):
        abort(403)
    back = url_for("translations.show", kind=kind, object_id=object_id, to=target)
    try:
        shown = services.translated(text, target)
    except (translation.Unavailable, translation.TooLong):
        shown = None
    if shown is None or not shown.translated:
        return refused_page(
            Refused(_("There is no translation to correct: translate the text first."), 409),
            original_url(text),
        )
    form = correction_form(text.fields, data=shown.fields if request.method == "GET" else None)
    if form.validate_on_submit():
        values = {name: getattr(form, name).data for name in text.fields}
        try:
            services.correct(text, target, values, current_user)
        except Refused as refusal:
            return refused_page(refusal, back)
        flash(_("The corrected translation is saved."), "success")
        return redirect(back)
    return render_template(
        "translations/correct.html", shown=shown, form=form, back=back, target=target
    ), (422 if form.errors else 200)


@bp.post("/translations/<kind>/<int:object_id>/language")
@login_required
def language(kind: str, object_id: int):
    """The writer or a leader corrects the language a text is said to be written in (also
    while it awaits moderation)."""
    text = services.text_of(kind, object_id, shown_only=False)
    if text is None:
        abort(404)
    form = LanguageForm()
    back = safe_next(request.form.get("next")) or original_url(text)
    if not form.validate_on_submit() or not form.language.data:
        return refused_page(Refused(_("Choose one of the languages."), 422), back)
    try:
        services.set_language(text, form.language.data, current_user)
    except Refused as refusal:
        return refused_page(refusal, back)
    flash(_("The language is corrected."), "success")
    return redirect(back)
