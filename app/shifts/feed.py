"""The person's shifts in their private calendar feed (``/calendar/<token>.ics``): confirmed
places and places waiting for a guardian's consent (tentative), from the last 30 days on."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from app.activities import ical
from app.activities.calendars import FEED_LIMIT, feed_since
from app.extensions import db
from app.models import Person, Shift, ShiftSignup, SignupStatus, Workplace
from app.models.util import utcnow

FEED_STATUSES = (SignupStatus.CONFIRMED, SignupStatus.AWAITING_GUARDIAN)


def person_shifts(person: Person) -> list[ShiftSignup]:
    """One query: the sign-ups with their shift, workplace and area."""
    return list(
        db.session.scalars(
            sa.select(ShiftSignup)
            .join(Shift, Shift.id == ShiftSignup.shift_id)
            .where(
                ShiftSignup.person_id == person.id,
                ShiftSignup.status.in_(FEED_STATUSES),
                Shift.ends_at > feed_since(),
            )
            .options(
                sa.orm.contains_eager(ShiftSignup.shift)
                .joinedload(Shift.workplace)
                .joinedload(Workplace.area)
            )
            .order_by(Shift.starts_at, ShiftSignup.id)
            .limit(FEED_LIMIT)
        )
    )


def shift_events(person: Person) -> list[list[str]]:
    now = utcnow()
    events = []
    for signup in person_shifts(person):
        shift = signup.shift
        workplace = shift.workplace
        if shift.role:
            summary = _("Shift: %(workplace)s, %(role)s", workplace=workplace.name, role=shift.role)
        else:
            summary = _("Shift: %(workplace)s", workplace=workplace.name)
        waiting = signup.status is SignupStatus.AWAITING_GUARDIAN
        if waiting:
            summary = _("%(summary)s (waiting for a guardian's consent)", summary=summary)
        place = f"{workplace.name}, {workplace.area.name}"
        events.append(ical.shift_event(shift, now, summary, place, tentative=waiting))
    return events
