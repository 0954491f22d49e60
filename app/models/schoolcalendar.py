"""An area's school-free periods per calendar year (breaks, holidays, single days off).

When an area has periods for a year, they describe every school-free weekday of that
year; years without any fall back to :func:`app.minors.default_calendar`.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.extensions import db

PERIOD_NAME_MAX = 80


class SchoolFreePeriod(db.Model):
    __table_args__ = (
        sa.Index("ix_school_free_period_area_year", "area_id", "year"),
        sa.CheckConstraint("ends_on >= starts_on", name="school_free_period_ends_after_start"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    area_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("area.id", ondelete="CASCADE"))
    year: so.Mapped[int]
    starts_on: so.Mapped[date]
    ends_on: so.Mapped[date]
    name: so.Mapped[str] = so.mapped_column(sa.String(PERIOD_NAME_MAX), default="")
