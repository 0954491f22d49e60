"""Associations: kinds, founders, members, statutes versions, founding meeting."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.extensions import db
from app.models.areas import Area
from app.models.ideas import Idea, str_enum
from app.models.people import Person
from app.models.util import UTCDateTime, utcnow

ASSOCIATION_NAME_MAX = 120
PURPOSE_MAX = 2000
DESCRIPTION_MAX = 4000
SEAT_MAX = 120
STATUTES_MAX = 20000
PLACE_MAX = 200
AUDITOR_MAX = 120
INVITE_TOKEN_BYTES = 24


class AssociationKind(enum.StrEnum):
    NONPROFIT = "nonprofit"  # ideell förening
    COOPERATIVE = "cooperative"  # ekonomisk förening
    INFORMAL = "informal"  # informal group, no statutes needed by law


class AssociationStatus(enum.StrEnum):
    FORMING = "forming"
    FOUNDED = "founded"


class MembershipStatus(enum.StrEnum):
    REQUESTED = "requested"
    MEMBER = "member"
    DECLINED = "declined"
    LEFT = "left"


class MemberRole(enum.StrEnum):
    MEMBER = "member"
    CHAIR = "chair"
    TREASURER = "treasurer"
    SECRETARY = "secretary"
    BOARD = "board"  # an ordinary board member


BOARD_ROLES = frozenset(
    {MemberRole.CHAIR, MemberRole.TREASURER, MemberRole.SECRETARY, MemberRole.BOARD}
)


class Association(db.Model):
    """A non-profit, a cooperative or an informal group of an area, from forming to founded."""

    __table_args__ = (
        sa.CheckConstraint("fee >= 0", name="association_fee_not_negative"),
        sa.CheckConstraint("board_size >= 1", name="association_board_size_positive"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    area_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("area.id", ondelete="CASCADE"), index=True
    )
    kind: so.Mapped[AssociationKind] = so.mapped_column(str_enum(AssociationKind))
    status: so.Mapped[AssociationStatus] = so.mapped_column(
        str_enum(AssociationStatus), default=AssociationStatus.FORMING
    )
    name: so.Mapped[str] = so.mapped_column(sa.String(ASSOCIATION_NAME_MAX))
    purpose: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    description: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    # The language its purpose and description are written in.
    language: so.Mapped[str] = so.mapped_column(sa.String(5), server_default="sv")
    idea_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("idea.id", ondelete="SET NULL"), index=True
    )
    # The secret of the shareable invite link for co-founders.
    invite_token: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    # Answers for the statutes.
    seat: so.Mapped[str] = so.mapped_column(sa.String(SEAT_MAX), default="")
    open_membership: so.Mapped[bool] = so.mapped_column(default=True)
    fee: so.Mapped[int] = so.mapped_column(default=0)  # SEK per year
    member_contribution: so.Mapped[int | None]  # SEK, cooperatives only
    board_size: so.Mapped[int] = so.mapped_column(default=3)
    financial_year_start: so.Mapped[int] = so.mapped_column(default=1)  # month 1–12
    annual_meeting_month: so.Mapped[int] = so.mapped_column(default=3)  # month 1–12
    statutes_answered: so.Mapped[bool] = so.mapped_column(default=False)
    # The founding meeting.
    meeting_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    meeting_place: so.Mapped[str] = so.mapped_column(sa.String(PLACE_MAX), default="")
    founded_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    created_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    # Touched by the SQLite write lock (see app.locking.lock_row).
    version: so.Mapped[int] = so.mapped_column(default=0)

    area: so.Mapped[Area] = so.relationship()
    idea: so.Mapped[Idea | None] = so.relationship()
    founders: so.Mapped[list[Founder]] = so.relationship(
        back_populates="association", order_by="Founder.id", cascade="all, delete-orphan"
    )
    minutes: so.Mapped[FoundingMinutes | None] = so.relationship(
        back_populates="association", cascade="all, delete-orphan"
    )


class Founder(db.Model):
    """A person gathering to found the association: invited, then accepted."""

    __table_args__ = (sa.UniqueConstraint("association_id", "person_id", name="uq_founder_person"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    association_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("association.id", ondelete="CASCADE"), index=True
    )
    person_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    invited_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    accepted_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)

    association: so.Mapped[Association] = so.relationship(back_populates="founders")
    person: so.Mapped[Person] = so.relationship(foreign_keys=[person_id])

    @property
    def accepted(self) -> bool:
        return self.accepted_at is not None


class Membership(db.Model):
    """A member (or a request to become one) with a role; board roles come from the meeting."""

    __table_args__ = (
        sa.UniqueConstraint("association_id", "person_id", name="uq_membership_person"),
        sa.Index("ix_membership_association_status", "association_id", "status"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    association_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("association.id", ondelete="CASCADE")
    )
    person_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    status: so.Mapped[MembershipStatus] = so.mapped_column(str_enum(MembershipStatus))
    role: so.Mapped[MemberRole] = so.mapped_column(str_enum(MemberRole), default=MemberRole.MEMBER)
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    decided_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    decided_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )

    association: so.Mapped[Association] = so.relationship()
    person: so.Mapped[Person] = so.relationship(foreign_keys=[person_id])

    @property
    def on_board(self) -> bool:
        return self.status is MembershipStatus.MEMBER and self.role in BOARD_ROLES


class StatutesVersion(db.Model):
    """One saved text of the statutes; every save is a new version."""

    __table_args__ = (
        sa.UniqueConstraint("association_id", "number", name="uq_statutes_version_number"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    association_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("association.id", ondelete="CASCADE")
    )
    number: so.Mapped[int]
    text: so.Mapped[str] = so.mapped_column(sa.Text)
    author_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)

    association: so.Mapped[Association] = so.relationship()
    author: so.Mapped[Person | None] = so.relationship()


class FoundingMinutes(db.Model):
    """The minutes of the founding meeting, filled in online by the founders."""

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    association_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("association.id", ondelete="CASCADE"), unique=True
    )
    opened_at: so.Mapped[str] = so.mapped_column(sa.String(5), default="")  # "18:05"
    meeting_chair_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    meeting_secretary_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    checker_1_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    checker_2_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    decided_to_form: so.Mapped[bool] = so.mapped_column(default=False)
    statutes_version_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("statutes_version.id", ondelete="SET NULL")
    )
    board_chair_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    board_treasurer_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    board_secretary_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    auditor: so.Mapped[str] = so.mapped_column(sa.String(AUDITOR_MAX), default="")
    fee: so.Mapped[int] = so.mapped_column(default=0)
    other_notes: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    updated_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    recorded_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    recorded_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )

    association: so.Mapped[Association] = so.relationship(back_populates="minutes")
    statutes_version: so.Mapped[StatutesVersion | None] = so.relationship()
    meeting_chair: so.Mapped[Person | None] = so.relationship(foreign_keys=[meeting_chair_id])
    meeting_secretary: so.Mapped[Person | None] = so.relationship(
        foreign_keys=[meeting_secretary_id]
    )
    checker_1: so.Mapped[Person | None] = so.relationship(foreign_keys=[checker_1_id])
    checker_2: so.Mapped[Person | None] = so.relationship(foreign_keys=[checker_2_id])
    board_chair: so.Mapped[Person | None] = so.relationship(foreign_keys=[board_chair_id])
    board_treasurer: so.Mapped[Person | None] = so.relationship(foreign_keys=[board_treasurer_id])
    board_secretary: so.Mapped[Person | None] = so.relationship(foreign_keys=[board_secretary_id])
    # The other board members elected, up to the board size of the statutes.
    board_members: so.Mapped[list[Person]] = so.relationship(
        secondary="founding_board_seat", order_by="Person.id"
    )


class FoundingBoardSeat(db.Model):
    """An ordinary board member elected at the founding meeting (besides the three officers)."""

    minutes_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("founding_minutes.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ContactMessage(db.Model):
    """That someone wrote to the board (for the rate limit); the words go out as notices."""

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    association_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("association.id", ondelete="CASCADE")
    )
    sender_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
