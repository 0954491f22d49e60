"""Assisted mode: the card a process leader prints for a resident registered at the meeting
place, whose one-time code lets them take the account over on a phone later."""

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.extensions import db
from app.models.people import Person
from app.models.util import UTCDateTime, utcnow


class AccountClaim(db.Model):
    """A one-time, expiring code for taking over an account made at the meeting place; only
    its keyed hash is stored (the card shows the code once)."""

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    person_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    code_hash: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    created_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    expires_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime)
    used_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)

    person: so.Mapped[Person] = so.relationship(foreign_keys=[person_id])
