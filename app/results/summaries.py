"""The results' counts, kept for a few minutes.

Counting different participants over years of attendance is the slowest thing any page asks
(tens of milliseconds for an area, seconds for a large municipality's all-areas page), and it
changes slowly. So the counts behind a results page — activities and participants per period,
and the values of indicators computed from the app — are kept in one row per page
(``result_summary``) with the moment they were counted, which the page shows. The worker counts
every page afresh every few minutes (task ``count-results``); a page whose counts are older
than ``RESULTS_MAX_AGE`` seconds, or from another day, counts them itself and keeps them.
With ``RESULTS_MAX_AGE`` 0 every view counts live and nothing is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from app.clock import local
from app.extensions import db
from app.locking import insert_or_not
from app.models import Area
from app.models.results import ResultSummary

ALL_AREAS = "all"

Count = Callable[[Area | None, datetime], dict]


def scope(area: Area | None) -> str:
    return ALL_AREAS if area is None else f"area-{area.id}"


def max_age() -> int:
    return current_app.config.get("RESULTS_MAX_AGE", 0)


def _fresh(summary: ResultSummary, now: datetime) -> bool:
    return (
        now - timedelta(seconds=max_age()) <= summary.counted_at <= now
        and local(summary.counted_at).date() == local(now).date()
    )


def keep(area: Area | None, counted_at: datetime, figures: dict) -> None:
    """Store the page's counts, replacing the ones kept (race-safe: one upsert)."""
    statement = insert_or_not(ResultSummary).values(
        scope=scope(area),
        area_id=area.id if area else None,
        counted_at=counted_at,
        figures=figures,
    )
    db.session.execute(
        statement.on_conflict_do_update(
            index_elements=["scope"],
            set_={
                "counted_at": statement.excluded.counted_at,
                "figures": statement.excluded.figures,
            },
        )
    )
    db.session.commit()


def counts(area: Area | None, now: datetime, count: Count) -> tuple[datetime, dict]:
    """The counts for the page and when they were counted: kept ones while fresh, else new."""
    if max_age() <= 0:
        return now, count(area, now)
    summary = db.session.scalar(sa.select(ResultSummary).where(ResultSummary.scope == scope(area)))
    if summary is not None and _fresh(summary, now):
        return summary.counted_at, summary.figures
    figures = count(area, now)
    keep(area, now, figures)
    return now, figures


def refresh(now: datetime, count: Count) -> int:
    """Count every area's page and the all-areas page afresh; return how many were counted."""
    areas = db.session.scalars(sa.select(Area).order_by(Area.id)).all()
    for area in [None, *areas]:
        keep(area, now, count(area, now))
    return len(areas) + 1
