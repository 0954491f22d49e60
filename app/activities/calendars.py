"""Calendar feeds of activities: the area's public feed and the person's private feed behind
a secret link (stored only as a keyed hash), from the last 30 days on."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from app.extensions import db
from app.models import Activity, Area, Person, Registration
from app.models.activities import HOLDS_PLACE
from app.models.util import utcnow
from app.tokens import digest, new_token

FEED_PAST_DAYS = 30  # calendar feeds also carry the last 30 days
FEED_LIMIT = 1000
CALENDAR_TOKEN_BYTES = 32


def feed_since() -> datetime:
    """Feeds carry events from this moment on."""
    return utcnow() - timedelta(days=FEED_PAST_DAYS)


def area_feed(area: Area) -> list[Activity]:
    """The area's activities from the last 30 days on (the public feed)."""
    return list(
        db.session.scalars(
            sa.select(Activity)
            .where(Activity.area_id == area.id, Activity.ends_at > feed_since())
            .order_by(Activity.starts_at, Activity.id)
            .limit(FEED_LIMIT)
        )
    )


def person_feed(person: Person) -> list[Registration]:
    """The person's confirmed or offered registrations (own and their children's)."""
    return list(
        db.session.scalars(
            sa.select(Registration)
            .join(Activity, Activity.id == Registration.activity_id)
            .where(
                sa.or_(Registration.person_id == person.id, Registration.guardian_id == person.id),
                Registration.status.in_(HOLDS_PLACE),
                Activity.ends_at > feed_since(),
            )
            .options(sa.orm.contains_eager(Registration.activity))
            .order_by(Activity.starts_at, Registration.id)
            .limit(FEED_LIMIT)
        )
    )


def person_by_calendar_token(token: str) -> Person | None:
    if not token or len(token) > 64:
        return None
    return db.session.scalar(
        sa.select(Person).where(
            Person.calendar_token_hash == digest(f"calendar:{token}"), Person.deleted_at.is_(None)
        )
    )


def new_calendar_token(person: Person) -> str:
    """Make a new secret link (stored only as a keyed hash: it is shown once); the old one,
    if any, stops working at once."""
    token = new_token(CALENDAR_TOKEN_BYTES)
    person.calendar_token_hash = digest(f"calendar:{token}")
    db.session.commit()
    return token
