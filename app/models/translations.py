"""Machine translations of residents' texts, kept once per text, field and language."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.extensions import db
from app.models.people import Person
from app.models.util import UTCDateTime, utcnow


class Translation(db.Model):
    """One field of one text in one language. ``source_hash`` is the hash of the text (and its
    language) it was made from: when the text changes the translation is stale and made anew.
    The row goes with its text (a foreign key per kind of text, deleted in cascade).

    A correction by the author or a process leader (``corrected_by_role``) is kept over the
    machine's until the text itself changes."""

    __table_args__ = (sa.UniqueConstraint("subject", "field", "language"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    subject: so.Mapped[str] = so.mapped_column(sa.String(40))  # "idea:12", "comment:7"
    field: so.Mapped[str] = so.mapped_column(sa.String(20))
    language: so.Mapped[str] = so.mapped_column(sa.String(5))
    source_language: so.Mapped[str] = so.mapped_column(sa.String(5))
    source_hash: so.Mapped[str] = so.mapped_column(sa.String(64))
    text: so.Mapped[str] = so.mapped_column(sa.Text)
    corrected_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    corrected_by_role: so.Mapped[str | None] = so.mapped_column(sa.String(20))
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)

    idea_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("idea.id", ondelete="CASCADE"), index=True
    )
    comment_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("comment.id", ondelete="CASCADE"), index=True
    )
    activity_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("activity.id", ondelete="CASCADE"), index=True
    )
    association_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("association.id", ondelete="CASCADE"), index=True
    )
    partner_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("partner.id", ondelete="CASCADE"), index=True
    )

    corrected_by: so.Mapped[Person | None] = so.relationship()
