"""Partner organisations, their representatives and their links to ideas."""

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


class PartnerKind(enum.StrEnum):
    NGO = "ngo"
    CHURCH = "church"
    STUDY_ASSOCIATION = "study_association"
    TENANTS_UNION = "tenants_union"
    MUNICIPALITY = "municipality"
    COMPANY = "company"


partner_area = sa.Table(
    "partner_area",
    db.metadata,
    sa.Column("partner_id", sa.ForeignKey("partner.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("area_id", sa.ForeignKey("area.id", ondelete="CASCADE"), primary_key=True),
)


class Partner(db.Model):
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    name: so.Mapped[str] = so.mapped_column(sa.String(120), unique=True)
    kind: so.Mapped[PartnerKind] = so.mapped_column(str_enum(PartnerKind))
    description: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    website: so.Mapped[str | None] = so.mapped_column(sa.String(300))
    offers: so.Mapped[str] = so.mapped_column(sa.Text, default="", server_default="")
    # The language its description and offers are written in.
    language: so.Mapped[str] = so.mapped_column(sa.String(5), server_default="sv")
    # A small WebP made on the server (see app/partners/logos.py); None without a logo.
    logo: so.Mapped[str | None] = so.mapped_column(sa.String(40))
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)

    areas: so.Mapped[list[Area]] = so.relationship(secondary=partner_area, order_by=Area.name)


class PartnerRepresentative(db.Model):
    """A person who acts for a partner organisation."""

    __table_args__ = (sa.UniqueConstraint("partner_id", "person_id"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    partner_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("partner.id", ondelete="CASCADE"))
    person_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="CASCADE"), index=True
    )

    partner: so.Mapped[Partner] = so.relationship()
    person: so.Mapped[Person] = so.relationship()


class LinkStatus(enum.StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    DELIVERED = "delivered"


class PartnerLink(db.Model):
    """A leader asks a partner to take on an idea; the partner answers."""

    __table_args__ = (sa.UniqueConstraint("idea_id", "partner_id"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    idea_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("idea.id", ondelete="CASCADE"), index=True
    )
    partner_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("partner.id", ondelete="CASCADE"), index=True
    )
    note: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    status: so.Mapped[LinkStatus] = so.mapped_column(
        str_enum(LinkStatus), default=LinkStatus.PROPOSED
    )
    answer: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    created_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    answered_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)

    idea: so.Mapped[Idea] = so.relationship()
    partner: so.Mapped[Partner] = so.relationship()


class PartnerInvitation(db.Model):
    """A leader invites someone to represent a partner: by a link anyone may accept once, or
    addressed to one person (``person_id``), who alone may accept it."""

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    partner_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("partner.id", ondelete="CASCADE"), index=True
    )
    token_hash: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    person_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    invited_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    expires_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime)
    accepted_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    accepted_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )

    partner: so.Mapped[Partner] = so.relationship()
    person: so.Mapped[Person | None] = so.relationship(foreign_keys=[person_id])
