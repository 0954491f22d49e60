"""The in-app list of a person's notices and their unread count."""

from __future__ import annotations

import sqlalchemy as sa

from app.extensions import db
from app.models import Notification, Person
from app.models.util import utcnow
from app.notifications import messages
from app.pagination import rows_page

PER_PAGE = 30


def unread_count(person: Person) -> int:
    """One COUNT over the person's unread notices (indexed by person)."""
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Notification)
        .where(Notification.person_id == person.id, Notification.read_at.is_(None))
    )


def page_of(person: Person, page: int = 1) -> tuple[list[Notification], bool]:
    """One page of the person's notices, newest first, with what they name loaded."""
    return rows_page(
        sa.select(Notification)
        .where(Notification.person_id == person.id)
        .options(*messages.load_options())
        .order_by(Notification.id.desc()),
        page,
        PER_PAGE,
    )


def mark_read(person: Person, ids: list[int]) -> None:
    """The notices the person has now seen count as read."""
    if not ids:
        return
    db.session.execute(
        sa.update(Notification)
        .where(
            Notification.person_id == person.id,
            Notification.id.in_(ids),
            Notification.read_at.is_(None),
        )
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
