"""Notifications: queued in the same transaction as the event they tell of."""

import sqlalchemy as sa

from app.extensions import db
from app.models import Notification, NotificationKind, Vote


def notify(
    person_id: int | None,
    kind: NotificationKind,
    idea_id: int | None = None,
    detail: str = "",
    activity_id: int | None = None,
    shift_id: int | None = None,
):
    """Queue a notice for one person (nothing for a deleted author)."""
    if person_id is not None:
        db.session.add(
            Notification(
                person_id=person_id,
                kind=kind,
                idea_id=idea_id,
                activity_id=activity_id,
                shift_id=shift_id,
                detail=detail,
            )
        )


def notify_voters(idea_id: int, kind: NotificationKind, detail: str = "") -> None:
    """Queue a notice for everyone who voted for the idea, in one statement."""
    db.session.execute(
        sa.insert(Notification).from_select(
            ["person_id", "kind", "idea_id", "detail", "attempts"],
            sa.select(
                Vote.person_id,
                sa.literal(kind.value),
                sa.literal(idea_id),
                sa.literal(detail),
                sa.literal(0),
            ).where(Vote.idea_id == idea_id),
        )
    )
