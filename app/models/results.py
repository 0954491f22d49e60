"""The results page's counts, kept for a few minutes (``app.results.summaries``)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.extensions import db
from app.models.util import UTCDateTime


class ResultSummary(db.Model):
    """The counts of activities and participants behind one results page — an area's, or all
    areas' together (``scope`` "all") — as they were at ``counted_at``."""

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    scope: so.Mapped[str] = so.mapped_column(sa.String(40), unique=True)
    area_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("area.id", ondelete="CASCADE"), index=True
    )
    counted_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime)
    figures: so.Mapped[dict] = so.mapped_column(sa.JSON)
