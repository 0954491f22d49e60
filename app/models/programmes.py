"""Programmes, enrolments with consent, and outcomes.

An enrolment keeps the consent text the participant agreed to (what is stored, why, for how
long, how to withdraw), given by the participant or recorded by a leader in assisted mode.
Withdrawing deletes the outcomes and the enrolment's link to the person; what stays is an
anonymous row (when consent was given and withdrawn) that no result counts.
"""

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

PROGRAMME_NAME_MAX = 120
PROGRAMME_TEXT_MAX = 4000
FOR_WHOM_MAX = 300
RETENTION_MONTHS = (6, 120)


class Outcome(enum.StrEnum):
    WORK = "work"
    INTERNSHIP = "internship"
    STUDIES = "studies"
    OWN_BUSINESS = "own_business"
    PLANNING_COOPERATIVE = "planning_cooperative"
    NONE_YET = "none_yet"


# Work, an internship, studies or an own business: the seeds' headline group ("15 of 22").
INTO_WORK_OR_STUDIES = frozenset(
    {Outcome.WORK, Outcome.INTERNSHIP, Outcome.STUDIES, Outcome.OWN_BUSINESS}
)


class ConsentMode(enum.StrEnum):
    SELF = "self"  # ticked by the participant on their own account
    ASSISTED = "assisted"  # a leader confirmed the participant's consent


class Programme(db.Model):
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    area_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("area.id", ondelete="CASCADE"), index=True
    )
    partner_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("partner.id", ondelete="SET NULL")
    )
    name: so.Mapped[str] = so.mapped_column(sa.String(PROGRAMME_NAME_MAX))
    description: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    for_whom: so.Mapped[str] = so.mapped_column(sa.String(FOR_WHOM_MAX))
    # Enrolment data is kept this many months after enrolment, then deleted.
    retention_months: so.Mapped[int] = so.mapped_column(default=24)
    created_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)

    area: so.Mapped[Area] = so.relationship()
    partner: so.Mapped[Partner | None] = so.relationship()


class Enrolment(db.Model):
    __table_args__ = (
        # One enrolment per person and programme (withdrawn rows have no person).
        sa.UniqueConstraint("programme_id", "person_id"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    programme_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("programme.id", ondelete="CASCADE"), index=True
    )
    person_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    consent_text: so.Mapped[str] = so.mapped_column(sa.Text)
    consent_mode: so.Mapped[ConsentMode] = so.mapped_column(str_enum(ConsentMode))
    consented_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    # The leader who recorded an assisted consent.
    assisted_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    withdrawn_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)

    programme: so.Mapped[Programme] = so.relationship()
    person: so.Mapped[Person | None] = so.relationship(foreign_keys=[person_id])
    assisted_by: so.Mapped[Person | None] = so.relationship(foreign_keys=[assisted_by_id])
    outcomes: so.Mapped[list[ProgrammeOutcome]] = so.relationship(
        back_populates="enrolment",
        order_by="(ProgrammeOutcome.on, ProgrammeOutcome.id)",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    @property
    def active(self) -> bool:
        return self.person_id is not None and self.withdrawn_at is None

    @property
    def latest(self) -> ProgrammeOutcome | None:
        return self.outcomes[-1] if self.outcomes else None


class ProgrammeOutcome(db.Model):
    """Where a participant stands on a date; the latest one counts in the results."""

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    enrolment_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("enrolment.id", ondelete="CASCADE"), index=True
    )
    outcome: so.Mapped[Outcome] = so.mapped_column(str_enum(Outcome, 30))
    on: so.Mapped[date] = so.mapped_column(sa.Date)
    recorded_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)

    enrolment: so.Mapped[Enrolment] = so.relationship(back_populates="outcomes")
