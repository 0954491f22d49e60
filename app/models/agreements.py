"""Agreements between partners in an area (samverkansavtal), indicators and measurements."""

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


class AgreementStatus(enum.StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    ENDED = "ended"


class Direction(enum.StrEnum):
    UP = "up"  # a higher value is better
    DOWN = "down"  # a lower value is better


class Agreement(db.Model):
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    area_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("area.id", ondelete="CASCADE"), index=True
    )
    title: so.Mapped[str] = so.mapped_column(sa.String(160))
    goal: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    strategy: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    starts_on: so.Mapped[date] = so.mapped_column(sa.Date)
    ends_on: so.Mapped[date] = so.mapped_column(sa.Date)
    status: so.Mapped[AgreementStatus] = so.mapped_column(
        str_enum(AgreementStatus), default=AgreementStatus.DRAFT
    )
    # Indicators without a measurement for this many days bring a follow-up reminder.
    follow_up_days: so.Mapped[int] = so.mapped_column(default=90)
    created_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)

    area: so.Mapped[Area] = so.relationship()
    parties: so.Mapped[list[AgreementPartner]] = so.relationship(
        back_populates="agreement", cascade="all, delete-orphan", order_by="AgreementPartner.id"
    )
    indicators: so.Mapped[list[Indicator]] = so.relationship(
        back_populates="agreement", cascade="all, delete-orphan", order_by="Indicator.id"
    )


class AgreementPartner(db.Model):
    """A partner in an agreement and what it is responsible for."""

    __table_args__ = (sa.UniqueConstraint("agreement_id", "partner_id"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    agreement_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("agreement.id", ondelete="CASCADE")
    )
    partner_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("partner.id", ondelete="CASCADE"), index=True
    )
    responsibilities: so.Mapped[str] = so.mapped_column(sa.Text, default="")

    agreement: so.Mapped[Agreement] = so.relationship(back_populates="parties")
    partner: so.Mapped[Partner] = so.relationship()


class Indicator(db.Model):
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    agreement_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("agreement.id", ondelete="CASCADE"), index=True
    )
    name: so.Mapped[str] = so.mapped_column(sa.String(160))
    unit: so.Mapped[str] = so.mapped_column(sa.String(40), default="")
    baseline_value: so.Mapped[float] = so.mapped_column(sa.Float)
    baseline_on: so.Mapped[date] = so.mapped_column(sa.Date)
    target_value: so.Mapped[float] = so.mapped_column(sa.Float)
    target_on: so.Mapped[date] = so.mapped_column(sa.Date)
    direction: so.Mapped[Direction] = so.mapped_column(str_enum(Direction), default=Direction.UP)
    # Computed from the app's own records (a key of app.results.measures.MEASURES) from
    # ``measured_from`` on; measurements before that date are entered by hand.
    measure: so.Mapped[str | None] = so.mapped_column(sa.String(40))
    measured_from: so.Mapped[date | None] = so.mapped_column(sa.Date)
    # The last follow-up reminder, so each overdue period reminds once.
    reminded_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)

    agreement: so.Mapped[Agreement] = so.relationship(back_populates="indicators")
    measurements: so.Mapped[list[Measurement]] = so.relationship(
        back_populates="indicator",
        cascade="all, delete-orphan",
        order_by="(Measurement.measured_on, Measurement.id)",
    )


class Measurement(db.Model):
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    indicator_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("indicator.id", ondelete="CASCADE"), index=True
    )
    measured_on: so.Mapped[date] = so.mapped_column(sa.Date)
    value: so.Mapped[float] = so.mapped_column(sa.Float)
    source: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    entered_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)

    indicator: so.Mapped[Indicator] = so.relationship(back_populates="measurements")
    entered_by: so.Mapped[Person | None] = so.relationship()
