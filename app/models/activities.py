"""Activities in an area, sign-ups with a waiting list, and attendance."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.extensions import db
from app.models.areas import Area
from app.models.ideas import Category, str_enum
from app.models.partners import Partner
from app.models.people import Person
from app.models.util import UTCDateTime, utcnow

if TYPE_CHECKING:
    from app.models.associations import Association
    from app.models.premises import Booking

ACTIVITY_TITLE_MAX = 120
ACTIVITY_TEXT_MAX = 4000
PLACE_MAX = 200
CHILD_NAME_MAX = 60


class Audience(enum.StrEnum):
    EVERYONE = "everyone"
    YOUTH = "youth"
    WOMEN = "women"
    SENIORS = "seniors"
    FAMILIES = "families"


class RegistrationStatus(enum.StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    OFFERED = "offered"
    CANCELLED = "cancelled"


# A registration that holds (or waits for) a place; at most one per person and activity.
ACTIVE = frozenset(
    {RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED, RegistrationStatus.OFFERED}
)
# Registrations that hold one of the places.
HOLDS_PLACE = frozenset({RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED})


class Activity(db.Model):
    """One dated activity; a weekly series is one row per date sharing ``series_id``."""

    __table_args__ = (
        sa.Index("ix_activity_area_start", "area_id", "starts_at"),
        sa.Index("ix_activity_area_end", "area_id", "ends_at"),
        sa.CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        sa.CheckConstraint("capacity IS NULL OR capacity > 0", name="capacity_positive"),
        sa.CheckConstraint("walk_ins >= 0", name="walk_ins_not_negative"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    area_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("area.id", ondelete="CASCADE"))
    title: so.Mapped[str] = so.mapped_column(sa.String(ACTIVITY_TITLE_MAX))
    description: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    # The language the description is written in (the organiser's, unless they choose).
    language: so.Mapped[str] = so.mapped_column(sa.String(5), server_default="sv")
    category: so.Mapped[Category] = so.mapped_column(str_enum(Category, 30))
    audience: so.Mapped[Audience] = so.mapped_column(str_enum(Audience), default=Audience.EVERYONE)
    place: so.Mapped[str] = so.mapped_column(sa.String(PLACE_MAX))
    starts_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime)
    ends_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime)
    capacity: so.Mapped[int | None]
    min_age: so.Mapped[int | None]
    max_age: so.Mapped[int | None]
    # Organised by the area's process leaders, or by a partner when set.
    partner_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("partner.id", ondelete="SET NULL"), index=True
    )
    created_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    # Organised by a founded association's board, when set.
    association_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("association.id", ondelete="SET NULL"), index=True
    )
    # Held in this booked time of the premises; NULL when the place is free text (and once the
    # booking is cancelled: the organiser is told and the place stays as text).
    booking_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("booking.id", ondelete="SET NULL"), index=True
    )
    series_id: so.Mapped[str | None] = so.mapped_column(sa.String(32), index=True)
    # People who came without signing up: counted, never named.
    walk_ins: so.Mapped[int] = so.mapped_column(default=0)
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)

    area: so.Mapped[Area] = so.relationship()
    partner: so.Mapped[Partner | None] = so.relationship()
    association: so.Mapped[Association | None] = so.relationship()
    booking: so.Mapped[Booking | None] = so.relationship()


class Registration(db.Model):
    """A sign-up for one activity: a person's own, or a child's made by their guardian."""

    __table_args__ = (
        # One active registration per person and activity (children have no person).
        sa.Index(
            "uq_registration_active_person",
            "activity_id",
            "person_id",
            unique=True,
            sqlite_where=sa.text("status != 'cancelled'"),
            postgresql_where=sa.text("status != 'cancelled'"),
        ),
        sa.Index("ix_registration_activity_status", "activity_id", "status", "id"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    activity_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("activity.id", ondelete="CASCADE"))
    person_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    guardian_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    child_name: so.Mapped[str | None] = so.mapped_column(sa.String(CHILD_NAME_MAX))
    child_birth_year: so.Mapped[int | None]
    status: so.Mapped[RegistrationStatus] = so.mapped_column(str_enum(RegistrationStatus))
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    offered_until: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    attended: so.Mapped[bool | None]
    # The process leader who did this for the person at the meeting place (assisted mode).
    assisted_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    cancelled_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    # Set once, by a conditional UPDATE, when the day-before reminder is queued.
    reminded_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)

    activity: so.Mapped[Activity] = so.relationship()
    person: so.Mapped[Person | None] = so.relationship(foreign_keys=[person_id])
    guardian: so.Mapped[Person | None] = so.relationship(foreign_keys=[guardian_id])

    @property
    def is_child(self) -> bool:
        return self.person_id is None

    @property
    def holder_id(self) -> int | None:
        """Who acts on the registration: the person, or the child's guardian."""
        return self.person_id if self.person_id is not None else self.guardian_id
