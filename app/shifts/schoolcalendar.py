"""Each area's school calendar: its school-free periods per calendar year.

The rules for minors (:mod:`app.minors`) need to know which days are school days. Term
dates and breaks differ between municipalities (sportlov is week 7, 8, 9 or 10 depending on
the region), so a leader can set the area's school-free periods for a year; years with no
periods use :func:`app.minors.default_calendar`. A year set by the leader is complete: every
weekday of it outside the listed periods is a school day.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app import minors
from app.areas.services import is_leader
from app.extensions import db
from app.models import Area, Person
from app.models.audit import record
from app.models.schoolcalendar import PERIOD_NAME_MAX, SchoolFreePeriod
from app.refusals import Refused

MAX_PERIODS = 60
YEARS_AHEAD = 3
# "2027-02-22–2027-02-28 Sportlov" (en dash, em dash, hyphen or ".." between the dates).
LINE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*(?:–|—|-|\.\.)\s*(\d{4}-\d{2}-\d{2})(?:\s+(.*))?$")

Period = tuple[date, date, str]


def default_periods(year: int) -> list[Period]:
    """The school-free weekdays of :func:`app.minors.default_calendar` for ``year``, as
    named periods (weekends are always school-free and need no period)."""
    calendar = minors.default_calendar(year)
    (spring_start, spring_end), (autumn_start, autumn_end) = sorted(calendar.terms)
    sunday = minors.easter(year)
    ascension = sunday + timedelta(days=39)
    sports = date.fromisocalendar(year, 8, 1)
    autumn = date.fromisocalendar(year, 44, 1)
    periods = [
        (date(year, 1, 1), spring_start - timedelta(days=1), str(_l("Christmas break"))),
        (sports, sports + timedelta(days=6), str(_l("Sports break"))),
        (sunday - timedelta(days=2), sunday + timedelta(days=5), str(_l("Easter break"))),
        (date(year, 5, 1), date(year, 5, 1), str(_l("1 May"))),
        (ascension, ascension, str(_l("Ascension Day"))),
        (date(year, 6, 6), date(year, 6, 6), str(_l("National Day of Sweden"))),
        (
            spring_end + timedelta(days=1),
            autumn_start - timedelta(days=1),
            str(_l("Summer holiday")),
        ),
        (autumn, autumn + timedelta(days=6), str(_l("Autumn break"))),
        (autumn_end + timedelta(days=1), date(year, 12, 31), str(_l("Christmas break"))),
    ]
    return sorted(periods)


def periods(area: Area, year: int) -> list[Period]:
    """The area's own periods for ``year`` (empty: the defaults apply)."""
    rows = db.session.scalars(
        sa.select(SchoolFreePeriod)
        .where(SchoolFreePeriod.area_id == area.id, SchoolFreePeriod.year == year)
        .order_by(SchoolFreePeriod.starts_on, SchoolFreePeriod.id)
    )
    return [(row.starts_on, row.ends_on, row.name) for row in rows]


def as_text(rows: list[Period]) -> str:
    return "\n".join(
        f"{start.isoformat()}–{end.isoformat()} {name}".rstrip() for start, end, name in rows
    )


def _year_calendar(year: int, rows: list[Period]) -> minors.SchoolCalendar:
    """School on every weekday of ``year`` outside ``rows``. The longest period starting in
    May–August is the summer holiday (it ends the school year: see
    :func:`app.minors.compulsory_school_finished`)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    summers = [(end - start, start, end) for start, end, _ in rows if 5 <= start.month <= 8]
    if summers:
        _, start, end = max(summers)
        terms = ((first, start - timedelta(days=1)), (end + timedelta(days=1), last))
    else:
        terms = ((first, last),)
    return minors.SchoolCalendar(
        terms=terms,
        breaks=tuple((start, end) for start, end, _ in rows),
        years=frozenset({year}),
    )


def area_calendar(area_id: int) -> minors.SchoolCalendar | None:
    """The area's school calendar for the rules for minors; ``None`` if the area has set no
    year (then :func:`app.minors.check` uses the defaults for every year)."""
    rows = db.session.execute(
        sa.select(
            SchoolFreePeriod.year,
            SchoolFreePeriod.starts_on,
            SchoolFreePeriod.ends_on,
            SchoolFreePeriod.name,
        ).where(SchoolFreePeriod.area_id == area_id)
    ).all()
    by_year: dict[int, list[Period]] = defaultdict(list)
    for year, start, end, name in rows:
        by_year[year].append((start, end, name))
    calendar = None
    for year in sorted(by_year):
        one = _year_calendar(year, by_year[year])
        calendar = one if calendar is None else calendar + one
    return calendar


def parse(text: str, year: int) -> list[Period]:
    """One period per line, ``YYYY-MM-DD–YYYY-MM-DD name``; every date inside ``year``."""
    rows: list[Period] = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        match = LINE.match(line)
        if match is None:
            raise Refused(
                _l(
                    "Line %(line)d: write one period per line as YYYY-MM-DD–YYYY-MM-DD and a name.",
                    line=number,
                ),
                422,
            )
        try:
            start, end = date.fromisoformat(match[1]), date.fromisoformat(match[2])
        except ValueError:
            raise Refused(
                _l("Line %(line)d: that date does not exist.", line=number), 422
            ) from None
        if end < start:
            raise Refused(
                _l(
                    "Line %(line)d: the period must end on or after the day it starts.", line=number
                ),
                422,
            )
        if start.year != year or end.year != year:
            raise Refused(
                _l(
                    "Line %(line)d: every date must be in %(year)d (a break over New Year is two periods, one in each year).",
                    line=number,
                    year=year,
                ),
                422,
            )
        name = (match[3] or "").strip()
        if len(name) > PERIOD_NAME_MAX:
            raise Refused(
                _l(
                    "Line %(line)d: keep the name to at most %(max)d characters.",
                    line=number,
                    max=PERIOD_NAME_MAX,
                ),
                422,
            )
        rows.append((start, end, name))
    if len(rows) > MAX_PERIODS:
        raise Refused(_l("At most %(max)d periods a year.", max=MAX_PERIODS), 422)
    return sorted(rows)


def years_to_edit(today: date) -> list[int]:
    return list(range(today.year - 1, today.year + YEARS_AHEAD))


def save(area: Area, by: Person, year: int, text: str) -> list[Period]:
    """Replace the area's periods for ``year``; an empty text returns the year to the
    defaults."""
    if not is_leader(by, area):
        raise Refused(_l("Only the area's process leaders set the school calendar."), 403)
    rows = parse(text, year)
    db.session.execute(
        sa.delete(SchoolFreePeriod).where(
            SchoolFreePeriod.area_id == area.id, SchoolFreePeriod.year == year
        )
    )
    for start, end, name in rows:
        db.session.add(
            SchoolFreePeriod(area_id=area.id, year=year, starts_on=start, ends_on=end, name=name)
        )
    record(by.id, "set_school_calendar", area.id, f"year {year}: {len(rows)} periods")
    db.session.commit()
    return rows
