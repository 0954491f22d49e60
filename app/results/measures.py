"""What Grannlabb counts from its own records, defined once.

The results page and every indicator computed from the app ask these queries, with these
definitions, so one question has one answer wherever it is asked. A count is always for a
window of time: activities that started in it and whose end has passed, and the people marked
present at them.

Each query answers for many windows at once (one column per window), for all areas together
or per area, so a page asks a fixed number of queries however many windows and areas it shows.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.activities.services import YOUTH_AGES
from app.clock import STOCKHOLM, local
from app.extensions import db
from app.models import Activity, Audience, Person, Registration

MIN_PEOPLE = 5  # counts of people below this are shown as "fewer than 5"

# The definitions, as the page shows them in footnotes and under "How we count".
HELD = _l(
    "An activity is held when its end time has passed; each date of a weekly activity counts "
    "once. Youth activities are those for the audience youth."
)
PARTICIPANTS = _l(
    "Participants are different people marked as present at least once in the period. A child "
    "signed up by a guardian counts once per guardian and first name. People who came without "
    "signing up cannot be told apart and are counted as visits."
)
YOUTH = _l("Youth are 13–17 years old in the year of the activity, from their birth year.")
LAST_12_MONTHS = _l("“Last 12 months” is today and the 364 days before.")


@dataclass(frozen=True)
class Window:
    """From ``start`` (included) to ``end`` (not included)."""

    start: datetime
    end: datetime


def midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=STOCKHOLM)


def last_12_months(day: date, now: datetime) -> Window:
    """The 365 days ending with ``day``: up to now when ``day`` is today."""
    end = now if day >= local(now).date() else midnight(day + timedelta(days=1))
    return Window(midnight(day - timedelta(days=364)), end)


def _within(window: Window):
    return sa.and_(Activity.starts_at >= window.start, Activity.starts_at < window.end)


def _youth_within(window: Window, born):
    """Held in the window by someone 13–17 in the activity's calendar year."""
    low, high = YOUTH_AGES
    parts = []
    for year in range(local(window.start).year, local(window.end).year + 1):
        start = max(window.start, midnight(date(year, 1, 1)))
        end = min(window.end, midnight(date(year + 1, 1, 1)))
        if start < end:
            parts.append(
                sa.and_(
                    Activity.starts_at >= start,
                    Activity.starts_at < end,
                    born.between(year - high, year - low),
                )
            )
    return sa.or_(*parts) if parts else sa.false()


def _grouped(query, area_column, areas: Collection[int] | None):
    """All areas together (one row, under None), or one row per area of ``areas``."""
    if areas is None:
        return query.add_columns(sa.literal(None))
    return query.add_columns(area_column).where(area_column.in_(areas)).group_by(area_column)


def _sum(condition, value=1):
    return sa.func.coalesce(sa.func.sum(sa.case((condition, value), else_=0)), 0)


@dataclass(frozen=True)
class ActivityCount:
    held: int
    youth: int
    walk_ins: int


@dataclass(frozen=True)
class ParticipantCount:
    people: int
    youth: int


def activity_counts(
    windows: Sequence[Window], now: datetime, areas: Collection[int] | None = None
) -> dict[int | None, list[ActivityCount]]:
    """Activities held in each window: all, for youth, and walk-in visits at them."""
    if not windows:
        return {}
    columns = []
    for window in windows:
        within = _within(window)
        columns += [
            _sum(within),
            _sum(sa.and_(within, Activity.audience == Audience.YOUTH)),
            _sum(within, Activity.walk_ins),
        ]
    query = _grouped(
        sa.select(*columns).where(
            Activity.ends_at <= now, Activity.starts_at >= min(w.start for w in windows)
        ),
        Activity.area_id,
        areas,
    )
    counts = {}
    for row in db.session.execute(query):
        counts[row[-1]] = [
            ActivityCount(int(row[3 * i]), int(row[3 * i + 1]), int(row[3 * i + 2]))
            for i in range(len(windows))
        ]
    empty = [ActivityCount(0, 0, 0) for _ in windows]
    return {key: counts.get(key, empty) for key in (areas if areas is not None else [None])}


def participant_counts(
    windows: Sequence[Window], now: datetime, areas: Collection[int] | None = None
) -> dict[int | None, list[ParticipantCount]]:
    """Different people marked present at an activity held in each window: all, and youth."""
    if not windows:
        return {}
    born = sa.func.coalesce(Person.birth_year, Registration.child_birth_year)
    who = sa.case(
        (
            Registration.person_id.is_not(None),
            sa.literal("p").concat(sa.cast(Registration.person_id, sa.String)),
        ),
        else_=sa.literal("c")
        .concat(sa.cast(Registration.guardian_id, sa.String))
        .concat("|")
        .concat(sa.func.lower(sa.func.trim(Registration.child_name))),
    )
    columns = []
    for window in windows:
        columns += [
            sa.func.count(sa.distinct(sa.case((_within(window), who)))),
            sa.func.count(sa.distinct(sa.case((_youth_within(window, born), who)))),
        ]
    query = _grouped(
        sa.select(*columns)
        .select_from(Registration)
        .join(Activity, Registration.activity_id == Activity.id)
        .outerjoin(Person, Registration.person_id == Person.id)
        .where(
            Registration.attended.is_(True),
            Activity.ends_at <= now,
            Activity.starts_at >= min(w.start for w in windows),
        ),
        Activity.area_id,
        areas,
    )
    counts = {}
    for row in db.session.execute(query):
        counts[row[-1]] = [
            ParticipantCount(int(row[2 * i]), int(row[2 * i + 1])) for i in range(len(windows))
        ]
    empty = [ParticipantCount(0, 0) for _ in windows]
    return {key: counts.get(key, empty) for key in (areas if areas is not None else [None])}


# --- Measures an indicator can be computed from ---------------------------------------------


@dataclass(frozen=True)
class Measure:
    """A count over the last 12 months that an agreement's indicator can follow."""

    key: str
    name: object  # a lazy string
    definitions: tuple
    counts: str  # "activities" or "participants"
    field: str
    people: bool  # counts people: below 5 it is not shown

    def definition(self) -> str:
        return " ".join(str(d) for d in (LAST_12_MONTHS, *self.definitions))


MEASURES = {
    m.key: m
    for m in (
        Measure(
            "youth-activities",
            _l("Youth activities held in the last 12 months"),
            (HELD,),
            "activities",
            "youth",
            False,
        ),
        Measure(
            "activities",
            _l("Activities held in the last 12 months"),
            (HELD,),
            "activities",
            "held",
            False,
        ),
        Measure(
            "youth-participants",
            _l("Different young people (13–17) who took part in the last 12 months"),
            (PARTICIPANTS, YOUTH),
            "participants",
            "youth",
            True,
        ),
        Measure(
            "participants",
            _l("Different people who took part in the last 12 months"),
            (PARTICIPANTS,),
            "participants",
            "people",
            True,
        ),
    )
}


def measure_values(
    wanted: Sequence[tuple[Measure, int, Window]], now: datetime
) -> dict[tuple[str, int, Window], int]:
    """The value of each (measure, area id, window): at most two queries for all of them."""
    found: dict[tuple[str, int, Window], int] = {}
    for kind, query in (("activities", activity_counts), ("participants", participant_counts)):
        mine = [(m, area_id, w) for m, area_id, w in wanted if m.counts == kind]
        if not mine:
            continue
        windows = sorted({w for _, _, w in mine}, key=lambda w: (w.start, w.end))
        index = {w: i for i, w in enumerate(windows)}
        counts = query(windows, now, {area_id for _, area_id, _ in mine})
        for measure, area_id, window in mine:
            found[(measure.key, area_id, window)] = getattr(
                counts[area_id][index[window]], measure.field
            )
    return found
