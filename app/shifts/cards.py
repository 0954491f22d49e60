"""The shift list as cards: each coming shift with its free places, the reader's own place and
whether the reader may take it, decided by the sign-up's own rules in a fixed number of
queries however many shifts the page shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from app import minors
from app.clock import local, meeting_time
from app.extensions import db
from app.models import Area, Person, Shift, ShiftSignup, SignupStatus, Workplace
from app.models.shifts import SIGNUP_ACTIVE, SIGNUP_HOLDS_PLACE, SIGNUP_TAKES_PLACE
from app.models.util import utcnow
from app.shifts import guardians, places, services
from app.shifts.schoolcalendar import area_calendar

PER_PAGE = 20
DAYS_SHOWN = 60  # the day filter offers the days with shifts among the next this many


@dataclass(frozen=True)
class Card:
    """One shift as the list shows it to one reader."""

    shift: Shift
    taken: int = 0
    waiting: int = 0
    mine: ShiftSignup | None = None
    offered: bool = False
    refusal: object | None = None  # why the reader cannot take it (a translated message)
    needs_guardian: bool = False
    guardian_known: bool = False

    @property
    def left(self) -> int:
        return max(self.shift.capacity - self.taken, 0)

    @property
    def full(self) -> bool:
        """A new sign-up goes to the waiting list (as :func:`services.sign_up` decides)."""
        return self.left == 0 or self.waiting > 0

    @property
    def asks_guardian_address(self) -> bool:
        """The card's form asks for the guardian's phone or email (none is known yet)."""
        return self.needs_guardian and not self.guardian_known


@dataclass(frozen=True)
class Filters:
    day: date | None = None
    workplace_id: int | None = None


@dataclass(frozen=True)
class Listing:
    mine: list[Card]
    coming: list[Card]
    page: int
    has_more: bool
    days: list[date] = field(default_factory=list)


def _coming(area: Area, now: datetime) -> sa.Select:
    return (
        sa.select(Shift)
        .join(Workplace, Workplace.id == Shift.workplace_id)
        .where(Workplace.area_id == area.id, Shift.ends_at > now, Shift.cancelled_at.is_(None))
        .options(sa.orm.contains_eager(Shift.workplace))
        .order_by(Shift.starts_at, Shift.id)
    )


def _filtered(query: sa.Select, filters: Filters) -> sa.Select:
    if filters.day is not None:
        query = query.where(
            Shift.starts_at >= meeting_time(filters.day, time(0)),
            Shift.starts_at < meeting_time(filters.day + timedelta(days=1), time(0)),
        )
    if filters.workplace_id is not None:
        query = query.where(Shift.workplace_id == filters.workplace_id)
    return query


def coming_days(area: Area) -> list[date]:
    """The days (in Sweden) with a coming shift in the area, for the day filter."""
    now = utcnow()
    starts = db.session.scalars(
        sa.select(Shift.starts_at)
        .join(Workplace, Workplace.id == Shift.workplace_id)
        .where(
            Workplace.area_id == area.id,
            Shift.ends_at > now,
            Shift.starts_at < now + timedelta(days=DAYS_SHOWN),
            Shift.cancelled_at.is_(None),
        )
        .order_by(Shift.starts_at)
    )
    return sorted({local(start).date() for start in starts})


def listing(area: Area, person, filters: Filters, page: int) -> Listing:
    """The reader's own coming shifts in the area first (on the first page), then one page
    of the others, soonest first."""
    now = utcnow()
    signed_in = person.is_authenticated
    mine: list[Shift] = []
    if signed_in and page == 1:
        mine = list(
            db.session.scalars(
                _coming(area, now)
                .join(ShiftSignup, ShiftSignup.shift_id == Shift.id)
                .where(ShiftSignup.person_id == person.id, ShiftSignup.status.in_(SIGNUP_ACTIVE))
            ).unique()
        )
    query = _filtered(_coming(area, now), filters)
    if signed_in:
        query = query.where(
            ~sa.exists().where(
                ShiftSignup.shift_id == Shift.id,
                ShiftSignup.person_id == person.id,
                ShiftSignup.status.in_(SIGNUP_ACTIVE),
            )
        )
    rows = list(db.session.scalars(query.offset((page - 1) * PER_PAGE).limit(PER_PAGE + 1)))
    shown = rows[:PER_PAGE]
    cards = build(mine + shown, person, now)
    return Listing(
        mine=cards[: len(mine)],
        coming=cards[len(mine) :],
        page=page,
        has_more=len(rows) > PER_PAGE,
        days=coming_days(area),
    )


def card(shift: Shift, person) -> Card:
    return build([shift], person, utcnow())[0]


def build(shifts: list[Shift], person, now: datetime) -> list[Card]:
    """The cards of these shifts (of one area) for the reader, in the same order."""
    if not shifts:
        return []
    ids = [shift.id for shift in shifts]
    taken: dict[int, int] = {}
    waiting: dict[int, int] = {}
    for shift_id, status, number in db.session.execute(
        sa.select(ShiftSignup.shift_id, ShiftSignup.status, sa.func.count())
        .where(ShiftSignup.shift_id.in_(ids))
        .group_by(ShiftSignup.shift_id, ShiftSignup.status)
    ):
        if status in SIGNUP_TAKES_PLACE:
            taken[shift_id] = taken.get(shift_id, 0) + number
        elif status is SignupStatus.WAITLISTED:
            waiting[shift_id] = number
    offered = services.with_offers(ids)
    counts = {"taken": taken, "waiting": waiting, "offered": offered}
    if not person.is_authenticated:
        return [_card(shift, counts) for shift in shifts]
    return _cards_for(shifts, person, now, counts)


def _card(shift: Shift, counts: dict, **reader) -> Card:
    return Card(
        shift=shift,
        taken=counts["taken"].get(shift.id, 0),
        waiting=counts["waiting"].get(shift.id, 0),
        offered=shift.id in counts["offered"],
        **reader,
    )


def _cards_for(shifts: list[Shift], person: Person, now: datetime, counts: dict) -> list[Card]:
    ids = [shift.id for shift in shifts]
    own = {
        signup.shift_id: signup
        for signup in db.session.scalars(
            sa.select(ShiftSignup).where(
                ShiftSignup.person_id == person.id,
                ShiftSignup.shift_id.in_(ids),
                ShiftSignup.status.in_(SIGNUP_ACTIVE),
            )
        )
    }
    held = [
        (shift_id, minors.Shift(local(start), local(end)))
        for shift_id, start, end in db.session.execute(
            sa.select(Shift.id, Shift.starts_at, Shift.ends_at)
            .join(ShiftSignup, ShiftSignup.shift_id == Shift.id)
            .where(
                ShiftSignup.person_id == person.id,
                ShiftSignup.status.in_(SIGNUP_HOLDS_PLACE),
            )
        )
    ]
    calendar = area_calendar(shifts[0].workplace.area_id)
    known = guardians.known_guardian(person.id) is not None
    cards = []
    for shift in shifts:
        mine = own.get(shift.id)
        minor = person.birth_year is not None and places.is_minor(shift, person.birth_year)
        refusal = None if mine else _why_not(shift, person, now, held, calendar)
        cards.append(
            _card(
                shift,
                counts,
                mine=mine,
                refusal=refusal,
                needs_guardian=minor,
                guardian_known=known,
            )
        )
    return cards


def _why_not(shift: Shift, person: Person, now: datetime, held, calendar) -> object | None:
    """The first rule of :func:`services.sign_up` that stops the person, as its message."""
    refusal = services.opening_refusal(shift, now) or services.age_refusal(shift, person)
    if refusal is not None:
        return refusal.message
    broken = minors.check(
        person.birth_year,
        [rule_shift for shift_id, rule_shift in held if shift_id != shift.id],
        minors.Shift(local(shift.starts_at), local(shift.ends_at)),
        calendar,
        light_work=shift.workplace.light_work,
    )
    return broken[0].message if broken else None
