"""The demo loader: puts the rows of app.demo.rows in the database; a second run changes nothing.

Each domain is found by a marker (an area, a person, an activity series, a title) and left
alone when it is there. Rows of what is still to come go through the same services a person
would use, so notices, audit entries, places and waiting lists look as they would for real;
the past is written with the models (the services refuse what has started), its dates moved
relative to today.
"""

from __future__ import annotations

import random
import secrets
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from flask_babel import force_locale

from app.activities import services as activities
from app.agendas import services as agendas
from app.agreements import services as agreements
from app.associations import founding as association_founding
from app.associations import meetings as association_meetings
from app.associations import membership as association_membership
from app.associations import services as associations
from app.associations import statutes as association_statutes
from app.clock import STOCKHOLM, meeting_time
from app.demo.rows import activities as activity_rows
from app.demo.rows import agreements as agreement_rows
from app.demo.rows import associations as association_rows
from app.demo.rows import ideas as idea_rows
from app.demo.rows import jobs as job_rows
from app.demo.rows import people as people_rows
from app.demo.rows import premises as premises_rows
from app.demo.rows import programmes as programme_rows
from app.demo.rows import shifts as shift_rows
from app.demo.rows.activities import YOUTH_AGES, Coming, Plan
from app.extensions import db
from app.ideas import services as ideas
from app.jobs import services as jobs
from app.models import (
    Activity,
    Agenda,
    ApplicationStatus,
    Area,
    AreaRole,
    Audience,
    ConsentDecision,
    Decision,
    GuardianConsent,
    GuardianDecision,
    Idea,
    Job,
    JobApplication,
    Partner,
    Person,
    Registration,
    RegistrationStatus,
    Role,
    Shift,
    ShiftSignup,
    SignupStatus,
    Workplace,
)
from app.models.agreements import Agreement, AgreementStatus
from app.models.associations import (
    BOARD_ROLES,
    Association,
    Membership,
    MembershipStatus,
)
from app.models.premises import Booking, BookingStatus, Premises
from app.models.programmes import Programme
from app.models.util import utcnow
from app.moderation import services as moderation
from app.partners import services as partners
from app.premises import booked_activities
from app.premises import booking as premises_booking
from app.premises import editing as premises_editing
from app.premises import eligibility as premises_eligibility
from app.premises import services as premises
from app.programmes import services as programmes
from app.refusals import Refused
from app.shifts import guardians, supervision
from app.shifts import services as shifts
from app.tokens import digest


def seed_demo() -> None:
    """Load every domain's rows, in the order they depend on each other."""
    load_people()
    load_ideas()  # and the partners; through the services, which use the people
    load_activities()
    load_shifts()  # after the activities: uses their youth
    load_jobs()  # after the activities: uses their youth
    load_associations()
    load_premises()  # after the associations: the youth café books in its own name
    load_agreements()
    load_programmes()


def demo_people() -> list[Person]:
    """The demo people who still exist, for the "try it as…" page."""
    addresses = people_rows.DEMO_ADDRESSES
    emails = [a for a in addresses if "@" in a]
    phones = [a for a in addresses if "@" not in a]
    return db.session.scalars(
        sa.select(Person)
        .where(sa.or_(Person.email.in_(emails), Person.phone.in_(phones)))
        .options(sa.orm.selectinload(Person.roles).joinedload(AreaRole.area))
        .order_by(Person.id)
    ).all()


# --- Finding what is there ----------------------------------------------------------------------


def _today() -> date:
    """Today in Sweden."""
    return utcnow().astimezone(STOCKHOLM).date()


def _areas() -> dict[str, Area]:
    return {area.slug: area for area in db.session.scalars(sa.select(Area))}


def _area(slug: str) -> Area | None:
    return db.session.scalar(sa.select(Area).where(Area.slug == slug))


def _person(name: str) -> Person | None:
    return db.session.scalar(sa.select(Person).where(Person.display_name == name))


def _living(name: str) -> Person | None:
    return db.session.scalar(
        sa.select(Person).where(Person.display_name == name, Person.deleted_at.is_(None))
    )


def _people(*names: str) -> list[int]:
    """The ids of the people with these names, in the order created."""
    return list(
        db.session.scalars(
            sa.select(Person.id).where(Person.display_name.in_(names)).order_by(Person.id)
        )
    )


def _admin() -> Person | None:
    return db.session.scalar(sa.select(Person).where(Person.is_admin))


def _leader(area: Area) -> Person | None:
    """The area's first process leader."""
    return db.session.scalar(
        sa.select(Person)
        .join(AreaRole, AreaRole.person_id == Person.id)
        .where(AreaRole.area_id == area.id, AreaRole.role == Role.LEADER)
        .order_by(Person.id)
        .limit(1)
    )


def _representative(partner_name: str) -> Person | None:
    return _person(people_rows.REPRESENTATIVES[partner_name])


def _verified_residents(area: Area) -> list[Person]:
    return list(
        db.session.scalars(
            sa.select(Person)
            .join(AreaRole, AreaRole.person_id == Person.id)
            .where(
                AreaRole.area_id == area.id,
                AreaRole.role == Role.RESIDENT,
                AreaRole.verified_at.is_not(None),
            )
            .order_by(Person.id)
        )
    )


def _next_weekday(weekday: int, after: date) -> date:
    """The first day with the weekday after ``after`` (never ``after`` itself)."""
    return after + timedelta(days=(weekday - after.weekday() - 1) % 7 + 1)


# --- Areas and people ---------------------------------------------------------------------------


def _address_column(address: str):
    return Person.email if "@" in address else Person.phone


def load_people() -> None:
    """The areas, then each person (found by email or phone) with their role in the area."""
    areas: dict[str, Area] = {}
    for row in people_rows.AREAS:
        area = db.session.scalar(sa.select(Area).where(Area.slug == row.slug))
        if area is None:
            area = Area(
                slug=row.slug,
                name=row.name,
                municipality=row.municipality,
                default_locale=row.locale,
            )
            db.session.add(area)
        areas[row.slug] = area
    db.session.flush()
    year = date.today().year
    for row in people_rows.PEOPLE:
        person = db.session.scalar(
            sa.select(Person).where(_address_column(row.address) == row.address)
        )
        if person is None:
            born = row.born if row.born is not None else year - row.age
            person = Person(display_name=row.name, locale=row.locale, birth_year=born)
            if "@" in row.address:
                person.email = row.address
            else:
                person.phone = row.address
            person.is_admin = row.area is None
            db.session.add(person)
            db.session.flush()
        if row.area is None:
            continue
        exists = db.session.scalar(
            sa.select(AreaRole.id).where(
                AreaRole.person_id == person.id,
                AreaRole.area_id == areas[row.area].id,
                AreaRole.role == row.role,
            )
        )
        if exists is None:
            db.session.add(
                AreaRole(
                    person_id=person.id,
                    area_id=areas[row.area].id,
                    role=row.role,
                    verified_at=utcnow() if row.verified else None,
                )
            )
    db.session.commit()


# --- Partners, ideas, comments, agendas ---------------------------------------------------------


def _load_partners(admin: Person, areas: list[Area]) -> dict[str, Partner]:
    found = {}
    for name, kind, description in idea_rows.PARTNERS:
        partner = db.session.scalar(sa.select(Partner).where(Partner.name == name))
        if partner is None:
            partner = partners.save_partner(
                None,
                admin,
                name=name,
                kind=kind,
                description=description,
                website=None,
                area_ids=[area.id for area in areas],
            )
        representative = _representative(name)
        if not partners.is_representative(representative, partner):
            partners.appoint_representative(partner, representative, admin)
        found[name] = partner
    return found


def load_ideas() -> None:
    """The partners, then each idea not there yet (by title) through moderation, votes and
    partner links; the comments of ideas without any; the agendas of areas without one."""
    areas = _areas()
    partner_by_name = _load_partners(_admin(), list(areas.values()))
    for slug, author, language, category, title, text, outcome in idea_rows.IDEAS:
        if db.session.scalar(sa.select(Idea.id).where(Idea.title == title)) is not None:
            continue
        area = areas[slug]
        leader = _leader(area)
        idea = ideas.propose(area, _person(author), title, text, category, language)
        if outcome == "submitted":
            continue
        if outcome == "hidden":
            reason_code, reason = idea_rows.HIDDEN_BECAUSE
            moderation.decide_idea(
                idea, leader, Decision.HIDE, reason_code=reason_code, reason=reason
            )
            continue
        moderation.decide_idea(idea, leader, Decision.PUBLISH)
        voters = _verified_residents(area)
        for voter in voters[: 1 + len(title) % len(voters)]:
            ideas.cast_vote(idea, voter, True)
        if isinstance(outcome, tuple):
            _, partner_name, accepted = outcome
            partner = partner_by_name[partner_name]
            link = partners.link_idea(idea, partner, idea_rows.LINK_QUESTION, leader)
            if accepted:
                representative = _representative(partner_name)
                partners.answer_link(link, "accept", idea_rows.LINK_ANSWER, representative)
    for idea_title, author, text in idea_rows.COMMENTS:
        idea = db.session.scalar(sa.select(Idea).where(Idea.title == idea_title))
        if idea is not None and idea.comment_count == 0:
            ideas.add_comment(idea, _person(author), text)
    for row in idea_rows.AGENDAS:
        area = areas[row["area"]]
        if db.session.scalar(sa.select(Agenda.id).where(Agenda.area_id == area.id)) is not None:
            continue
        leader = _leader(area)
        agenda = agendas.create_meeting(
            area,
            leader,
            title=row["title"],
            meeting_at=utcnow() + timedelta(days=row["in_days"]),
            place=row["place"],
            idea_count=row["idea_count"],
        )
        agendas.cut(agenda, leader)


# --- Activities: the past in bulk, what is coming through the services --------------------------


def _term(day: date) -> bool:
    """School terms, roughly: no summer holiday, no Christmas holiday."""
    if day.month == 7 or (day.month == 6 and day.day > 12) or (day.month == 8 and day.day < 18):
        return False
    return not ((day.month == 12 and day.day > 20) or (day.month == 1 and day.day < 8))


class _Writer:
    """Collects activities and registrations and writes them in two bulk inserts."""

    def __init__(self, rng: random.Random, partners: dict[str, Partner]):
        self.rng = rng
        self.partners = partners
        self.activities: list[dict] = []
        self.attendees: list[list[tuple[int, bool]]] = []

    def add(
        self,
        area: Area,
        by: Person,
        plan: Plan,
        day: date,
        series: str | None,
        people: list[tuple[int, bool]],
        title: str | None = None,
    ) -> None:
        starts_at = meeting_time(day, plan.start)
        partner = self.partners.get(plan.partner) if plan.partner else None
        self.activities.append(
            {
                "area_id": area.id,
                "title": title or plan.title,
                "description": plan.description,
                "category": plan.category,
                "audience": Audience.YOUTH,
                "place": plan.place,
                "starts_at": starts_at,
                "ends_at": meeting_time(day, plan.end),
                "capacity": plan.capacity,
                "min_age": YOUTH_AGES[0],
                "max_age": YOUTH_AGES[1],
                "partner_id": partner.id if partner else None,
                "created_by_id": by.id,
                "series_id": series,
                "walk_ins": self.rng.randint(*plan.walk_ins),
                "created_at": starts_at - timedelta(days=21),
            }
        )
        self.attendees.append(people)

    def write(self) -> int:
        if not self.activities:
            return 0
        ids = db.session.scalars(
            sa.insert(Activity).returning(Activity.id, sort_by_parameter_order=True),
            self.activities,
        ).all()
        rows = []
        for activity_id, values, people in zip(ids, self.activities, self.attendees, strict=True):
            for person_id, attended in people:
                rows.append(
                    {
                        "activity_id": activity_id,
                        "person_id": person_id,
                        "status": RegistrationStatus.CONFIRMED,
                        "created_at": values["starts_at"]
                        - timedelta(days=self.rng.randint(1, 6), minutes=self.rng.randint(0, 600)),
                        "attended": attended,
                    }
                )
        if rows:
            db.session.execute(sa.insert(Registration), rows)
        return len(ids)


def _add_youth(
    area: Area, leader: Person, names: list[tuple[str, str]], ages: list[int], since: datetime
) -> list[tuple[int, int]]:
    """Verified young residents without contact data; returns (person id, birth year)."""
    year = _today().year
    people = [
        {
            "display_name": name,
            "email": None,
            "phone": None,
            "birth_year": year - age,
            "locale": language,
            "is_admin": False,
            "created_at": since,
        }
        for (name, language), age in zip(names, ages, strict=True)
    ]
    ids = db.session.scalars(
        sa.insert(Person).returning(Person.id, sort_by_parameter_order=True), people
    ).all()
    db.session.execute(
        sa.insert(AreaRole),
        [
            {
                "person_id": person_id,
                "area_id": area.id,
                "role": Role.RESIDENT,
                "verified_at": since,
                "verified_by_id": leader.id,
                "created_at": since,
            }
            for person_id in ids
        ],
    )
    return [(person_id, p["birth_year"]) for person_id, p in zip(ids, people, strict=True)]


def _eligible(youth: list[tuple[int, int]], year: int) -> list[int]:
    low, high = YOUTH_AGES
    return [person_id for person_id, born in youth if low <= year - born <= high]


def _pick(
    rng: random.Random, plan: Plan, pool: list[int], first: list[int] | None = None
) -> list[tuple[int, bool]]:
    """Who registered: most came (attended), a few did not. ``first`` are sure to come."""
    wanted = min(rng.randint(*plan.registered), len(pool), plan.capacity or len(pool))
    chosen = list(dict.fromkeys((first or [])[:wanted]))
    rest = [p for p in pool if p not in chosen]
    chosen += rng.sample(rest, wanted - len(chosen))
    no_shows = set(rng.sample(chosen[len(first or []) :], min(1, len(chosen) - len(first or []))))
    if rng.random() < 0.5:
        no_shows = set()
    return [(person_id, person_id not in no_shows) for person_id in chosen]


def _weekly_days(plan: Plan, start: date, end: date) -> list[date]:
    """The plan's days from ``start`` up to, not including, ``end``."""
    day = start + timedelta(days=(plan.weekday - start.weekday()) % 7)
    days = []
    while day < end:
        if day.month in plan.months and (not plan.term_only or _term(day)):
            days.append(day)
        day += timedelta(weeks=1)
    return days


def _rannebergen_year(writer: _Writer, area: Area, leader: Person, youth) -> None:
    today = _today()
    start = today - timedelta(days=364)
    now = utcnow()
    for plan in activity_rows.RANNEBERGEN_PLANS:
        by = _representative(plan.partner) if plan.partner else leader
        days = _weekly_days(plan, start, today + timedelta(days=1))
        days = [d for d in days if meeting_time(d, plan.end) < now]
        for index, day in enumerate(days):
            pool = _eligible(youth, day.year)
            writer.add(
                area,
                by,
                plan,
                day,
                # A series per half year, as a leader would create them (at most 26 dates).
                None if plan.titles else f"demo-rannebergen-{plan.key}-{index // 26}",
                _pick(writer.rng, plan, pool),
                plan.titles[index] if plan.titles else None,
            )
    camp = activity_rows.CAMP
    monday = _next_weekday(0, date(today.year, *activity_rows.CAMP_AFTER))
    if meeting_time(monday + timedelta(days=activity_rows.CAMP_DAYS - 1), camp.end) >= now:
        monday = _next_weekday(0, date(today.year - 1, *activity_rows.CAMP_AFTER))
    pool = _eligible(youth, monday.year)
    campers = _pick(writer.rng, camp, pool)
    by = _representative(camp.partner)
    for offset in range(activity_rows.CAMP_DAYS):
        # The same campers every day; one or two miss a day.
        some_miss = offset in activity_rows.CAMP_DAYS_SOME_MISS
        away = {p for p, _ in writer.rng.sample(campers, 2)} if some_miss else set()
        writer.add(
            area,
            by,
            camp,
            monday + timedelta(days=offset),
            "demo-rannebergen-camp",
            [(p, p not in away) for p, _ in campers],
        )


def _lina_hage_years(writer: _Writer, area: Area, leader: Person, youth) -> None:
    """Two calendar years; the earlier with its 20 participants, the later with 36."""
    year = _today().year
    earlier_count, later_count = activity_rows.LINA_HAGE_PARTICIPANTS
    earlier_pool = _eligible(youth, year - 2)[:earlier_count]
    # Two of the earlier participants stopped coming; everyone else of age joined.
    later_eligible = _eligible(youth, year - 1)
    later_pool = [p for p in later_eligible if p not in earlier_pool[:2]][:later_count]
    plans = activity_rows.LINA_HAGE_PLANS
    for offset, pool, year_plans in ((2, earlier_pool, plans[:1]), (1, later_pool, plans)):
        first_day, last_day = date(year - offset, 1, 1), date(year - offset + 1, 1, 1)
        waiting = list(pool)  # everyone in the pool comes at least once
        writer.rng.shuffle(waiting)
        for plan in year_plans:
            by = _representative(plan.partner) if plan.partner else leader
            for index, day in enumerate(_weekly_days(plan, first_day, last_day)):
                first, waiting = waiting[:2], waiting[2:]
                series = f"demo-lina-hage-{plan.key}-{year - offset}-{index // 26}"
                writer.add(area, by, plan, day, series, _pick(writer.rng, plan, pool, first))
        assert not waiting, "too few dates for everyone to come once"


def _ages(count: int, pattern: list[int], rng: random.Random) -> list[int]:
    ages = (pattern * (count // len(pattern) + 1))[:count]
    rng.shuffle(ages)
    return ages


def _coming_day(spec: tuple, today: date) -> date:
    kind, *weekday = spec
    if kind == "tomorrow":
        return today + timedelta(days=1)
    if kind == "next":
        return _next_weekday(weekday[0], today)
    return today - timedelta(days=today.weekday()) + timedelta(weeks=1, days=weekday[0])


def _load_coming(row: Coming, areas, youth, partner_by_name, today: date) -> None:
    area = areas[row.area]
    by = _leader(area) if row.by == "leader" else _representative(row.by)
    for_youth = row.audience is Audience.YOUTH
    partner = partner_by_name[row.partner] if row.partner else None
    made = activities.create(
        area,
        by,
        activities.ActivityInput(
            title=row.title,
            description=row.description,
            category=row.category,
            audience=row.audience,
            place=row.place,
            day=_coming_day(row.day, today),
            start=row.hours[0],
            end=row.hours[1],
            capacity=row.capacity,
            min_age=YOUTH_AGES[0] if for_youth else None,
            max_age=YOUTH_AGES[1] if for_youth else None,
            partner_id=partner.id if partner else None,
            repeat_weeks=row.weeks,
        ),
    )
    for activity, (kind, *which) in zip(made, row.sign_ups, strict=False):
        if kind == "youth":
            person_ids = _eligible(youth[row.area], today.year)[which[0] : which[1]]
        else:
            person_ids = _people(*which)
        for person_id in person_ids:
            activities.sign_up(activity, db.session.get(Person, person_id))


def load_activities() -> None:
    """The youth, their past year(s) of activities, then what is coming; only once."""
    marker = sa.select(Activity.id).where(Activity.series_id == activity_rows.MARKER_SERIES)
    if db.session.scalar(marker):
        return
    rng = random.Random(activity_rows.RANDOM_SEED)
    today = _today()
    areas = _areas()
    partner_by_name = {p.name: p for p in db.session.scalars(sa.select(Partner))}
    ranne, lina = areas["rannebergen"], areas["lina-hage"]
    ranne_leader, lina_leader = _leader(ranne), _leader(lina)
    years_back, month, day = activity_rows.YOUTH_JOINED
    joined = datetime(today.year - years_back, month, day, 12, tzinfo=UTC)
    youth = {}
    for slug, area, leader, names in (
        ("rannebergen", ranne, ranne_leader, activity_rows.RANNEBERGEN_YOUTH),
        ("lina-hage", lina, lina_leader, activity_rows.LINA_HAGE_YOUTH),
    ):
        ages = _ages(len(names), activity_rows.YOUTH_AGE_PATTERNS[slug], rng)
        youth[slug] = _add_youth(area, leader, names, ages, joined)
    writer = _Writer(rng, partner_by_name)
    _rannebergen_year(writer, ranne, ranne_leader, youth["rannebergen"])
    _lina_hage_years(writer, lina, lina_leader, youth["lina-hage"])
    writer.write()
    db.session.commit()
    for row in activity_rows.UPCOMING:
        _load_coming(row, areas, youth, partner_by_name, today)


# --- Shifts: the café's last week and today in bulk, the coming week through the services -------


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
    return [_person(shift_rows.SAMIR), *youth, _person(shift_rows.HIBA)]


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
    shifts.sign_up(coming[shift_rows.NEIGHBOUR_COMING], _person(shift_rows.NEIGHBOUR))


def load_shifts() -> None:
    """The café with its supervisor, last week, today and the coming week; only once."""
    area = _area(shift_rows.AREA)
    exists = db.session.scalar(
        sa.select(Workplace.id).where(
            Workplace.area_id == area.id, Workplace.name == shift_rows.CAFE
        )
    )
    if exists is not None:
        return
    leader = _leader(area)
    people = _workers()
    cafe = shifts.create_workplace(
        area,
        leader,
        shift_rows.CAFE,
        shift_rows.CAFE_DESCRIPTION,
        shift_rows.SUPERVISOR,
        light_work=True,
    )
    supervisor = _person(shift_rows.SUPERVISOR_ACCOUNT)
    if supervisor is not None:
        supervision.set_supervisor(cafe, leader, str(supervisor.id))
    today = _today()
    this_monday = today - timedelta(days=today.weekday())
    _past_week(cafe, leader, this_monday - timedelta(weeks=1), people[:-1])
    today_plan = [
        [(_person(shift_rows.TODAY[role]), None, turn)]
        for turn, role in enumerate(shift_rows.ROLES)
    ]
    _bulk_shifts(cafe, leader, [today], today_plan, people)
    db.session.commit()
    _coming_shifts(cafe, leader, today, people)


# --- Summer jobs ----------------------------------------------------------------------------------


def summer_year(today: date) -> int:
    """This summer while its jobs can still be applied for, otherwise next summer."""
    first = date(today.year, *job_rows.FIRST_DAY)
    deadline = first - timedelta(weeks=job_rows.DEADLINE_WEEKS)
    return today.year if today < deadline else today.year + 1


def _monday_from(day: date) -> date:
    return day + timedelta(days=-day.weekday() % 7)


def _job_youth(year: int, low: int, high: int) -> list[Person]:
    """Lina Hage's demo youth aged ``low``–``high`` in ``year``, in the order created."""
    area_id = sa.select(Area.id).where(Area.slug == "lina-hage").scalar_subquery()
    names = [name for name, _ in activity_rows.LINA_HAGE_YOUTH]
    return list(
        db.session.scalars(
            sa.select(Person)
            .join(AreaRole, AreaRole.person_id == Person.id)
            .where(
                AreaRole.area_id == area_id,
                Person.display_name.in_(names),
                Person.birth_year.between(year - high, year - low),
            )
            .order_by(Person.id)
        )
    )


def _by_language(people: list[Person], languages, skip: set[int]) -> list[Person]:
    """The first person not in ``skip`` speaking each language in turn (or anyone left)."""
    chosen = []
    for language in languages:
        left = [p for p in people if p.id not in skip]
        person = next((p for p in left if p.locale == language), left[0])
        chosen.append(person)
        skip.add(person.id)
    return chosen


def _motivation(person: Person) -> str:
    return job_rows.MOTIVATIONS.get(person.locale, job_rows.MOTIVATIONS["sv"])


_JOB_FIELDS = (
    "employer",
    "workplace",
    "places",
    "min_age",
    "max_age",
    "tasks",
    "light_work",
    "supervisor_name",
)


def _last_summer(area: Area, leader: Person, year: int, youth: Person) -> None:
    """Last summer's park job, over, with ``youth`` placed (the guardian consented then)."""
    row = job_rows.LAST_SUMMER
    starts_on = _monday_from(date(year, *job_rows.FIRST_DAY)) + timedelta(weeks=row["week"])
    applied = datetime(year, *job_rows.LAST_SUMMER_APPLIED, 10, tzinfo=UTC)
    job = Job(
        area_id=area.id,
        **{name: row[name] for name in _JOB_FIELDS},
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=row["days"]),
        apply_by=starts_on - timedelta(weeks=job_rows.DEADLINE_WEEKS),
        version=0,
        created_by_id=leader.id,
        created_at=applied - timedelta(days=job_rows.LAST_SUMMER_POSTED_DAYS_BEFORE),
    )
    db.session.add(job)
    db.session.flush()
    db.session.add(
        JobApplication(
            job_id=job.id,
            person_id=youth.id,
            motivation=_motivation(youth),
            status=ApplicationStatus.PLACED,
            created_at=applied,
            placed_at=applied + timedelta(days=job_rows.LAST_SUMMER_PLACED_AFTER_DAYS),
        )
    )
    db.session.commit()


def load_jobs() -> None:
    """Last summer's park job, then next summer's jobs with applications; only once."""
    lina = _area("lina-hage")
    exists = db.session.scalar(
        sa.select(Job.id).where(Job.area_id == lina.id, Job.workplace == job_rows.CAFE)
    )
    if exists is not None:
        return
    today = _today()
    year = summer_year(today)
    first_monday = _monday_from(date(year, *job_rows.FIRST_DAY))
    deadline = first_monday - timedelta(weeks=job_rows.DEADLINE_WEEKS)
    apply_by = max(today + timedelta(days=1), deadline)
    # 16–17 next summer, so 15–16 last summer: within last summer's 15–17.
    taken: set[int] = set()
    (earlier,) = _by_language(_job_youth(year, 16, 17), [job_rows.LAST_SUMMER_PLACED], taken)
    _last_summer(lina, _leader(lina), year - 1, earlier)
    posted = []
    for row in job_rows.JOBS:
        area = _area(row["area"])
        leader = _leader(area)
        starts_on = first_monday + timedelta(weeks=row["week"])
        job = jobs.create(
            area,
            leader,
            jobs.JobInput(
                **{name: row[name] for name in _JOB_FIELDS},
                starts_on=starts_on,
                ends_on=starts_on + timedelta(days=row["days"]),
                apply_by=apply_by,
            ),
        )
        posted.append((row, job, leader))
    for row, job, leader in posted:
        applicants = _by_language(_job_youth(year, 16, 17), row["applicants"], taken)
        if row.get("last_summer_applies"):
            applicants = [earlier, *applicants]
        for person in applicants:
            jobs.apply(job, person, _motivation(person))
        for applicant in jobs.applicants(job)[: row["placed"]]:
            jobs.place(applicant.application, leader)


# --- Associations -------------------------------------------------------------------------------


def _association_exists(area: Area, name: str) -> bool:
    found = sa.select(Association.id).where(
        Association.area_id == area.id, Association.name == name
    )
    return db.session.scalar(found) is not None


def _found(association: Association, people: list[Person], held: date, place: str, fee: int):
    """Hold the founding meeting: chair, treasurer, secretary are the first three people."""
    chair, treasurer, secretary = people[:3]
    version = association_statutes.versions(association)[0]
    at = meeting_time(held, association_rows.FOUNDING_MEETING_AT)
    association_meetings.set_meeting(association, chair, at, place)
    association_meetings.save_minutes(
        association,
        chair,
        association_meetings.MinutesInput(
            opened_at=association_rows.MEETING_OPENED_AT,
            meeting_chair_id=chair.id,
            meeting_secretary_id=secretary.id,
            checker_1_id=treasurer.id,
            checker_2_id=people[-1].id,
            decided_to_form=True,
            statutes_version_id=version.id,
            board_chair_id=chair.id,
            board_treasurer_id=treasurer.id,
            board_secretary_id=secretary.id,
            auditor=association_rows.AUDITOR,
            fee=fee,
            other_notes="",
        ),
    )
    association_meetings.record_founding(associations.association_or_404(association.id), chair)


def _load_association(row: dict) -> None:
    area = _area(row["area"])
    if area is None or _association_exists(area, row["name"]):
        return
    people = [_living(name) for name in row["founders"]]
    if None in people:
        return
    # The first person starts it; the others join through the invite link.
    association = association_founding.start(
        area,
        people[0],
        association_founding.Start(kind=row["kind"], name=row["name"], purpose=row["purpose"]),
    )
    for person in people[1:]:
        association_founding.join_by_link(association, person, association.invite_token)
    association = associations.association_or_404(association.id)
    invited = _living(row["invited"]) if row.get("invited") else None
    if invited is not None:
        association_founding.invite(association, people[0], invited.id)
    association_statutes.save_answers(
        association,
        people[row["answers_by"]],
        association_statutes.Answers(
            seat=association.area.municipality,
            fee=row["fee"],
            member_contribution=row.get("contribution"),
            **association_rows.ANSWERS,
        ),
    )
    if "meeting" in row:
        meeting = row["meeting"]
        day = date.today() + timedelta(days=meeting["in_days"])
        at = meeting_time(day, meeting["at"])
        association_meetings.set_meeting(association, people[0], at, meeting["place"])
    if "founded" in row:
        founded = row["founded"]
        held = date.today() - timedelta(days=founded["days_ago"])
        _found(association, people, held, founded["place"], row["fee"])
        association = associations.association_or_404(association.id)
        association.description = row["description"]
        db.session.commit()
    member = _living(row["asks_to_join"]) if row.get("asks_to_join") else None
    if member is not None:
        association_membership.request_membership(association, member)
    if "activity" in row:
        activity = row["activity"]
        starts = meeting_time(date.today() + timedelta(days=activity["in_days"]), activity["at"])
        db.session.add(
            Activity(
                area_id=area.id,
                title=activity["title"],
                description=activity["description"],
                category=activity["category"],
                audience=activity["audience"],
                place=activity["place"],
                starts_at=starts,
                ends_at=starts + timedelta(hours=activity["hours"]),
                capacity=activity["capacity"],
                association_id=association.id,
                created_by_id=people[0].id,
                walk_ins=0,
            )
        )
        db.session.commit()


def load_associations() -> None:
    """Each association not there yet (by area and name); statutes drafts in Swedish, as
    the founders would write them."""
    with force_locale("sv"):
        for row in association_rows.ASSOCIATIONS:
            _load_association(row)


# --- Premises -----------------------------------------------------------------------------------


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
    areas = _areas()
    found: dict[str, Premises] = {}
    for slug, name, capacity, approval, hours, access, equipment, rules in premises_rows.PREMISES:
        area = areas.get(slug)
        leader = _leader(area) if area else None
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
            _person(person_name),
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


# --- Agreements and the partners' profiles ------------------------------------------------------


def _logo(name: str, colour: tuple[int, int, int]) -> str | None:
    """A drawn initial on the partner's colour, stored through the logo pipeline."""
    from io import BytesIO

    from PIL import Image, ImageDraw, ImageFont

    from app.partners.logos import PhotoError, save_logo

    image = Image.new("RGB", (320, 320), colour)
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.load_default(size=200)
    except TypeError:  # older Pillow
        font = ImageFont.load_default()
    draw.text((160, 160), name[0], fill=(255, 255, 255), font=font, anchor="mm")
    buffer = BytesIO()
    image.save(buffer, "PNG")
    buffer.seek(0)
    try:
        return save_logo(buffer)
    except PhotoError:  # pragma: no cover - the demo goes on without a logo
        return None


def _year_date(spec: tuple[int, int, int], year: int) -> date:
    years, month, day = spec
    return date(year + years, month, day)


def _measured_value(baseline: float, target: float, share: float, step: int, unit: str) -> float:
    """On the way from baseline towards the target, with a small deterministic wobble;
    counts of people or events are whole numbers."""
    wobble = ((step * 7) % 5 - 2) * abs(target - baseline) * 0.03
    value = baseline + (target - baseline) * share + wobble
    return round(value, 1) if unit == "%" else float(round(value))


def _measured_on(start: date, per_year: int, today: date) -> list[date]:
    months = 12 // per_year
    found, year, month = [], start.year, start.month
    while True:
        month += months
        while month > 12:
            month -= 12
            year += 1
        when = date(year, month, 1)
        if when > today:
            return found
        found.append(when)


def _source(name: str, when: date) -> str:
    if "%" in name or "trygga" in name:
        return f"Bostadsbolagets trygghetsenkät {when.year}"
    if "skadegörelse" in name.lower():
        return f"Polisens anmälningsstatistik, {when.year}"
    return f"Närvarolistor och partnernas rapporter, {when.isoformat()}"


def load_agreements() -> None:
    """The housing company, the partners' profiles, and each agreement not there yet (by
    area and title) with its indicators and measurements."""
    areas = _areas()
    admin = _admin()
    if admin is None or not areas:
        return
    if db.session.scalar(sa.select(Partner).where(Partner.name == agreement_rows.HOUSING)) is None:
        partners.save_partner(
            None,
            admin,
            name=agreement_rows.HOUSING,
            kind=agreement_rows.HOUSING_KIND,
            description=agreement_rows.HOUSING_TEXT,
            website=None,
            area_ids=[area.id for area in areas.values()],
        )
    by_name = {p.name: p for p in db.session.scalars(sa.select(Partner))}
    for name, (offers, colour) in agreement_rows.PROFILES.items():
        partner = by_name.get(name)
        if partner is None:
            continue
        if not partner.offers:
            partner.offers = offers
        if partner.logo is None:
            partner.logo = _logo(name, colour)
    db.session.commit()
    today = date.today()
    for row in agreement_rows.AGREEMENTS:
        slug, title, goal, strategy, start, end, days, parties, indicators = row
        start, end = _year_date(start, today.year), _year_date(end, today.year)
        area = areas.get(slug)
        if area is None or any(name not in by_name for name in parties):
            continue
        exists = db.session.scalar(
            sa.select(Agreement.id).where(Agreement.area_id == area.id, Agreement.title == title)
        )
        if exists is not None:
            continue
        leader = _leader(area)
        agreement = agreements.save_agreement(
            None,
            area,
            leader,
            title=title,
            goal=goal,
            strategy=strategy,
            starts_on=start,
            ends_on=end,
            status=AgreementStatus.ACTIVE,
            follow_up_days=days,
            parties=[agreements.Party(by_name[name].id, text) for name, text in parties.items()],
        )
        reps = [rep.person for name in parties for rep in partners.representatives(by_name[name])]
        for number, (name, unit, baseline, target, direction, per_year) in enumerate(indicators):
            indicator = agreements.save_indicator(
                None,
                agreement,
                leader,
                name=name,
                unit=unit,
                baseline_value=baseline,
                baseline_on=start,
                target_value=target,
                target_on=end,
                direction=direction,
            )
            span = (end - start).days
            for step, when in enumerate(_measured_on(start, per_year, today)):
                # Progress a little ahead of the straight line, as the seeds' labs reported.
                share = min(1.0, ((when - start).days / span) ** 0.85)
                entered_by = reps[(step + number) % len(reps)] if reps and step % 2 else leader
                agreements.record_measurement(
                    indicator,
                    entered_by,
                    measured_on=when,
                    value=max(0.0, _measured_value(baseline, target, share, step, unit)),
                    source=_source(name, when),
                    today=today,
                )


# --- Programmes ---------------------------------------------------------------------------------


def _load_programme(area: Area, row: tuple) -> None:
    name, for_whom, description, partner_name, plan, months_ago = row
    leader = _leader(area)
    partner = db.session.scalar(sa.select(Partner).where(Partner.name == partner_name))
    programme = programmes.create(
        area,
        leader,
        programmes.ProgrammeInput(
            name=name,
            description=description,
            for_whom=for_whom,
            retention_months=programme_rows.RETENTION_MONTHS,
            partner_id=partner.id if partner and area in partner.areas else None,
        ),
    )
    month = timedelta(days=programme_rows.MONTH_DAYS)
    first_born, born_step, born_span = programme_rows.BIRTH_YEARS
    now = utcnow()
    programme.created_at = now - (months_ago + 1) * month
    for index, (person_name, has_account, outcomes) in enumerate(plan):
        if has_account:
            enrolment = programmes.enrol_self(programme, _person(person_name), True)
        else:
            enrolment = programmes.enrol_assisted(programme, leader, True, new_name=person_name)
            enrolment.person.birth_year = first_born + (index * born_step) % born_span
        # Enrolled over the first weeks of the programme.
        enrolment.consented_at = (
            now - months_ago * month + timedelta(days=programme_rows.ENROL_EVERY_DAYS * index)
        )
        db.session.commit()
        for months_after, outcome in outcomes:
            on = (enrolment.consented_at + months_after * month).date()
            programmes.record_outcome(enrolment, leader, outcome, min(on, now.date()))


def load_programmes() -> None:
    """The programmes with their enrolments and outcomes, once (by the first one's name);
    only the dates are moved into the past afterwards."""
    marker = sa.select(Programme.id).where(Programme.name == programme_rows.PROGRAMMES[0][1])
    if db.session.scalar(marker) is not None:
        return
    areas = _areas()
    with force_locale("sv"):
        for slug, *row in programme_rows.PROGRAMMES:
            _load_programme(areas[slug], tuple(row))
