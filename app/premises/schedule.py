"""Reading bookings: the week calendar, requests, one's own bookings and the iCal feed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.activities import ical
from app.clock import local, meeting_time
from app.extensions import db
from app.models import AreaRole, Person, Role
from app.models.premises import Booking, BookingStatus, ClosedDate, Premises
from app.models.util import utcnow
from app.premises.services import today

_WHO = (
    sa.orm.joinedload(Booking.person),
    sa.orm.joinedload(Booking.partner),
    sa.orm.joinedload(Booking.association),
)


def week_start(value: str | None) -> date:
    """The Monday of the week holding ``value`` (YYYY-MM-DD), this week when missing or bad."""
    now = today()
    try:
        day = date.fromisoformat(value) if value else now
    except ValueError:
        day = now
    if abs((day - now).days) > 3 * 366:  # far away: no bookings there, and dates end at 9999
        day = now
    return day - timedelta(days=day.weekday())


@dataclass
class Slot:
    start: datetime
    end: datetime
    booking: Booking | None = None  # None: free

    @property
    def free(self) -> bool:
        return self.booking is None


@dataclass
class Day:
    day: date
    closed: ClosedDate | None
    slots: list[Slot]
    # Requests awaiting approval that start this day: drawn apart, as they do not take the time.
    requests: list[Booking] = field(default_factory=list)


def week(premises: Premises, monday: date) -> list[Day]:
    """Seven days from Monday: within each opening span, free and taken times in order, and
    each day's requests awaiting approval (they do not take the time until approved)."""
    first, last = meeting_time(monday, time(0)), meeting_time(monday + timedelta(days=7), time(0))
    bookings = _bookings(
        Booking.premises_id == premises.id,
        Booking.status.in_((BookingStatus.APPROVED, BookingStatus.PENDING)),
        Booking.starts_at < last,
        Booking.ends_at > first,
        options=_WHO,
    )
    approved = [b for b in bookings if b.status is BookingStatus.APPROVED]
    closed = {c.day: c for c in premises.closed_dates}
    days = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        slots: list[Slot] = []
        if day not in closed:
            for span in (s for s in premises.spans if s.weekday == day.weekday()):
                cursor, end = meeting_time(day, span.opens), meeting_time(day, span.closes)
                for b in approved:
                    if b.ends_at <= cursor or b.starts_at >= end:
                        continue
                    if b.starts_at > cursor:
                        slots.append(Slot(cursor, b.starts_at))
                    slots.append(Slot(max(b.starts_at, cursor), min(b.ends_at, end), b))
                    cursor = min(b.ends_at, end)
                if cursor < end:
                    slots.append(Slot(cursor, end))
        requests = [
            b
            for b in bookings
            if b.status is BookingStatus.PENDING and local(b.starts_at).date() == day
        ]
        days.append(Day(day, closed.get(day), slots, requests))
    return days


def _bookings(
    *where, options=(), order=(Booking.starts_at, Booking.id), limit: int | None = None
) -> list[Booking]:
    """The bookings ``where`` selects, in time order (ties by id unless ``order`` says
    otherwise), loading ``options`` with them; at most ``limit``."""
    query = sa.select(Booking).where(*where).options(*options).order_by(*order)
    if limit is not None:
        query = query.limit(limit)
    return list(db.session.scalars(query))


def pending_in(premises: Premises) -> list[Booking]:
    return _bookings(
        Booking.premises_id == premises.id,
        Booking.status == BookingStatus.PENDING,
        Booking.ends_at > utcnow(),
        options=_WHO,
    )


def bookings_of(person: Person) -> list[Booking]:
    """The person's bookings not yet over, and the last 30 days'."""
    return _bookings(
        Booking.person_id == person.id,
        Booking.ends_at > utcnow() - timedelta(days=30),
        options=(sa.orm.joinedload(Booking.premises).joinedload(Premises.area),),
    )


def feed(premises: Premises) -> list[Booking]:
    """Approved bookings from 30 days back, for the premises' calendar feed."""
    return _bookings(
        Booking.premises_id == premises.id,
        Booking.status == BookingStatus.APPROVED,
        Booking.ends_at > utcnow() - timedelta(days=30),
        order=(Booking.starts_at,),
        limit=1000,
    )


def booker_name(booking: Booking) -> str:
    """Shown to process leaders only."""
    person = booking.person.display_name if booking.person else ""
    person = person or str(_l("former resident"))
    for name in (booking.association, booking.partner):
        if name is not None:
            return f"{name.name} ({person})"
    return person


def ical_feed(premises: Premises) -> str:
    """The premises' approved bookings as an iCalendar, each summarised as "Booked", no names."""
    now = utcnow()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Grannlabb//Premises//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ical.escape(premises.name)}",
    ]
    for booking in feed(premises):
        lines += [
            "BEGIN:VEVENT",
            f"UID:booking-{booking.id}@grannlabb",
            f"DTSTAMP:{ical.stamp(now)}",
            f"DTSTART:{ical.stamp(booking.starts_at)}",
            f"DTEND:{ical.stamp(booking.ends_at)}",
            f"SUMMARY:{ical.escape(str(_l('Booked')))}",
            f"LOCATION:{ical.escape(premises.name)}",
            f"URL:{ical.absolute_url('premises.premises', premises_id=premises.id)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(ical.fold(line) + "\r\n" for line in lines)


def requests_for(person: Person) -> list[Booking]:
    """Coming requests awaiting approval in the areas the person leads (all areas for admins)."""
    query = (
        sa.select(Booking)
        .join(Premises, Booking.premises_id == Premises.id)
        .where(Booking.status == BookingStatus.PENDING, Booking.ends_at > utcnow())
        .options(*_WHO, sa.orm.contains_eager(Booking.premises).joinedload(Premises.area))
        .order_by(Booking.starts_at, Booking.id)
        .limit(500)
    )
    if not person.is_admin:
        led = sa.select(AreaRole.area_id).where(
            AreaRole.person_id == person.id, AreaRole.role == Role.LEADER
        )
        query = query.where(Premises.area_id.in_(led))
    return list(db.session.scalars(query).unique())
