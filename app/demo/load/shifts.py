"""The demo's shifts: the café's last week and today in bulk, the coming week through the services."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

import sqlalchemy as sa

from app.clock import meeting_time
from app.demo.load import lookup
from app.demo.rows import activities as activity_rows
from app.demo.rows import shifts as shift_rows
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


def _shift_days(monday: date) -> list[date]:
    return [monday + timedelta(days=offset) for offset in range(shift_rows.PAST_WEEK_DAYS)]


def _workers() -> list[Person]:
    """Samir first, then the first demo youth of Rannebergen (in the order created), Hiba
    last."""
    area_id = sa.select(Area.id).where(Area.slug == shift_rows.AREA).scalar_subquery()
    names = [name for name, _ in activity_rows.RANNEBERGEN_YOUTH]
    youth = db.session.scalars(
        sa.select(Person)
        .join(AreaRole, AreaRole.person_id == Person.id)
        .where(AreaRole.area_id == area_id, Person.display_name.in_(names))
        .order_by(Person.id)
        .limit(shift_rows.YOUTH_WORKERS)
    ).all()
    return [lookup.person(shift_rows.SAMIR), *youth, lookup.person(shift_rows.HIBA)]


def _past_week(cafe: Workplace, leader: Person, monday: date, people: list[Person]) -> int:
    """Every place of the week filled in turn: four different people a day, so nobody works
    twice a day and the 13–15-year-olds stay within 2 h a school day and 12 h a week."""
    turn = shift_rows.PAST_WEEK_FIRST_TURN
    every, at = shift_rows.NO_SHOW_EVERY
    plan = []
    for _day in _shift_days(monday):
        for _role in shift_rows.ROLES:
            places = []
            for _place in range(shift_rows.PLACES):
                person = people[turn % len(people)]
                # One no-show now and then, never Samir (his hours are the demo).
                places.append((person, not (turn % every == at and person is not people[0]), turn))
                turn += 1
            plan.append(places)
    return _bulk_shifts(cafe, leader, _shift_days(monday), plan, people)


def _bulk_shifts(
    cafe: Workplace,
    leader: Person,
    days: list[date],
    plan: list[list[tuple[Person, bool | None, int]]],
    people: list[Person],
) -> int:
    """Shifts of ``days`` (each role each day) written with the models, with the places of
    ``plan`` (per shift: person, arrived, minutes) confirmed with the guardian's consent."""
    rows = []
    for day in days:
        start, end = (meeting_time(day, t) for t in shift_rows.HOURS[day.weekday()])
        for role in shift_rows.ROLES:
            rows.append(
                {
                    "workplace_id": cafe.id,
                    "starts_at": start,
                    "ends_at": end,
                    "capacity": shift_rows.PLACES,
                    "role": role,
                    "min_age": shift_rows.MIN_AGE,
                    "signup_opens_at": start - timedelta(days=14),
                    "signup_closes_at": start,
                    "cancel_deadline": start,
                    "version": 0,
                    "created_by_id": leader.id,
                    "created_at": start - timedelta(days=14),
                }
            )
    ids = db.session.scalars(
        sa.insert(Shift).returning(Shift.id, sort_by_parameter_order=True), rows
    ).all()
    signup_rows = []
    for shift_id, row, places in zip(ids, rows, plan, strict=True):
        for person, arrived, turn in places:
            signup_rows.append(
                {
                    "shift_id": shift_id,
                    "person_id": person.id,
                    "status": SignupStatus.CONFIRMED,
                    "created_at": row["signup_opens_at"] + timedelta(days=1, minutes=turn),
                    "hold_until": None,
                    "arrived": arrived,
                    "arrival_marked_by_id": None if arrived is None else leader.id,
                }
            )
    signup_ids = db.session.scalars(
        sa.insert(ShiftSignup).returning(ShiftSignup.id, sort_by_parameter_order=True),
        signup_rows,
    ).all()
    # Minors worked with their guardian's consent, recorded as if given by the link.
    guardian = _guardians(people)
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


def _guardians(people: list[Person]) -> dict[int, str]:
    return {p.id: shift_rows.GUARDIAN_PHONE.format(i) for i, p in enumerate(people)}


def _coming_shifts(cafe: Workplace, leader: Person, today: date, people: list[Person]) -> None:
    coming: dict[tuple[int, str], Shift] = {}
    for offset in range(1, shift_rows.COMING_DAYS):
        day = today + timedelta(days=offset)
        start, end = (meeting_time(day, t) for t in shift_rows.HOURS[day.weekday()])
        for role in shift_rows.ROLES:
            coming[offset, role] = shifts.create_shift(
                cafe,
                leader,
                shifts.ShiftInput(
                    starts_at=start,
                    ends_at=end,
                    capacity=shift_rows.PLACES,
                    role=role,
                    min_age=shift_rows.MIN_AGE,
                    cancel_deadline=start - timedelta(days=1),
                ),
            )
    samir, *youth, hiba = people
    named = {shift_rows.SAMIR: samir, shift_rows.HIBA: hiba}
    guardian = _guardians(people)
    consented_offset, consented_name = shift_rows.CONSENTED
    for offset, role, who in shift_rows.COMING:
        person = youth[who] if isinstance(who, int) else named[who]
        try:
            signup = shifts.sign_up(coming[offset, role], person)
        except Refused:  # e.g. an area calendar that makes the day a school day
            continue
        if signup.status is SignupStatus.AWAITING_GUARDIAN:
            guardians.request_consent(signup, guardian[person.id])  # stored; nothing is sent
            if offset == consented_offset and person is named.get(consented_name):
                guardians.decide(guardians.consent_for(signup), ConsentDecision.CONSENTED)
    shifts.sign_up(coming[shift_rows.NEIGHBOUR_COMING], lookup.person(shift_rows.NEIGHBOUR))


def load_shifts() -> None:
    """The café with its supervisor, last week, today and the coming week; only once."""
    area = lookup.area(shift_rows.AREA)
    exists = db.session.scalar(
        sa.select(Workplace.id).where(
            Workplace.area_id == area.id, Workplace.name == shift_rows.CAFE
        )
    )
    if exists is not None:
        return
    leader = lookup.leader(area)
    people = _workers()
    cafe = shifts.create_workplace(
        area,
        leader,
        shift_rows.CAFE,
        shift_rows.CAFE_DESCRIPTION,
        shift_rows.SUPERVISOR,
        light_work=True,
    )
    supervisor = lookup.person(shift_rows.SUPERVISOR_ACCOUNT)
    if supervisor is not None:
        supervision.set_supervisor(cafe, leader, str(supervisor.id))
    today = lookup.today()
    this_monday = today - timedelta(days=today.weekday())
    _past_week(cafe, leader, this_monday - timedelta(weeks=1), people[:-1])
    today_plan = [
        [(lookup.person(shift_rows.TODAY[role]), None, turn)]
        for turn, role in enumerate(shift_rows.ROLES)
    ]
    _bulk_shifts(cafe, leader, [today], today_plan, people)
    db.session.commit()
    _coming_shifts(cafe, leader, today, people)
