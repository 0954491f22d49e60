"""Working-time rules for minors (under 18), in one place, with the source of every number.

Pure Python, no database: callers pass the person's birth year, the shifts and jobs that
person already has (from every workplace and summer job: the rules add them together), the
new shift, and the school calendar of the area. :func:`check` returns the rules the new
shift would break, each as a :class:`Violation` with a stable ``code`` and a translated
message naming the rule.

Sources
=======
Legal basis: arbetsmiljölagen (1977:1160) 5 kap. 2–3 §§ (minors may not be employed before
they are 16 and have finished compulsory school, except for light work from 13; working
time of minors is regulated by the Work Environment Authority's provisions). Cited from
memory — re-check the section numbers.

The numbers come from Arbetsmiljöverket's provisions on minors' working environment:

* **AFS 2012:3** "Minderårigas arbetsmiljö" (in force until 2024-12-31; amended by AFS
  2014:42 and AFS 2018:8), and
* **AFS 2023:2** "Planering och organisering av arbetsmiljöarbete – grundläggande
  skyldigheter för dig med arbetsgivaransvar", in force 2025-01-01, when AFS 2012:3 was
  repealed and Arbetsmiljöverket re-sorted its 67 old provisions into 15 new ones (av.se,
  page on AFS 2012:3, verified); its "paragrafnyckel" maps each old section to its new
  chapter and section. That the minors' numbers were carried over unchanged matches AV's
  current guidance below, but the new chapter/section numbers are not verified.

Age groups, as Arbetsmiljöverket defines them (AFS 2012:3, definitions section; the same
terms on av.se "Arbetstider för minderåriga"):

* *yngre barn* – under 13;
* *äldre barn* – 13 or older but not yet *ungdom* (in practice 13–15, still in
  compulsory school);
* *ungdom* – has finished compulsory school (grundskolan, "nian") **and** turns at least
  16 during the current calendar year, but is not yet 18.

What has been checked, and what the team must re-check
------------------------------------------------------
Verified against Arbetsmiljöverket's own current web guidance (av.se, "Arbetstider för
minderåriga", page for employers of minors, 2025) and its guidance booklet to AFS 2012:3
("Minderårigas arbetsmiljö – vägledning", summary table; read in a third-party copy, so
the ungdom numbers rest on that copy and AV's older page):

* the age groups above;
* äldre barn: no work 20:00–06:00; at most 2 h per school day, 7 h per school-free day,
  12 h per school week; in a school holiday of at least one week at most 7 h a day and
  35 h a week;
* ungdom: at most 8 h a day and 40 h a week; work placed between 06:00 and 22:00
  (the rules allow 07:00–23:00 as an alternative; this module uses the stricter 22:00);
* working time with several employers is added together;
* no minor works between 00:00 and 05:00 (covered by both night windows here);
* every minor has a continuous break of at least 30 minutes after at most 4.5 hours of
  work (av.se: "en sammanhängande rast på minst 30 minuter senast efter fyra och en halv
  timmes arbete");
* nightly rest (dygnsvila) of at least 14 consecutive hours for äldre barn and 12 for
  ungdom (av.se, the age-group list; the guidance table: "Nattvila 14 timmar 14 timmar
  12 timmar");
* weekly rest (veckovila): a rest period of at least two days in every seven-day period,
  "the continuous time off may not be shorter than 36 hours" (av.se);
* four consecutive weeks free from work in the summer holiday (äldre barn) — **not**
  enforced here: it needs the whole summer's schedule, which the sign-up does not see.

How the schedule decides breaks and rest (:func:`_rest_violations`), over every shift and
summer-job shift of the person in every workplace:

* *Break.* Shifts with less than 30 minutes between them are one stretch of work; a
  stretch of two or more shifts longer than 4.5 hours is refused. A single shift longer
  than 4.5 hours is taken to hold its own break (a shift has no break field, so the
  schedule cannot tell); the shift form and the workplace's supervisor plan that break.
* *Nightly rest.* In every 24-hour window that touches the new shift, the longest time
  without work must be at least 14 h (äldre barn) or 12 h (ungdom).
* *Weekly rest.* In every 7-day window that touches the new shift, the longest time
  without work must be at least 36 h. Windows are tried from the start, and up to the end,
  of each stretch of work nearby: the shortest longest rest is found at one of them.

**Re-check (not verified from the text of the provisions themselves):**

1. *Section numbers.* The guidance booklet to AFS 2012:3 (summary table) cites AFS 2012:3
   **17 §** for the break of äldre barn and **11 §** for the break of ungdom, and **21 §**
   for the exemptions from the night-rest rule; the sections of the hour limits, the
   nightly rest and the weekly rest are *not* cited in any source read, and the section
   numbers named in the messages are *approximate*. **Unverified:** every chapter and
   section number in AFS 2023:2 — the paragrafnyckel that maps AFS 2012:3 to the new
   structure was not readable with the tools at hand (searched 2026-12-04: av.se's page on
   AFS 2012:3 names the key but its table was not in the stored pages). The messages
   therefore name "the Swedish Work Environment Authority's rules for minors" without a
   section; look the numbers up in the paragrafnyckel before quoting them to anyone.
2. *Holidays from age 15* (8 h/day, 40 h/week) is in the issue text and in EU directive
   94/33/EC art. 8.1 b, which *allows* member states to raise the holiday limits for
   children of 15. Arbetsmiljöverket's own current page gives 7 h/35 h for all äldre barn,
   with no exception at 15. Until someone checks the provision, the raise is behind
   :data:`RAISE_HOLIDAY_LIMITS_AT_15`; setting it to ``False`` is the safe choice.
3. *Under 13.* The provisions allow yngre barn some very light work (e.g. within the
   family). The app is stricter on purpose: no work at all under 13 (also DESIGN §5: no
   account under 13).

How age is decided from the birth year alone
============================================
The app stores only the birth year (never the date of birth). Rules:

* ``age = shift year − birth year`` — the age the person reaches *during* that calendar
  year, the same convention as ``Person.age_this_year`` and the sign-up rule
  (``app.auth.services.MIN_AGE``). So the person counts as 13 from 1 January of the year
  they turn 13, and as 15 from 1 January of the year they turn 15. This can admit someone
  up to a year before their birthday; the team should confirm this is acceptable.
* **Compulsory school finished** from the first day of the summer holiday (the day after
  the spring term ends in the area's calendar) of the year they turn 16, and in every
  later year. Swedish compulsory school ends in June of that year. Someone who finishes
  later (e.g. a repeated year) is not known to the app; the caller can mark that by
  passing ``school_finished=False`` to :func:`check`.
* **Ungdom** = compulsory school finished as above (which implies turning 16 that year).
* **Adult**: the minors' rules stop from 1 January of the year *after* the year they turn
  18 — during the year they turn 18 they may still be 17, so the stricter reading is
  kept. Only the overlap rule applies to adults.

Days and weeks
==============
All times are Europe/Stockholm. A shift crossing midnight counts on each calendar day for
the hours it has on that day (real elapsed time, so DST days are right). A week is the ISO
week, Monday–Sunday. A *holiday week* is an ISO week with no school day in it (the holiday
limits are for school holidays of at least one week); in a week with at least one school
day the school-week limits apply, and its days without school are *school-free days*.

Not enforced here: four consecutive free weeks in the summer holiday for äldre barn. "Light work only"
is a property of the tasks, which the workplace (or summer job) declares; :func:`check`
refuses äldre barn when the caller passes ``light_work=False`` (see :func:`light_work_only`).
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from app.clock import STOCKHOLM, date_label, moment_label, time_label

# --- The numbers ------------------------------------------------------------------------

#: No work before the year one turns 13. App policy, stricter than the provisions (which
#: let yngre barn do some very light work): AFS 2012:3 section on yngre barn; AML 5 kap.
#: 2 § (13 as the lower age for light work). Re-check the § numbers in AFS 2023:2.
MIN_WORK_AGE = 13

#: Äldre barn (13 until compulsory school is finished): AFS 2012:3, arbetstid for
#: skolpliktiga (sections before 17 §, approx. 14–16 §§ — re-check); AFS 2023:2 chapter on
#: minors (re-check). Verified numbers: av.se "Arbetstider för minderåriga".
SCHOOL_AGE_MAX_SCHOOL_DAY = timedelta(hours=2)  # per school day
SCHOOL_AGE_MAX_SCHOOL_FREE_DAY = timedelta(hours=7)  # per school-free day in a school week
SCHOOL_AGE_MAX_SCHOOL_WEEK = timedelta(hours=12)  # per school week
SCHOOL_AGE_MAX_HOLIDAY_DAY = timedelta(hours=7)  # school holiday of at least one week
SCHOOL_AGE_MAX_HOLIDAY_WEEK = timedelta(hours=35)  # school holiday of at least one week
SCHOOL_AGE_NIGHT = (time(20, 0), time(6, 0))  # no work from 20:00 to 06:00

#: Holiday limits once 15, from the issue; allowed by directive 94/33/EC art. 8.1 b but NOT
#: found on Arbetsmiljöverket's current page (which says 7 h / 35 h for all 13–15).
#: UNVERIFIED — re-check against AFS 2023:2 before relying on it.
RAISE_HOLIDAY_LIMITS_AT_15 = True
FROM_15_MAX_HOLIDAY_DAY = timedelta(hours=8)
FROM_15_MAX_HOLIDAY_WEEK = timedelta(hours=40)

#: Ungdom (compulsory school finished, turning 16 or 17 this year): AFS 2012:3 arbetstid
#: for ungdom (sections around 11 §, approx. 9–10 §§ — re-check); AFS 2023:2 chapter on
#: minors (re-check). Verified numbers: AV guidance booklet to AFS 2012:3, summary table.
YOUTH_MAX_DAY = timedelta(hours=8)
YOUTH_MAX_WEEK = timedelta(hours=40)
YOUTH_NIGHT = (time(22, 0), time(6, 0))  # 06–22; the alternative 07–23 is not offered

#: Breaks and rest, for every minor (äldre barn and ungdom), over the whole schedule of
#: shifts and summer-job shifts (see the sources above for the sections).
#: A break of at least 30 minutes after at most 4.5 hours of work: work with a gap shorter
#: than the break between two shifts counts as one stretch.
MAX_WORK_WITHOUT_BREAK = timedelta(hours=4, minutes=30)
MIN_BREAK = timedelta(minutes=30)
#: Nightly rest (dygnsvila): at least 14 consecutive hours in every 24 for äldre barn, 12
#: for ungdom.
SCHOOL_AGE_NIGHTLY_REST = timedelta(hours=14)
YOUTH_NIGHTLY_REST = timedelta(hours=12)
#: Weekly rest (veckovila): at least 36 consecutive hours in every period of 7 days.
WEEKLY_REST = timedelta(hours=36)

#: The minors' rules apply through the year one turns 18 (see module docstring).
ADULT_FROM_AGE = 19


class Band(enum.Enum):
    TOO_YOUNG = "too_young"  # yngre barn: no work in this app
    SCHOOL_AGE = "school_age"  # äldre barn: 13 until compulsory school is finished
    YOUTH = "youth"  # ungdom: compulsory school finished, turning 16 or 17
    ADULT = "adult"


class DayKind(enum.Enum):
    SCHOOL_DAY = "school_day"
    SCHOOL_FREE_DAY = "school_free_day"  # weekend or day off in a week with school
    HOLIDAY = "holiday"  # any day of an ISO week without school days


# --- Easter and the school calendar ---------------------------------------------------


def easter(year: int) -> date:
    """Easter Sunday (Gregorian; the anonymous algorithm of Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _iso_week(year: int, week: int) -> tuple[date, date]:
    """Monday to Sunday of ISO week ``week`` of ``year``."""
    monday = date.fromisocalendar(year, week, 1)
    return monday, monday + timedelta(days=6)


def _weekday_on_or_after(d: date) -> date:
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


def _weekday_on_or_before(d: date) -> date:
    while d.weekday() >= 5:
        d -= timedelta(days=1)
    return d


@dataclass(frozen=True)
class SchoolCalendar:
    """Terms, breaks and single days off for one area; all periods inclusive.

    ``years`` are the calendar years the calendar is meant to describe; :func:`check`
    fills any other year it needs from :func:`default_calendar`, so a missing year never
    silently turns into "holiday" (which would allow more hours).
    """

    terms: tuple[tuple[date, date], ...]
    breaks: tuple[tuple[date, date], ...] = ()
    days_off: frozenset[date] = frozenset()
    years: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        if not self.years:
            years = frozenset(d.year for period in self.terms for d in period)
            object.__setattr__(self, "years", years)

    def __add__(self, other: SchoolCalendar) -> SchoolCalendar:
        return SchoolCalendar(
            terms=self.terms + other.terms,
            breaks=self.breaks + other.breaks,
            days_off=self.days_off | other.days_off,
            years=self.years | other.years,
        )

    def extended_to(self, years: Iterable[int]) -> SchoolCalendar:
        calendar = self
        for year in sorted(set(years) - self.years):
            calendar = calendar + default_calendar(year)
        return calendar

    def is_school_day(self, d: date) -> bool:
        if d.weekday() >= 5 or d in self.days_off:
            return False
        if any(start <= d <= end for start, end in self.breaks):
            return False
        return any(start <= d <= end for start, end in self.terms)

    def is_holiday_week(self, d: date) -> bool:
        monday = d - timedelta(days=d.weekday())
        return not any(self.is_school_day(monday + timedelta(days=i)) for i in range(7))

    def day_kind(self, d: date) -> DayKind:
        if self.is_holiday_week(d):
            return DayKind.HOLIDAY
        return DayKind.SCHOOL_DAY if self.is_school_day(d) else DayKind.SCHOOL_FREE_DAY

    def summer_holiday_start(self, year: int) -> date:
        """The day after the last term day that falls in January–July of ``year``."""
        ends = [end for _, end in self.terms if end.year == year and end.month <= 7]
        if not ends:
            ends = [end for _, end in default_calendar(year).terms if end.month <= 7]
        return max(ends) + timedelta(days=1)


def default_calendar(*years: int, sports_break_week: int = 8) -> SchoolCalendar:
    """Sensible Swedish defaults for the given calendar years; areas should override.

    Term dates differ between municipalities (decided by each huvudman), so these are
    typical values, not rules:

    * spring term: first weekday on or after 8 January – last weekday on or before 12 June;
    * autumn term: first weekday on or after 18 August – last weekday on or before
      20 December;
    * autumn break (höstlov): ISO week 44;
    * sports break (sportlov): ISO week 8 by default; it varies by region (roughly week 7
      in Skåne, 8 in Västra Götaland incl. Göteborg, 9 in Stockholm — check locally);
    * Easter break (påsklov): Good Friday to the Friday after Easter (many municipalities
      take the week after Easter; some the week before);
    * public holidays in term: Good Friday, Easter Monday, 1 May, Ascension Day,
      6 June (weekends are always school-free).
    """
    if not years:
        raise ValueError("default_calendar needs at least one year")
    terms: list[tuple[date, date]] = []
    breaks: list[tuple[date, date]] = []
    days_off: set[date] = set()
    for year in years:
        sunday = easter(year)
        terms.append(
            (_weekday_on_or_after(date(year, 1, 8)), _weekday_on_or_before(date(year, 6, 12)))
        )
        terms.append(
            (_weekday_on_or_after(date(year, 8, 18)), _weekday_on_or_before(date(year, 12, 20)))
        )
        breaks.append(_iso_week(year, 44))
        breaks.append(_iso_week(year, sports_break_week))
        breaks.append((sunday - timedelta(days=2), sunday + timedelta(days=5)))
        days_off |= {
            sunday - timedelta(days=2),  # långfredagen
            sunday + timedelta(days=1),  # annandag påsk
            date(year, 5, 1),
            sunday + timedelta(days=39),  # Kristi himmelsfärdsdag
            date(year, 6, 6),
        }
    return SchoolCalendar(
        terms=tuple(terms),
        breaks=tuple(breaks),
        days_off=frozenset(days_off),
        years=frozenset(years),
    )


# --- Shifts, ages and bands ------------------------------------------------------------


@dataclass(frozen=True)
class Shift:
    """A stretch of work; ``start`` and ``end`` must be timezone-aware."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("Shift times must be timezone-aware (Europe/Stockholm)")
        if self.end <= self.start:
            raise ValueError("A shift must end after it starts")

    @property
    def duration(self) -> timedelta:
        return self.end.astimezone(UTC) - self.start.astimezone(UTC)

    def overlaps(self, other: Shift) -> bool:
        return self.start < other.end and other.start < self.end


def age_in_year(birth_year: int, year: int) -> int:
    """The age the person reaches during ``year`` (the app's convention, see above)."""
    return year - birth_year


def compulsory_school_finished(birth_year: int, on: date, calendar: SchoolCalendar) -> bool:
    """From the summer holiday of the year one turns 16 (see module docstring)."""
    year16 = birth_year + 16
    if on.year != year16:
        return on.year > year16
    return on >= calendar.summer_holiday_start(year16)


def band(
    birth_year: int,
    on: date,
    calendar: SchoolCalendar,
    school_finished: bool | None = None,
) -> Band:
    age = age_in_year(birth_year, on.year)
    if age >= ADULT_FROM_AGE:
        return Band.ADULT
    if age < MIN_WORK_AGE:
        return Band.TOO_YOUNG
    if school_finished is None:
        finished = compulsory_school_finished(birth_year, on, calendar)
    else:
        finished = school_finished and age >= 16

    return Band.YOUTH if finished else Band.SCHOOL_AGE


def light_work_only(birth_year: int, on: date, calendar: SchoolCalendar) -> bool:
    """Only light work (lätt arbete) is allowed for äldre barn (AML 5 kap. 2 §; AFS
    2012:3 section on light work for those who have not finished compulsory school, with
    its list of permitted tasks — re-check § numbers in AFS 2023:2). Tasks are declared by
    the workplace; this tells the caller whether that declaration is required."""
    return band(birth_year, on, calendar) is Band.SCHOOL_AGE


def _local(dt: datetime) -> datetime:
    return dt.astimezone(STOCKHOLM)


def _at(d: date, t: time) -> datetime:
    return datetime.combine(d, t, tzinfo=STOCKHOLM)


def hours_per_day(shifts: Iterable[Shift]) -> dict[date, timedelta]:
    """Worked time per Stockholm calendar day; shifts crossing midnight are split."""
    totals: dict[date, timedelta] = defaultdict(timedelta)
    for shift in shifts:
        start, end = _local(shift.start), _local(shift.end)
        day = start.date()
        while day <= end.date():
            lo = max(start, _at(day, time()))
            hi = min(end, _at(day + timedelta(days=1), time()))
            if hi > lo:
                totals[day] += hi.astimezone(UTC) - lo.astimezone(UTC)
            day += timedelta(days=1)
    return dict(totals)


def _week(d: date) -> tuple[int, int]:
    iso = d.isocalendar()
    return iso.year, iso.week


def _days(shift: Shift) -> list[date]:
    start, end = _local(shift.start).date(), _local(shift.end).date()
    if _local(shift.end).time() == time() and end > start:
        end -= timedelta(days=1)  # ending at midnight adds nothing to the next day
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


# --- Violations ------------------------------------------------------------------------


@dataclass(frozen=True)
class Violation:
    """A broken rule. ``code`` is stable (for tests and logic); ``message`` is a lazy
    translated string, rendered only when turned into ``str`` inside a request."""

    code: str
    message: object = field(compare=False, repr=False)
    day: date | None = None
    week: tuple[int, int] | None = None


TOO_YOUNG = "too_young"
EVENING = "evening"  # 20:00–06:00, before compulsory school is finished
NIGHT = "night"  # 22:00–06:00, ungdom
DAY_SCHOOL_DAY = "daily_max_school_day"
DAY_SCHOOL_FREE_DAY = "daily_max_school_free_day"
DAY_HOLIDAY = "daily_max_holiday"
DAY_YOUTH = "daily_max"
WEEK_SCHOOL = "weekly_max_school_week"
WEEK_HOLIDAY = "weekly_max_holiday_week"
WEEK_YOUTH = "weekly_max"
OVERLAP = "overlap"
LIGHT_WORK = "light_work"  # äldre barn at a workplace not declared light work
BREAK = "break"  # more than 4.5 h of work without a 30-minute break
NIGHTLY_REST = "nightly_rest"  # less than 14 h (äldre barn) / 12 h (ungdom) rest in 24 h
WEEKLY_REST_CODE = "weekly_rest"  # less than 36 h rest in 7 days


def _hours(amount: timedelta) -> LazyString:
    """Hours as the reader's language writes a number ("4,5" in Swedish), when read."""
    value = round(amount.total_seconds() / 3600, 2)
    return LazyString(format_decimal, value)


def _message(code: str, *, from15: bool = False, **values: object) -> object:
    # One msgid per rule, each naming the rule and its source, with %(name)s placeholders.
    if code == TOO_YOUNG:
        return _l(
            "Nobody may work here before the year they turn %(age)s (the Swedish Work Environment Authority's rules for minors).",
            **values,
        )
    if code == EVENING:
        return _l(
            "Until compulsory school is finished, work is not allowed between 20:00 and 06:00 (the Swedish Work Environment Authority's rules for minors).",
            **values,
        )
    if code == NIGHT:
        return _l(
            "Under 18, work is not allowed between 22:00 and 06:00 (the Swedish Work Environment Authority's rules for minors).",
            **values,
        )
    if code == DAY_SCHOOL_DAY:
        return _l(
            "On a school day, someone in compulsory school may work at most %(limit)s hours; this would make %(hours)s hours on %(day)s (the Swedish Work Environment Authority's rules for minors).",
            **values,
        )
    if code == DAY_SCHOOL_FREE_DAY:
        return _l(
            "On a day without school during term, someone in compulsory school may work at most %(limit)s hours; this would make %(hours)s hours on %(day)s (the Swedish Work Environment Authority's rules for minors).",
            **values,
        )
    if code == DAY_HOLIDAY and from15:
        return _l(
            "In the school holidays, someone in compulsory school who turns 15 this year may work at most %(limit)s hours a day; this would make %(hours)s hours on %(day)s (limit from EU directive 94/33/EC art. 8.1 b as given in the project's brief; the Swedish Work Environment Authority's current guidance says 7 hours for all 13–15-year-olds).",
            **values,
        )
    if code == DAY_HOLIDAY:
        return _l(
            "In the school holidays, someone in compulsory school may work at most %(limit)s hours a day; this would make %(hours)s hours on %(day)s (the Swedish Work Environment Authority's rules for minors).",
            **values,
        )
    if code == DAY_YOUTH:
        return _l(
            "Under 18, work is limited to %(limit)s hours a day; this would make %(hours)s hours on %(day)s (the Swedish Work Environment Authority's rules for minors).",
            **values,
        )
    if code == WEEK_SCHOOL:
        return _l(
            "In a school week, someone in compulsory school may work at most %(limit)s hours in total; this would make %(hours)s hours in week %(week)s (the Swedish Work Environment Authority's rules for minors).",
            **values,
        )
    if code == WEEK_HOLIDAY and from15:
        return _l(
            "In a school holiday week, someone in compulsory school who turns 15 this year may work at most %(limit)s hours; this would make %(hours)s hours in week %(week)s (limit from EU directive 94/33/EC art. 8.1 b as given in the project's brief; the Swedish Work Environment Authority's current guidance says 35 hours for all 13–15-year-olds).",
            **values,
        )
    if code == WEEK_HOLIDAY:
        return _l(
            "In a school holiday week, someone in compulsory school may work at most %(limit)s hours; this would make %(hours)s hours in week %(week)s (the Swedish Work Environment Authority's rules for minors).",
            **values,
        )
    if code == WEEK_YOUTH:
        return _l(
            "Under 18, work is limited to %(limit)s hours a week; this would make %(hours)s hours in week %(week)s (the Swedish Work Environment Authority's rules for minors).",
            **values,
        )
    if code == LIGHT_WORK:
        return _l(
            "Until compulsory school is finished, only light work is allowed, and this workplace has not declared its tasks light work suitable for 13–15-year-olds (Work Environment Act 5 ch. 2 §; the Swedish Work Environment Authority's rules for minors, AFS 2012:3, now AFS 2023:2).",
            **values,
        )
    if code == BREAK:
        return _l(
            "Under 18, a break of at least 30 minutes is needed after at most 4.5 hours of work; this would make %(hours)s hours without a break on %(day)s (the Swedish Work Environment Authority's rules for minors).",
            **values,
        )
    if code == NIGHTLY_REST:
        return _l(
            "Under 18, %(rest)s hours of rest in a row are needed in every 24 hours; with this shift on %(day)s the longest rest would be %(longest)s hours (the Swedish Work Environment Authority's rules for minors).",
            **values,
        )
    if code == WEEKLY_REST_CODE:
        return _l(
            "Under 18, 36 hours of rest in a row are needed in every 7 days; in the 7 days from %(day)s the longest rest would be %(longest)s hours (the Swedish Work Environment Authority's rules for minors).",
            **values,
        )
    if code == OVERLAP:
        return _l(
            "This overlaps another shift or job of the same person (%(start)s–%(end)s).",
            **values,
        )
    raise ValueError(code)


def _violation(
    code: str, *, day: date | None = None, week=None, from15: bool = False, **values
) -> Violation:
    if day is not None:
        values["day"] = LazyString(date_label, day)  # in the reader's language, when read
    if week is not None:
        values["week"] = f"{week[1]} ({week[0]})"
    return Violation(code, _message(code, from15=from15, **values), day=day, week=week)


def light_work_violation() -> Violation:
    """The refusal for someone who may only do light work at a place not declared so."""
    return _violation(LIGHT_WORK)


# --- The check ---------------------------------------------------------------------------


def _night_violation(shift: Shift, window: tuple[time, time]) -> bool:
    """Whether the shift touches [window start on day D, window end on day D+1)."""
    begin, finish = window
    first = _local(shift.start).date() - timedelta(days=1)
    last = _local(shift.end).date()
    day = first
    while day <= last:
        lo, hi = _at(day, begin), _at(day + timedelta(days=1), finish)
        if shift.start < hi and lo < shift.end:
            return True
        day += timedelta(days=1)
    return False


def _limits(kind: DayKind, person_band: Band, age: int) -> tuple[timedelta, str, timedelta, str]:
    """(day limit, day code, week limit, week code) for one day."""
    if person_band is Band.YOUTH:
        return YOUTH_MAX_DAY, DAY_YOUTH, YOUTH_MAX_WEEK, WEEK_YOUTH
    if kind is DayKind.HOLIDAY:
        if RAISE_HOLIDAY_LIMITS_AT_15 and age >= 15:
            return FROM_15_MAX_HOLIDAY_DAY, DAY_HOLIDAY, FROM_15_MAX_HOLIDAY_WEEK, WEEK_HOLIDAY
        return SCHOOL_AGE_MAX_HOLIDAY_DAY, DAY_HOLIDAY, SCHOOL_AGE_MAX_HOLIDAY_WEEK, WEEK_HOLIDAY
    if kind is DayKind.SCHOOL_DAY:
        return SCHOOL_AGE_MAX_SCHOOL_DAY, DAY_SCHOOL_DAY, SCHOOL_AGE_MAX_SCHOOL_WEEK, WEEK_SCHOOL
    return (
        SCHOOL_AGE_MAX_SCHOOL_FREE_DAY,
        DAY_SCHOOL_FREE_DAY,
        SCHOOL_AGE_MAX_SCHOOL_WEEK,
        WEEK_SCHOOL,
    )


def _stretches(
    shifts: Iterable[Shift], join_below: timedelta
) -> list[tuple[datetime, datetime, int]]:
    """The shifts as stretches of work (start, end, how many shifts): shifts closer than
    ``join_below`` are one stretch."""
    stretches: list[list] = []
    for shift in sorted(shifts, key=lambda s: s.start):
        if stretches and shift.start - stretches[-1][1] < join_below:
            stretches[-1][1] = max(stretches[-1][1], shift.end)
            stretches[-1][2] += 1
        else:
            stretches.append([shift.start, shift.end, 1])
    return [(start, end, count) for start, end, count in stretches]


def _longest_rest(
    stretches: list[tuple[datetime, datetime, int]], lo: datetime, hi: datetime
) -> timedelta:
    """The longest time without work inside the window [lo, hi)."""
    longest, free_from = timedelta(), lo
    for start, end, _count in stretches:
        if end <= lo or start >= hi:
            continue
        longest = max(longest, start - free_from)
        free_from = max(free_from, end)
    return max(longest, hi - free_from)


def _rest_shortfall(
    stretches: list[tuple[datetime, datetime, int]],
    new: Shift,
    period: timedelta,
    needed: timedelta,
) -> tuple[datetime, timedelta] | None:
    """The first window of length ``period`` touching the new shift whose longest rest is
    shorter than ``needed`` (its start and that rest), or None. The windows tried begin at
    the start, or end at the end, of each stretch near the new shift: the shortest longest
    rest is found at one of them."""
    anchors = set()
    for start, end, _count in stretches:
        if start < new.end + period and end > new.start - period:
            anchors.add(start)
            anchors.add(end - period)
    for lo in sorted(anchors):
        hi = lo + period
        if not (lo < new.end and new.start < hi):
            continue  # a window without the new shift was already checked when booked
        longest = _longest_rest(stretches, lo, hi)
        if longest < needed:
            return lo, longest
    return None


def _rest_violations(relevant: list[Shift], new: Shift, person_band: Band) -> list[Violation]:
    """The break, the nightly rest and the weekly rest, over the whole schedule."""
    violations = []
    schedule = [*relevant, new]
    for start, end, count in _stretches(schedule, MIN_BREAK):
        # One shift is taken to hold its own break (the schedule cannot tell); shifts that
        # follow each other with less than the break between them are one stretch of work.
        if count < 2 or not (start < new.end and new.start < end):
            continue
        worked = sum(
            (s.end - s.start for s in schedule if start <= s.start and s.end <= end), timedelta()
        )
        if worked > MAX_WORK_WITHOUT_BREAK:
            violations.append(_violation(BREAK, day=_local(start).date(), hours=_hours(worked)))
    stretches = _stretches(schedule, timedelta())
    nightly = SCHOOL_AGE_NIGHTLY_REST if person_band is Band.SCHOOL_AGE else YOUTH_NIGHTLY_REST
    short = _rest_shortfall(stretches, new, timedelta(hours=24), nightly)
    if short is not None:
        violations.append(
            _violation(
                NIGHTLY_REST,
                day=_local(new.start).date(),
                rest=_hours(nightly),
                longest=_hours(short[1]),
            )
        )
    short = _rest_shortfall(stretches, new, timedelta(days=7), WEEKLY_REST)
    if short is not None:
        violations.append(
            _violation(WEEKLY_REST_CODE, day=_local(short[0]).date(), longest=_hours(short[1]))
        )
    return violations


def check(
    birth_year: int,
    existing: list[Shift],
    new: Shift,
    calendar: SchoolCalendar | None = None,
    *,
    school_finished: bool | None = None,
    light_work: bool | None = None,
) -> list[Violation]:
    """The rules ``new`` would break, given all of the person's ``existing`` shifts and
    jobs (from every workplace). An empty list means the shift may be confirmed.

    ``school_finished`` overrides the birth-year estimate when the person has
    told otherwise (e.g. still in grundskolan the autumn they turn 16).
    ``light_work`` is the workplace's declaration that its tasks are light work suitable
    for 13–15-year-olds; ``False`` refuses anyone who may only do light work
    (:func:`light_work_only`), ``None`` leaves that rule unchecked.
    """
    violations: list[Violation] = []
    for other in existing:
        if new.overlaps(other):
            violations.append(
                _violation(
                    OVERLAP,
                    start=LazyString(moment_label, other.start),
                    end=LazyString(time_label, other.end),
                )
            )
            break

    days = _days(new)
    weeks = sorted({_week(d) for d in days})
    week_days = {w: [date.fromisocalendar(w[0], w[1], i) for i in range(1, 8)] for w in weeks}
    years = {d.year for ds in week_days.values() for d in ds}
    calendar = (calendar or default_calendar(*years)).extended_to(years | {d.year for d in days})

    # The band is taken on the day the shift starts (a shift never spans a band change
    # that matters: band changes are at 1 January or at the start of the summer holiday).
    first_day = days[0]
    person_band = band(birth_year, first_day, calendar, school_finished)
    age = age_in_year(birth_year, first_day.year)
    if person_band is Band.ADULT:
        return violations
    if person_band is Band.TOO_YOUNG:
        return [_violation(TOO_YOUNG, age=MIN_WORK_AGE), *violations]
    if light_work is False and person_band is Band.SCHOOL_AGE:
        violations.insert(0, _violation(LIGHT_WORK))

    window = YOUTH_NIGHT if person_band is Band.YOUTH else SCHOOL_AGE_NIGHT
    if _night_violation(new, window):
        violations.append(_violation(NIGHT if person_band is Band.YOUTH else EVENING))

    relevant = [s for s in existing if not new.overlaps(s)]  # overlaps are refused anyway
    per_day = hours_per_day([*relevant, new])
    violations.extend(_rest_violations(relevant, new, person_band))

    for day in days:
        day_limit, day_code, _, _ = _limits(calendar.day_kind(day), person_band, age)
        if per_day.get(day, timedelta()) > day_limit:
            violations.append(
                _violation(
                    day_code,
                    day=day,
                    limit=_hours(day_limit),
                    hours=_hours(per_day[day]),
                    from15=day_code == DAY_HOLIDAY and day_limit != SCHOOL_AGE_MAX_HOLIDAY_DAY,
                )
            )

    for week in weeks:
        # The week's kind follows its days: a holiday week has no school day at all.
        kind = calendar.day_kind(week_days[week][0])
        _, _, week_limit, week_code = _limits(kind, person_band, age)
        total = sum((per_day.get(d, timedelta()) for d in week_days[week]), timedelta())
        if total > week_limit:
            violations.append(
                _violation(
                    week_code,
                    week=week,
                    limit=_hours(week_limit),
                    hours=_hours(total),
                    from15=week_code == WEEK_HOLIDAY and week_limit != SCHOOL_AGE_MAX_HOLIDAY_WEEK,
                )
            )
    return violations
