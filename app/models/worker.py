"""What the background worker keeps in the database: one lease per scheduled task, so that
several workers run each task once, and their heartbeat."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.extensions import db
from app.models.util import UTCDateTime


class TaskLease(db.Model):
    """A scheduled task: who runs it until when, and when it last ran (``ran_on`` for daily
    tasks, claimed at most once per Swedish calendar day)."""

    name: so.Mapped[str] = so.mapped_column(sa.String(60), primary_key=True)
    holder: so.Mapped[str | None] = so.mapped_column(sa.String(120))
    leased_until: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    ran_on: so.Mapped[date | None] = so.mapped_column(sa.Date)
    last_run_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    last_result: so.Mapped[str | None] = so.mapped_column(sa.String(300))


class WorkerBeat(db.Model):
    """Each running worker's latest sign of life (for /readyz)."""

    worker: so.Mapped[str] = so.mapped_column(sa.String(120), primary_key=True)
    beat_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime)
    started_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime)


def last_beat() -> datetime | None:
    """The latest heartbeat of any worker."""
    return db.session.scalar(sa.select(sa.func.max(WorkerBeat.beat_at)))
