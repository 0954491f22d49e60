"""Each area's school calendar feeds the rules for minors, and "light work
only" is enforced from the workplace's (or summer job's) declaration."""

from datetime import date, time, timedelta

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from app import minors
from app.extensions import db
from app.jobs import services as jobs
from app.models import ApplicationStatus, Role, ShiftSignup, Workplace
from app.models.schoolcalendar import SchoolFreePeriod
from app.refusals import Refused
from app.shifts import schoolcalendar
from tests.conftest import count, give_role, make_person, post, sign_in_as
from tests.jobs.factories import job_input
from tests.shifts.factories import make_shift, make_workplace, school_week, sign_up, youth

THIS_YEAR = date.today().year


def _with_study_day(area, leader, day: date) -> None:
    """The area's calendar for the day's year: the defaults plus one school-free day."""
    periods = schoolcalendar.default_periods(day.year) + [(day, day, "Studiedag")]
    schoolcalendar.save(area, leader, day.year, schoolcalendar.as_text(periods))


# --- The school calendar per area ------------------------------------------------------------


def test_school_free_day_in_one_area_allows_seven_hours_there_only(
    client, area, other_area, leader
):
    tuesday = school_week() + timedelta(days=1)
    _with_study_day(area, leader, tuesday)
    here = make_shift(make_workplace(area), tuesday, time(9), time(16))
    there = make_shift(make_workplace(other_area, "Kiosken"), tuesday, time(9), time(16))

    response = sign_up(client, youth("Ung i Boden"), here)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert count(ShiftSignup) == 1

    response = sign_up(client, youth("Ung på annat håll"), there)
    assert response.status_code == 422
    assert "On a school day" in response.get_data(as_text=True)
    assert count(ShiftSignup) == 1


def test_area_calendar_replaces_the_defaults_for_its_years_only(area, leader):
    year = THIS_YEAR + 1
    sports_week9 = date.fromisocalendar(year, 9, 1)
    with force_locale("en"):
        rows = [p for p in schoolcalendar.default_periods(year) if "Sports" not in p[2]]
    rows.append((sports_week9, sports_week9 + timedelta(days=6), "Sportlov"))
    schoolcalendar.save(area, leader, year, schoolcalendar.as_text(rows))
    calendar = schoolcalendar.area_calendar(area.id).extended_to({year, year + 1})
    week8 = date.fromisocalendar(year, 8, 2)
    assert calendar.is_school_day(week8)
    assert calendar.day_kind(sports_week9 + timedelta(days=1)) is minors.DayKind.HOLIDAY
    # Another year of the same area keeps the defaults (sports break in week 8).
    assert not calendar.is_school_day(date.fromisocalendar(year + 1, 8, 2))
    # The defaults as periods give the same school days as the default calendar.
    default = minors.default_calendar(year)
    own = schoolcalendar._year_calendar(year, schoolcalendar.default_periods(year))
    day = date(year, 1, 1)
    while day.year == year:
        assert own.is_school_day(day) == default.is_school_day(day), day
        day += timedelta(days=1)
    assert own.summer_holiday_start(year) == default.summer_holiday_start(year)


def test_leader_page_shows_defaults_and_saves(client, area, leader):
    year = THIS_YEAR + 1
    sign_in_as(client, leader)
    page = client.get(f"/areas/{area.slug}/school-calendar?year={year}").get_data(as_text=True)
    assert "Sports break" in page and "Summer holiday" in page and "No periods are set" in page
    text = f"{year}-02-22–{year}-02-28 Sportlov\n{year}-06-13 - {year}-08-17 Sommarlov\n"
    response = post(client, f"/areas/{area.slug}/school-calendar?year={year}", {"periods": text})
    assert response.status_code == 302
    rows = db.session.scalars(sa.select(SchoolFreePeriod).order_by(SchoolFreePeriod.starts_on))
    assert [(r.starts_on, r.ends_on, r.name) for r in rows] == [
        (date(year, 2, 22), date(year, 2, 28), "Sportlov"),
        (date(year, 6, 13), date(year, 8, 17), "Sommarlov"),
    ]
    page = client.get(f"/areas/{area.slug}/school-calendar?year={year}").get_data(as_text=True)
    assert "Sportlov" in page and "own periods apply" in page
    # Emptying the box returns the year to the defaults.
    post(client, f"/areas/{area.slug}/school-calendar?year={year}", {"periods": ""})
    assert count(SchoolFreePeriod) == 0


@pytest.mark.parametrize(
    "text, words",
    [
        ("sportlov vecka 9", "one period per line"),
        ("{y}-02-30–{y}-03-01 Sportlov", "does not exist"),
        ("{y}-03-05–{y}-03-01 Sportlov", "end on or after"),
        ("{y}-12-21–{n}-01-07 Jullov", "every date must be in"),
        ("{y}-02-22–{y}-02-28 " + "x" * 81, "at most 80 characters"),
    ],
)
def test_bad_calendar_input_is_422(client, area, leader, text, words):
    year = THIS_YEAR + 1
    sign_in_as(client, leader)
    response = post(
        client,
        f"/areas/{area.slug}/school-calendar?year={year}",
        {"periods": text.format(y=year, n=year + 1)},
    )
    assert response.status_code == 422
    assert words in response.get_data(as_text=True)
    assert count(SchoolFreePeriod) == 0


def test_only_the_areas_leaders_set_the_calendar(client, area, other_area, resident, leader):
    stranger = make_person("Annan ledare")
    give_role(stranger, other_area, Role.LEADER)
    url = f"/areas/{area.slug}/school-calendar"
    for person in (resident, stranger):
        sign_in_as(client, person)
        assert client.get(url).status_code == 403
        assert post(client, url, {"periods": ""}).status_code == 403
    with pytest.raises(Refused) as refused:
        schoolcalendar.save(area, resident, THIS_YEAR, "")
    assert refused.value.status == 403
    sign_in_as(client, leader)
    assert client.get(f"{url}?year=1900").status_code == 404
    assert client.get(f"{url}?year=abc").status_code == 404


# --- Light work -----------------------------------------------------------------------------


def test_workplace_not_declared_light_work_refuses_a_fourteen_year_old(client, area):
    workplace = make_workplace(area)
    workplace.light_work = False
    db.session.commit()
    saturday = school_week() + timedelta(days=5)
    shift = make_shift(workplace, saturday, time(10), time(12))
    response = sign_up(client, youth(), shift)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "only light work is allowed" in page and "AFS 2012:3" in page
    assert count(ShiftSignup) == 0
    # An adult may take the shift.
    adult = make_person("Vuxen", birth_year=1990, email="vuxen@test.example")
    assert sign_up(client, adult, shift).status_code == 302


def test_leader_declares_light_work_on_the_workplace_form(client, area, leader):
    sign_in_as(client, leader)
    page = client.get(f"/areas/{area.slug}/workplaces/new").get_data(as_text=True)
    assert 'name="light_work"' in page and "Work Environment Act" in page
    post(client, f"/areas/{area.slug}/workplaces/new", {"name": "Caféet", "light_work": "yes"})
    post(client, f"/areas/{area.slug}/workplaces/new", {"name": "Verkstaden"})
    declared = dict(db.session.execute(sa.select(Workplace.name, Workplace.light_work)).all())
    assert declared == {"Caféet": True, "Verkstaden": False}


def test_job_not_declared_light_work_refuses_school_age_applicants(area, leader):
    job = jobs.create(area, leader, job_input(min_age=13, light_work=False))
    fourteen = make_person("Fjorton", birth_year=job.starts_on.year - 14, email="f@test.example")
    with pytest.raises(Refused) as refused:
        jobs.apply(job, fourteen, "Gärna!")
    assert refused.value.status == 422
    with force_locale("en"):
        assert "light work" in str(refused.value.message)
    # Someone who has finished compulsory school (turns 17 this year) may apply.
    older = make_person("Sjutton", birth_year=job.starts_on.year - 17, email="s@test.example")
    assert jobs.apply(job, older, "Gärna!").status is ApplicationStatus.APPLIED


def test_job_page_says_whether_the_job_is_light_work(client, area, leader):
    light = jobs.create(area, leader, job_input(light_work=True))
    other = jobs.create(area, leader, job_input(light_work=False, workplace="Verkstaden"))
    assert "declares the tasks light work" in client.get(f"/jobs/{light.id}").get_data(as_text=True)
    page = client.get(f"/jobs/{other.id}").get_data(as_text=True)
    assert "Not declared light work" in page


def test_leader_posts_a_light_work_job_through_the_form(client, area, leader):
    sign_in_as(client, leader)
    page = client.get(f"/areas/{area.slug}/jobs/new").get_data(as_text=True)
    assert 'name="light_work"' in page


def test_placement_refused_when_the_job_is_no_longer_light_work(area, leader):
    job = jobs.create(area, leader, job_input(min_age=13, light_work=True))
    fourteen = make_person("Fjorton", birth_year=job.starts_on.year - 14, email="f@test.example")
    application = jobs.apply(job, fourteen, "Gärna!")
    job.light_work = False
    db.session.commit()
    with pytest.raises(Refused) as refused:
        jobs.place(application, leader)
    assert refused.value.status == 422
    db.session.refresh(application)
    assert application.status is ApplicationStatus.APPLIED


# --- The raised holiday limits name their source ------------------------------------------------


def test_raised_holiday_limit_refusal_names_its_source(app):
    year = THIS_YEAR + 1
    day = date(year, 7, 14)
    shift = minors.Shift(
        minors._at(day, time(6)), minors._at(day, time(15))
    )  # 9 h in the summer holiday
    with app.test_request_context():
        fifteen = minors.check(year - 15, [], shift)
        fourteen = minors.check(year - 14, [], shift)
    assert [v.code for v in fifteen] == [minors.DAY_HOLIDAY]
    assert minors.RAISE_HOLIDAY_LIMITS_AT_15
    with app.test_request_context(), force_locale("en"):
        assert "94/33/EC" in str(fifteen[0].message)
        assert "94/33/EC" not in str(fourteen[0].message)
