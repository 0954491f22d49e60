"""The demo's activities: the past in bulk, what is coming through the services."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from app.activities import services as activities
from app.clock import meeting_time
from app.demo.load import lookup
from app.demo.rows import activities as activity_rows
from app.demo.rows.activities import YOUTH_AGES, Coming, Plan
from app.extensions import db
from app.models import (
    Activity,
    Area,
    AreaRole,
    Audience,
    Partner,
    Person,
    Registration,
    RegistrationStatus,
    Role,
)
from app.models.util import utcnow


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
    year = lookup.today().year
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
    today = lookup.today()
    start = today - timedelta(days=364)
    now = utcnow()
    for plan in activity_rows.RANNEBERGEN_PLANS:
        by = lookup.representative(plan.partner) if plan.partner else leader
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
    monday = lookup.next_weekday(0, date(today.year, *activity_rows.CAMP_AFTER))
    if meeting_time(monday + timedelta(days=activity_rows.CAMP_DAYS - 1), camp.end) >= now:
        monday = lookup.next_weekday(0, date(today.year - 1, *activity_rows.CAMP_AFTER))
    pool = _eligible(youth, monday.year)
    campers = _pick(writer.rng, camp, pool)
    by = lookup.representative(camp.partner)
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
    year = lookup.today().year
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
            by = lookup.representative(plan.partner) if plan.partner else leader
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
        return lookup.next_weekday(weekday[0], today)
    return today - timedelta(days=today.weekday()) + timedelta(weeks=1, days=weekday[0])


def _load_coming(row: Coming, areas, youth, partner_by_name, today: date) -> None:
    area = areas[row.area]
    by = lookup.leader(area) if row.by == "leader" else lookup.representative(row.by)
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
            person_ids = lookup.people_ids(*which)
        for person_id in person_ids:
            activities.sign_up(activity, db.session.get(Person, person_id))


def load_activities() -> None:
    """The youth, their past year(s) of activities, then what is coming; only once."""
    marker = sa.select(Activity.id).where(Activity.series_id == activity_rows.MARKER_SERIES)
    if db.session.scalar(marker):
        return
    rng = random.Random(activity_rows.RANDOM_SEED)
    today = lookup.today()
    areas = lookup.areas()
    partner_by_name = {p.name: p for p in db.session.scalars(sa.select(Partner))}
    ranne, lina = areas["rannebergen"], areas["lina-hage"]
    ranne_leader, lina_leader = lookup.leader(ranne), lookup.leader(lina)
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
