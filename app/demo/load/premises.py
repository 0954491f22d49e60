"""The demo's premises."""

from __future__ import annotations

from datetime import date, time, timedelta

import sqlalchemy as sa

from app.activities import services as activities
from app.demo.load import lookup
from app.demo.rows import premises as premises_rows
from app.extensions import db
from app.models import (
    Activity,
    Person,
)
from app.models.associations import (
    BOARD_ROLES,
    Association,
    Membership,
    MembershipStatus,
)
from app.models.premises import Booking, BookingStatus, Premises
from app.models.util import utcnow
from app.premises import booked_activities
from app.premises import booking as premises_booking
from app.premises import editing as premises_editing
from app.premises import eligibility as premises_eligibility
from app.premises import services as premises
from app.refusals import Refused


def _holidays(today: date) -> list[tuple[date, str]]:
    """Christmas and New Year ahead, when the meeting places are closed."""
    year = today.year if today.month < 12 or today.day <= 24 else today.year + 1
    days = [(date(year, m, d), note) for m, d, note in premises_rows.CHRISTMAS] + [
        (date(year + 1, m, d), note) for m, d, note in premises_rows.NEW_YEAR
    ]
    return [(day, note) for day, note in days if day > today]


def _booking_day(weekday: int) -> date:
    """The first given weekday at least a few days from today (Swedish calendar)."""
    day = premises.today() + timedelta(days=premises_rows.DAYS_AHEAD)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _book(place: Premises, person: Person | None, data: premises_booking.BookingInput) -> None:
    if person is None:
        return
    try:
        premises_booking.book(place, person, data)
    except Refused:  # a holiday or a full day: the demo simply leaves it out
        db.session.rollback()


def load_premises() -> None:
    """Each meeting place not there yet (by area and name), the bookings not made yet (by
    purpose), and the youth café association's bookings and activity."""
    areas = lookup.areas()
    found: dict[str, Premises] = {}
    for slug, name, capacity, approval, hours, access, equipment, rules in premises_rows.PREMISES:
        area = areas.get(slug)
        leader = lookup.leader(area) if area else None
        if area is None or leader is None:
            continue
        place = db.session.scalar(
            sa.select(Premises).where(Premises.area_id == area.id, Premises.name == name)
        )
        if place is None:
            place = premises_editing.save_premises(
                area,
                leader,
                premises_editing.PremisesInput(
                    name=name,
                    capacity=capacity,
                    accessibility=access,
                    equipment=equipment,
                    rules=rules,
                    needs_approval=approval,
                    max_minutes=premises_rows.MAX_MINUTES,
                    max_days_ahead=premises_rows.MAX_DAYS_AHEAD,
                    hours=hours,
                    closed=_holidays(premises.today()),
                ),
            )
        found[name] = place
    for place_name, person_name, purpose, weekday, start, end, people in premises_rows.BOOKINGS:
        place = found.get(place_name)
        if place is None or db.session.scalar(
            sa.select(Booking.id)
            .where(Booking.premises_id == place.id, Booking.purpose == purpose)
            .limit(1)
        ):
            continue
        _book(
            place,
            lookup.person(person_name),
            premises_booking.BookingInput(
                purpose,
                _booking_day(weekday),
                time(start),
                time(end),
                people,
                premises_eligibility.RESIDENT,
            ),
        )
    load_association_bookings(found.get(premises_rows.ASSOCIATION_PREMISES))


def load_association_bookings(place: Premises | None) -> None:
    """Rannebergen's youth café books weekday afternoons in its own name for six weeks, and
    places one activity in the first of these bookings."""
    if place is None:
        return
    association = db.session.scalar(
        sa.select(Association)
        .where(
            Association.area_id == place.area_id,
            Association.name.ilike(premises_rows.ASSOCIATION_NAME_LIKE),
        )
        .order_by(Association.id)
        .limit(1)
    )
    if association is None:
        return
    if not db.session.scalar(
        sa.select(Booking.id).where(Booking.association_id == association.id).limit(1)
    ):
        _book_afternoons(place, association)
    _activity_in_booking(association)


def _book_afternoons(place: Premises, association: Association) -> None:
    board = db.session.scalar(
        sa.select(Person)
        .join(Membership, Membership.person_id == Person.id)
        .where(
            Membership.association_id == association.id,
            Membership.status == MembershipStatus.MEMBER,
            Membership.role.in_(BOARD_ROLES),
        )
        .order_by(Membership.id)
        .limit(1)
    )
    row = premises_rows.ASSOCIATION_BOOKING
    for weekday in row["weekdays"]:
        _book(
            place,
            board,
            premises_booking.BookingInput(
                row["purpose"],
                _booking_day(weekday),
                *row["hours"],
                row["people"],
                f"association:{association.id}",
                repeat_weeks=row["repeat_weeks"],
            ),
        )


def _activity_in_booking(association: Association) -> None:
    """The booker places the café's games afternoon in the association's first coming
    booking (through :func:`app.premises.booked_activities.activity_in`: the place and time come
    from the booking, organised in the association's name)."""
    bookings = sa.select(Booking.id).where(Booking.association_id == association.id)
    if db.session.scalar(sa.select(Activity.id).where(Activity.booking_id.in_(bookings)).limit(1)):
        return
    booking = db.session.scalar(
        sa.select(Booking)
        .where(
            Booking.association_id == association.id,
            Booking.status == BookingStatus.APPROVED,
            Booking.starts_at > utcnow(),
        )
        .order_by(Booking.starts_at, Booking.id)
        .limit(1)
    )
    if booking is None or booking.person is None:
        return
    data = activities.ActivityInput(
        **premises_rows.ACTIVITY_IN_BOOKING,
        place="",
        day=None,
        start=None,
        end=None,
        partner_id=None,
    )
    try:
        booked_activities.activity_in(booking, booking.person, data)
    except Refused:  # e.g. capacity rules changed: the demo simply leaves it out
        db.session.rollback()
