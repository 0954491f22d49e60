"""Activities and their sign-ups.

Places: a registration is *confirmed* while places remain, else *waitlisted* in the order the
sign-ups were written. A cancellation frees a place: the first on the waitlist is *offered* it
and has 24 hours to confirm; an offer not confirmed in time passes to the next.

Every change to an activity's registrations happens under a lock on the activity row, taken
before anything is counted: ``SELECT ... FOR UPDATE`` on PostgreSQL; on SQLite a no-op UPDATE
of the row, which starts the write transaction (one writer at a time) so the count that
follows is read inside it. The capacity is therefore never exceeded, whatever arrives at the
same moment.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy.exc import IntegrityError

from app.activities import offers, places
from app.areas.services import is_leader
from app.clock import local, meeting_time
from app.extensions import db
from app.models import (
    Activity,
    Area,
    Audience,
    Category,
    Partner,
    Person,
    Registration,
    RegistrationStatus,
)
from app.models.activities import ACTIVE, HOLDS_PLACE
from app.models.audit import record
from app.models.util import utcnow
from app.partners.services import is_representative, represented_by
from app.refusals import Refused

MAX_REPEATS = 26
CHILD_AGE_LIMIT = 13  # no account under 13: a guardian signs the child up
PER_PAGE = 30  # activities on a page of the list
# Audiences that can be checked by age alone (women and families are invitations: Grannlabb
# does not collect gender or household, so anyone may sign up for those).
YOUTH_AGES = (13, 17)
SENIOR_FROM_AGE = 65

AUDIENCE_LABELS = {
    Audience.EVERYONE: _l("Everyone"),
    Audience.YOUTH: _l("Youth 13–17"),
    Audience.WOMEN: _l("Women"),
    Audience.SENIORS: _l("Seniors"),
    Audience.FAMILIES: _l("Families"),
}

REGISTRATION_LABELS = {
    RegistrationStatus.CONFIRMED: _l("Confirmed"),
    RegistrationStatus.WAITLISTED: _l("On the waiting list"),
    RegistrationStatus.OFFERED: _l("A place is offered to you"),
    RegistrationStatus.CANCELLED: _l("Cancelled"),
}


def activity_or_404(activity_id: int) -> Activity:
    from app.models.premises import Booking

    return db.get_or_404(
        Activity,
        activity_id,
        options=[
            sa.orm.joinedload(Activity.area),
            sa.orm.joinedload(Activity.booking).joinedload(Booking.premises),
        ],
    )


# --- Who may do what -------------------------------------------------------------------------


def organiser_partners(person: Person, area: Area) -> list[Partner]:
    """Partners active in the area that the person represents."""
    return [p for p in represented_by(person) if area.id in {a.id for a in p.areas}]


def can_create(person: Person, area: Area) -> bool:
    if not person.is_authenticated:
        return False
    from app.associations.services import boards_of

    return (
        is_leader(person, area)
        or bool(organiser_partners(person, area))
        or bool(boards_of(person, area))
    )


def is_organiser(person: Person, activity: Activity) -> bool:
    """The area's process leaders, and representatives of the organising partner."""
    if not person.is_authenticated:
        return False
    if is_leader(person, activity.area):
        return True
    if activity.association_id is not None:
        from app.associations.services import is_board

        if is_board(person, activity.association):
            return True
    return activity.partner is not None and is_representative(person, activity.partner)


# --- Creating and editing --------------------------------------------------------------------


@dataclass
class ActivityInput:
    title: str
    description: str
    category: Category
    audience: Audience
    place: str
    day: date
    start: time
    end: time
    capacity: int | None
    min_age: int | None
    max_age: int | None
    partner_id: int | None
    repeat_weeks: int = 1
    # Organised by the board of a founded association of the area.
    association_id: int | None = None
    # Placed in this booked time of premises (set by app.premises.booked_activities.activity_in only).
    booking_id: int | None = None
    # The language the description is written in; the organiser's own when not given.
    language: str | None = None


def _span(day: date, start: time, end: time) -> tuple[datetime, datetime]:
    return meeting_time(day, start), meeting_time(day, end)


def check_input(data: ActivityInput, creating: bool = True) -> None:
    starts_at, ends_at = _span(data.day, data.start, data.end)
    if ends_at <= starts_at:
        raise Refused(_l("The activity must end after it starts."), 422)
    if creating and starts_at <= utcnow():
        raise Refused(_l("The activity must start in the future."), 422)
    if data.capacity is not None and data.capacity < 1:
        raise Refused(_l("The number of places must be at least 1, or left empty."), 422)
    for age in (data.min_age, data.max_age):
        if age is not None and not 0 <= age <= 120:
            raise Refused(_l("Ages must be between 0 and 120."), 422)
    if data.min_age is not None and data.max_age is not None and data.min_age > data.max_age:
        raise Refused(_l("The lowest age cannot be above the highest age."), 422)
    if not 1 <= data.repeat_weeks <= MAX_REPEATS:
        raise Refused(_l("Repeat between 1 and 26 times."), 422)


def _check_partner(
    person: Person, area: Area, partner_id: int | None, association_id: int | None = None
) -> None:
    if association_id is not None:
        from app.associations.services import boards_of

        if association_id not in {a.id for a in boards_of(person, area)}:
            raise Refused(_l("Only the board of a founded association here can do that."), 403)
        return
    if partner_id is None:
        if not is_leader(person, area):
            raise Refused(_l("Choose the partner that organises the activity."), 403)
    elif partner_id not in {p.id for p in organiser_partners(person, area)}:
        raise Refused(_l("You do not represent that partner in this area."), 403)


def _apply(activity: Activity, data: ActivityInput, day: date) -> None:
    activity.title = data.title
    activity.description = data.description
    if data.language:
        activity.language = data.language
    activity.category = data.category
    activity.audience = data.audience
    activity.place = data.place
    activity.starts_at, activity.ends_at = _span(day, data.start, data.end)
    activity.capacity = data.capacity
    activity.min_age = data.min_age
    activity.max_age = data.max_age
    activity.partner_id = data.partner_id
    activity.association_id = data.association_id


def _leave_booking_if_moved(activity: Activity) -> None:
    """An activity moved out of its booked time, or to another place, no longer holds it."""
    booking = activity.booking
    if booking is not None and not (
        booking.starts_at <= activity.starts_at
        and activity.ends_at <= booking.ends_at
        and activity.place == booking.premises.name
    ):
        activity.booking_id = None


def create(area: Area, by: Person, data: ActivityInput) -> list[Activity]:
    """One activity, or a weekly series of ``repeat_weeks`` dates, each with its own sign-up."""
    _check_partner(by, area, data.partner_id, data.association_id)
    check_input(data)
    series = uuid.uuid4().hex if data.repeat_weeks > 1 else None
    created = []
    for week in range(data.repeat_weeks):
        # Same clock time in Sweden every week, across the change to and from summer time.
        activity = Activity(
            area_id=area.id,
            created_by_id=by.id,
            series_id=series,
            walk_ins=0,
            booking_id=data.booking_id,
            language=by.locale,
        )
        _apply(activity, data, data.day + timedelta(weeks=week))
        db.session.add(activity)
        created.append(activity)
    db.session.flush()
    record(by.id, "create_activity", area.id, f"activity {created[0].id} x{len(created)}")
    db.session.commit()
    return created


def update(activity: Activity, by: Person, data: ActivityInput) -> Activity:
    """Edit one date of the activity (others in its series keep theirs)."""
    _check_partner(by, activity.area, data.partner_id, data.association_id)
    check_input(data, creating=False)
    places.lock(activity.id)
    held = places.count(activity.id, HOLDS_PLACE)
    if data.capacity is not None and data.capacity < held:
        db.session.rollback()
        raise Refused(
            lazy_ngettext(
                "%(num)d person already has a place; the number of places cannot be lower.",
                "%(num)d people already have a place; the number of places cannot be lower.",
                held,
            ),
            422,
        )
    _apply(activity, data, data.day)
    _leave_booking_if_moved(activity)
    db.session.flush()
    now = utcnow()
    if activity.starts_at > now:  # more places: the waiting list moves up
        offers.offer_free_places(activity, now)
    record(by.id, "edit_activity", activity.area_id, f"activity {activity.id}")
    db.session.commit()
    return activity


# --- Lists ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """The activities of one page that fall today, later this week or later still."""

    key: str  # "today", "this-week" or "later"
    activities: list[Activity]
    continued: bool = False  # the page before ended in this section too


@dataclass(frozen=True)
class Agenda:
    sections: list[Section]
    page: int = 1
    has_more: bool = False

    def _of(self, key: str) -> list[Activity]:
        return next((s.activities for s in self.sections if s.key == key), [])

    @property
    def today(self) -> list[Activity]:
        return self._of("today")

    @property
    def this_week(self) -> list[Activity]:
        return self._of("this-week")

    @property
    def later(self) -> list[Activity]:
        return self._of("later")

    @property
    def empty(self) -> bool:
        return not any(s.activities for s in self.sections)


def upcoming(area: Area, audience: Audience | None = None, page: int = 1) -> Agenda:
    """One page of the area's activities not yet over, in the order they start, in sections:
    today, the rest of this week, later (Swedish time). One query for the page and the last
    activity of the page before, which tells whether the page continues its section."""
    now = utcnow()
    today = local(now).date()
    tomorrow = meeting_time(today + timedelta(days=1), time(0))
    next_week = meeting_time(today + timedelta(days=7 - today.weekday()), time(0))

    def section(activity: Activity) -> str:
        if activity.starts_at < tomorrow:
            return "today"
        return "this-week" if activity.starts_at < next_week else "later"

    query = (
        sa.select(Activity)
        .where(Activity.area_id == area.id, Activity.ends_at > now)
        .options(sa.orm.joinedload(Activity.association), sa.orm.joinedload(Activity.partner))
        .order_by(Activity.starts_at, Activity.id)
    )
    if audience is not None:
        query = query.where(Activity.audience == audience)
    first = (page - 1) * PER_PAGE
    before = 1 if page > 1 else 0
    rows = list(db.session.scalars(query.offset(first - before).limit(PER_PAGE + 1 + before)))
    previous = section(rows[0]) if before and rows else None
    shown = rows[before : before + PER_PAGE]
    sections: list[Section] = []
    for activity in shown:
        key = section(activity)
        if not sections or sections[-1].key != key:
            sections.append(Section(key, [], continued=not sections and key == previous))
        sections[-1].activities.append(activity)
    return Agenda(sections, page, len(rows) > before + PER_PAGE)


def other_dates(activity: Activity, limit: int = 10) -> list[Activity]:
    """The coming dates of the same weekly series, each with its own sign-up."""
    if activity.series_id is None:
        return []
    return list(
        db.session.scalars(
            sa.select(Activity)
            .where(
                Activity.series_id == activity.series_id,
                Activity.id != activity.id,
                Activity.ends_at > utcnow(),
            )
            .order_by(Activity.starts_at)
            .limit(limit)
        )
    )


def counts(activity: Activity) -> dict[RegistrationStatus, int]:
    rows = db.session.execute(
        sa.select(Registration.status, sa.func.count())
        .where(Registration.activity_id == activity.id)
        .group_by(Registration.status)
    )
    found = {status: 0 for status in RegistrationStatus}
    found.update({status: n for status, n in rows})
    return found


def places_left(activity: Activity, tally: dict[RegistrationStatus, int]) -> int | None:
    if activity.capacity is None:
        return None
    held = sum(tally[s] for s in HOLDS_PLACE)
    return max(activity.capacity - held, 0)


def mine(activity: Activity, person: Person) -> list[Registration]:
    """The person's own active registration and those of children they signed up."""
    if not person.is_authenticated:
        return []
    return list(
        db.session.scalars(
            sa.select(Registration)
            .where(
                Registration.activity_id == activity.id,
                Registration.status.in_(ACTIVE),
                sa.or_(Registration.person_id == person.id, Registration.guardian_id == person.id),
            )
            .order_by(Registration.id)
        )
    )


def waitlist_position(registration: Registration) -> int | None:
    if registration.status is not RegistrationStatus.WAITLISTED:
        return None
    ahead = db.session.scalar(
        sa.select(sa.func.count()).where(
            Registration.activity_id == registration.activity_id,
            Registration.status == RegistrationStatus.WAITLISTED,
            Registration.id < registration.id,
        )
    )
    return ahead + 1


def participants(activity: Activity) -> list[Registration]:
    """Confirmed and offered registrations with their people, for the attendance list."""
    return list(
        db.session.scalars(
            sa.select(Registration)
            .where(
                Registration.activity_id == activity.id,
                Registration.status == RegistrationStatus.CONFIRMED,
            )
            .options(
                sa.orm.joinedload(Registration.person), sa.orm.joinedload(Registration.guardian)
            )
            .order_by(Registration.id)
        )
    )


# --- Sign-up, cancel, offers ------------------------------------------------------------------


def _check_open(activity: Activity, now: datetime) -> None:
    if activity.starts_at <= now:
        raise Refused(_l("This activity has already started; sign-up is closed."), 409)


def audience_note(audience: Audience) -> str | None:
    """What the audience means for who may sign up, for the activity's page."""
    if audience is Audience.YOUTH:
        return _l("For youth aged %(low)d to %(high)d.", low=YOUTH_AGES[0], high=YOUTH_AGES[1])
    if audience is Audience.SENIORS:
        return _l("For seniors aged %(low)d and up.", low=SENIOR_FROM_AGE)
    if audience is Audience.WOMEN:
        return _l("An invitation to women. Nobody is asked about gender to sign up.")
    if audience is Audience.FAMILIES:
        return _l("An invitation to families. Nobody is asked about their family to sign up.")
    return None


def _check_audience(activity: Activity, birth_year: int | None) -> None:
    """Youth 13–17 and seniors 65+ are held to their ages."""
    if activity.audience not in (Audience.YOUTH, Audience.SENIORS):
        return
    if birth_year is None:
        raise Refused(
            _l("This activity has an age limit: add your birth year in your account first."), 422
        )
    age = local(activity.starts_at).year - birth_year
    if activity.audience is Audience.YOUTH and not YOUTH_AGES[0] <= age <= YOUTH_AGES[1]:
        raise Refused(
            _l(
                "This activity is for youth aged %(low)d to %(high)d.",
                low=YOUTH_AGES[0],
                high=YOUTH_AGES[1],
            ),
            422,
        )
    if activity.audience is Audience.SENIORS and age < SENIOR_FROM_AGE:
        raise Refused(
            _l("This activity is for seniors aged %(low)d and up.", low=SENIOR_FROM_AGE), 422
        )


def _check_age(activity: Activity, birth_year: int | None) -> None:
    _check_audience(activity, birth_year)
    if activity.min_age is None and activity.max_age is None:
        return
    if birth_year is None:
        raise Refused(
            _l("This activity has an age limit: add your birth year in your account first."), 422
        )
    age = local(activity.starts_at).year - birth_year
    low, high = activity.min_age, activity.max_age
    if (low is not None and age < low) or (high is not None and age > high):
        if low is not None and high is not None:
            message = _l("This activity is for ages %(low)d to %(high)d.", low=low, high=high)
        elif low is not None:
            message = _l("This activity is for ages %(low)d and up.", low=low)
        else:
            message = _l("This activity is for ages up to %(high)d.", high=high)
        raise Refused(message, 422)


def sign_up(
    activity: Activity,
    person: Person,
    child_name: str | None = None,
    child_birth_year: int | None = None,
    assisted_by: Person | None = None,
) -> Registration:
    """Sign the person (or their child under 13) up: confirmed while places remain, else
    waitlisted. Signing up twice returns the registration already there. ``assisted_by``
    is the leader who signs a resident up at the meeting place."""
    now = utcnow()
    _check_open(activity, now)
    if child_name:
        age = local(now).year - (child_birth_year or 0)
        if child_birth_year is None or not 0 <= age < CHILD_AGE_LIMIT:
            raise Refused(
                _l("A guardian signs up children under 13; from 13 they sign up themselves."), 422
            )
        _check_age(activity, child_birth_year)
    else:
        _check_age(activity, person.birth_year)

    places.lock(activity.id)
    now = utcnow()  # inside the lock: the waiting list's order is the order written
    offers.expire_lapsed(activity, now)
    mine_query = sa.select(Registration).where(
        Registration.activity_id == activity.id, Registration.status.in_(ACTIVE)
    )
    if child_name:
        mine_query = mine_query.where(
            Registration.guardian_id == person.id,
            sa.func.lower(Registration.child_name) == child_name.lower(),
        )
    else:
        mine_query = mine_query.where(Registration.person_id == person.id)
    existing = db.session.scalar(mine_query.limit(1))
    if existing is not None:
        db.session.commit()
        return existing
    full = activity.capacity is not None and (
        places.count(activity.id, HOLDS_PLACE) >= activity.capacity
        or places.count(activity.id, {RegistrationStatus.WAITLISTED}) > 0
    )
    registration = Registration(
        activity_id=activity.id,
        person_id=None if child_name else person.id,
        guardian_id=person.id if child_name else None,
        child_name=child_name or None,
        child_birth_year=child_birth_year if child_name else None,
        status=RegistrationStatus.WAITLISTED if full else RegistrationStatus.CONFIRMED,
        created_at=now,
        assisted_by_id=assisted_by.id if assisted_by else None,
    )
    db.session.add(registration)
    if assisted_by:
        record(
            assisted_by.id,
            "assist_activity_sign_up",
            activity.area_id,
            f"activity {activity.id} person {person.id}",
        )
    try:
        db.session.commit()
    except IntegrityError:  # the unique index: a simultaneous sign-up of the same person
        db.session.rollback()
        existing = db.session.scalar(mine_query.limit(1))
        if existing is None:
            raise
        return existing
    return registration


def registration_or_404(registration_id: int) -> Registration:
    return db.get_or_404(
        Registration,
        registration_id,
        options=[sa.orm.joinedload(Registration.activity).joinedload(Activity.area)],
    )


def cancel(registration: Registration, person: Person) -> None:
    """The person (or the child's guardian) cancels; a freed place is offered to the next."""
    if registration.holder_id != person.id:
        raise Refused(_l("This is not your sign-up."), 403)
    activity = registration.activity
    now = utcnow()
    if activity.ends_at <= now:
        raise Refused(_l("This activity is over."), 409)
    places.lock(activity.id)
    cancelled = db.session.execute(
        sa.update(Registration)
        .where(Registration.id == registration.id, Registration.status.in_(ACTIVE))
        .values(status=RegistrationStatus.CANCELLED, cancelled_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if cancelled and activity.starts_at > now:
        offers.expire_lapsed(activity, now)
        offers.offer_free_places(activity, now)
    db.session.commit()
    db.session.refresh(registration)


# --- Attendance -------------------------------------------------------------------------------


def set_attended(registration: Registration, by: Person, attended: bool | None) -> None:
    if not is_organiser(by, registration.activity):
        raise Refused(_l("Only the organisers mark attendance."), 403)
    registration.attended = attended
    db.session.commit()


def change_walk_ins(activity: Activity, by: Person, delta: int) -> int:
    """Add or take away one walk-in (never below zero); returns the new count."""
    if not is_organiser(by, activity):
        raise Refused(_l("Only the organisers mark attendance."), 403)
    db.session.execute(
        sa.update(Activity)
        .where(Activity.id == activity.id, Activity.walk_ins + delta >= 0)
        .values(walk_ins=Activity.walk_ins + delta)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    db.session.refresh(activity)
    return activity.walk_ins
