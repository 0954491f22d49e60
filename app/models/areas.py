"""Areas, per-area roles and residency invite codes."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.extensions import db
from app.models.people import Person
from app.models.util import UTCDateTime, utcnow


class Role(enum.StrEnum):
    RESIDENT = "resident"
    LEADER = "leader"
    PARTNER = "partner"


class Area(db.Model):
    """A housing area (bostadsområde)."""

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    slug: so.Mapped[str] = so.mapped_column(sa.String(60), unique=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(120))
    municipality: so.Mapped[str] = so.mapped_column(sa.String(120))
    default_locale: so.Mapped[str] = so.mapped_column(sa.String(5), default="sv")
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    # Machine translation of residents' texts (when the server has a translation service),
    # and whether texts written by people under 18 may be sent too: the area's leaders decide.
    translation: so.Mapped[bool] = so.mapped_column(default=False, server_default=sa.false())
    translate_minors: so.Mapped[bool] = so.mapped_column(default=False, server_default=sa.false())
    # How the idea list is ordered: "votes" (most votes first), or "random" while voting is
    # open — from ``idea_order_since`` until the next agenda is cut (app/ideas/ordering.py).
    idea_order: so.Mapped[str] = so.mapped_column(
        sa.String(10), default="votes", server_default="votes"
    )
    idea_order_since: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)


class AreaRole(db.Model):
    """A person's role in one area; a resident is *verified* by invite code or by a leader."""

    __table_args__ = (sa.UniqueConstraint("person_id", "area_id", "role"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    person_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    area_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("area.id", ondelete="CASCADE"), index=True
    )
    role: so.Mapped[Role] = so.mapped_column(
        sa.Enum(Role, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e])
    )
    verified_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    verified_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)

    person: so.Mapped[Person] = so.relationship(back_populates="roles", foreign_keys=[person_id])
    area: so.Mapped[Area] = so.relationship()

    @property
    def verified(self) -> bool:
        return self.verified_at is not None


class InviteBatch(db.Model):
    """Invite codes generated together, printed on one A4 sheet of cut-out slips."""

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    area_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("area.id", ondelete="CASCADE"))
    created_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    expires_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime)

    area: so.Mapped[Area] = so.relationship()
    codes: so.Mapped[list[InviteCode]] = so.relationship(
        back_populates="batch", order_by="InviteCode.id", cascade="all, delete-orphan"
    )


class InviteCode(db.Model):
    """A single-use, expiring code that verifies whoever redeems it as a resident of the area."""

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    batch_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("invite_batch.id", ondelete="CASCADE"), index=True
    )
    code: so.Mapped[str] = so.mapped_column(sa.String(16), unique=True)
    redeemed_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    redeemed_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)

    batch: so.Mapped[InviteBatch] = so.relationship(back_populates="codes")
