"""The rules for minors' working time (app/minors.py): pure functions, no database."""

from datetime import date, datetime, timedelta

import pytest

from app import minors
from app.minors import STOCKHOLM, Band, DayKind, Shift, check, default_calendar, easter

CAL = default_calendar(2025, 2026, 2027)

# Birth years, for shifts in 2026 (age = the age reached during 2026).
AGE_12, AGE_13, AGE_14, AGE_15, AGE_16, AGE_17, AGE_18 = (2014, 2013, 2012, 2011, 2010, 2009, 2008)

SCHOOL_TUESDAY = date(2026, 9, 15)  # autumn term, ISO week 38
TERM_SATURDAY = date(2026, 9, 19)
SUMMER_MONDAY = date(2026, 7, 6)  # summer holiday, ISO week 28


def at(d: date, hour: int, minute: int = 0) -> datetime:
    return datetime(d.year, d.month, d.day, hour, minute, tzinfo=STOCKHOLM)


def shift(d: date, start: float, end: float) -> Shift:
    """A shift on day ``d`` from ``start`` to ``end`` o'clock (halves allowed; end may pass 24)."""
    base = at(d, 0)
    return Shift(base + timedelta(hours=start), base + timedelta(hours=end))


def codes(violations) -> list[str]:
    return [v.code for v in violations]


def week_of(monday: date, hours: float, days: int = 5, start: float = 10) -> list[Shift]:
    per_day = hours / days
    return [shift(monday + timedelta(days=i), start, start + per_day) for i in range(days)]


# --- Calendar -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "sunday"),
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),
        (2285, date(2285, 3, 22)),
    ],
)
def test_easter(year, sunday):
    assert easter(year) == sunday


@pytest.mark.parametrize(
    ("day", "kind"),
    [
        (SCHOOL_TUESDAY, DayKind.SCHOOL_DAY),
        (TERM_SATURDAY, DayKind.SCHOOL_FREE_DAY),
        (SUMMER_MONDAY, DayKind.HOLIDAY),
        (date(2026, 10, 28), DayKind.HOLIDAY),  # höstlov, week 44
        (date(2026, 2, 18), DayKind.HOLIDAY),  # sportlov, week 8 by default
        (date(2026, 4, 8), DayKind.HOLIDAY),  # påsklov, the week after Easter
        (date(2026, 4, 3), DayKind.SCHOOL_FREE_DAY),  # Good Friday, week with school
        (date(2026, 5, 1), DayKind.SCHOOL_FREE_DAY),  # 1 May
        (date(2026, 5, 14), DayKind.SCHOOL_FREE_DAY),  # Ascension Day
        (date(2026, 12, 23), DayKind.HOLIDAY),  # Christmas holiday
        (date(2026, 1, 12), DayKind.SCHOOL_DAY),  # spring term
    ],
)
def test_default_calendar(day, kind):
    assert CAL.day_kind(day) is kind


def test_sports_break_week_is_configurable():
    stockholm = default_calendar(2026, sports_break_week=9)
    assert stockholm.day_kind(date(2026, 2, 18)) is DayKind.SCHOOL_DAY
    assert stockholm.day_kind(date(2026, 2, 25)) is DayKind.HOLIDAY


def test_area_calendar_overrides_defaults():
    area = minors.SchoolCalendar(
        terms=((date(2026, 1, 7), date(2026, 6, 10)), (date(2026, 8, 20), date(2026, 12, 18))),
    )
    assert area.day_kind(date(2026, 8, 11)) is DayKind.HOLIDAY
    # School starts on Thursday 20 August, so that week is a school week (12 h) and its
    # Tuesday a school-free day (7 h), not a holiday day.
    assert area.day_kind(date(2026, 8, 18)) is DayKind.SCHOOL_FREE_DAY
    assert area.day_kind(date(2026, 8, 20)) is DayKind.SCHOOL_DAY
    assert area.summer_holiday_start(2026) == date(2026, 6, 11)


def test_uncovered_year_falls_back_to_defaults_not_to_holiday():
    only_2026 = default_calendar(2026)
    # A school day in 2027 must not count as holiday just because the calendar lacks 2027.
    assert codes(check(AGE_14 + 1, [], shift(date(2027, 9, 14), 15, 18), only_2026)) == [
        "daily_max_school_day"
    ]


# --- Age bands --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth_year", "day", "expected"),
    [
        (AGE_12, SCHOOL_TUESDAY, Band.TOO_YOUNG),
        (AGE_13, date(2026, 1, 12), Band.SCHOOL_AGE),  # from 1 January of the year one turns 13
        (AGE_15, SUMMER_MONDAY, Band.SCHOOL_AGE),
        (AGE_16, date(2026, 6, 12), Band.SCHOOL_AGE),  # last day of spring term
        (AGE_16, date(2026, 6, 13), Band.YOUTH),  # summer holiday of the year they turn 16
        (AGE_16, SCHOOL_TUESDAY, Band.YOUTH),
        (AGE_17, date(2026, 3, 10), Band.YOUTH),
        (AGE_18, SCHOOL_TUESDAY, Band.YOUTH),  # may still be 17: rules apply all year
        (2007, SCHOOL_TUESDAY, Band.ADULT),
    ],
)
def test_band_from_birth_year(birth_year, day, expected):
    assert minors.band(birth_year, day, CAL) is expected


def test_light_work_only_until_school_is_finished():
    assert minors.light_work_only(AGE_14, SCHOOL_TUESDAY, CAL)
    assert not minors.light_work_only(AGE_17, SCHOOL_TUESDAY, CAL)


# --- Too young ----------------------------------------------------------------------------


def test_twelve_year_old_is_refused():
    assert codes(check(AGE_12, [], shift(SUMMER_MONDAY, 10, 11), CAL)) == ["too_young"]


def test_thirteen_year_old_may_work_briefly():
    assert check(AGE_13, [], shift(SCHOOL_TUESDAY, 16, 18), CAL) == []


# --- Before compulsory school is finished ---------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (16, 18, []),
        (15, 18, ["daily_max_school_day"]),
        (15.5, 17.75, ["daily_max_school_day"]),
    ],
)
def test_school_day_is_two_hours(start, end, expected):
    assert codes(check(AGE_14, [], shift(SCHOOL_TUESDAY, start, end), CAL)) == expected


def test_school_day_hours_add_up_across_workplaces():
    cafe = shift(SCHOOL_TUESDAY, 15, 16)
    job = shift(SCHOOL_TUESDAY, 17, 18.5)
    assert codes(check(AGE_14, [cafe], job, CAL)) == ["daily_max_school_day"]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (18, 20, []),
        (18.5, 20.5, ["evening"]),
        (5.5, 7, ["evening"]),
        (6, 8, []),
    ],
)
def test_no_work_between_20_and_06(start, end, expected):
    assert codes(check(AGE_14, [], shift(SCHOOL_TUESDAY, start, end), CAL)) == expected


def test_school_week_is_twelve_hours():
    monday = SCHOOL_TUESDAY - timedelta(days=1)
    existing = [
        *[shift(monday + timedelta(days=i), 16, 18) for i in range(5)],  # 10 h
        shift(TERM_SATURDAY, 10, 12),  # 12 h
    ]
    assert codes(check(AGE_14, existing[:-1], existing[-1], CAL)) == []
    thirteenth = shift(TERM_SATURDAY, 13, 14)  # Sunday stays free: the weekly rest holds
    violations = check(AGE_14, existing, thirteenth, CAL)
    assert codes(violations) == ["weekly_max_school_week"]
    assert violations[0].week == (2026, 38)


def test_the_week_is_the_iso_week():
    monday = SCHOOL_TUESDAY - timedelta(days=1)
    existing = [shift(monday + timedelta(days=i), 16, 18) for i in range(5)]  # 10 h
    existing.append(shift(TERM_SATURDAY, 10, 12))  # 12 h in week 38
    next_monday = shift(monday + timedelta(days=7), 16, 18)  # week 39
    assert check(AGE_14, existing, next_monday, CAL) == []


@pytest.mark.parametrize(("end", "expected"), [(17, []), (17.5, ["daily_max_school_free_day"])])
def test_school_free_day_in_term_is_seven_hours(end, expected):
    assert codes(check(AGE_14, [], shift(TERM_SATURDAY, 10, end), CAL)) == expected


@pytest.mark.parametrize(
    ("birth_year", "hours", "expected"),
    [
        (AGE_14, 7, []),
        (AGE_14, 8, ["daily_max_holiday"]),
        (AGE_15, 8, []),
        (AGE_15, 8.5, ["daily_max_holiday"]),
    ],
)
def test_holiday_day(birth_year, hours, expected):
    assert codes(check(birth_year, [], shift(SUMMER_MONDAY, 9, 9 + hours), CAL)) == expected


def test_fifteen_year_old_holiday_raise_can_be_switched_off(monkeypatch):
    monkeypatch.setattr(minors, "RAISE_HOLIDAY_LIMITS_AT_15", False)
    assert codes(check(AGE_15, [], shift(SUMMER_MONDAY, 9, 17), CAL)) == ["daily_max_holiday"]


@pytest.mark.parametrize(
    ("birth_year", "week_hours", "expected"),
    [
        (AGE_14, 35, []),
        (AGE_14, 36, ["weekly_max_holiday_week"]),
        (AGE_15, 40, []),
        (AGE_15, 41, ["weekly_max_holiday_week"]),
    ],
)
def test_holiday_week(birth_year, week_hours, expected):
    existing = week_of(SUMMER_MONDAY, 35 if birth_year == AGE_14 else 40)
    extra = week_hours - (35 if birth_year == AGE_14 else 40)
    saturday = SUMMER_MONDAY + timedelta(days=5)
    new = shift(saturday, 10, 10 + extra) if extra else existing.pop()
    assert codes(check(birth_year, existing, new, CAL)) == expected


def test_school_day_rule_applies_in_spring_of_the_year_one_turns_16():
    assert codes(check(AGE_16, [], shift(date(2026, 3, 10), 15, 18), CAL)) == [
        "daily_max_school_day"
    ]


def test_still_in_school_can_be_told_explicitly():
    assert codes(check(AGE_16, [], shift(SCHOOL_TUESDAY, 15, 18), CAL, school_finished=False)) == [
        "daily_max_school_day"
    ]


# --- Compulsory school finished (16–17) -------------------------------------------------------


@pytest.mark.parametrize("birth_year", [AGE_16, AGE_17])
@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (9, 17, []),
        (9, 18, ["daily_max"]),
        (14, 22, []),
        (14.5, 22.5, ["night"]),
        (5, 7, ["night"]),
    ],
)
def test_youth_day_and_night(birth_year, start, end, expected):
    assert codes(check(birth_year, [], shift(SCHOOL_TUESDAY, start, end), CAL)) == expected


@pytest.mark.parametrize("birth_year", [AGE_16, AGE_17])
def test_youth_week_is_forty_hours(birth_year):
    monday = SCHOOL_TUESDAY - timedelta(days=1)
    existing = week_of(monday, 40)
    assert check(birth_year, existing[:-1], existing[-1], CAL) == []
    violations = check(birth_year, existing, shift(TERM_SATURDAY, 10, 11), CAL)
    assert codes(violations) == ["weekly_max"]


def test_adults_only_get_the_overlap_rule():
    adult = 2007
    assert check(adult, [], shift(SCHOOL_TUESDAY, 18, 30), CAL) == []
    existing = [shift(SCHOOL_TUESDAY, 18, 22)]
    assert codes(check(adult, existing, shift(SCHOOL_TUESDAY, 21, 23), CAL)) == ["overlap"]


# --- Overlap and midnight ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (10, 12, ["overlap"]),
        (11, 13, ["overlap"]),
        (9, 10, []),  # ends when the other starts
        (12, 13, []),  # starts when the other ends
    ],
)
def test_overlapping_shifts_are_refused(start, end, expected):
    existing = [shift(TERM_SATURDAY, 10, 12)]
    assert codes(check(AGE_17, existing, shift(TERM_SATURDAY, start, end), CAL)) == expected


def test_shift_crossing_midnight_counts_on_each_day():
    per_day = minors.hours_per_day([shift(date(2026, 9, 19), 20, 26)])  # Sat 20:00–Sun 02:00
    assert per_day == {
        date(2026, 9, 19): timedelta(hours=4),
        date(2026, 9, 20): timedelta(hours=2),
    }


def test_shift_crossing_midnight_and_the_week_boundary():
    adult_night = shift(date(2026, 9, 20), 20, 26)  # Sunday week 38 → Monday week 39
    per_day = minors.hours_per_day([adult_night])
    assert per_day[date(2026, 9, 20)] == timedelta(hours=4)
    assert per_day[date(2026, 9, 21)] == timedelta(hours=2)
    violations = check(AGE_17, [], adult_night, CAL)
    assert codes(violations) == ["night"]


def test_midnight_split_feeds_the_daily_limit():
    # 39 h Monday–Friday of week 38; Sunday 21:00–Monday 01:00 puts 3 h in week 38 (42 h,
    # too many) and 1 h in week 39 (fine). The shift is also refused as night work.
    sunday = date(2026, 9, 20)
    existing = week_of(sunday - timedelta(days=6), 39)
    crossing = shift(sunday, 21, 25)
    found = check(AGE_17, existing, crossing, CAL)
    assert "night" in codes(found)
    assert [v.week for v in found if v.code == "weekly_max"] == [(2026, 38)]


def test_dst_day_counts_real_hours():
    # 25 October 2026: clocks go back at 03:00, so 00:00–06:00 is seven hours.
    per_day = minors.hours_per_day([shift(date(2026, 10, 25), 0, 6)])
    assert per_day[date(2026, 10, 25)] == timedelta(hours=7)


def test_shift_must_be_aware_and_positive():
    with pytest.raises(ValueError):
        Shift(datetime(2026, 9, 15, 10), datetime(2026, 9, 15, 12))
    with pytest.raises(ValueError):
        Shift(at(SCHOOL_TUESDAY, 12), at(SCHOOL_TUESDAY, 10))


# --- Messages --------------------------------------------------------------------------------


def test_codes_are_readable_without_an_app_context():
    violations = check(AGE_14, [], shift(SCHOOL_TUESDAY, 15, 18.5), CAL)
    assert violations[0].code == "daily_max_school_day"
    assert violations[0].day == SCHOOL_TUESDAY


def test_messages_name_the_rule_and_the_numbers(app):
    violations = check(AGE_14, [], shift(SCHOOL_TUESDAY, 15, 18.5), CAL)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        text = str(violations[0].message)
    assert "school day" in text
    assert "2 hours" in text
    assert "3.5 hours" in text
    assert "Tuesday, September 15, 2026" in text  # the day in the reader's language
    assert "Work Environment Authority" in text


@pytest.mark.parametrize(
    ("birth_year", "new", "existing"),
    [
        (AGE_12, shift(SCHOOL_TUESDAY, 16, 17), []),
        (AGE_14, shift(SCHOOL_TUESDAY, 19, 21), []),
        (AGE_17, shift(SCHOOL_TUESDAY, 21, 23), []),
        (AGE_14, shift(TERM_SATURDAY, 9, 17), []),
        (AGE_14, shift(SUMMER_MONDAY, 9, 17), []),
        (AGE_17, shift(SCHOOL_TUESDAY, 8, 17), []),
        (AGE_14, shift(TERM_SATURDAY, 9, 12), week_of(TERM_SATURDAY - timedelta(days=5), 10)),
        (AGE_14, shift(SUMMER_MONDAY, 9, 10), week_of(SUMMER_MONDAY + timedelta(days=1), 35, 4)),
        (AGE_17, shift(TERM_SATURDAY, 9, 10), week_of(TERM_SATURDAY - timedelta(days=5), 40)),
        (AGE_17, shift(TERM_SATURDAY, 9, 10), [shift(TERM_SATURDAY, 8, 11)]),
    ],
)
def test_every_message_renders_with_its_placeholders(app, birth_year, new, existing):
    violations = check(birth_year, existing, new, CAL)
    assert violations
    with app.test_request_context():
        for violation in violations:
            text = str(violation.message)
            assert "%(" not in text
            assert text


# --- Breaks and rest, over the whole schedule ----------------------------------------------
# Sources: av.se "Arbetstider för minderåriga" (a 30-minute break after at most 4.5 hours;
# nightly rest 14 h for 13–15, 12 h for ungdom; weekly rest of two days, at least 36 hours,
# in every seven days) and the guidance table to AFS 2012:3 (17 § and 11 §, break). The
# AFS 2023:2 section numbers are unverified (see the module docstring of app.minors).


@pytest.mark.parametrize(
    ("birth_year", "existing", "new", "expected"),
    [
        # 10–13 and 13:15–15 at another workplace: 4.75 hours with a 15-minute gap.
        (AGE_16, [shift(SUMMER_MONDAY, 10, 13)], shift(SUMMER_MONDAY, 13.25, 15), ["break"]),
        (AGE_14, [shift(SUMMER_MONDAY, 9, 12)], shift(SUMMER_MONDAY, 12, 14), ["break"]),
        # A 30-minute gap is the break.
        (AGE_16, [shift(SUMMER_MONDAY, 10, 13)], shift(SUMMER_MONDAY, 13.5, 15.5), []),
        # Back to back, but 4.5 hours in all: no break needed yet.
        (AGE_16, [shift(SUMMER_MONDAY, 10, 12)], shift(SUMMER_MONDAY, 12, 14.5), []),
        # One shift holds its own break: the schedule cannot tell.
        (AGE_16, [], shift(SUMMER_MONDAY, 9, 16), []),
    ],
)
def test_break_after_four_and_a_half_hours(birth_year, existing, new, expected):
    assert codes(check(birth_year, existing, new, CAL)) == expected


def test_break_counts_the_new_shift_before_an_existing_one():
    existing = [shift(SUMMER_MONDAY, 12, 15)]
    assert codes(check(AGE_16, existing, shift(SUMMER_MONDAY, 10, 12), CAL)) == ["break"]


@pytest.mark.parametrize(
    ("birth_year", "evening", "morning", "expected"),
    [
        # äldre barn: 14 hours; 18–20 then 08–10 leaves 12.
        (AGE_14, (18, 20), (8, 10), ["nightly_rest"]),
        (AGE_14, (18, 20), (10, 12), []),
        # ungdom: 12 hours; 20–22 then 09–11 leaves 11, 10–12 leaves 12.
        (AGE_16, (20, 22), (9, 11), ["nightly_rest"]),
        (AGE_17, (20, 22), (10, 12), []),
    ],
)
def test_nightly_rest(birth_year, evening, morning, expected):
    existing = [shift(SUMMER_MONDAY, *evening)]
    new = shift(SUMMER_MONDAY + timedelta(days=1), *morning)
    assert codes(check(birth_year, existing, new, CAL)) == expected
    # The same rule whichever of the two shifts is signed up for last.
    assert codes(check(birth_year, [new], existing[0], CAL)) == expected


def test_weekly_rest_needs_36_hours_in_seven_days():
    monday = SUMMER_MONDAY
    six_days = [shift(monday + timedelta(days=i), 10, 12) for i in range(6)]
    assert check(AGE_16, six_days[:-1], six_days[-1], CAL) == []  # Saturday 12 → Monday 10
    sunday = shift(monday + timedelta(days=6), 10, 12)
    violations = check(AGE_16, six_days, sunday, CAL)
    assert codes(violations) == ["weekly_rest"]
    # With Saturday free, Friday 12:00 to Sunday 10:00 is 46 hours of rest.
    without_saturday = six_days[:5]
    assert check(AGE_16, without_saturday, sunday, CAL) == []


def test_weekly_rest_looks_across_the_iso_week():
    """Wednesday to Tuesday is seven days too: the rest may not be lost at a week's edge."""
    wednesday = SUMMER_MONDAY + timedelta(days=2)
    existing = [shift(wednesday + timedelta(days=i), 10, 12) for i in range(6)]
    new = shift(wednesday + timedelta(days=6), 10, 12)  # the next Tuesday
    assert codes(check(AGE_16, existing, new, CAL)) == ["weekly_rest"]


def test_rest_rules_are_not_for_adults():
    existing = [shift(SUMMER_MONDAY + timedelta(days=i), 20, 22) for i in range(6)]
    new = shift(SUMMER_MONDAY + timedelta(days=6), 8, 14)
    assert check(2000, existing, new, CAL) == []


def test_rest_messages_name_the_rule_in_the_readers_language(app):
    from flask_babel import force_locale

    evening, morning = shift(SUMMER_MONDAY, 18, 20), shift(SUMMER_MONDAY + timedelta(days=1), 8, 10)
    violation = check(AGE_14, [evening], morning, CAL)[0]
    with app.test_request_context(), force_locale("en"):
        text = str(violation.message)
    assert "14 hours of rest" in text and "longest rest would be 12 hours" in text
    assert "Work Environment Authority" in text
    stretch = check(AGE_16, [shift(SUMMER_MONDAY, 10, 13)], shift(SUMMER_MONDAY, 13.25, 15), CAL)
    with app.test_request_context(), force_locale("sv"):
        text = str(stretch[0].message)
    assert "4,75 timmar utan rast" in text  # hours as Swedish writes them
    assert "Arbetsmiljöverkets" in text
