"""Summer jobs (feriearbete): postings in an area, youth applications and placements."""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.extensions import db
from app.models.areas import Area
from app.models.ideas import str_enum
from app.models.partners import Partner
from app.models.people import Person
from app.models.util import UTCDateTime, utcnow

JOB_TEXT_MAX = 4000
JOB_NAME_MAX = 120
SUPERVISOR_MAX = 80
MOTIVATION_MAX = 1000


class ApplicationStatus(enum.StrEnum):
    APPLIED = "applied"
    PLACED = "placed"
    # Placed, but the guardian of someone under 18 has not yet consented.
    AWAITING_GUARDIAN = "awaiting_guardian"
    WITHDRAWN = "withdrawn"


# Applications that hold one of the job's places.
APPLICATION_HOLDS_PLACE = frozenset({ApplicationStatus.PLACED, ApplicationStatus.AWAITING_GUARDIAN})


class Job(db.Model):
    __table_args__ = (
        sa.CheckConstraint("ends_on >= starts_on", name="job_ends_after_start"),
        sa.CheckConstraint("places > 0", name="job_places_positive"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    area_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("area.id", ondelete="CASCADE"), index=True
    )
    partner_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("partner.id", ondelete="SET NULL")
    )
    employer: so.Mapped[str] = so.mapped_column(sa.String(JOB_NAME_MAX))
    workplace: so.Mapped[str] = so.mapped_column(sa.String(JOB_NAME_MAX))
    starts_on: so.Mapped[date]
    ends_on: so.Mapped[date]
    places: so.Mapped[int]
    min_age: so.Mapped[int]
    max_age: so.Mapped[int]
    tasks: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    # The leader's declaration that the tasks are light work for 13–15-year-olds.
    light_work: so.Mapped[bool] = so.mapped_column(default=False, server_default=sa.false())
    # A display name only, never contact data.
    supervisor_name: so.Mapped[str] = so.mapped_column(sa.String(SUPERVISOR_MAX), default="")
    apply_by: so.Mapped[date]
    # Touched by the SQLite write lock (see app.locking.lock_row).
    version: so.Mapped[int] = so.mapped_column(default=0)
    created_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)

    area: so.Mapped[Area] = so.relationship()
    partner: so.Mapped[Partner | None] = so.relationship()


class JobApplication(db.Model):
    __table_args__ = (
        sa.UniqueConstraint("job_id", "person_id", name="uq_job_application_person"),
        sa.Index("ix_job_application_person_status", "person_id", "status"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    job_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("job.id", ondelete="CASCADE"), index=True
    )
    person_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("person.id", ondelete="CASCADE"))
    motivation: so.Mapped[str] = so.mapped_column(sa.String(MOTIVATION_MAX), default="")
    status: so.Mapped[ApplicationStatus] = so.mapped_column(
        str_enum(ApplicationStatus, 20), default=ApplicationStatus.APPLIED
    )
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    placed_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)

    job: so.Mapped[Job] = so.relationship()
    person: so.Mapped[Person] = so.relationship()
