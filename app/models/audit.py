"""Append-only audit log of leader and admin actions."""

from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.extensions import db
from app.models.util import UTCDateTime, utcnow


class AuditEntry(db.Model):
    """One leader or admin action. Rows are only ever inserted."""

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    area_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("area.id", ondelete="SET NULL"), index=True
    )
    action: so.Mapped[str] = so.mapped_column(sa.String(60))
    subject: so.Mapped[str] = so.mapped_column(sa.String(200), default="")


def record(
    actor_id: int | None, action: str, area_id: int | None = None, subject: str = ""
) -> None:
    """Add an audit entry to the current transaction."""
    db.session.add(AuditEntry(actor_id=actor_id, area_id=area_id, action=action, subject=subject))
