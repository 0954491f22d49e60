"""Demo shifts: Rannebergen's youth café with shifts today and every day of the coming week
(relative to the day seed-demo runs, so the leader's day view has something today), and the
week before this one worked, so "My hours", the certificate and the leaders' hours have data.

The café declares its tasks light work (counter, baking, dishes), so 13–15-year-olds may work
there. The coming days go through the services, so the rules for minors (with the area's
school calendar), the places and the waiting list apply as for real: the minors await their
guardian's consent (one guardian has consented already); an adult neighbour is confirmed.
Guardians' addresses are fictional numbers (070-1740690 … 699, the range reserved for
fiction) and no message is sent.

Today's shifts and the past week are written in bulk with the models (the services refuse
shifts that have started): confirmed places with the guardian's dated consent, the past
ones marked arrived or not. Samir Khalil (15) and Hiba Warsame (14) sign in from /try;
Samir works in both weeks, Hiba today and twice in the coming week.

Erik Johansson (a board member of the café's association, signs in from /try) is the café's
supervisor account: "Shifts I supervise" shows him today's shifts to mark arrival.
"""

from __future__ import annotations

import secrets
from datetime import date, time, timedelta

import sqlalchemy as sa

from app.clock import meeting_time
from app.demo.activities import RANNEBERGEN_YOUTH, _today
from app.extensions import db
from app.models import (
    Area,
    AreaRole,
    ConsentDecision,
    GuardianConsent,
    GuardianDecision,
    Person,
    Shift,
    ShiftSignup,
    SignupStatus,
    Workplace,
)
from app.refusals import Refused
from app.shifts import guardians, supervision
from app.shifts import services as shifts
from app.tokens import digest

CAFE = "Ungdomscaféet"
CAFE_DESCRIPTION = (
    "Caféet i Rannebergens centrum drivs av ungdomar tillsammans med fritidsledare. I kassan "
    "tar du betalt och håller ordning vid disken; i köket bakar du, gör smörgåsar och diskar."
)
SUPERVISOR = "Erik Johansson, Ungdomscaféet"
SUPERVISOR_ACCOUNT = "Erik Johansson"  # an adult resident of Rannebergen marks arrival
ROLES = ("Kassa", "Kök")
PLACES = 2  # per role and day
MIN_AGE = 13

# Monday–Friday after school (2 h, allowed on a school day from 13), Saturday longer (5 h,
# within 7 h on a school-free day and 12 h in a school week for 13–15).
SCHOOL_DAY_HOURS = (time(15), time(17))
SATURDAY_HOURS = (time(11), time(16))
SUNDAY_HOURS = (time(12), time(15))
COMING_DAYS = 8  # today and the seven days after it

SAMIR = "Samir Khalil"
HIBA = "Hiba Warsame"  # 14
NEIGHBOUR = "Layla Mahmoud"  # an adult resident of Rannebergen helps in the kitchen
GUARDIAN_PHONE = "+4670174069{}"  # fictional numbers, 0690–0699
YOUTH_WORKERS = 5  # demo youth of Rannebergen who work beside Samir


def _hours(day: date) -> tuple[time, time]:
    if day.weekday() == 6:
        return SUNDAY_HOURS
    return SATURDAY_HOURS if day.weekday() == 5 else SCHOOL_DAY_HOURS


def _week(monday: date) -> list[date]:
    return [monday + timedelta(days=offset) for offset in range(6)]


def _workers() -> list[Person]:
    """Samir first, then the first demo youth of Rannebergen (in the order created), Hiba
    last."""
    area_id = sa.select(Area.id).where(Area.slug == "rannebergen").scalar_subquery()
    names = [name for name, _ in RANNEBERGEN_YOUTH]
    youth = db.session.scalars(
        sa.select(Person)
        .join(AreaRole, AreaRole.person_id == Person.id)
        .where(AreaRole.area_id == area_id, Person.display_name.in_(names))
        .order_by(Person.id)
        .limit(YOUTH_WORKERS)
    ).all()
    samir = db.session.scalar(sa.select(Person).where(Person.display_name == SAMIR))
    hiba = db.session.scalar(sa.select(Person).where(Person.display_name == HIBA))
    return [samir, *youth, hiba]


def _past_week(cafe: Workplace, leader: Person, monday: date, people: list[Person]) -> int:
    """Every place of the week filled in turn: four different people a day, so nobody works
    twice a day and the 13–15-year-olds stay within 2 h a school day and 12 h a week."""
    turn = 2  # Samir (index 0) gets the Saturday
    plan = []
    for _day in _week(monday):
        for _role in ROLES:
            places = []
            for _place in range(PLACES):
                person = people[turn % len(people)]
                # One no-show now and then, never Samir (his hours are the demo).
                places.append((person, not (turn % 7 == 3 and person is not people[0]), turn))
                turn += 1
            plan.append(places)
    return _bulk(cafe, leader, _week(monday), plan, people)


def _bulk(
    cafe: Workplace,
    leader: Person,
    days: list[date],
    plan: list[list[tuple[Person, bool | None, int]]],
    people: list[Person],
) -> int:
    """Shifts of ``days`` (each role each day) written with the models, with the places of
    ``plan`` (per shift: person, arrived, minutes) confirmed with the guardian's consent."""
    shift_rows = []
    for day in days:
        start, end = (meeting_time(day, t) for t in _hours(day))
        for role in ROLES:
            shift_rows.append(
                {
                    "workplace_id": cafe.id,
                    "starts_at": start,
                    "ends_at": end,
                    "capacity": PLACES,
                    "role": role,
                    "min_age": MIN_AGE,
                    "signup_opens_at": start - timedelta(days=14),
                    "signup_closes_at": start,
                    "cancel_deadline": start,
                    "version": 0,
                    "created_by_id": leader.id,
                    "created_at": start - timedelta(days=14),
                }
            )
    ids = db.session.scalars(
        sa.insert(Shift).returning(Shift.id, sort_by_parameter_order=True), shift_rows
    ).all()
    signup_rows = []
    for shift_id, row, places in zip(ids, shift_rows, plan, strict=True):
        for person, arrived, turn in places:
            signup_rows.append(
                {
                    "shift_id": shift_id,
                    "person_id": person.id,
                    "status": SignupStatus.CONFIRMED,
                    "created_at": row["signup_opens_at"] + timedelta(days=1, minutes=turn),
                    "hold_until": None,
                    "arrived": arrived,
                }
            )
    signup_ids = db.session.scalars(
        sa.insert(ShiftSignup).returning(ShiftSignup.id, sort_by_parameter_order=True),
        signup_rows,
    ).all()
    # Minors worked with their guardian's consent, recorded as if given by the link.
    guardian = {p.id: GUARDIAN_PHONE.format(i) for i, p in enumerate(people)}
    consents = [
        {
            "signup_id": signup_id,
            "guardian_address": guardian[row["person_id"]],
            "token_hash": digest(f"guardian:{secrets.token_urlsafe(32)}"),
            "created_at": row["created_at"],
            "expires_at": row["created_at"] + timedelta(hours=shifts.GUARDIAN_HOLD_HOURS),
            "decision": ConsentDecision.CONSENTED,
        }
        for signup_id, row in zip(signup_ids, signup_rows, strict=True)
        if row["person_id"] in guardian  # the adult neighbour needs no consent
    ]
    consent_ids = db.session.scalars(
        sa.insert(GuardianConsent).returning(GuardianConsent.id, sort_by_parameter_order=True),
        consents,
    ).all()
    db.session.execute(
        sa.insert(GuardianDecision),
        [
            {
                "consent_id": consent_id,
                "decision": ConsentDecision.CONSENTED,
                "decided_at": row["created_at"] + timedelta(hours=5),
            }
            for consent_id, row in zip(consent_ids, consents, strict=True)
        ],
    )
    return len(signup_rows)


def _today_shifts(cafe: Workplace, leader: Person, today: date, people: list[Person]) -> None:
    """Today's shifts (they may have started): Hiba at the counter, the neighbour in the
    kitchen, both confirmed; arrival is still to be marked."""
    hiba = people[-1]
    neighbour = db.session.scalar(sa.select(Person).where(Person.display_name == NEIGHBOUR))
    _bulk(cafe, leader, [today], [[(hiba, None, 0)], [(neighbour, None, 1)]], people)


def _coming_week(cafe: Workplace, leader: Person, today: date, people: list[Person]) -> None:
    coming: dict[tuple[int, str], Shift] = {}
    for offset in range(1, COMING_DAYS):
        day = today + timedelta(days=offset)
        start, end = (meeting_time(day, t) for t in _hours(day))
        for role in ROLES:
            coming[offset, role] = shifts.create_shift(
                cafe,
                leader,
                shifts.ShiftInput(
                    starts_at=start,
                    ends_at=end,
                    capacity=PLACES,
                    role=role,
                    min_age=MIN_AGE,
                    cancel_deadline=start - timedelta(days=1),
                ),
            )
    samir, *youth, hiba = people
    kassa, kok = ROLES
    # (day after today, role, person): at most two coming shifts each, so every minor stays
    # within 2 h a school day and 12 h a week whatever weekday today is; places left on
    # most days for someone who wants to try; day 5's counter full, with one waiting.
    plan = [
        (1, kassa, samir),
        (1, kok, youth[0]),
        (2, kassa, hiba),
        (3, kok, samir),
        (3, kassa, youth[1]),
        (4, kok, youth[2]),
        (5, kassa, youth[3]),
        (5, kassa, youth[4]),
        (5, kassa, youth[0]),
        (6, kok, youth[1]),
        (7, kassa, hiba),
    ]
    guardian = {p.id: GUARDIAN_PHONE.format(i) for i, p in enumerate(people)}
    for offset, role, person in plan:
        try:
            signup = shifts.sign_up(coming[offset, role], person)
        except Refused:  # e.g. an area calendar that makes the day a school day
            continue
        if signup.status is SignupStatus.AWAITING_GUARDIAN:
            guardians.request_consent(signup, guardian[person.id])  # stored; nothing is sent
            if offset == 1 and person is samir:
                guardians.decide(guardians.consent_for(signup), ConsentDecision.CONSENTED)
    neighbour = db.session.scalar(sa.select(Person).where(Person.display_name == NEIGHBOUR))
    shifts.sign_up(coming[6, kok], neighbour)  # an adult: confirmed at once


def seed_demo_shifts() -> None:
    """Add the café, its coming week and last week once; the second time nothing changes."""
    from app.demo.ideas import _leader

    area = db.session.scalar(sa.select(Area).where(Area.slug == "rannebergen"))
    exists = db.session.scalar(
        sa.select(Workplace.id).where(Workplace.area_id == area.id, Workplace.name == CAFE)
    )
    if exists is not None:
        return
    leader = _leader(area)
    people = _workers()
    cafe = shifts.create_workplace(
        area, leader, CAFE, CAFE_DESCRIPTION, SUPERVISOR, light_work=True
    )
    supervisor = db.session.scalar(
        sa.select(Person).where(Person.display_name == SUPERVISOR_ACCOUNT)
    )
    if supervisor is not None:
        supervision.set_supervisor(cafe, leader, str(supervisor.id))
    today = _today()
    this_monday = today - timedelta(days=today.weekday())
    _past_week(cafe, leader, this_monday - timedelta(weeks=1), people[:-1])
    _today_shifts(cafe, leader, today, people)
    db.session.commit()
    _coming_week(cafe, leader, today, people)
