"""Premises, opening hours, closed dates and bookings."""

from __future__ import annotations

import enum
from datetime import date, datetime, time

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.extensions import db
from app.models.areas import Area
from app.models.associations import Association
from app.models.ideas import str_enum
from app.models.partners import Partner
from app.models.people import Person
from app.models.util import UTCDateTime, utcnow

PREMISES_NAME_MAX = 120
PREMISES_TEXT_MAX = 4000
PURPOSE_MAX = 200
CLOSED_NOTE_MAX = 120
REASON_MAX = 500


class BookingStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"
    CANCELLED = "cancelled"


class Premises(db.Model):
    """A meeting place in an area, managed by the area's process leaders."""

    __table_args__ = (
        sa.CheckConstraint("capacity > 0", name="capacity_positive"),
        sa.CheckConstraint("max_minutes > 0", name="max_minutes_positive"),
        sa.CheckConstraint("max_days_ahead > 0", name="max_days_ahead_positive"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    area_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("area.id", ondelete="CASCADE"), index=True
    )
    name: so.Mapped[str] = so.mapped_column(sa.String(PREMISES_NAME_MAX))
    capacity: so.Mapped[int]
    accessibility: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    equipment: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    rules: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    photo: so.Mapped[str | None] = so.mapped_column(sa.String(40))
    # Who may book: verified residents, association boards, partners active in the area.
    for_residents: so.Mapped[bool] = so.mapped_column(default=True)
    for_associations: so.Mapped[bool] = so.mapped_column(default=True)
    for_partners: so.Mapped[bool] = so.mapped_column(default=True)
    needs_approval: so.Mapped[bool] = so.mapped_column(default=False)
    max_minutes: so.Mapped[int] = so.mapped_column(default=240)
    max_days_ahead: so.Mapped[int] = so.mapped_column(default=60)
    # Written to (unchanged) by the booking lock on SQLite, which makes that transaction the writer.
    version: so.Mapped[int] = so.mapped_column(default=0)
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)

    area: so.Mapped[Area] = so.relationship()
    spans: so.Mapped[list[OpeningSpan]] = so.relationship(
        back_populates="premises",
        cascade="all, delete-orphan",
        order_by="(OpeningSpan.weekday, OpeningSpan.opens)",
    )
    closed_dates: so.Mapped[list[ClosedDate]] = so.relationship(
        back_populates="premises", cascade="all, delete-orphan", order_by="ClosedDate.day"
    )


class OpeningSpan(db.Model):
    """Open from ``opens`` to ``closes`` (Swedish time) on a weekday, 0 = Monday."""

    __table_args__ = (
        sa.CheckConstraint("closes > opens", name="closes_after_opens"),
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_valid"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    premises_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("premises.id", ondelete="CASCADE"), index=True
    )
    weekday: so.Mapped[int]
    opens: so.Mapped[time] = so.mapped_column(sa.Time)
    closes: so.Mapped[time] = so.mapped_column(sa.Time)

    premises: so.Mapped[Premises] = so.relationship(back_populates="spans")


class ClosedDate(db.Model):
    """A whole day the premises are closed (a holiday, a renovation)."""

    __table_args__ = (sa.UniqueConstraint("premises_id", "day"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    premises_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("premises.id", ondelete="CASCADE"), index=True
    )
    day: so.Mapped[date]
    note: so.Mapped[str] = so.mapped_column(sa.String(CLOSED_NOTE_MAX), default="")

    premises: so.Mapped[Premises] = so.relationship(back_populates="closed_dates")


class Booking(db.Model):
    """A request for a time in the premises; approved bookings never overlap."""

    __table_args__ = (
        sa.Index("ix_booking_premises_start", "premises_id", "starts_at"),
        sa.CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        sa.CheckConstraint("people > 0", name="people_positive"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    premises_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("premises.id", ondelete="CASCADE"))
    # Who asked; NULL once their account is deleted (the booking then stays as "booked").
    person_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    # Booked in a partner's name by one of its representatives.
    partner_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("partner.id", ondelete="SET NULL")
    )
    # Booked in an association's name by a member of its board.
    association_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("association.id", ondelete="SET NULL"), index=True
    )
    purpose: so.Mapped[str] = so.mapped_column(sa.String(PURPOSE_MAX))
    starts_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime)
    ends_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime)
    people: so.Mapped[int]
    status: so.Mapped[BookingStatus] = so.mapped_column(str_enum(BookingStatus))
    series_id: so.Mapped[str | None] = so.mapped_column(sa.String(32), index=True)
    reason: so.Mapped[str] = so.mapped_column(sa.String(REASON_MAX), default="")
    decided_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    decided_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    cancelled_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    # The process leader who did this for the person at the meeting place (assisted mode).
    assisted_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )

    premises: so.Mapped[Premises] = so.relationship()
    person: so.Mapped[Person | None] = so.relationship(foreign_keys=[person_id])
    partner: so.Mapped[Partner | None] = so.relationship()
    association: so.Mapped[Association | None] = so.relationship()


# On PostgreSQL the database itself also refuses two approved bookings of the same premises
# whose times overlap (the services' row lock decides first; this is the backstop). A GiST
# exclusion on ranges: the premises id as a one-value range, so no extension is needed.
NO_OVERLAP = sa.DDL(
    "ALTER TABLE booking ADD CONSTRAINT ex_booking_no_overlap EXCLUDE USING gist "
    "(int4range(premises_id, premises_id, '[]') WITH &&, tstzrange(starts_at, ends_at) WITH &&) "
    "WHERE (status = 'approved')"
)
sa.event.listen(Booking.__table__, "after_create", NO_OVERLAP.execute_if(dialect="postgresql"))
