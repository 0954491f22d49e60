"""Premises and their bookings.

Times are read and written on a clock in Sweden (``meeting_time``) and stored in UTC. A booking
lies within one opening span of one day. Approved bookings of the same premises never overlap:
every write that can approve a booking first takes the premises row's write lock
(``lock_row``: ``SELECT ... FOR UPDATE`` on PostgreSQL, a write to the row on SQLite, which
makes the transaction the only writer), then looks for an overlapping approved booking and only
then writes. Two requests for the same slot at the same moment are therefore served one after
the other, and the second sees the first.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from flask_babel import format_date, format_time
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from app.activities import ical
from app.activities import services as activities
from app.activities.services import ActivityInput
from app.areas.services import is_leader
from app.associations.services import boards_of
from app.clock import local, meeting_time
from app.extensions import db
from app.ideas.services import is_verified_resident
from app.locking import lock_row
from app.models import Activity, Area, AreaRole, NotificationKind, Partner, Person, Role
from app.models.audit import record
from app.models.premises import (
    REASON_MAX,
    Booking,
    BookingStatus,
    ClosedDate,
    OpeningSpan,
    Premises,
)
from app.models.util import utcnow
from app.notifications.services import notify
from app.partners.services import represented_by
from app.refusals import Refused

MAX_REPEATS = 26
CLOSED_YEARS = 5  # closed dates further off are a typo (and 0001-01-01 breaks date sums)
WEEKDAYS = range(7)

STATUS_LABELS = {
    BookingStatus.PENDING: _l("Awaiting approval"),
    BookingStatus.APPROVED: _l("Confirmed"),
    BookingStatus.DECLINED: _l("Declined"),
    BookingStatus.CANCELLED: _l("Cancelled"),
}

WEEKDAY_LABELS = [
    _l("Monday"),
    _l("Tuesday"),
    _l("Wednesday"),
    _l("Thursday"),
    _l("Friday"),
    _l("Saturday"),
    _l("Sunday"),
]

# --- Looking up ---------------------------------------------------------------------------------


def premises_or_404(premises_id: int) -> Premises:
    return db.get_or_404(
        Premises,
        premises_id,
        options=[
            sa.orm.joinedload(Premises.area),
            sa.orm.selectinload(Premises.spans),
            sa.orm.selectinload(Premises.closed_dates),
        ],
    )


def booking_or_404(booking_id: int) -> Booking:
    return db.get_or_404(
        Booking,
        booking_id,
        options=[sa.orm.joinedload(Booking.premises).joinedload(Premises.area)],
    )


def in_area(area: Area) -> list[Premises]:
    return list(
        db.session.scalars(
            sa.select(Premises)
            .where(Premises.area_id == area.id)
            .options(sa.orm.selectinload(Premises.spans))
            .order_by(Premises.name, Premises.id)
        )
    )


def today() -> date:
    return local(utcnow()).date()


# --- Saving premises ----------------------------------------------------------------------------


@dataclass
class PremisesInput:
    name: str
    capacity: int
    accessibility: str = ""
    equipment: str = ""
    rules: str = ""
    for_residents: bool = True
    for_associations: bool = True
    for_partners: bool = True
    needs_approval: bool = False
    max_minutes: int = 240
    max_days_ahead: int = 60
    # weekday -> [(opens, closes)]
    hours: dict[int, list[tuple[time, time]]] = field(default_factory=dict)
    closed: list[tuple[date, str]] = field(default_factory=list)
    photo: str | None = None


def parse_spans(text: str) -> list[tuple[time, time]]:
    """``"09:00-12:00, 13:00-21:00"`` as spans; raises ValueError with a translated message."""
    spans = []
    for part in text.replace(";", ",").split(","):
        part = part.strip().replace("–", "-").replace(".", ":")
        if not part:
            continue
        try:
            start_text, end_text = (p.strip() for p in part.split("-"))
            opens, closes = time.fromisoformat(start_text), time.fromisoformat(end_text)
        except ValueError:
            raise ValueError(
                _l("Write the hours as 09:00-12:00, several spans separated by commas.")
            ) from None
        if closes <= opens:
            raise ValueError(_l("Each span must close after it opens."))
        spans.append((opens, closes))
    spans.sort()
    for (_o1, c1), (o2, _c2) in zip(spans, spans[1:], strict=False):
        if o2 < c1:
            raise ValueError(_l("The spans of one day must not overlap."))
    return spans


def format_spans(spans) -> str:
    return ", ".join(f"{s.opens:%H:%M}-{s.closes:%H:%M}" for s in spans)


def parse_closed(text: str) -> list[tuple[date, str]]:
    """One closed date a line: ``2026-12-24 Christmas Eve``."""
    found: dict[date, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        day_text, _sep, note = line.partition(" ")
        try:
            day = date.fromisoformat(day_text)
        except ValueError:
            raise ValueError(
                _l("Write each closed date on its own line, as 2026-12-24 and a note.")
            ) from None
        if abs((day - today()).days) > CLOSED_YEARS * 366:
            raise ValueError(
                _l("Closed dates must be within %(years)d years from today.", years=CLOSED_YEARS)
            )
        found[day] = note.strip()[:120]
    return sorted(found.items())


def save_premises(area: Area, by: Person, data: PremisesInput, premises: Premises | None = None):
    if not is_leader(by, area):
        raise Refused(_l("Only the area's process leaders manage its premises."), 403)
    if data.capacity < 1:
        raise Refused(_l("The capacity must be at least 1."), 422)
    if not 15 <= data.max_minutes <= 24 * 60:
        raise Refused(_l("The longest booking must be between 15 and 1440 minutes."), 422)
    if not 1 <= data.max_days_ahead <= 730:
        raise Refused(_l("Bookings can be made between 1 and 730 days ahead."), 422)
    creating = premises is None
    if creating:
        premises = Premises(area_id=area.id)
        db.session.add(premises)
    for name in (
        "name",
        "capacity",
        "accessibility",
        "equipment",
        "rules",
        "for_residents",
        "for_associations",
        "for_partners",
        "needs_approval",
        "max_minutes",
        "max_days_ahead",
    ):
        setattr(premises, name, getattr(data, name))
    if data.photo:
        premises.photo = data.photo
    _replace_hours(premises, data)
    db.session.flush()
    record(
        by.id,
        "create_premises" if creating else "edit_premises",
        area.id,
        f"premises {premises.id}",
    )
    db.session.commit()
    return premises


def _replace_hours(premises: Premises, data: PremisesInput) -> None:
    """The opening spans and closed dates as given, updated in place.

    A flush inserts new rows before it deletes orphans, so a closed date kept from before would
    meet its old row in the unique (premises, day) key: kept dates are updated, not replaced.
    """
    wanted = {(day, opens, closes) for day, spans in data.hours.items() for opens, closes in spans}
    for span in list(premises.spans):
        key = (span.weekday, span.opens, span.closes)
        if key in wanted:
            wanted.discard(key)
        else:
            premises.spans.remove(span)
    for day, opens, closes in sorted(wanted):
        premises.spans.append(OpeningSpan(weekday=day, opens=opens, closes=closes))
    notes = dict(data.closed)
    for closed in list(premises.closed_dates):
        if closed.day in notes:
            closed.note = notes.pop(closed.day)
        else:
            premises.closed_dates.remove(closed)
    for day, note in sorted(notes.items()):
        premises.closed_dates.append(ClosedDate(day=day, note=note))


# --- Who may book -------------------------------------------------------------------------------

RESIDENT = "resident"
LEADER = "leader"


@dataclass(frozen=True)
class BookAs:
    """In whose name a booking is made: ``resident``/``leader``, ``partner:<id>``, ``association:<id>``."""

    key: str
    label: str


def _partners_in(person: Person, area: Area) -> list[Partner]:
    return [p for p in represented_by(person) if area.id in {a.id for a in p.areas}]


def book_as_choices(person: Person, premises: Premises) -> list[BookAs]:
    """The names the person may book these premises in; empty when they may not book."""
    if not person.is_authenticated:
        return []
    area = premises.area
    choices = []
    if is_leader(person, area):
        choices.append(BookAs(LEADER, str(_l("Myself, as process leader"))))
    elif premises.for_residents and is_verified_resident(person, area):
        choices.append(BookAs(RESIDENT, str(_l("Myself, as a resident"))))
    if premises.for_associations:
        choices += [BookAs(f"association:{a.id}", a.name) for a in boards_of(person, area)]
    if premises.for_partners:
        choices += [BookAs(f"partner:{p.id}", p.name) for p in _partners_in(person, area)]
    return choices


def refusal_to_book(person: Person, premises: Premises) -> Refused:
    kinds = []
    if premises.for_residents:
        kinds.append(str(_l("verified residents of %(area)s", area=premises.area.name)))
    if premises.for_associations:
        kinds.append(str(_l("board members of associations in the area")))
    if premises.for_partners:
        kinds.append(str(_l("representatives of partners active in the area")))
    return Refused(
        _l(
            "These premises can be booked by: %(who)s. Ask the process leader at the meeting "
            "place if you think you should be able to book.",
            who=", ".join(kinds) or str(_l("the process leaders")),
        ),
        403,
    )


# --- Checking a time ----------------------------------------------------------------------------


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
        raise Refused(_l("The premises hold at most %(num)d people.", num=premises.capacity), 422)


def _conflict(other: Booking) -> Refused:
    return Refused(
        _l(
            "That time is already booked (%(when)s). Choose another time.",
            when=_when(other.starts_at, other.ends_at),
        ),
        409,
    )


def lock(premises_id: int) -> None:
    """The premises row's write lock, taken before looking for overlaps (see module docs)."""
    lock_row(Premises, premises_id, Premises.version)


# --- Booking ------------------------------------------------------------------------------------


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


def book(premises: Premises, by: Person, data: BookingInput) -> list[Occurrence]:
    """Book one date or a weekly series; returns per date the booking or why it was refused.

    A single date that cannot be booked raises ``Refused``. In a series, the dates that can be
    booked are booked and the others reported with their reason.
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
        )
        db.session.add(booking)
        _write(db.session.flush)  # the next date of the series sees this one
        report.append(Occurrence(day, booking=booking))
    if not any(o.booking for o in report):
        db.session.rollback()
        raise SeriesRefused(report)
    if status is BookingStatus.PENDING:
        _notify_leaders(premises, [o.booking for o in report if o.booking])
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


def _notify_booker(booking: Booking, kind: NotificationKind, reason: str = "") -> None:
    what = f"{booking.premises.name}, {_local_label(booking)}"
    notify(booking.person_id, kind, detail=f"{what}\n{reason}" if reason else what)


def _notify_leaders(premises: Premises, bookings: list[Booking]) -> None:
    """Tell the area's process leaders that a request (or a series of them) awaits them."""
    first = bookings[0]
    what = f"{premises.name}, {_local_label(first)}"
    if len(bookings) > 1:
        what += f" (+{len(bookings) - 1})"
    leaders = db.session.scalars(
        sa.select(AreaRole.person_id).where(
            AreaRole.area_id == premises.area_id, AreaRole.role == Role.LEADER
        )
    )
    for person_id in leaders:
        notify(person_id, NotificationKind.BOOKING_REQUESTED, detail=what)


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


def _local_label(booking: Booking) -> str:
    start, end = local(booking.starts_at), local(booking.ends_at)
    return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"


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
    _notify_booker(booking, NotificationKind.BOOKING_APPROVED)
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
    _notify_booker(booking, NotificationKind.BOOKING_DECLINED, booking.reason)
    record(by.id, "decline_booking", booking.premises.area_id, f"booking {booking.id}")
    db.session.commit()
    return booking


def can_cancel(booking: Booking, person: Person) -> bool:
    if not person.is_authenticated:
        return False
    return booking.person_id == person.id or is_leader(person, booking.premises.area)


class HoldsActivities(Refused):
    """The booking holds coming activities: cancelling needs a confirmation."""

    def __init__(self, activities: list[Activity]):
        super().__init__(
            _l(
                "This booking holds a coming activity. If you cancel it, the activity stays "
                "but no longer has a booked place: its organiser should move or cancel it."
            ),
            409,
        )
        self.activities = activities


def activities_by_booking(bookings: list[Booking]) -> dict[int, list[Activity]]:
    """The activities held in each of the bookings, in one query."""
    found: dict[int, list[Activity]] = {}
    ids = [b.id for b in bookings]
    if ids:
        for activity in db.session.scalars(
            sa.select(Activity)
            .where(Activity.booking_id.in_(ids))
            .order_by(Activity.starts_at, Activity.id)
        ):
            found.setdefault(activity.booking_id, []).append(activity)
    return found


def held_activities(booking: Booking) -> list[Activity]:
    """The coming activities placed in the booked time."""
    return list(
        db.session.scalars(
            sa.select(Activity)
            .where(Activity.booking_id == booking.id, Activity.ends_at > utcnow())
            .order_by(Activity.starts_at, Activity.id)
        )
    )


def cancel(booking: Booking, by: Person, reason: str = "", confirmed: bool = False) -> Booking:
    """Cancel a booking. One that holds a coming activity is only cancelled once confirmed
    (``HoldsActivities`` otherwise): the activity then keeps its place as plain text, and its
    organiser, unless they cancelled it themselves, is told it lost its booked place."""
    if not can_cancel(booking, by):
        raise Refused(_l("Only the person who booked can cancel the booking."), 403)
    if booking.status not in (BookingStatus.PENDING, BookingStatus.APPROVED):
        raise Refused(_l("This booking is already cancelled or declined."), 409)
    # The premises lock serialises this with placing an activity in the booking (activity_in).
    lock(booking.premises_id)
    db.session.refresh(booking)
    if booking.status not in (BookingStatus.PENDING, BookingStatus.APPROVED):
        db.session.rollback()
        raise Refused(_l("This booking is already cancelled or declined."), 409)
    if booking.ends_at <= utcnow():
        db.session.rollback()
        raise Refused(_l("A booking that is over cannot be cancelled."), 409)
    held = held_activities(booking)
    if held and not confirmed:
        db.session.rollback()
        raise HoldsActivities(held)
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = utcnow()
    for activity in held:
        if activity.created_by_id != by.id:
            notify(
                activity.created_by_id,
                NotificationKind.ACTIVITY_PLACE_LOST,
                activity_id=activity.id,
                detail=booking.premises.name,
            )
    db.session.execute(
        sa.update(Activity)
        .where(Activity.booking_id == booking.id)
        .values(booking_id=None)
        .execution_options(synchronize_session=False)
    )
    if booking.person_id != by.id:
        # The leader's own words only (if any): the sentence around them is written in the
        # booker's language when the notice is shown or sent.
        booking.reason = reason.strip()[:REASON_MAX]
        _notify_booker(booking, NotificationKind.BOOKING_CANCELLED, booking.reason)
        record(by.id, "cancel_booking", booking.premises.area_id, f"booking {booking.id}")
    db.session.commit()
    return booking


_WHO = (
    sa.orm.joinedload(Booking.person),
    sa.orm.joinedload(Booking.partner),
    sa.orm.joinedload(Booking.association),
)

# --- Reading ------------------------------------------------------------------------------------


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


# --- An activity in a booked time -------------------------------------------------------------


def can_hold_activity(booking: Booking, person: Person) -> bool:
    """The booker's own confirmed, coming booking, made as someone who organises activities."""
    return (
        person.is_authenticated
        and booking.person_id == person.id
        and booking.status is BookingStatus.APPROVED
        and booking.starts_at > utcnow()
        and (
            booking.partner_id is not None
            or booking.association_id is not None
            or is_leader(person, booking.premises.area)
        )
    )


def activity_in(booking: Booking, by: Person, data: ActivityInput) -> Activity:
    """An activity at the premises in the booked time, organised in the booking's name."""
    if booking.person_id != by.id:
        raise Refused(_l("Only the person who booked can place an activity in the booking."), 403)
    if booking.status is not BookingStatus.APPROVED:
        raise Refused(_l("Only a confirmed booking can hold an activity."), 409)
    if data.capacity is not None and data.capacity > booking.premises.capacity:
        raise Refused(
            _l("The premises hold at most %(num)d people.", num=booking.premises.capacity), 422
        )
    start, end = local(booking.starts_at), local(booking.ends_at)
    data.place = booking.premises.name
    data.day, data.start, data.end = start.date(), start.time(), end.time()
    data.partner_id, data.association_id = booking.partner_id, booking.association_id
    data.repeat_weeks = 1
    data.booking_id = booking.id
    if (
        data.partner_id is None
        and data.association_id is None
        and not is_leader(by, booking.premises.area)
    ):
        raise Refused(
            _l(
                "Activities are organised by process leaders, partners and association boards: "
                "book in their name to hold an activity here."
            ),
            403,
        )
    # Under the premises lock (held until the activity is committed), so a cancellation at the
    # same moment either comes first and is seen here, or comes after and sees the activity.
    area = booking.premises.area
    lock(booking.premises_id)
    db.session.refresh(booking)
    if booking.status is not BookingStatus.APPROVED:
        db.session.rollback()
        raise Refused(_l("Only a confirmed booking can hold an activity."), 409)
    try:
        return activities.create(area, by, data)[0]
    except Refused:
        db.session.rollback()
        raise


# --- The person's own data ----------------------------------------------------------------------


def export_for(person: Person) -> list[dict]:
    """The person's bookings for the account export."""
    rows = db.session.scalars(
        sa.select(Booking)
        .where(Booking.person_id == person.id)
        .options(sa.orm.joinedload(Booking.premises))
        .order_by(Booking.id)
    ).all()
    return [
        {
            "premises": b.premises.name,
            "purpose": b.purpose,
            "starts_at": b.starts_at.isoformat(),
            "ends_at": b.ends_at.isoformat(),
            "people": b.people,
            "status": b.status.value,
            "reason": b.reason,
        }
        for b in rows
    ]


def forget(person: Person) -> None:
    """On account deletion: coming bookings are cancelled (the time is free again) and every
    booking of the person loses its purpose; the times stay, shown as "booked"."""
    now = utcnow()
    coming = sa.select(Booking.id).where(
        Booking.person_id == person.id,
        Booking.status.in_((BookingStatus.PENDING, BookingStatus.APPROVED)),
        Booking.ends_at > now,
    )
    # Activities in those times keep their place as text (their organiser's account is going).
    db.session.execute(
        sa.update(Activity)
        .where(Activity.booking_id.in_(coming))
        .values(booking_id=None)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        sa.update(Booking)
        .where(Booking.id.in_(coming))
        .values(status=BookingStatus.CANCELLED, cancelled_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        sa.update(Booking)
        .where(Booking.person_id == person.id)
        .values(purpose="", reason="")
        .execution_options(synchronize_session=False)
    )
