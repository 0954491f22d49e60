"""Places offered from a waiting list: each offer open 24 hours (or until an earlier limit),
passed on to the next when it lapses, confirmed by one tap. Activities and shifts share the
deadline and the passing on."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.activities.places import count, lock
from app.extensions import db
from app.models import Activity, NotificationKind, Person, Registration, RegistrationStatus
from app.models.activities import HOLDS_PLACE
from app.models.util import utcnow
from app.notifications.services import notify
from app.refusals import Refused

OFFER_HOURS = 24


def offer_deadline(now: datetime, *limits: datetime | None) -> datetime:
    """Until when a place offered from a waiting list stays open: 24 hours, or an earlier
    limit (for a shift, its sign-up deadline or start). Activities and shifts both use it."""
    return min([now + timedelta(hours=OFFER_HOURS), *(lim for lim in limits if lim is not None)])


def offer_free_places(activity: Activity, now: datetime) -> None:
    """Offer each free place to the next on the waiting list (under the lock)."""
    if activity.capacity is None:
        free = None
    else:
        free = activity.capacity - count(activity.id, HOLDS_PLACE)
    while free is None or free > 0:
        first = db.session.scalar(
            sa.select(Registration)
            .where(
                Registration.activity_id == activity.id,
                Registration.status == RegistrationStatus.WAITLISTED,
            )
            .order_by(Registration.id)
            .limit(1)
        )
        if first is None:
            return
        first.status = RegistrationStatus.OFFERED
        first.offered_until = offer_deadline(now)
        db.session.flush()
        notify(first.holder_id, NotificationKind.PLACE_OFFERED, activity_id=activity.id)
        if free is not None:
            free -= 1


def expire_lapsed_offers(
    model, owner_column, owner_id: int, until_column, statuses, now: datetime, pass_on, **clear
) -> int:
    """Cancel the offered places of one activity or shift (``owner_column == owner_id``)
    not confirmed by ``until_column``, then, if any lapsed, offer the freed places on
    (``pass_on()``); how many lapsed. ``statuses`` is the model's status enum (its
    ``OFFERED`` and ``CANCELLED``); ``clear`` are further columns to set. The caller holds
    the lock. Activities and shifts both use it."""
    expired = db.session.execute(
        sa.update(model)
        .where(owner_column == owner_id, model.status == statuses.OFFERED, until_column <= now)
        .values(status=statuses.CANCELLED, cancelled_at=now, **clear)
        .execution_options(synchronize_session=False)
    ).rowcount
    if expired:
        pass_on()
    return expired


def expire_lapsed(activity: Activity, now: datetime) -> int:
    return expire_lapsed_offers(
        Registration,
        Registration.activity_id,
        activity.id,
        Registration.offered_until,
        RegistrationStatus,
        now,
        lambda: offer_free_places(activity, now),
    )


def expire_offers(activity: Activity) -> int:
    """Pass expired offers on; cheap when there is none (one indexed read, no lock)."""
    now = utcnow()
    pending = db.session.scalar(
        sa.select(Registration.id)
        .where(
            Registration.activity_id == activity.id,
            Registration.status == RegistrationStatus.OFFERED,
            Registration.offered_until <= now,
        )
        .limit(1)
    )
    if pending is None:
        return 0
    lock(activity.id)
    expired = expire_lapsed(activity, now)
    db.session.commit()
    return expired


def expire_all_offers() -> int:
    """Every activity with an expired offer (the ``expire-offers`` command)."""
    now = utcnow()
    ids = db.session.scalars(
        sa.select(Registration.activity_id)
        .where(Registration.status == RegistrationStatus.OFFERED, Registration.offered_until <= now)
        .distinct()
    ).all()
    total = 0
    for activity_id in ids:
        total += expire_offers(db.session.get(Activity, activity_id))
    return total


def confirm_offer(registration: Registration, person: Person) -> None:
    """One tap: an offered place becomes confirmed, if the offer is still open."""
    if registration.holder_id != person.id:
        raise Refused(_l("This is not your sign-up."), 403)
    activity = registration.activity
    now = utcnow()
    lock(activity.id)
    confirmed = db.session.execute(
        sa.update(Registration)
        .where(
            Registration.id == registration.id,
            Registration.status == RegistrationStatus.OFFERED,
            Registration.offered_until > now,
        )
        .values(status=RegistrationStatus.CONFIRMED, offered_until=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not confirmed:
        expire_lapsed(activity, now)
        db.session.commit()
        db.session.refresh(registration)
        if registration.status is RegistrationStatus.CONFIRMED:
            return
        raise Refused(_l("This offer is no longer open; the place has passed on."), 409)
    db.session.commit()
    db.session.refresh(registration)
