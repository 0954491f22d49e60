"""Results per area and for all areas together, computed from the records (never typed in).

How things are counted (the page says the same in plain words):

- **Years** are calendar years in Swedish time; the current year is shown "so far". Beside them
  the **last 12 months** (today and the 364 days before it), so that a year's worth of
  activities shows whenever it happened.
- **Activities held**: dated activities whose end has passed; each date of a weekly series is
  one activity. **Youth activities** are those with the audience "youth".
- **Participants**: distinct people marked as attended at an activity held in the period. A
  person with an account counts once however often they came; a child signed up by a guardian
  counts once per guardian and first name. Walk-ins cannot be told apart, so they are shown as
  visits, not people. **Youth**: 13–17 years old in the activity's calendar year, from the
  birth year.
- **Change from the previous year** compares two whole calendar years (not the year so far),
  and is shown only when both counts are 5 or more.
- **Programme outcomes**: participants enrolled with consent (withdrawn ones are not counted),
  each under their latest outcome.
- **Aggregates only**: any number that counts people and is below 5 is shown as "fewer than
  5". Counts of activities and ideas are not about people and are shown as they are.

Every figure comes from a fixed number of queries however much data there is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask_babel import format_decimal, format_number, format_percent
from flask_babel import gettext as _

from app import charts
from app.agreements.services import progress
from app.clock import STOCKHOLM, local
from app.csvfile import Figure
from app.extensions import db
from app.models import Activity, Area, Audience, Idea, IdeaStatus, Person, Registration
from app.models.agreements import Agreement, AgreementStatus, Indicator
from app.models.programmes import (
    INTO_WORK_OR_STUDIES,
    Enrolment,
    Outcome,
    Programme,
    ProgrammeOutcome,
)
from app.models.util import utcnow
from app.programmes.services import OUTCOME_LABELS

MIN_PEOPLE = 5
YOUTH_AGES = (13, 17)
YEARS_SHOWN = 4
LAST_12_MONTHS = "last-12-months"


# --- Showing numbers of people ------------------------------------------------------------------


def people(count: int) -> str:
    """A count of people, or "fewer than 5" when it is below 5."""
    return format_number(count) if count >= MIN_PEOPLE else _("fewer than 5")


def x_of_y(part: int, whole: int) -> str:
    if whole < MIN_PEOPLE:
        return _("fewer than 5 participants")
    return _("%(part)s of %(whole)s", part=people(part), whole=format_number(whole))


def change(before: int | None, after: int) -> str | None:
    """The change in %, or None when either count is below 5 (or there is nothing before)."""
    if before is None or before < MIN_PEOPLE or after < MIN_PEOPLE:
        return None
    ratio = (after - before) / before
    text = format_percent(ratio, format="#,##0%")
    return "+" + text if ratio > 0 else text


# --- The same numbers as table cells: shown as above, and numbers in a spreadsheet ----------


def count_cell(count: int) -> Figure:
    return Figure(format_number(count), count)


def people_cell(count: int) -> Figure:
    """People counted: an empty spreadsheet cell with the note when fewer than 5."""
    if count < MIN_PEOPLE:
        return Figure(people(count), None, _("fewer than 5"))
    return Figure(people(count), count)


def share_cell(part: int, whole: int) -> Figure:
    """The page shows "12 of 22"; a spreadsheet gets 12, with "12 of 22" as its note."""
    text = x_of_y(part, whole)
    if whole < MIN_PEOPLE or part < MIN_PEOPLE:
        return Figure(text, None, text)
    return Figure(text, part, text)


def change_cell(before: int | None, after: int) -> Figure:
    """The change in %: the number of percent in the spreadsheet, empty when not shown."""
    shown = change(before, after)
    if shown is None:
        return Figure("–")
    return Figure(shown, round((after - before) / before * 100))


def decimal_cell(value) -> Figure:
    return Figure(format_decimal(value), value) if value is not None else Figure("–")


def _bar(label: str, count: int) -> tuple:
    """A chart bar of people: no bar, only the words, when the count is below 5."""
    if count < MIN_PEOPLE:
        return (label, None, _("fewer than 5"))
    return (label, count)


# --- Periods ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    start: datetime
    end: datetime
    year: int | None  # a calendar year; None for the last 12 months
    complete: bool


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=STOCKHOLM)


def periods(now: datetime) -> list[Period]:
    today = local(now).date()
    result = []
    for year in range(today.year - YEARS_SHOWN + 1, today.year + 1):
        current = year == today.year
        result.append(
            Period(
                str(year),
                _("%(year)d so far", year=year) if current else str(year),
                _midnight(date(year, 1, 1)),
                now if current else _midnight(date(year + 1, 1, 1)),
                year,
                not current,
            )
        )
    result.append(
        Period(
            LAST_12_MONTHS,
            _("Last 12 months"),
            _midnight(today - timedelta(days=364)),
            now,
            None,
            False,
        )
    )
    return result


def _within(period: Period):
    return sa.and_(Activity.starts_at >= period.start, Activity.starts_at < period.end)


def _youth_within(period: Period, born):
    """Held in the period by someone 13–17 in the activity's calendar year."""
    low, high = YOUTH_AGES
    parts = []
    for year in range(period.start.year, local(period.end).year + 1):
        start = max(period.start, _midnight(date(year, 1, 1)))
        end = min(period.end, _midnight(date(year + 1, 1, 1)))
        if start < end:
            parts.append(
                sa.and_(
                    Activity.starts_at >= start,
                    Activity.starts_at < end,
                    born.between(year - high, year - low),
                )
            )
    return sa.or_(*parts)


# --- The figures --------------------------------------------------------------------------------


@dataclass
class Table:
    key: str
    title: str
    header: list[str]
    rows: list[list[str | Figure]]
    chart: object = None


@dataclass
class ProgrammeResult:
    programme: Programme
    enrolled: int
    by_outcome: dict[Outcome, int]

    @property
    def into_work_or_studies(self) -> int:
        return sum(n for outcome, n in self.by_outcome.items() if outcome in INTO_WORK_OR_STUDIES)

    @property
    def with_outcome(self) -> int:
        return sum(self.by_outcome.values())


@dataclass
class Results:
    area: Area | None
    periods: list[Period]
    ideas: dict[str, int]
    activities: dict[str, dict[str, int]]
    participants: dict[str, dict[str, int]]
    programmes: list[ProgrammeResult]
    indicators: list[Indicator] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    highlights: list[str] = field(default_factory=list)

    def table(self, key: str) -> Table | None:
        return next((t for t in self.tables if t.key == key), None)


def _area_filter(column, area: Area | None):
    return sa.true() if area is None else column == area.id


def _ideas(area: Area | None) -> dict[str, int]:
    row = db.session.execute(
        sa.select(
            sa.func.count(Idea.id),
            sa.func.coalesce(sa.func.sum(sa.case((Idea.published_at.is_not(None), 1), else_=0)), 0),
            sa.func.coalesce(sa.func.sum(sa.case((Idea.status == IdeaStatus.DONE, 1), else_=0)), 0),
        ).where(_area_filter(Idea.area_id, area))
    ).one()
    return {"proposed": int(row[0]), "published": int(row[1]), "done": int(row[2])}


def _activities(area: Area | None, all_periods: list[Period], now: datetime) -> dict:
    columns = []
    for period in all_periods:
        within = _within(period)
        youth = sa.and_(within, Activity.audience == Audience.YOUTH)
        columns += [
            sa.func.coalesce(sa.func.sum(sa.case((within, 1), else_=0)), 0),
            sa.func.coalesce(sa.func.sum(sa.case((youth, 1), else_=0)), 0),
            sa.func.coalesce(sa.func.sum(sa.case((within, Activity.walk_ins), else_=0)), 0),
        ]
    row = db.session.execute(
        sa.select(*columns).where(
            _area_filter(Activity.area_id, area),
            Activity.ends_at <= now,
            Activity.starts_at >= min(p.start for p in all_periods),
        )
    ).one()
    return {
        period.key: {
            "held": int(row[3 * i]),
            "youth": int(row[3 * i + 1]),
            "walk_ins": int(row[3 * i + 2]),
        }
        for i, period in enumerate(all_periods)
    }


def _participants(area: Area | None, all_periods: list[Period], now: datetime) -> dict:
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
    for period in all_periods:
        columns += [
            sa.func.count(sa.distinct(sa.case((_within(period), who)))),
            sa.func.count(sa.distinct(sa.case((_youth_within(period, born), who)))),
        ]
    row = db.session.execute(
        sa.select(*columns)
        .select_from(Registration)
        .join(Activity, Registration.activity_id == Activity.id)
        .outerjoin(Person, Registration.person_id == Person.id)
        .where(
            Registration.attended.is_(True),
            _area_filter(Activity.area_id, area),
            Activity.ends_at <= now,
            Activity.starts_at >= min(p.start for p in all_periods),
        )
    ).one()
    return {
        period.key: {"people": int(row[2 * i]), "youth": int(row[2 * i + 1])}
        for i, period in enumerate(all_periods)
    }


def _programmes(area: Area | None) -> list[ProgrammeResult]:
    active = sa.and_(Enrolment.person_id.is_not(None), Enrolment.withdrawn_at.is_(None))
    enrolled = (
        sa.select(Enrolment.programme_id, sa.func.count().label("n"))
        .where(active)
        .group_by(Enrolment.programme_id)
        .subquery()
    )
    rows = db.session.execute(
        sa.select(Programme, sa.func.coalesce(enrolled.c.n, 0))
        .outerjoin(enrolled, enrolled.c.programme_id == Programme.id)
        .where(_area_filter(Programme.area_id, area))
        .options(so.joinedload(Programme.area))
        .order_by(Programme.area_id, Programme.name, Programme.id)
    ).all()
    ranked = sa.select(
        ProgrammeOutcome.enrolment_id,
        ProgrammeOutcome.outcome,
        sa.func.row_number()
        .over(
            partition_by=ProgrammeOutcome.enrolment_id,
            order_by=(ProgrammeOutcome.on.desc(), ProgrammeOutcome.id.desc()),
        )
        .label("rank"),
    ).subquery()
    latest = db.session.execute(
        sa.select(Enrolment.programme_id, ranked.c.outcome, sa.func.count())
        .join(ranked, ranked.c.enrolment_id == Enrolment.id)
        .join(Programme, Programme.id == Enrolment.programme_id)
        .where(active, ranked.c.rank == 1, _area_filter(Programme.area_id, area))
        .group_by(Enrolment.programme_id, ranked.c.outcome)
    ).all()
    counts: dict[int, dict[Outcome, int]] = {}
    for programme_id, outcome, n in latest:
        counts.setdefault(programme_id, {})[Outcome(outcome)] = int(n)
    return [
        ProgrammeResult(programme, int(n), counts.get(programme.id, {})) for programme, n in rows
    ]


def _indicators(area: Area | None) -> list[Indicator]:
    """Indicators of the agreements that are public (active or ended), with their measurements."""
    return list(
        db.session.scalars(
            sa.select(Indicator)
            .join(Agreement, Indicator.agreement_id == Agreement.id)
            .where(Agreement.status != AgreementStatus.DRAFT, _area_filter(Agreement.area_id, area))
            .options(
                so.joinedload(Indicator.agreement).joinedload(Agreement.area),
                so.selectinload(Indicator.measurements),
            )
            .order_by(Agreement.area_id, Agreement.id, Indicator.id)
        )
    )


def compute(area: Area | None, now: datetime | None = None) -> Results:
    now = now or utcnow()
    all_periods = periods(now)
    results = Results(
        area=area,
        periods=all_periods,
        ideas=_ideas(area),
        activities=_activities(area, all_periods, now),
        participants=_participants(area, all_periods, now),
        programmes=_programmes(area),
        indicators=_indicators(area),
    )
    results.tables = _tables(results)
    results.highlights = _highlights(results)
    return results


def _highlights(results: Results) -> list[str]:
    """The headline figures, in words, at the top of the page."""
    lines = []
    last_12 = results.activities[LAST_12_MONTHS]["youth"]
    if last_12:
        lines.append(
            _(
                "%(count)s youth activities held in the last 12 months.",
                count=format_number(last_12),
            )
        )
    years = [p for p in results.periods if p.complete]
    if len(years) >= 2:
        before, after = (results.participants[p.key]["youth"] for p in years[-2:])
        shown = change(before, after)
        if shown is not None:
            lines.append(
                _(
                    "%(after)s different young people (13–17) took part in %(year)d: "
                    "%(change)s from %(before)s in %(previous)d.",
                    after=people(after),
                    year=years[-1].year,
                    change=shown,
                    before=people(before),
                    previous=years[-2].year,
                )
            )
    for result in results.programmes:
        if result.enrolled < MIN_PEOPLE:
            continue
        line = _(
            "%(programme)s: %(figure)s into work, an internship, studies or their own business.",
            programme=result.programme.name,
            figure=x_of_y(result.into_work_or_studies, result.enrolled),
        )
        cooperative = result.by_outcome.get(Outcome.PLANNING_COOPERATIVE, 0)
        if cooperative:
            line += " " + _(
                "%(figure)s more planning a cooperative.",
                figure=x_of_y(cooperative, result.enrolled),
            )
        lines.append(line)
    return lines


# --- Tables (the page, the CSV files and the charts show the same figures) -----------------------


def _chart(title: str, bars: list[tuple], **kwargs):
    """A bar chart, or None when there is nothing to draw (no bars, or every one empty)."""
    if not any(bar[1] for bar in bars):
        return None
    return charts.bar_chart(title, bars, **kwargs)


def _tables(results: Results) -> list[Table]:
    years = [p for p in results.periods if p.year is not None]
    ideas = results.ideas
    tables = [
        Table(
            "ideas",
            _("Ideas"),
            [_("Proposed"), _("Published"), _("Done")],
            [
                [
                    count_cell(ideas["proposed"]),
                    count_cell(ideas["published"]),
                    count_cell(ideas["done"]),
                ]
            ],
            _chart(
                _("Ideas"),
                [
                    (_("Proposed"), ideas["proposed"]),
                    (_("Published"), ideas["published"]),
                    (_("Done"), ideas["done"]),
                ],
            ),
        )
    ]
    activity_rows = []
    for period in results.periods:
        figures = results.activities[period.key]
        activity_rows.append(
            [
                period.label,
                count_cell(figures["held"]),
                count_cell(figures["youth"]),
                people_cell(figures["walk_ins"]),
            ]
        )
    tables.append(
        Table(
            "activities",
            _("Activities held"),
            [_("Period"), _("Held"), _("For youth"), _("Walk-in visits")],
            activity_rows,
            _chart(
                _("Activities held per year"),
                [(p.label, results.activities[p.key]["held"]) for p in years],
            ),
        )
    )
    participant_rows = []
    previous = None
    for period in results.periods:
        figures = results.participants[period.key]
        before = previous if period.complete else None
        participant_rows.append(
            [
                period.label,
                people_cell(figures["people"]),
                change_cell(before["people"], figures["people"]) if before else Figure("–"),
                people_cell(figures["youth"]),
                change_cell(before["youth"], figures["youth"]) if before else Figure("–"),
            ]
        )
        if period.year is not None:
            previous = figures
    tables.append(
        Table(
            "participants",
            _("Participants"),
            [_("Period"), _("People"), _("Change"), _("Youth 13–17"), _("Change")],
            participant_rows,
            _chart(
                _("Distinct youth participants per year"),
                [_bar(p.label, results.participants[p.key]["youth"]) for p in years],
            ),
        )
    )
    programme_rows = []
    for result in results.programmes:
        whole = result.enrolled
        name = result.programme.name
        if results.area is None:
            name = f"{name} ({result.programme.area.name})"
        programme_rows.append([name, _("Enrolled with consent"), people_cell(whole)])
        programme_rows.append(
            [
                name,
                _("Work, internship, studies or own business"),
                share_cell(result.into_work_or_studies, whole),
            ]
        )
        programme_rows += [
            [name, str(OUTCOME_LABELS[o]), share_cell(result.by_outcome.get(o, 0), whole)]
            for o in Outcome
        ]
    tables.append(
        Table(
            "programmes",
            _("Programme outcomes"),
            [_("Programme"), _("Outcome (the latest)"), _("Participants")],
            programme_rows,
            _chart(
                _("Participants in work, an internship, studies or their own business"),
                [_bar(r.programme.name, r.into_work_or_studies) for r in results.programmes],
            )
            if results.programmes
            else None,
        )
    )
    indicator_rows = []
    bars = []
    for indicator in results.indicators:
        state = progress(indicator)
        name = indicator.name + (f" ({indicator.unit})" if indicator.unit else "")
        shown = "–" if state.shown_percent is None else f"{state.shown_percent} %"
        indicator_rows.append(
            [
                f"{name} – {indicator.agreement.title}",
                decimal_cell(indicator.baseline_value),
                decimal_cell(state.latest.value if state.latest else None),
                decimal_cell(indicator.target_value),
                Figure(shown, state.shown_percent),
            ]
        )
        bars.append((indicator.name, state.shown_percent, shown))
    tables.append(
        Table(
            "indicators",
            _("Indicators of the agreements"),
            [
                _("Indicator and agreement"),
                _("Baseline"),
                _("Latest"),
                _("Target"),
                _("Of the way to the target"),
            ],
            indicator_rows,
            _chart(_("Progress towards each target"), bars, unit="%"),
        )
    )
    return tables
