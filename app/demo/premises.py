"""Demo premises: the meeting places of the four areas, with opening hours, Swedish holidays
closed, and a few bookings in the coming weeks; in Rannebergen the youth café association
books its afternoons in its own name (when the associations demo has created it), and its
board member who booked places the association's games afternoon in the first of them.

Idempotent: premises are found by area and name; bookings are made only where none exist, the
activity only when none of the association's bookings holds one. Bookings and the activity go
through the services, so they obey the same rules as a resident's.
"""

from __future__ import annotations

from datetime import date, time, timedelta

import sqlalchemy as sa

from app.activities.services import ActivityInput
from app.demo.ideas import _leader, _person
from app.extensions import db
from app.models import Activity, Area, Audience, Category, Person
from app.models.associations import BOARD_ROLES, Association, Membership, MembershipStatus
from app.models.premises import Booking, BookingStatus, Premises
from app.models.util import utcnow
from app.premises import services
from app.refusals import Refused

WEEKDAYS = {day: [(time(9), time(21))] for day in range(5)}
WEEKEND = {5: [(time(10), time(16))]}
EVENINGS = {day: [(time(16), time(22))] for day in range(5)} | {5: [(time(11), time(18))]}

# (area slug, name, capacity, needs approval, hours, accessibility, equipment, rules)
PREMISES = [
    (
        "boden",
        "Mötesplatsen, möteslokalen",
        20,
        False,
        WEEKDAYS | WEEKEND,
        "Entrance at street level, accessible toilet, hearing loop.",
        "Projector, whiteboard, coffee machine, 20 chairs.",
        "Leave the room as you found it. Quiet after 21:00.",
    ),
    (
        "portalen",
        "Portalens mötesplats",
        30,
        False,
        WEEKDAYS,
        "Ramp at the entrance, accessible toilet.",
        "Screen, speakers, sewing machines on request.",
        "Bookings for meetings open to the neighbourhood go first.",
    ),
    (
        "portalen",
        "Köket i Portalen",
        12,
        True,
        EVENINGS,
        "Step-free; the counters are at standard height.",
        "Full kitchen, two ovens, dishwasher, plates for 40.",
        "A process leader approves each booking. Clean the kitchen before you leave.",
    ),
    (
        "rannebergen",
        "Rannebergens mötesplats",
        25,
        False,
        WEEKDAYS | WEEKEND,
        "Lift to the first floor, accessible toilet.",
        "Projector, table tennis, board games, kitchenette.",
        "The youth café has the room on weekday afternoons.",
    ),
    (
        "lina-hage",
        "Lina Hage träffpunkt",
        15,
        False,
        WEEKDAYS,
        "Entrance at street level.",
        "Screen, coffee machine, a children's corner.",
        "No shoes in the children's corner.",
    ),
]


def _holidays(today: date) -> list[tuple[date, str]]:
    """Christmas and New Year ahead, when the meeting places are closed."""
    year = today.year if today.month < 12 or today.day <= 24 else today.year + 1
    days = [
        (date(year, 12, 24), "Julafton"),
        (date(year, 12, 25), "Juldagen"),
        (date(year, 12, 26), "Annandag jul"),
        (date(year, 12, 31), "Nyårsafton"),
        (date(year + 1, 1, 1), "Nyårsdagen"),
        (date(year + 1, 1, 6), "Trettondedag jul"),
    ]
    return [(day, note) for day, note in days if day > today]


def _next(weekday: int, after: int = 2) -> date:
    """The first given weekday at least ``after`` days from today (Swedish calendar)."""
    day = services.today() + timedelta(days=after)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _book(premises: Premises, person: Person | None, data: services.BookingInput) -> None:
    if person is None:
        return
    try:
        services.book(premises, person, data)
    except Refused:  # a holiday or a full day: the demo simply leaves it out
        db.session.rollback()


def seed_demo_premises() -> None:
    areas = {a.slug: a for a in db.session.scalars(sa.select(Area))}
    found: dict[str, Premises] = {}
    for slug, name, capacity, approval, hours, access, equipment, rules in PREMISES:
        area = areas.get(slug)
        leader = _leader(area) if area else None
        if area is None or leader is None:
            continue
        premises = db.session.scalar(
            sa.select(Premises).where(Premises.area_id == area.id, Premises.name == name)
        )
        if premises is None:
            premises = services.save_premises(
                area,
                leader,
                services.PremisesInput(
                    name=name,
                    capacity=capacity,
                    accessibility=access,
                    equipment=equipment,
                    rules=rules,
                    needs_approval=approval,
                    max_minutes=240,
                    max_days_ahead=90,
                    hours=hours,
                    closed=_holidays(services.today()),
                ),
            )
        found[name] = premises
    _bookings(found)
    _association_bookings(found.get("Rannebergens mötesplats"))


def _bookings(found: dict[str, Premises]) -> None:
    plans = [
        ("Mötesplatsen, möteslokalen", "Amina Hassan", "Somaliska föräldragruppen", 1, 17, 19, 12),
        ("Mötesplatsen, möteslokalen", "Tesfay Gebremariam", "Läxhjälp", 3, 16, 18, 10),
        ("Portalens mötesplats", "Fatima Al-Sayed", "Kvinnogruppens träff", 2, 13, 15, 14),
        ("Köket i Portalen", "Maryam Rahimi", "Matlagning för kooperativet", 3, 17, 20, 10),
        ("Rannebergens mötesplats", "Erik Johansson", "Seniorernas kaffe", 0, 10, 12, 12),
        ("Lina Hage träffpunkt", "Gabriel Aho", "Språkcafé", 1, 18, 20, 12),
    ]
    for premises_name, person_name, purpose, weekday, start, end, people in plans:
        premises = found.get(premises_name)
        if premises is None or db.session.scalar(
            sa.select(Booking.id)
            .where(Booking.premises_id == premises.id, Booking.purpose == purpose)
            .limit(1)
        ):
            continue
        _book(
            premises,
            _person(person_name),
            services.BookingInput(
                purpose, _next(weekday), time(start), time(end), people, services.RESIDENT
            ),
        )


def _association_bookings(premises: Premises | None) -> None:
    """Rannebergen's youth café books weekday afternoons in its own name for six weeks, and
    places one activity in the first of these bookings."""
    if premises is None:
        return
    association = db.session.scalar(
        sa.select(Association)
        .where(Association.area_id == premises.area_id, Association.name.ilike("%caf%"))
        .order_by(Association.id)
        .limit(1)
    )
    if association is None:
        return
    if not db.session.scalar(
        sa.select(Booking.id).where(Booking.association_id == association.id).limit(1)
    ):
        _book_afternoons(premises, association)
    _activity_in_booking(association)


def _book_afternoons(premises: Premises, association: Association) -> None:
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
    for weekday in (1, 3):  # Tuesdays and Thursdays
        _book(
            premises,
            board,
            services.BookingInput(
                "Ungdomscaféet",
                _next(weekday),
                time(15),
                time(19),
                20,
                f"association:{association.id}",
                repeat_weeks=6,
            ),
        )


def _activity_in_booking(association: Association) -> None:
    """The booker places the café's games afternoon in the association's first coming
    booking (through :func:`app.premises.services.activity_in`: the place and time come
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
    data = ActivityInput(
        title="Spel och fika på Ungdomscaféet",
        description="Brädspel, pingis och fika. Ungdomscaféets förening bjuder på det första "
        "fikat; ta med en kompis.",
        category=Category.CULTURE_LEISURE,
        audience=Audience.YOUTH,
        place="",
        day=None,
        start=None,
        end=None,
        capacity=20,
        min_age=13,
        max_age=17,
        partner_id=None,
    )
    try:
        services.activity_in(booking, booking.person, data)
    except Refused:  # e.g. capacity rules changed: the demo simply leaves it out
        db.session.rollback()
