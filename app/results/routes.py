"""Results per area and for all areas together: public, aggregates only; CSV per table; print."""

import sqlalchemy as sa
from flask import Blueprint, Response, abort, render_template
from flask_babel import gettext as _

from app.areas.services import area_or_404
from app.csvfile import spreadsheet_csv
from app.extensions import db
from app.models import Area
from app.models.util import utcnow
from app.results import services

bp = Blueprint("results", __name__)


def _page(area: Area | None, template: str, **extra):
    results = services.compute(area)
    areas = db.session.scalars(sa.select(Area).order_by(Area.name)).all() if area is None else []
    return render_template(
        template, area=area, results=results, areas=areas, min_people=services.MIN_PEOPLE, **extra
    )


def _csv(area: Area | None, table_key: str):
    table = services.compute(area).table(table_key)
    if table is None:
        abort(404)
    name = f"results-{area.slug if area else 'all-areas'}-{table.key}.csv"
    return Response(
        spreadsheet_csv(table.header, table.rows, _("Notes")),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.get("/results")
def all_results():
    return _page(None, "results/results.html")


@bp.get("/results/print")
def all_results_print():
    return _page(None, "results/print.html", stylesheet="results-print.css", now=utcnow())


@bp.get("/results/<table_key>.csv")
def all_results_csv(table_key: str):
    return _csv(None, table_key)


@bp.get("/areas/<slug>/results")
def area_results(slug: str):
    return _page(area_or_404(slug), "results/results.html")


@bp.get("/areas/<slug>/results/print")
def area_results_print(slug: str):
    return _page(
        area_or_404(slug), "results/print.html", stylesheet="results-print.css", now=utcnow()
    )


@bp.get("/areas/<slug>/results/<table_key>.csv")
def area_results_csv(slug: str, table_key: str):
    return _csv(area_or_404(slug), table_key)
