"""Café shifts: workplaces in an area, dated shifts, and sign-ups (also by minors)."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.extensions import db
from app.models.areas import Area
from app.models.ideas import str_enum
from app.models.jobs import JobApplication
from app.models.people import Person
from app.models.util import UTCDateTime, utcnow

WORKPLACE_NAME_MAX = 120
WORKPLACE_TEXT_MAX = 4000
SUPERVISOR_MAX = 80
CANCEL_REASON_MAX = 300
ROLE_MAX = 60


class SignupStatus(enum.StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    AWAITING_GUARDIAN = "awaiting_guardian"
    CANCELLED = "cancelled"
    # A freed place offered to the first on the waiting list, to confirm by ``hold_until``.
    OFFERED = "offered"


# A sign-up that holds (or waits for) a place; at most one per person and shift.
SIGNUP_ACTIVE = frozenset(
    {
        SignupStatus.CONFIRMED,
        SignupStatus.WAITLISTED,
        SignupStatus.AWAITING_GUARDIAN,
        SignupStatus.OFFERED,
    }
)
# Sign-ups that hold one of the places (and count as the person's working time).
SIGNUP_HOLDS_PLACE = frozenset({SignupStatus.CONFIRMED, SignupStatus.AWAITING_GUARDIAN})
# Sign-ups that take one of the places: held, or offered and not yet confirmed.
SIGNUP_TAKES_PLACE = SIGNUP_HOLDS_PLACE | {SignupStatus.OFFERED}


class Workplace(db.Model):
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    area_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("area.id", ondelete="CASCADE"), index=True
    )
    name: so.Mapped[str] = so.mapped_column(sa.String(WORKPLACE_NAME_MAX))
    description: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    # A display name only, never contact data.
    supervisor_name: so.Mapped[str] = so.mapped_column(sa.String(SUPERVISOR_MAX), default="")
    # The leader's declaration that the tasks are light work for 13–15-year-olds.
    light_work: so.Mapped[bool] = so.mapped_column(default=False, server_default=sa.false())
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)

    area: so.Mapped[Area] = so.relationship()
    # The supervisor's account (someone with a role in the area, chosen by a leader): may mark
    # arrival / no-show for the workplace's shifts. Shown by display name only.
    supervisor_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    supervisor: so.Mapped[Person | None] = so.relationship()


class Shift(db.Model):
    __table_args__ = (
        sa.Index("ix_shift_workplace_start", "workplace_id", "starts_at"),
        sa.CheckConstraint("ends_at > starts_at", name="shift_ends_after_start"),
        sa.CheckConstraint("capacity > 0", name="shift_capacity_positive"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    workplace_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("workplace.id", ondelete="CASCADE")
    )
    starts_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime)
    ends_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime)
    capacity: so.Mapped[int]
    role: so.Mapped[str] = so.mapped_column(sa.String(ROLE_MAX), default="")
    min_age: so.Mapped[int | None]
    signup_opens_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime)
    signup_closes_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime)
    cancel_deadline: so.Mapped[datetime] = so.mapped_column(UTCDateTime)
    # Touched by the SQLite write lock (see app.locking.lock_row).
    version: so.Mapped[int] = so.mapped_column(default=0)
    created_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    # Set when a process leader cancels the shift; its places are then cancelled too.
    cancelled_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    cancel_reason: so.Mapped[str] = so.mapped_column(sa.String(CANCEL_REASON_MAX), default="")

    workplace: so.Mapped[Workplace] = so.relationship()


class ShiftSignup(db.Model):
    __table_args__ = (
        sa.Index(
            "uq_shift_signup_active_person",
            "shift_id",
            "person_id",
            unique=True,
            sqlite_where=sa.text("status != 'cancelled'"),
            postgresql_where=sa.text("status != 'cancelled'"),
        ),
        sa.Index("ix_shift_signup_shift_status", "shift_id", "status", "id"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    shift_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("shift.id", ondelete="CASCADE"))
    person_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    status: so.Mapped[SignupStatus] = so.mapped_column(str_enum(SignupStatus, 20))
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    # While awaiting a guardian's consent (or while offered), the place is held until this moment.
    hold_until: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    arrived: so.Mapped[bool | None]
    # Who marked the arrival (a process leader or the supervisor): the certificate names them.
    arrival_marked_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    cancelled_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    # Set while the holder offers the place to others (a swap); cleared when taken or withdrawn.
    offered_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    # Claimed by the reminder run, so each sign-up is reminded once.
    reminded_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    # The process leader who did this for the person at the meeting place (assisted mode).
    assisted_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )

    shift: so.Mapped[Shift] = so.relationship()
    person: so.Mapped[Person] = so.relationship(foreign_keys=[person_id])


ADDRESS_MAX = 254


class ConsentDecision(enum.StrEnum):
    PENDING = "pending"
    CONSENTED = "consented"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class GuardianConsent(db.Model):
    """One guardian's consent for one sign-up or one summer-job placement (exactly one of
    the two); the link's token is stored only as a keyed hash."""

    __table_args__ = (
        sa.CheckConstraint(
            "(signup_id IS NULL) != (job_application_id IS NULL)",
            name="guardian_consent_one_subject",
        ),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    signup_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("shift_signup.id", ondelete="CASCADE"), unique=True
    )
    job_application_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("job_application.id", ondelete="CASCADE"), unique=True
    )
    # Contact data of a minor's guardian: shown to nobody but the process leader.
    guardian_address: so.Mapped[str] = so.mapped_column(sa.String(ADDRESS_MAX))
    token_hash: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    expires_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime)
    decision: so.Mapped[ConsentDecision] = so.mapped_column(
        str_enum(ConsentDecision, 20), default=ConsentDecision.PENDING
    )
    # The language the guardian chose on the guardian page; later messages to the same
    # address are written in it (None: never chosen, the youth's language is used).
    language: so.Mapped[str | None] = so.mapped_column(sa.String(8))

    signup: so.Mapped[ShiftSignup | None] = so.relationship()
    application: so.Mapped[JobApplication | None] = so.relationship()
    decisions: so.Mapped[list[GuardianDecision]] = so.relationship(
        order_by="GuardianDecision.id", cascade="all, delete-orphan", passive_deletes=True
    )


class GuardianDecision(db.Model):
    """A dated record of each decision a guardian took."""

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    consent_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("guardian_consent.id", ondelete="CASCADE"), index=True
    )
    decision: so.Mapped[ConsentDecision] = so.mapped_column(str_enum(ConsentDecision, 20))
    decided_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
