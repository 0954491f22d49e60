"""A shift's places: who holds one, the rules for minors over all of a person's places, the
row locks every change of places takes, and moving the waiting list up into free places."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app import minors
from app.activities.offers import offer_deadline
from app.clock import local
from app.extensions import db
from app.locking import lock_row
from app.models import NotificationKind, Person, Shift, ShiftSignup, SignupStatus
from app.models.shifts import SIGNUP_HOLDS_PLACE, SIGNUP_TAKES_PLACE
from app.notifications.services import notify
from app.shifts.schoolcalendar import area_calendar

GUARDIAN_HOLD_HOURS = 72
# A freed place offered to the first on the waiting list (to confirm by one tap).
PLACE_OFFERED = "offered"


# What a sign-up's status is called where a person reads it.
STATUS_LABELS = {
    SignupStatus.CONFIRMED: _l("Confirmed"),
    SignupStatus.WAITLISTED: _l("On the waiting list"),
    SignupStatus.AWAITING_GUARDIAN: _l("Waiting for a guardian's consent"),
    SignupStatus.CANCELLED: _l("Cancelled"),
    SignupStatus.OFFERED: _l("A place is offered to you"),
}


def count(shift_id: int, statuses) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).where(
            ShiftSignup.shift_id == shift_id, ShiftSignup.status.in_(statuses)
        )
    )


def places_left(shift: Shift) -> int:
    return max(shift.capacity - count(shift.id, SIGNUP_TAKES_PLACE), 0)


def _as_rule_shift(shift: Shift) -> minors.Shift:
    return minors.Shift(local(shift.starts_at), local(shift.ends_at))


def other_shifts(person_id: int, except_shift_id: int) -> list[minors.Shift]:
    """All the person's other shifts that hold a place (confirmed or awaiting a guardian), in
    every workplace. Waiting-list places are not working time: they are checked again when
    a place is given (:func:`fill_free_places`)."""
    rows = db.session.execute(
        sa.select(Shift.starts_at, Shift.ends_at)
        .join(ShiftSignup, ShiftSignup.shift_id == Shift.id)
        .where(
            ShiftSignup.person_id == person_id,
            ShiftSignup.status.in_(SIGNUP_HOLDS_PLACE),
            Shift.id != except_shift_id,
        )
    ).all()
    return [minors.Shift(local(start), local(end)) for start, end in rows]


def violations(shift: Shift, person_id: int, birth_year: int) -> list[minors.Violation]:
    workplace = shift.workplace
    return minors.check(
        birth_year,
        other_shifts(person_id, shift.id),
        _as_rule_shift(shift),
        area_calendar(workplace.area_id),
        light_work=workplace.light_work,
    )


def is_minor(shift: Shift, birth_year: int) -> bool:
    return minors.age_in_year(birth_year, local(shift.starts_at).year) < minors.ADULT_FROM_AGE


def lock_person(person_id: int) -> None:
    # SQLite: the shift lock already made this the only writer.
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(sa.select(Person.id).where(Person.id == person_id).with_for_update())


def lock_shift(shift_id: int) -> None:
    lock_row(Shift, shift_id, Shift.version)


def fill_free_places(shift: Shift, now: datetime) -> None:
    """Offer each free place to the first on the waiting list who may still take it under
    the rules for minors (those who now break a rule are skipped and keep waiting). The
    offer is open 24 hours, or until the shift's sign-up deadline or start if sooner
    (:func:`app.activities.offers.offer_deadline`, as for activities); unconfirmed, it
    passes on (:func:`expire_offers`)."""
    free = shift.capacity - count(shift.id, SIGNUP_TAKES_PLACE)
    limit = shift.signup_closes_at if shift.signup_closes_at > now else None
    until = offer_deadline(now, shift.starts_at, limit)
    if free <= 0 or until <= now:
        return
    waiting = db.session.scalars(
        sa.select(ShiftSignup)
        .where(ShiftSignup.shift_id == shift.id, ShiftSignup.status == SignupStatus.WAITLISTED)
        .options(sa.orm.joinedload(ShiftSignup.person))
        .order_by(ShiftSignup.id)
    ).all()
    for signup in waiting:
        if free <= 0:
            return
        birth_year = signup.person.birth_year
        lock_person(signup.person_id)  # then the rules see all the person's places
        if birth_year is None or violations(shift, signup.person_id, birth_year):
            continue
        signup.status, signup.hold_until = SignupStatus.OFFERED, until
        db.session.flush()
        notify(
            signup.person_id,
            NotificationKind.SHIFT_PLACE_GIVEN,
            shift_id=signup.shift_id,
            detail=PLACE_OFFERED,
        )
        free -= 1
