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
from datetime import date, datetime

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask_babel import format_date, format_decimal, format_number, format_percent
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app import charts
from app.agreements.readings import Reading, computed_values, measure_of, readings, wanted_values
from app.agreements.services import progress
from app.clock import local
from app.csvfile import Figure
from app.extensions import db
from app.models import Area, Idea, IdeaStatus
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
from app.results import measures, summaries

MIN_PEOPLE = measures.MIN_PEOPLE
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
    window: measures.Window
    year: int | None  # a calendar year; None for the last 12 months
    complete: bool


def periods(now: datetime) -> list[Period]:
    today = local(now).date()
    result = []
    for year in range(today.year - YEARS_SHOWN + 1, today.year + 1):
        current = year == today.year
        start = measures.midnight(date(year, 1, 1))
        end = now if current else measures.midnight(date(year + 1, 1, 1))
        result.append(
            Period(
                str(year),
                _("%(year)d so far", year=year) if current else str(year),
                measures.Window(start, end),
                year,
                not current,
            )
        )
    result.append(
        Period(
            LAST_12_MONTHS,
            _("Last 12 months"),
            measures.last_12_months(today, now),
            None,
            False,
        )
    )
    return result


# --- The figures --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A column or row heading with the numbers of the footnotes that define it."""

    text: str
    notes: tuple[int, ...] = ()

    def __str__(self) -> str:
        return self.text


@dataclass
class Table:
    key: str
    title: str
    header: list[str | Heading]
    rows: list[list[str | Heading | Figure]]
    chart: object = None
    notes: list[str] = field(default_factory=list)  # footnote 1 first

    def note(self, text) -> int:
        """The footnote's number, added once however many figures it defines."""
        text = str(text)
        if text not in self.notes:
            self.notes.append(text)
        return self.notes.index(text) + 1

    def note_id(self, number: int) -> str:
        return f"note-{self.key}-{number}"


@dataclass(frozen=True)
class Highlight:
    text: str
    note: str | None = None  # the id of the footnote that defines it


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
    readings: dict[int, list[Reading]] = field(default_factory=dict)
    counted_at: datetime | None = None  # when activities and participants were counted
    tables: list[Table] = field(default_factory=list)
    highlights: list[Highlight] = field(default_factory=list)

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


def _counts(area: Area | None, all_periods: list[Period], now: datetime) -> tuple[dict, dict]:
    windows = [p.window for p in all_periods]
    key = None if area is None else area.id
    areas = None if area is None else [area.id]
    activities = measures.activity_counts(windows, now, areas)[key]
    participants = measures.participant_counts(windows, now, areas)[key]
    return (
        {p.key: vars(count) for p, count in zip(all_periods, activities, strict=True)},
        {p.key: vars(count) for p, count in zip(all_periods, participants, strict=True)},
    )


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


def count(area: Area | None, now: datetime) -> dict:
    """The slow part of a results page, as plain data to keep (``summaries``): activities and
    participants per period, and the values of the indicators computed from the app."""
    activities, participants = _counts(area, periods(now), now)
    wanted = wanted_values(_indicators(area), local(now).date())
    values = computed_values(wanted, now)
    return {
        "activities": activities,
        "participants": participants,
        "measures": [
            [key, area_id, day.isoformat(), value] for (key, area_id, day), value in values.items()
        ],
    }


def refresh_summaries(now: datetime | None = None) -> int:
    """Count every results page afresh (the worker's ``count-results`` task)."""
    return summaries.refresh(now or utcnow(), count)


def compute(area: Area | None, now: datetime | None = None) -> Results:
    counted_at, figures = summaries.counts(area, now or utcnow(), count)
    indicators = _indicators(area)
    known = {
        (key, area_id, date.fromisoformat(day)): value
        for key, area_id, day, value in figures["measures"]
    }
    results = Results(
        area=area,
        periods=periods(counted_at),
        ideas=_ideas(area),
        activities=figures["activities"],
        participants=figures["participants"],
        programmes=_programmes(area),
        indicators=indicators,
        readings=readings(indicators, counted_at, known),
        counted_at=counted_at,
    )
    results.tables = _tables(results)
    results.highlights = _highlights(results)
    return results


def _highlights(results: Results) -> list[Highlight]:
    """The headline figures, in words, at the top of the page, each with its definition."""
    lines = []
    activities = results.table("activities")
    last_12 = results.activities[LAST_12_MONTHS]["youth"]
    if last_12:
        lines.append(
            Highlight(
                _(
                    "%(count)s youth activities held in the last 12 months.",
                    count=format_number(last_12),
                ),
                activities.note_id(activities.note(measures.HELD)),
            )
        )
    participants = results.table("participants")
    years = [p for p in results.periods if p.complete]
    if len(years) >= 2:
        before, after = (results.participants[p.key]["youth"] for p in years[-2:])
        shown = change(before, after)
        if shown is not None:
            lines.append(
                Highlight(
                    _(
                        "%(after)s different young people (13–17) took part in %(year)d: "
                        "%(change)s from %(before)s in %(previous)d.",
                        after=people(after),
                        year=years[-1].year,
                        change=shown,
                        before=people(before),
                        previous=years[-2].year,
                    ),
                    participants.note_id(participants.note(measures.PARTICIPANTS)),
                )
            )
    programmes = results.table("programmes")
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
        lines.append(Highlight(line, programmes.note_id(programmes.note(PROGRAMMES))))
    return lines


# --- Tables (the page, the CSV files and the charts show the same figures) -----------------------

# The definitions that only the results page uses (the shared ones are in measures).
PERIODS = _l(
    "A year is a calendar year in Swedish time; this year is counted so far. “Last 12 months” "
    "is today and the 364 days before."
)
IDEAS = _l(
    "Proposed: every idea sent in, also those not published. Published: shown to residents "
    "after a process leader's check. Done: carried out, as marked by a process leader."
)
WALK_INS = _l(
    "Walk-in visits: people who came without signing up, as counted at the door. They cannot "
    "be told apart, so they are visits, not people."
)
CHANGE = _l(
    "The change is from the year before, in percent, and compares two whole calendar years."
)
PROGRAMMES = _l(
    "Programme outcomes count participants who consented and have not withdrawn, each under "
    "their latest outcome."
)
INDICATORS = _l(
    "Progress is the share of the way from the baseline to the target. Each indicator's "
    "footnote says where its values come from."
)


def _chart(title: str, bars: list[tuple], **kwargs):
    """A bar chart, or None when there is nothing to draw (no bars, or every one empty)."""
    if not any(bar[1] for bar in bars):
        return None
    return charts.bar_chart(title, bars, **kwargs)


def _tables(results: Results) -> list[Table]:
    return [
        _ideas_table(results),
        _activities_table(results),
        _participants_table(results),
        _programmes_table(results),
        _indicators_table(results),
    ]


def _ideas_table(results: Results) -> Table:
    ideas = results.ideas
    table = Table("ideas", _("Ideas"), [], [])
    defined = (table.note(IDEAS),)
    table.header = [
        Heading(_("Proposed"), defined),
        Heading(_("Published"), defined),
        Heading(_("Done"), defined),
    ]
    table.rows = [
        [count_cell(ideas["proposed"]), count_cell(ideas["published"]), count_cell(ideas["done"])]
    ]
    table.chart = _chart(
        _("Ideas"),
        [
            (_("Proposed"), ideas["proposed"]),
            (_("Published"), ideas["published"]),
            (_("Done"), ideas["done"]),
        ],
    )
    return table


def _activities_table(results: Results) -> Table:
    table = Table("activities", _("Activities held"), [], [])
    period = table.note(PERIODS)
    held = table.note(measures.HELD)
    table.header = [
        Heading(_("Period"), (period,)),
        Heading(_("Held"), (held,)),
        Heading(_("For youth"), (held,)),
        Heading(_("Walk-in visits"), (table.note(WALK_INS),)),
    ]
    for period in results.periods:
        figures = results.activities[period.key]
        table.rows.append(
            [
                period.label,
                count_cell(figures["held"]),
                count_cell(figures["youth"]),
                people_cell(figures["walk_ins"]),
            ]
        )
    years = [p for p in results.periods if p.year is not None]
    table.chart = _chart(
        _("Activities held per year"),
        [(p.label, results.activities[p.key]["held"]) for p in years],
    )
    return table


def _participants_table(results: Results) -> Table:
    table = Table("participants", _("Participants"), [], [])
    period = table.note(PERIODS)
    who = table.note(measures.PARTICIPANTS)
    changed = table.note(CHANGE)
    table.header = [
        Heading(_("Period"), (period,)),
        Heading(_("People"), (who,)),
        Heading(_("Change"), (changed,)),
        Heading(_("Youth 13–17"), (who, table.note(measures.YOUTH))),
        Heading(_("Change"), (changed,)),
    ]
    previous = None
    for period in results.periods:
        figures = results.participants[period.key]
        before = previous if period.complete else None
        table.rows.append(
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
    years = [p for p in results.periods if p.year is not None]
    table.chart = _chart(
        _("Distinct youth participants per year"),
        [_bar(p.label, results.participants[p.key]["youth"]) for p in years],
    )
    return table


def _programmes_table(results: Results) -> Table:
    table = Table("programmes", _("Programme outcomes"), [], [])
    defined = (table.note(PROGRAMMES),)
    table.header = [
        _("Programme"),
        Heading(_("Outcome (the latest)"), defined),
        Heading(_("Participants"), defined),
    ]
    for result in results.programmes:
        whole = result.enrolled
        name = result.programme.name
        if results.area is None:
            name = f"{name} ({result.programme.area.name})"
        table.rows.append([name, _("Enrolled with consent"), people_cell(whole)])
        table.rows.append(
            [
                name,
                _("Work, internship, studies or own business"),
                share_cell(result.into_work_or_studies, whole),
            ]
        )
        table.rows += [
            [name, str(OUTCOME_LABELS[o]), share_cell(result.by_outcome.get(o, 0), whole)]
            for o in Outcome
        ]
    if results.programmes:
        table.chart = _chart(
            _("Participants in work, an internship, studies or their own business"),
            [_bar(r.programme.name, r.into_work_or_studies) for r in results.programmes],
        )
    return table


def indicator_source(indicator: Indicator, values: list[Reading]) -> str:
    """Where an indicator's values come from, in words: its footnote."""
    measure = measure_of(indicator)
    if measure is not None:
        return _(
            "%(indicator)s: computed by Grannlabb from its records since %(date)s – "
            "%(measure)s. %(definition)s",
            indicator=indicator.name,
            date=format_date(indicator.measured_from),
            measure=measure.name,
            definition=measure.definition(),
        )
    latest = values[-1] if values else None
    if latest is None:
        return _(
            "%(indicator)s: entered by leaders and partners; no value yet.",
            indicator=indicator.name,
        )
    return _(
        "%(indicator)s: entered by leaders and partners; the latest, of %(date)s, from: %(source)s",
        indicator=indicator.name,
        date=format_date(latest.measured_on),
        source=latest.source,
    )


def _indicators_table(results: Results) -> Table:
    table = Table("indicators", _("Indicators of the agreements"), [], [])
    table.header = [
        _("Indicator and agreement"),
        _("Baseline"),
        _("Latest"),
        _("Target"),
        Heading(_("Of the way to the target"), (table.note(INDICATORS),)),
    ]
    bars = []
    for indicator in results.indicators:
        values = results.readings[indicator.id]
        state = progress(indicator, values)
        name = indicator.name + (f" ({indicator.unit})" if indicator.unit else "")
        shown = "–" if state.shown_percent is None else f"{state.shown_percent} %"
        latest = state.latest.value if state.latest else None
        table.rows.append(
            [
                Heading(
                    f"{name} – {indicator.agreement.title}",
                    (table.note(indicator_source(indicator, values)),),
                ),
                decimal_cell(indicator.baseline_value),
                decimal_cell(latest)
                if latest is not None or state.latest is None
                else people_cell(0),
                decimal_cell(indicator.target_value),
                Figure(shown, state.shown_percent),
            ]
        )
        bars.append((indicator.name, state.shown_percent, shown))
    table.chart = _chart(_("Progress towards each target"), bars, unit="%")
    return table
