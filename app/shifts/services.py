"""Café shifts and their sign-ups.

A sign-up is checked against the shift's opening and deadline, its lowest age, and the
working-time rules for minors (:mod:`app.minors`) together with every other place the person
holds (confirmed or awaiting a guardian) in every workplace; this also refuses overlaps, for
everyone. Waiting-list places are checked again when a place is given. Someone under the
minors' age limit gets *awaiting_guardian* (the place is held for 72 hours); adults are
*confirmed*; when the shift is full, *waitlisted* in the order written.

Every change to a shift's sign-ups happens under the shift's row lock, the same pattern as
activities (:func:`app.locking.lock_row`); on PostgreSQL the person's row is
locked too, so two simultaneous sign-ups of one person cannot together break the weekly
limits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext as ngettext
from sqlalchemy.exc import IntegrityError

from app import minors
from app.activities.offers import expire_lapsed_offers
from app.activities.reminders import remind_day_before
from app.areas.services import is_leader
from app.clock import local, moment_label
from app.extensions import db
from app.models import (
    Area,
    NotificationKind,
    Person,
    Shift,
    ShiftSignup,
    SignupStatus,
    Workplace,
)
from app.models.audit import record
from app.models.shifts import (
    CANCEL_REASON_MAX,
    ROLE_MAX,
    SIGNUP_ACTIVE,
    SIGNUP_HOLDS_PLACE,
    SIGNUP_TAKES_PLACE,
    SUPERVISOR_MAX,
    WORKPLACE_NAME_MAX,
)
from app.models.util import utcnow
from app.notifications.services import notify
from app.refusals import Refused
from app.shifts import guardians, places
from app.shifts.places import GUARDIAN_HOLD_HOURS

LIST_LIMIT = 200


def workplace_or_404(workplace_id: int) -> Workplace:
    return db.get_or_404(Workplace, workplace_id, options=[sa.orm.joinedload(Workplace.area)])


def shift_or_404(shift_id: int) -> Shift:
    return db.get_or_404(
        Shift, shift_id, options=[sa.orm.joinedload(Shift.workplace).joinedload(Workplace.area)]
    )


def signup_or_404(signup_id: int) -> ShiftSignup:
    return db.get_or_404(
        ShiftSignup,
        signup_id,
        options=[
            sa.orm.joinedload(ShiftSignup.shift)
            .joinedload(Shift.workplace)
            .joinedload(Workplace.area)
        ],
    )


def can_manage(person: Person, area: Area) -> bool:
    return is_leader(person, area)


# --- Creating --------------------------------------------------------------------------------


def create_workplace(
    area: Area,
    by: Person,
    name: str,
    description: str = "",
    supervisor_name: str = "",
    light_work: bool = False,
) -> Workplace:
    if not can_manage(by, area):
        raise Refused(_l("Only the area's process leaders create workplaces."), 403)
    name = (name or "").strip()
    description = (description or "").strip()
    supervisor_name = (supervisor_name or "").strip()
    if not name:
        raise Refused(_l("The workplace needs a name."), 422)
    for text, most in ((name, WORKPLACE_NAME_MAX), (supervisor_name, SUPERVISOR_MAX)):
        if len(text) > most:  # else PostgreSQL refuses the row (a 500)
            raise Refused(_l("The name can be at most %(max)d characters.", max=most), 422)
    workplace = Workplace(
        area_id=area.id,
        name=name,
        description=description,
        supervisor_name=supervisor_name,
        light_work=light_work,
    )
    db.session.add(workplace)
    db.session.flush()
    record(by.id, "create_workplace", area.id, f"workplace {workplace.id}")
    db.session.commit()
    return workplace


@dataclass
class ShiftInput:
    starts_at: datetime
    ends_at: datetime
    capacity: int
    role: str = ""
    min_age: int | None = None
    signup_opens_at: datetime | None = None
    signup_closes_at: datetime | None = None
    cancel_deadline: datetime | None = None


# How far from today a shift's times may be: 0001-01-01 and 9999-12-31 are dates a form
# sends, but no clock arithmetic (or conversion to UTC) survives them.
SHIFT_DAYS_BACK = 366
SHIFT_DAYS_AHEAD = 2 * 366


def _check_moments(data: ShiftInput, now: datetime) -> None:
    today = local(now).date()
    first = today - timedelta(days=SHIFT_DAYS_BACK)
    last = today + timedelta(days=SHIFT_DAYS_AHEAD)
    moments = (
        data.starts_at,
        data.ends_at,
        data.signup_opens_at,
        data.signup_closes_at,
        data.cancel_deadline,
    )
    if any(m is not None and not first <= m.date() <= last for m in moments):
        raise Refused(
            _l(
                "Choose a date between %(first)s and %(last)s.",
                first=format_date(first, "long"),
                last=format_date(last, "long"),
            ),
            422,
        )


def create_shift(workplace: Workplace, by: Person, data: ShiftInput) -> Shift:
    """Times are timezone-aware (the form reads them as Swedish clock time)."""
    if not can_manage(by, workplace.area):
        raise Refused(_l("Only the area's process leaders create shifts."), 403)
    now = utcnow()
    opens, closes, cancel_by = _checked(data, now)
    shift = Shift(
        workplace_id=workplace.id,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        capacity=data.capacity,
        role=(data.role or "").strip(),
        min_age=data.min_age,
        signup_opens_at=opens,
        signup_closes_at=closes,
        cancel_deadline=cancel_by,
        version=0,
        created_by_id=by.id,
    )
    db.session.add(shift)
    db.session.flush()
    record(by.id, "create_shift", workplace.area_id, f"shift {shift.id}")
    db.session.commit()
    return shift


def _checked(data: ShiftInput, now: datetime) -> tuple[datetime, datetime, datetime]:
    """The shift's input checked (new or changed): when sign-up opens and closes and the
    last time to cancel, with their defaults."""
    _check_moments(data, now)  # before any arithmetic with them
    if len((data.role or "").strip()) > ROLE_MAX:
        raise Refused(_l("The role can be at most %(max)d characters.", max=ROLE_MAX), 422)
    opens = data.signup_opens_at or now
    closes = data.signup_closes_at or data.starts_at
    cancel_by = data.cancel_deadline or data.starts_at
    if data.ends_at <= data.starts_at:
        raise Refused(_l("The shift must end after it starts."), 422)
    if data.starts_at <= now:
        raise Refused(_l("The shift must start in the future."), 422)
    if data.capacity is None or data.capacity < 1:
        raise Refused(_l("The number of places must be at least 1."), 422)
    if data.min_age is not None and not 0 <= data.min_age <= 120:
        raise Refused(_l("Ages must be between 0 and 120."), 422)
    if not opens < closes <= data.starts_at or cancel_by > data.starts_at:
        raise Refused(
            _l(
                "Sign-up must open before the deadline, and the deadlines must be before the shift starts."
            ),
            422,
        )
    return opens, closes, cancel_by


def change_shift(shift: Shift, by: Person, data: ShiftInput) -> int:
    """A process leader changes a shift that has not started (times, places, role, lowest
    age, deadlines). Everyone with a place keeps it, so a change that would put one of them
    under the new lowest age or against a rule for minors is refused, naming who and why;
    fewer places than are taken is refused too. When the time or the role changes, everyone
    on the shift is told, and the guardians of those under 18 with a place. Returns how
    many were told."""
    if not can_manage(by, shift.workplace.area):
        raise Refused(_l("Only the area's process leaders change shifts."), 403)
    now = utcnow()
    opens, closes, cancel_by = _checked(data, now)
    places.lock_shift(shift.id)
    db.session.refresh(shift)
    if shift.cancelled_at is not None or shift.starts_at <= now:
        db.session.rollback()
        raise Refused(_l("Only a shift still to come can be changed."), 409)
    taken = places.count(shift.id, SIGNUP_TAKES_PLACE)
    if data.capacity < taken:
        db.session.rollback()
        raise Refused(
            ngettext(
                "%(num)d place is taken: the shift needs at least that many places.",
                "%(num)d places are taken: the shift needs at least that many places.",
                taken,
            ),
            409,
        )
    moved = (shift.starts_at, shift.ends_at) != (data.starts_at, data.ends_at)
    told_of = moved or shift.role != (data.role or "").strip()
    shift.starts_at, shift.ends_at = data.starts_at, data.ends_at
    shift.capacity, shift.role, shift.min_age = (
        data.capacity,
        (data.role or "").strip(),
        data.min_age,
    )
    shift.signup_opens_at, shift.signup_closes_at, shift.cancel_deadline = opens, closes, cancel_by
    active = signups(shift)
    for signup in active:
        if signup.status in SIGNUP_TAKES_PLACE:
            refusal = _keeps_place(shift, signup)
            if refusal is not None:
                db.session.rollback()
                raise refusal
    if told_of:
        for signup in active:
            if signup.status in SIGNUP_HOLDS_PLACE:
                guardians.tell_guardian_of_signup(signup, guardians.SHIFT_CHANGED)
            notify(signup.person_id, NotificationKind.SHIFT_CHANGED, shift_id=shift.id)
    places.fill_free_places(shift, now)
    record(by.id, "change_shift", shift.workplace.area_id, f"shift {shift.id}")
    db.session.commit()
    guardians.send_queued_notes()
    return len(active) if told_of else 0


def _keeps_place(shift: Shift, signup: ShiftSignup) -> Refused | None:
    """Why the person could not keep the place on the changed shift, or None."""
    person = signup.person
    if person.birth_year is None:
        return None
    age = minors.age_in_year(person.birth_year, local(shift.starts_at).year)
    if shift.min_age is not None and age < shift.min_age:
        return Refused(
            _l(
                "%(name)s has a place and is younger than the new lowest age.",
                name=person.display_name,
            ),
            409,
        )
    if not places.is_minor(shift, person.birth_year):
        return None
    places.lock_person(person.id)
    broken = places.violations(shift, person.id, person.birth_year)
    if broken:
        return Refused(
            _l(
                "%(name)s has a place, and the change would break a rule for minors: %(rule)s",
                name=person.display_name,
                rule=broken[0].message,
            ),
            422,
        )
    return None


# --- Lists -----------------------------------------------------------------------------------


def workplaces(area: Area) -> list[Workplace]:
    return list(
        db.session.scalars(
            sa.select(Workplace).where(Workplace.area_id == area.id).order_by(Workplace.name)
        )
    )


def upcoming(area: Area) -> list[Shift]:
    """The area's shifts not yet over, every workplace, soonest first."""
    return list(
        db.session.scalars(
            sa.select(Shift)
            .join(Workplace, Workplace.id == Shift.workplace_id)
            .where(
                Workplace.area_id == area.id, Shift.ends_at > utcnow(), Shift.cancelled_at.is_(None)
            )
            .options(sa.orm.contains_eager(Shift.workplace))
            .order_by(Shift.starts_at, Shift.id)
            .limit(LIST_LIMIT)
        )
    )


def mine(shift: Shift, person: Person) -> ShiftSignup | None:
    if not person.is_authenticated:
        return None
    return db.session.scalar(
        sa.select(ShiftSignup).where(
            ShiftSignup.shift_id == shift.id,
            ShiftSignup.person_id == person.id,
            ShiftSignup.status.in_(SIGNUP_ACTIVE),
        )
    )


def signups(shift: Shift) -> list[ShiftSignup]:
    """Active sign-ups with their people, in the order written (for the supervisor)."""
    return list(
        db.session.scalars(
            sa.select(ShiftSignup)
            .where(ShiftSignup.shift_id == shift.id, ShiftSignup.status.in_(SIGNUP_ACTIVE))
            .options(sa.orm.joinedload(ShiftSignup.person))
            .order_by(ShiftSignup.id)
        )
    )


def _place_status(
    shift: Shift, birth_year: int, now: datetime
) -> tuple[SignupStatus, datetime | None]:
    if places.is_minor(shift, birth_year):
        return SignupStatus.AWAITING_GUARDIAN, now + timedelta(hours=GUARDIAN_HOLD_HOURS)
    return SignupStatus.CONFIRMED, None


# --- Sign-up, cancel, arrival ----------------------------------------------------------------


def opening_refusal(shift: Shift, now: datetime) -> Refused | None:
    """Why nobody can sign up for the shift now (cancelled, not open yet, or closed), or None."""
    if shift.cancelled_at is not None:
        return Refused(_l("This shift is cancelled."), 409)
    if now < shift.signup_opens_at:
        return Refused(
            _l(
                "Sign-up for this shift opens %(when)s.",
                when=moment_label(shift.signup_opens_at),
            ),
            409,
        )
    if now >= shift.signup_closes_at or now >= shift.starts_at:
        return Refused(_l("The deadline to sign up for this shift has passed."), 409)
    return None


def age_refusal(shift: Shift, person: Person) -> Refused | None:
    """Why the person's age (or its absence) keeps them from this shift, or None."""
    if person.birth_year is None:
        return Refused(_l("Shifts have age rules: add your birth year in your account first."), 422)
    age = minors.age_in_year(person.birth_year, local(shift.starts_at).year)
    if shift.min_age is not None and age < shift.min_age:
        return Refused(_l("This shift is for ages %(low)d and up.", low=shift.min_age), 422)
    return None


def sign_up(shift: Shift, person: Person, assisted_by: Person | None = None) -> ShiftSignup:
    """Sign the person up, or refuse with the rule that stops it. Signing up twice returns
    the sign-up already there. ``assisted_by`` is the leader who signs a youth up at the
    meeting place (a minor still needs their guardian's consent)."""
    now = utcnow()
    refusal = opening_refusal(shift, now) or age_refusal(shift, person)
    if refusal is not None:
        raise refusal

    places.lock_shift(shift.id)
    places.lock_person(person.id)
    now = utcnow()
    query = sa.select(ShiftSignup).where(
        ShiftSignup.shift_id == shift.id,
        ShiftSignup.person_id == person.id,
        ShiftSignup.status.in_(SIGNUP_ACTIVE),
    )
    existing = db.session.scalar(query.limit(1))
    if existing is not None:
        db.session.commit()
        return existing
    broken = places.violations(shift, person.id, person.birth_year)
    if broken:
        db.session.rollback()
        raise Refused(broken[0].message, 422)
    full = (
        places.count(shift.id, SIGNUP_TAKES_PLACE) >= shift.capacity
        or places.count(shift.id, {SignupStatus.WAITLISTED}) > 0
    )
    if full:
        status, hold = SignupStatus.WAITLISTED, None
    else:
        status, hold = _place_status(shift, person.birth_year, now)
    signup = ShiftSignup(
        shift_id=shift.id,
        person_id=person.id,
        status=status,
        hold_until=hold,
        created_at=now,
        assisted_by_id=assisted_by.id if assisted_by else None,
    )
    db.session.add(signup)
    if assisted_by:
        record(
            assisted_by.id,
            "assist_shift_sign_up",
            shift.workplace.area_id,
            f"shift {shift.id} person {person.id}",
        )
    try:
        db.session.commit()
    except IntegrityError:  # a simultaneous sign-up of the same person
        db.session.rollback()
        existing = db.session.scalar(query.limit(1))
        if existing is None:
            raise
        return existing
    return signup


def _place_given(signup: ShiftSignup) -> None:
    """A minor who confirmed an offered place: their guardian is asked at once when an
    earlier consent gave the address (the link goes out after the commit)."""
    if signup.status is SignupStatus.AWAITING_GUARDIAN:
        guardians.ask_known_guardian(signup)


def confirm_offer(signup: ShiftSignup, person: Person) -> ShiftSignup:
    """One tap: the offered place becomes the person's (confirmed, or awaiting a guardian
    for a minor, whose known guardian gets the link), if the offer is still open and the
    rules for minors still allow it."""
    if signup.person_id != person.id:
        raise Refused(_l("This is not your sign-up."), 403)
    shift = signup.shift
    places.lock_shift(shift.id)
    places.lock_person(person.id)
    now = utcnow()
    db.session.refresh(signup)
    if signup.status is not SignupStatus.OFFERED or signup.hold_until <= now:
        _expire_offers_locked(shift, now)
        db.session.commit()
        db.session.refresh(signup)
        if signup.status in SIGNUP_HOLDS_PLACE:
            return signup
        raise Refused(_l("This offer is no longer open; the place has passed on."), 409)
    broken = places.violations(shift, person.id, person.birth_year)
    if broken:
        db.session.rollback()
        raise Refused(broken[0].message, 422)
    signup.status, signup.hold_until = _place_status(shift, person.birth_year, now)
    db.session.flush()
    _place_given(signup)
    db.session.commit()
    send_guardian_links()
    return signup


def _expire_offers_locked(shift: Shift, now: datetime) -> int:
    return expire_lapsed_offers(
        ShiftSignup,
        ShiftSignup.shift_id,
        shift.id,
        ShiftSignup.hold_until,
        SignupStatus,
        now,
        lambda: places.fill_free_places(shift, now),
        hold_until=None,
    )


def expire_offers(shift: Shift | None = None) -> int:
    """Pass offers not confirmed in time on (of one shift, or all: the ``expire-offers``
    command); cheap when there is none (one indexed read, no lock)."""
    now = utcnow()
    query = sa.select(ShiftSignup.shift_id).where(
        ShiftSignup.status == SignupStatus.OFFERED, ShiftSignup.hold_until <= now
    )
    if shift is not None:
        query = query.where(ShiftSignup.shift_id == shift.id)
    expired = 0
    for shift_id in sorted(set(db.session.scalars(query))):
        places.lock_shift(shift_id)
        expired += _expire_offers_locked(db.session.get(Shift, shift_id), now)
        db.session.commit()
    if expired:
        db.session.expire_all()
    return expired


def send_guardian_links() -> None:
    """After a commit: send the links of guardians asked while places moved up."""
    guardians.send_queued_links()


def cancel(signup: ShiftSignup, person: Person) -> None:
    """The person cancels before the cancel deadline; a freed place moves up the list."""
    if signup.person_id != person.id:
        raise Refused(_l("This is not your sign-up."), 403)
    shift = signup.shift
    now = utcnow()
    if now >= shift.cancel_deadline:
        raise Refused(_l("The deadline to cancel has passed; talk to the supervisor instead."), 409)
    places.lock_shift(shift.id)
    cancelled = db.session.execute(
        sa.update(ShiftSignup)
        .where(ShiftSignup.id == signup.id, ShiftSignup.status.in_(SIGNUP_ACTIVE))
        .values(status=SignupStatus.CANCELLED, cancelled_at=now, hold_until=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    if cancelled:
        guardians.tell_guardian_of_signup(signup, guardians.YOUTH_CANCELLED)
        _expire_offers_locked(shift, now)
        places.fill_free_places(shift, now)
    db.session.commit()
    guardians.send_queued_notes()
    db.session.refresh(signup)


def cancel_shift(shift: Shift, by: Person, reason: str) -> int:
    """A process leader cancels a shift that has not started: every place and waiting-list
    entry is cancelled, each person is told (and the guardian of each minor with a place).
    Returns how many people were told."""
    if not can_manage(by, shift.workplace.area):
        raise Refused(_l("Only the area's process leaders cancel shifts."), 403)
    reason = (reason or "").strip()
    if len(reason) > CANCEL_REASON_MAX:
        raise Refused(
            _l("The reason can be at most %(max)d characters.", max=CANCEL_REASON_MAX), 422
        )
    now = utcnow()
    places.lock_shift(shift.id)
    db.session.refresh(shift)
    if shift.cancelled_at is not None:
        db.session.commit()
        return 0
    if shift.starts_at <= now:
        db.session.rollback()
        raise Refused(_l("The shift has already started; it cannot be cancelled."), 409)
    shift.cancelled_at, shift.cancel_reason = now, reason
    active = list(
        db.session.scalars(
            sa.select(ShiftSignup).where(
                ShiftSignup.shift_id == shift.id, ShiftSignup.status.in_(SIGNUP_ACTIVE)
            )
        )
    )
    for signup in active:
        if signup.status in SIGNUP_HOLDS_PLACE:
            guardians.tell_guardian_of_signup(signup, guardians.SHIFT_CANCELLED)
        signup.status, signup.hold_until, signup.cancelled_at = SignupStatus.CANCELLED, None, now
        notify(signup.person_id, NotificationKind.SHIFT_CANCELLED, shift_id=shift.id, detail=reason)
    record(by.id, "cancel_shift", shift.workplace.area_id, f"shift {shift.id}")
    db.session.commit()
    guardians.send_queued_notes()
    return len(active)


# --- Swap: offering a place to others -------------------------------------------------------


def offered(shift: Shift, person: Person) -> list[ShiftSignup]:
    """Places on the shift that others offer (not the person's own), oldest offer first."""
    query = sa.select(ShiftSignup).where(
        ShiftSignup.shift_id == shift.id,
        ShiftSignup.status.in_(SIGNUP_HOLDS_PLACE),
        ShiftSignup.offered_at.is_not(None),
    )
    if person.is_authenticated:
        query = query.where(ShiftSignup.person_id != person.id)
    return list(db.session.scalars(query.order_by(ShiftSignup.offered_at, ShiftSignup.id)))


def with_offers(shift_ids: list[int]) -> set[int]:
    """Which of the shifts have a place offered for a swap (one query for a whole list)."""
    if not shift_ids:
        return set()
    return set(
        db.session.scalars(
            sa.select(ShiftSignup.shift_id).where(
                ShiftSignup.shift_id.in_(shift_ids),
                ShiftSignup.status.in_(SIGNUP_HOLDS_PLACE),
                ShiftSignup.offered_at.is_not(None),
            )
        )
    )


def offer(signup: ShiftSignup, person: Person) -> None:
    """The holder of a place offers it to others until the shift starts; they keep it (and
    must come) until someone takes it over."""
    if signup.person_id != person.id:
        raise Refused(_l("This is not your sign-up."), 403)
    if signup.status not in SIGNUP_HOLDS_PLACE:
        raise Refused(_l("Only a place you hold can be offered to others."), 409)
    if utcnow() >= signup.shift.starts_at:
        raise Refused(_l("The shift has started; it can no longer be offered."), 409)
    if signup.offered_at is None:
        signup.offered_at = utcnow()
    db.session.commit()


def withdraw_offer(signup: ShiftSignup, person: Person) -> None:
    if signup.person_id != person.id:
        raise Refused(_l("This is not your sign-up."), 403)
    db.session.execute(
        sa.update(ShiftSignup)
        .where(ShiftSignup.id == signup.id)
        .values(offered_at=None)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    db.session.refresh(signup)


def take_over(signup: ShiftSignup, person: Person) -> ShiftSignup:
    """Another youth takes over an offered place, under the same checks as a sign-up (age,
    the rules for minors over all their shifts and jobs, no overlap); the one who offered it
    is released and told. Of two taking the same place at once, one gets it."""
    shift = signup.shift
    if signup.person_id == person.id:
        raise Refused(_l("This is your own shift: withdraw the offer or cancel instead."), 409)
    if utcnow() >= shift.starts_at:
        raise Refused(_l("The shift has started; it can no longer be taken over."), 409)
    refusal = age_refusal(shift, person)
    if refusal is not None:
        raise refusal
    places.lock_shift(shift.id)
    places.lock_person(person.id)
    now = utcnow()
    released = db.session.execute(
        sa.update(ShiftSignup)
        .where(
            ShiftSignup.id == signup.id,
            ShiftSignup.status.in_(SIGNUP_HOLDS_PLACE),
            ShiftSignup.offered_at.is_not(None),
        )
        .values(status=SignupStatus.CANCELLED, cancelled_at=now, hold_until=None, offered_at=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not released:
        db.session.rollback()
        raise Refused(
            _l("This place is no longer offered: someone took it or the offer was withdrawn."), 409
        )
    existing = db.session.scalar(
        sa.select(ShiftSignup).where(
            ShiftSignup.shift_id == shift.id,
            ShiftSignup.person_id == person.id,
            ShiftSignup.status.in_(SIGNUP_ACTIVE),
        )
    )
    if existing is not None and existing.status is not SignupStatus.WAITLISTED:
        db.session.rollback()
        raise Refused(_l("You already have a place on this shift."), 409)
    broken = places.violations(shift, person.id, person.birth_year)
    if broken:
        db.session.rollback()
        raise Refused(broken[0].message, 422)
    if existing is not None:  # waiting for this very shift: the waiting-list place goes
        existing.status, existing.cancelled_at = SignupStatus.CANCELLED, now
        db.session.flush()
    status, hold = _place_status(shift, person.birth_year, now)
    taken = ShiftSignup(
        shift_id=shift.id, person_id=person.id, status=status, hold_until=hold, created_at=now
    )
    db.session.add(taken)
    notify(signup.person_id, NotificationKind.SHIFT_TAKEN_OVER, shift_id=shift.id)
    db.session.commit()
    db.session.refresh(signup)
    return taken


def can_mark_arrival(person: Person, workplace: Workplace) -> bool:
    """The workplace's supervisor (an account a leader chose) and the area's process leaders
    mark arrival / no-show."""
    if not person.is_authenticated:
        return False
    return workplace.supervisor_id == person.id or can_manage(person, workplace.area)


def arrival_open(signup: ShiftSignup, now: datetime | None = None) -> bool:
    """Arrival is marked for a confirmed place once the shift has started."""
    return signup.status is SignupStatus.CONFIRMED and (now or utcnow()) >= signup.shift.starts_at


def set_arrived(signup: ShiftSignup, by: Person, arrived: bool | None) -> None:
    """Mark arrival or no-show (``None`` clears the mark): only for a confirmed place, and
    only once the shift has started; arrived shifts become worked hours."""
    if not can_mark_arrival(by, signup.shift.workplace):
        raise Refused(_l("Only the supervisor or the area's process leaders mark arrival."), 403)
    if signup.status is not SignupStatus.CONFIRMED:
        raise Refused(
            _l("Arrival is marked only for a confirmed place (not waiting or cancelled)."), 409
        )
    if utcnow() < signup.shift.starts_at:
        raise Refused(_l("Arrival can be marked once the shift has started."), 409)
    signup.arrived = arrived
    signup.arrival_marked_by_id = None if arrived is None else by.id
    db.session.commit()


# --- Reminders -------------------------------------------------------------------------------


def queue_reminders(now: datetime | None = None) -> int:
    """Queue a reminder for each confirmed sign-up of a shift starting tomorrow (Swedish
    calendar day), once however often the command runs (see
    :func:`app.activities.reminders.remind_day_before`)."""
    query = sa.select(ShiftSignup.id, ShiftSignup.person_id, ShiftSignup.shift_id).join(
        Shift, Shift.id == ShiftSignup.shift_id
    )
    return remind_day_before(
        query,
        ShiftSignup,
        Shift.starts_at,
        SignupStatus.CONFIRMED,
        now or utcnow(),
        lambda row: notify(row.person_id, NotificationKind.SHIFT_REMINDER, shift_id=row.shift_id),
    )
