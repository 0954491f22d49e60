"""Views of agreements: list per area, the agreement with its indicators, forms, print."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.agreements import services
from app.agreements.forms import AgreementForm, IndicatorForm, MeasurementForm
from app.agreements.readings import Reading, first_computed, measure_of, readings
from app.areas.services import area_or_404
from app.charts import indicator_chart, progress_bar
from app.extensions import db
from app.models import Area
from app.models.agreements import Agreement, AgreementStatus, Direction, Indicator, Measurement
from app.models.util import utcnow
from app.partners.services import KIND_LABELS, partners_in
from app.refusals import Refused, refused_page
from app.web import wants_fragment

bp = Blueprint("agreements", __name__)


def _context(**context):
    return dict(
        status_labels=services.STATUS_LABELS,
        direction_labels=services.DIRECTION_LABELS,
        kind_labels=KIND_LABELS,
        is_short=services.is_short,
        **context,
    )


@bp.get("/areas/<slug>/agreements")
def area_list(slug: str):
    area = area_or_404(slug)
    return render_template(
        "agreements/list.html",
        **_context(
            area=area,
            agreements=services.agreements_in(area, current_user),
            can_manage=services.can_manage(current_user, area),
        ),
    )


@bp.get("/agreements/mine")
@login_required
def mine():
    return render_template(
        "agreements/mine.html", **_context(agreements=services.agreements_of(current_user))
    )


# Creating and editing (the area's leaders)


def _parties(area: Area) -> list[services.Party]:
    chosen = set(request.form.getlist("partner", type=int))
    return [
        services.Party(p.id, (request.form.get(f"responsibilities-{p.id}") or "").strip()[:4000])
        for p in partners_in(area)
        if p.id in chosen
    ]


def _form_page(area: Area, form: AgreementForm, agreement: Agreement | None, error=None):
    if request.method == "POST":
        chosen = {party.partner_id: party.responsibilities for party in _parties(area)}
    elif agreement is not None:
        chosen = {party.partner_id: party.responsibilities for party in agreement.parties}
    else:
        chosen = {}
    status = 422 if (form.errors or error) else 200
    if isinstance(error, Refused):
        status, error = error.status, error.message
    return render_template(
        "agreements/form.html",
        **_context(
            area=area,
            form=form,
            agreement=agreement,
            partners=partners_in(area),
            chosen=chosen,
            parties_error=error,
        ),
    ), status


def _save(area: Area, agreement: Agreement | None):
    if not services.can_manage(current_user, area):
        abort(403)
    if request.method == "POST":
        form = AgreementForm()
    else:
        form = AgreementForm(formdata=None, obj=agreement)
        if agreement is not None:
            form.status.data = agreement.status.value
    if not form.validate_on_submit():
        return _form_page(area, form, agreement)
    try:
        saved = services.save_agreement(
            agreement,
            area,
            current_user,
            title=form.title.data,
            goal=form.goal.data,
            strategy=form.strategy.data or "",
            starts_on=form.starts_on.data,
            ends_on=form.ends_on.data,
            status=AgreementStatus(form.status.data),
            follow_up_days=form.follow_up_days.data,
            parties=_parties(area),
        )
    except Refused as refusal:
        if refusal.status == 403:
            abort(403)
        return _form_page(area, form, agreement, refusal)
    flash(_("The agreement is saved."), "success")
    return redirect(url_for("agreements.agreement", agreement_id=saved.id))


@bp.route("/areas/<slug>/agreements/new", methods=["GET", "POST"])
@login_required
def new(slug: str):
    return _save(area_or_404(slug), None)


@bp.route("/agreements/<int:agreement_id>/edit", methods=["GET", "POST"])
@login_required
def edit(agreement_id: int):
    agreement = services.agreement_or_404(agreement_id)
    return _save(agreement.area, agreement)


# The agreement page


def _viewable(agreement_id: int) -> Agreement:
    agreement = services.agreement_or_404(agreement_id)
    if not services.can_view(current_user, agreement):
        abort(404)
    return agreement


def indicator_views(indicators: list[Indicator]) -> list[dict]:
    values = readings(indicators, utcnow())
    return [indicator_view(i, values[i.id]) for i in indicators]


def indicator_view(indicator: Indicator, values: list[Reading]) -> dict:
    """What the page and the print version show of an indicator."""
    progress = services.progress(indicator, values)
    unit = indicator.unit
    return {
        "indicator": indicator,
        "readings": values,
        "measure": measure_of(indicator),
        "first_computed": first_computed(indicator) if measure_of(indicator) else None,
        "progress": progress,
        "chart": indicator_chart(
            indicator.name,
            baseline=(indicator.baseline_on, indicator.baseline_value),
            target=(indicator.target_on, indicator.target_value),
            measurements=[(r.measured_on, r.value) for r in values if r.value is not None],
            unit=unit,
            desc=_("Baseline, measurements and target. The table below has the same figures."),
        ),
        "bar": progress_bar(
            _("%(name)s: progress towards the target", name=indicator.name),
            progress.percent,
            label=(
                _("%(percent)s %% of the way", percent=progress.shown_percent)
                if progress.percent is not None
                else _("not measured yet")
            ),
        ),
    }


def _page(
    agreement: Agreement,
    *,
    measurement_forms: dict | None = None,
    errors: dict | None = None,
    indicator_form: IndicatorForm | None = None,
    indicator_error: str | None = None,
):
    can_manage = services.can_manage(current_user, agreement.area)
    can_measure = can_manage or services.is_party(current_user, agreement)
    measurement_forms = measurement_forms or {}
    forms = (
        {
            i.id: measurement_forms.get(i.id) or MeasurementForm(formdata=None, prefix=f"m{i.id}")
            for i in agreement.indicators
        }
        if can_measure
        else {}
    )
    if can_manage and indicator_form is None:
        indicator_form = IndicatorForm(formdata=None)
    return render_template(
        "agreements/agreement.html",
        **_context(
            agreement=agreement,
            views=indicator_views(agreement.indicators),
            can_manage=can_manage,
            can_measure=can_measure,
            forms=forms,
            errors=errors or {},
            indicator_form=indicator_form if can_manage else None,
            indicator_error=indicator_error,
            changeable=services.changeable_measurements(current_user, agreement),
        ),
    )


@bp.get("/agreements/<int:agreement_id>")
def agreement(agreement_id: int):
    return _page(_viewable(agreement_id))


@bp.get("/agreements/<int:agreement_id>/print")
def print_view(agreement_id: int):
    agreement = _viewable(agreement_id)
    return render_template(
        "agreements/print.html",
        stylesheet="agreement-print.css",
        **_context(agreement=agreement, views=indicator_views(agreement.indicators)),
    )


def _indicator_values(form: IndicatorForm) -> dict:
    return dict(
        name=form.name.data,
        unit=form.unit.data or "",
        baseline_value=services.parse_number(form.baseline_value.data),
        baseline_on=form.baseline_on.data,
        target_value=services.parse_number(form.target_value.data),
        target_on=form.target_on.data,
        direction=Direction(form.direction.data),
        measure=form.measure.data or None,
        measured_from=form.measured_from.data,
    )


@bp.post("/agreements/<int:agreement_id>/indicators")
@login_required
def add_indicator(agreement_id: int):
    agreement = services.agreement_or_404(agreement_id)
    if not services.can_manage(current_user, agreement.area):
        abort(403)
    form = IndicatorForm()
    if not form.validate_on_submit():
        return _page(agreement, indicator_form=form), 422
    try:
        services.save_indicator(None, agreement, current_user, **_indicator_values(form))
    except Refused as refusal:
        return _page(agreement, indicator_form=form, indicator_error=refusal.message), (
            refusal.status
        )
    flash(_("The indicator is added."), "success")
    return redirect(url_for("agreements.agreement", agreement_id=agreement.id))


@bp.route("/indicators/<int:indicator_id>/edit", methods=["GET", "POST"])
@login_required
def edit_indicator(indicator_id: int):
    indicator = db.get_or_404(Indicator, indicator_id)
    agreement = indicator.agreement
    if not services.can_manage(current_user, agreement.area):
        abort(403)
    if request.method == "POST":
        form = IndicatorForm()
    else:
        form = IndicatorForm(formdata=None, obj=indicator)
        form.direction.data = indicator.direction.value
        form.measure.data = indicator.measure or ""
        form.baseline_value.data = _plain(indicator.baseline_value)
        form.target_value.data = _plain(indicator.target_value)
    error = None
    if form.validate_on_submit():
        try:
            services.save_indicator(indicator, agreement, current_user, **_indicator_values(form))
        except Refused as refusal:
            error = refusal
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("agreements.agreement", agreement_id=agreement.id))
    status = error.status if error else (422 if form.errors else 200)
    return render_template(
        "agreements/indicator_form.html",
        **_context(
            agreement=agreement,
            indicator=indicator,
            form=form,
            error=error.message if error else None,
        ),
    ), status


def _plain(value: float) -> str:
    return f"{value:g}"


@bp.post("/indicators/<int:indicator_id>/measurements")
@login_required
def add_measurement(indicator_id: int):
    indicator = db.get_or_404(Indicator, indicator_id)
    agreement = services.agreement_or_404(indicator.agreement_id)
    indicator = next(i for i in agreement.indicators if i.id == indicator_id)
    if not services.can_measure(current_user, agreement):
        abort(403)
    form = MeasurementForm(prefix=f"m{indicator.id}")
    error, status = None, 422
    if form.validate_on_submit():
        try:
            services.record_measurement(indicator, current_user, **_measurement_values(form))
        except Refused as refusal:
            error, status = refusal.message, refusal.status
        else:
            if wants_fragment():
                return _fresh_indicator_fragment(agreement.id, indicator.id)
            flash(_("The measurement is recorded."), "success")
            return _back(agreement, indicator)
    if wants_fragment():
        return _indicator_fragment(agreement, indicator, form, error), status
    return _page(agreement, measurement_forms={indicator.id: form}, errors={indicator.id: error}), (
        status
    )


def _measurement_values(form: MeasurementForm) -> dict:
    return {
        "measured_on": form.measured_on.data,
        "value": form.value.data,
        "source": form.source.data,
    }


def _fresh_indicator_fragment(agreement_id: int, indicator_id: int):
    """The indicator's fragment, loaded again after a change to its measurements."""
    agreement = services.agreement_or_404(agreement_id)
    indicator = next(i for i in agreement.indicators if i.id == indicator_id)
    return _indicator_fragment(agreement, indicator, None, None)


def _indicator_fragment(agreement, indicator, form, error, editing=None):
    return render_template(
        "agreements/_indicator.html",
        **_context(
            agreement=agreement,
            view=indicator_views([indicator])[0],
            can_manage=services.can_manage(current_user, agreement.area),
            form=form or MeasurementForm(formdata=None, prefix=f"m{indicator.id}"),
            error=error,
            changeable=services.changeable_measurements(current_user, agreement),
            editing=editing,
        ),
    )


# Correcting and deleting a measurement (the area's leaders, or the partner who entered it)


def _measurement_or_404(measurement_id: int) -> tuple[Agreement, Indicator, Measurement]:
    found = db.get_or_404(Measurement, measurement_id)
    agreement = services.agreement_or_404(found.indicator.agreement_id)
    indicator = next(i for i in agreement.indicators if i.id == found.indicator_id)
    measurement = next((m for m in indicator.measurements if m.id == measurement_id), None)
    if measurement is None:  # deleted by someone else a moment ago
        abort(404)
    if not services.can_change_measurement(current_user, measurement):
        abort(403)
    return agreement, indicator, measurement


def _back(agreement: Agreement, indicator: Indicator):
    return redirect(
        url_for("agreements.agreement", agreement_id=agreement.id, _anchor=f"i{indicator.id}")
    )


@bp.route("/measurements/<int:measurement_id>/edit", methods=["GET", "POST"])
@login_required
def edit_measurement(measurement_id: int):
    agreement, indicator, measurement = _measurement_or_404(measurement_id)
    prefix = f"e{measurement.id}"
    if request.method == "POST":
        form = MeasurementForm(prefix=prefix)
    else:
        form = MeasurementForm(formdata=None, prefix=prefix, obj=measurement)
        form.value.data = _plain(measurement.value)
    error, status = None, 422 if request.method == "POST" else 200
    if form.validate_on_submit():
        try:
            services.correct_measurement(measurement, current_user, **_measurement_values(form))
        except Refused as refusal:
            db.session.rollback()
            if refusal.status == 409:  # deleted meanwhile
                return refused_page(
                    refusal, url_for("agreements.agreement", agreement_id=agreement.id)
                )
            error, status = refusal.message, refusal.status
            agreement, indicator, measurement = _measurement_or_404(measurement_id)
        else:
            if wants_fragment():
                return _fresh_indicator_fragment(agreement.id, indicator.id)
            flash(_("The measurement is corrected."), "success")
            return _back(agreement, indicator)
    editing = {"measurement": measurement, "form": form, "error": error}
    if wants_fragment():
        return _indicator_fragment(agreement, indicator, None, None, editing), status
    return render_template(
        "agreements/measurement_form.html",
        **_context(agreement=agreement, indicator=indicator, editing=editing),
    ), status


@bp.post("/measurements/<int:measurement_id>/delete")
@login_required
def delete_measurement(measurement_id: int):
    agreement, indicator, measurement = _measurement_or_404(measurement_id)
    try:
        services.delete_measurement(measurement, current_user)
    except Refused as refusal:
        return refused_page(refusal, url_for("agreements.agreement", agreement_id=agreement.id))
    if wants_fragment():
        return _fresh_indicator_fragment(agreement.id, indicator.id)
    flash(_("The measurement is deleted."), "success")
    return _back(agreement, indicator)
