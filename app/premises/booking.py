"""Booking premises: the rules a time meets, one date or a weekly series, the leaders' decision."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from flask_babel import format_date, format_time, lazy_ngettext
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from app.areas.services import is_leader
from app.clock import local, meeting_time
from app.extensions import db
from app.locking import lock_row
from app.models import NotificationKind, Person
from app.models.audit import record
from app.models.premises import Booking, BookingStatus, Premises
from app.models.util import utcnow
from app.premises.eligibility import RESIDENT, book_as_choices, refusal_to_book
from app.premises.notices import notify_booker, notify_leaders
from app.premises.opening_hours import WEEKDAY_LABELS, format_spans
from app.premises.services import today
from app.refusals import Refused

MAX_REPEATS = 26

STATUS_LABELS = {
    BookingStatus.PENDING: _l("Awaiting approval"),
    BookingStatus.APPROVED: _l("Confirmed"),
    BookingStatus.DECLINED: _l("Declined"),
    BookingStatus.CANCELLED: _l("Cancelled"),
}


@dataclass
class BookingInput:
    purpose: str
    day: date
    start: time
    end: time
    people: int
    book_as: str = RESIDENT
    repeat_weeks: int = 1
    until: date | None = None


def overlapping(premises_id: int, starts_at: datetime, ends_at: datetime, exclude=None):
    """The first approved booking of the premises that overlaps the time, if any."""
    query = sa.select(Booking).where(
        Booking.premises_id == premises_id,
        Booking.status == BookingStatus.APPROVED,
        Booking.starts_at < ends_at,
        Booking.ends_at > starts_at,
    )
    if exclude is not None:
        query = query.where(Booking.id != exclude)
    return db.session.scalar(query.order_by(Booking.starts_at).limit(1))


def _when(starts_at: datetime, ends_at: datetime) -> str:
    return f"{format_date(starts_at, 'medium')} {format_time(starts_at, 'short')}–{format_time(ends_at, 'short')}"


def check_time(premises: Premises, starts_at: datetime, ends_at: datetime, people: int) -> None:
    """Raise ``Refused`` with the reason the time cannot be booked (overlaps not included)."""
    if ends_at <= starts_at:
        raise Refused(_l("The booking must end after it starts."), 422)
    now = utcnow()
    if starts_at <= now:
        raise Refused(_l("The booking must start in the future."), 422)
    start_local, end_local = local(starts_at), local(ends_at)
    if (start_local.date() - local(now).date()).days > premises.max_days_ahead:
        raise Refused(
            _l(
                "These premises can be booked at most %(days)d days ahead.",
                days=premises.max_days_ahead,
            ),
            422,
        )
    closed = {c.day: c for c in premises.closed_dates}
    day = start_local.date()
    while day <= end_local.date():
        if day in closed:
            note = closed[day].note
            raise Refused(
                _l(
                    "The premises are closed on %(day)s%(note)s.",
                    day=format_date(day, "long"),
                    note=f" ({note})" if note else "",
                ),
                422,
            )
        day += timedelta(days=1)
    minutes = (ends_at - starts_at).total_seconds() / 60
    if minutes > premises.max_minutes:
        raise Refused(
            _l(
                "A booking can be at most %(minutes)d minutes long.",
                minutes=premises.max_minutes,
            ),
            422,
        )
    if start_local.date() != end_local.date() or not any(
        span.weekday == start_local.weekday()
        and span.opens <= start_local.time()
        and end_local.time() <= span.closes
        for span in premises.spans
    ):
        hours = format_spans(s for s in premises.spans if s.weekday == start_local.weekday())
        raise Refused(
            _l(
                "The booking is outside the opening hours. Open on %(weekday)s: %(hours)s.",
                weekday=WEEKDAY_LABELS[start_local.weekday()],
                hours=hours or str(_l("closed")),
            ),
            422,
        )
    if people < 1:
        raise Refused(_l("At least one person must come."), 422)
    if people > premises.capacity:
        raise Refused(
            lazy_ngettext(
                "The premises hold at most %(num)d person.",
                "The premises hold at most %(num)d people.",
                premises.capacity,
            ),
            422,
        )


def _conflict(other: Booking) -> Refused:
    return Refused(
        _l(
            "That time is already booked (%(when)s). Choose another time.",
            when=_when(other.starts_at, other.ends_at),
        ),
        409,
    )


# Times are read and written on a clock in Sweden (``meeting_time``) and stored in UTC. A booking
# lies within one opening span of one day. Approved bookings of the same premises never overlap:
# every write that can approve a booking first takes the premises row's write lock
# (``lock_row``: ``SELECT ... FOR UPDATE`` on PostgreSQL, a write to the row on SQLite, which
# makes the transaction the only writer), then looks for an overlapping approved booking and only
# then writes. Two requests for the same slot at the same moment are therefore served one after
# the other, and the second sees the first.
def lock(premises_id: int) -> None:
    """The premises row's write lock, taken before looking for overlaps (see above)."""
    lock_row(Premises, premises_id, Premises.version)


@dataclass
class Occurrence:
    day: date
    booking: Booking | None = None
    reason: str = ""


def _dates(premises: Premises, data: BookingInput) -> list[date]:
    # Before any clock arithmetic: 0001-01-01 and 9999-12-31 are valid dates but overflow.
    ahead = (data.day - today()).days
    if ahead < 0:
        raise Refused(_l("The booking must start in the future."), 422)
    if ahead > premises.max_days_ahead:
        raise Refused(
            _l(
                "These premises can be booked at most %(days)d days ahead.",
                days=premises.max_days_ahead,
            ),
            422,
        )
    if data.until is not None:
        if data.until < data.day:
            raise Refused(_l("The last date must not be before the first."), 422)
        weeks = (data.until - data.day).days // 7 + 1
    else:
        weeks = data.repeat_weeks
    if not 1 <= weeks <= MAX_REPEATS:
        raise Refused(_l("Repeat between 1 and 26 times."), 422)
    return [data.day + timedelta(weeks=k) for k in range(weeks)]


def _owner(person: Person, premises: Premises, key: str) -> dict[str, int]:
    """The partner or association the booking is made for; refuses names not the person's."""
    allowed = {choice.key for choice in book_as_choices(person, premises)}
    if key not in allowed:
        raise refusal_to_book(person, premises)
    kind, _sep, ident = key.partition(":")
    return {f"{kind}_id": int(ident)} if ident else {}


def book(
    premises: Premises, by: Person, data: BookingInput, assisted_by: Person | None = None
) -> list[Occurrence]:
    """Book one date or a weekly series; returns per date the booking or why it was refused.

    A single date that cannot be booked raises ``Refused``. In a series, the dates that can be
    booked are booked and the others reported with their reason. ``assisted_by`` is the
    leader who books for a resident at the meeting place.
    """
    owner = _owner(by, premises, data.book_as)
    purpose = data.purpose.strip()
    if not purpose:
        raise Refused(_l("Write what the booking is for."), 422)
    days = _dates(premises, data)
    status = BookingStatus.PENDING if premises.needs_approval else BookingStatus.APPROVED
    series = uuid.uuid4().hex if len(days) > 1 else None
    lock(premises.id)
    report: list[Occurrence] = []
    for day in days:
        starts_at, ends_at = meeting_time(day, data.start), meeting_time(day, data.end)
        try:
            check_time(premises, starts_at, ends_at, data.people)
            other = overlapping(premises.id, starts_at, ends_at)
            if other is not None:
                raise _conflict(other)
        except Refused as refusal:
            if len(days) == 1:
                db.session.rollback()
                raise
            report.append(Occurrence(day, reason=str(refusal.message)))
            continue
        booking = Booking(
            premises_id=premises.id,
            person_id=by.id,
            **owner,
            purpose=purpose,
            starts_at=starts_at,
            ends_at=ends_at,
            people=data.people,
            status=status,
            series_id=series,
            assisted_by_id=assisted_by.id if assisted_by else None,
        )
        db.session.add(booking)
        _write(db.session.flush)  # the next date of the series sees this one
        report.append(Occurrence(day, booking=booking))
    if not any(o.booking for o in report):
        db.session.rollback()
        raise SeriesRefused(report)
    if status is BookingStatus.PENDING:
        notify_leaders(premises, [o.booking for o in report if o.booking])
    if assisted_by:
        record(
            assisted_by.id,
            "assist_booking",
            premises.area_id,
            f"premises {premises.id} person {by.id}",
        )
    _write(db.session.commit)
    return report


def _write(step) -> None:
    """Flush or commit; on PostgreSQL the exclusion constraint is the last word on overlaps."""
    try:
        step()
    except IntegrityError:
        db.session.rollback()
        raise Refused(
            _l("That time was just booked by someone else. Choose another time."), 409
        ) from None


class SeriesRefused(Refused):
    """No date of a series could be booked; ``report`` says why for each."""

    def __init__(self, report: list[Occurrence]):
        super().__init__(_l("None of the dates could be booked."), 409)
        self.report = report


def _require_leader(by: Person, booking: Booking) -> None:
    if not is_leader(by, booking.premises.area):
        raise Refused(_l("Only the area's process leaders decide on bookings."), 403)


def approve(booking: Booking, by: Person) -> Booking:
    _require_leader(by, booking)
    lock(booking.premises_id)
    db.session.refresh(booking)
    if booking.status is not BookingStatus.PENDING:
        db.session.rollback()
        raise Refused(_l("This booking is no longer awaiting approval."), 409)
    try:
        # The rules may have changed since the request: hours, closed dates, length, capacity.
        check_time(booking.premises, booking.starts_at, booking.ends_at, booking.people)
    except Refused:
        db.session.rollback()
        raise
    other = overlapping(booking.premises_id, booking.starts_at, booking.ends_at, booking.id)
    if other is not None:
        db.session.rollback()
        raise _conflict(other)
    booking.status = BookingStatus.APPROVED
    booking.decided_by_id, booking.decided_at = by.id, utcnow()
    notify_booker(booking, NotificationKind.BOOKING_APPROVED)
    record(by.id, "approve_booking", booking.premises.area_id, f"booking {booking.id}")
    _write(db.session.commit)
    return booking


def decline(booking: Booking, by: Person, reason: str) -> Booking:
    _require_leader(by, booking)
    reason = reason.strip()
    if not reason:
        raise Refused(_l("Write the reason for declining."), 422)
    lock(booking.premises_id)
    db.session.refresh(booking)
    if booking.status is not BookingStatus.PENDING:
        db.session.rollback()
        raise Refused(_l("This booking is no longer awaiting approval."), 409)
    booking.status = BookingStatus.DECLINED
    booking.reason = reason[:500]
    booking.decided_by_id, booking.decided_at = by.id, utcnow()
    notify_booker(booking, NotificationKind.BOOKING_DECLINED, booking.reason)
    record(by.id, "decline_booking", booking.premises.area_id, f"booking {booking.id}")
    db.session.commit()
    return booking
