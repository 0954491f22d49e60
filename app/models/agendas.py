"""Residents' meetings and their agendas, cut from the ranked idea list."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.extensions import db
from app.models.areas import Area
from app.models.ideas import Idea
from app.models.util import UTCDateTime, utcnow


class Agenda(db.Model):
    """A residents' meeting (stormöte): date, place, and how many ideas its agenda takes."""

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    area_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("area.id", ondelete="CASCADE"), index=True
    )
    title: so.Mapped[str] = so.mapped_column(sa.String(120))
    meeting_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime)
    place: so.Mapped[str] = so.mapped_column(sa.String(200))
    idea_count: so.Mapped[int] = so.mapped_column(default=5)
    created_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    cut_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)

    area: so.Mapped[Area] = so.relationship()
    items: so.Mapped[list[AgendaItem]] = so.relationship(
        order_by="AgendaItem.position", cascade="all, delete-orphan"
    )


class AgendaItem(db.Model):
    """An idea frozen onto an agenda at its place and vote count when the agenda was cut."""

    __table_args__ = (
        sa.UniqueConstraint("agenda_id", "position"),
        sa.UniqueConstraint("agenda_id", "idea_id"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    agenda_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("agenda.id", ondelete="CASCADE"))
    idea_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("idea.id", ondelete="CASCADE"))
    position: so.Mapped[int]
    votes_at_cut: so.Mapped[int]

    idea: so.Mapped[Idea] = so.relationship()
