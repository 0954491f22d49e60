"""The results page: figures computed from records, aggregates only, CSV, print, query count."""

from datetime import date, timedelta

import pytest
from flask_babel import force_locale

from app.extensions import db
from app.models import (
    Activity,
    Area,
    Audience,
    Category,
    Idea,
    IdeaStatus,
    Person,
    Registration,
    Role,
)
from app.models.agreements import Agreement, AgreementStatus, Indicator, Measurement
from app.models.programmes import Outcome
from app.models.util import utcnow
from app.programmes import services as programmes
from app.results import services
from tests.conftest import csv_rows, give_role, make_person, post, sign_in_as
from tests.programmes.factories import make_programme
from tests.queries import queries
from tests.results.factories import came, held, youth

THIS_YEAR = utcnow().year
LAST_YEAR = THIS_YEAR - 1
YEAR_BEFORE = THIS_YEAR - 2


# --- Showing numbers of people ------------------------------------------------------------------


def test_numbers_of_people_below_five_are_not_shown(app):
    with app.test_request_context(), force_locale("en"):
        assert services.people(4) == "fewer than 5"
        assert services.people(0) == "fewer than 5"
        assert services.people(5) == "5"
        assert services.x_of_y(9, 10) == "9 of 10"
        assert services.x_of_y(4, 10) == "fewer than 5 of 10"
        assert services.x_of_y(3, 4) == "fewer than 5 participants"
        assert services.change(20, 36) == "+80%"
        assert services.change(10, 5) == "-50%"
        assert services.change(4, 36) is None
        assert services.change(20, 4) is None


def test_the_page_is_public_and_states_the_rule(client, area):
    for path in (f"/areas/{area.slug}/results", "/results"):
        response = client.get(path)
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        assert "fewer than 5 people is shown as “fewer than 5”" in page
        assert "How we count" in page
    assert client.get("/areas/nowhere/results").status_code == 404


def test_area_and_home_pages_link_to_results(client, area):
    assert f"/areas/{area.slug}/results" in client.get(f"/areas/{area.slug}").get_data(as_text=True)
    assert f"/areas/{area.slug}/programmes" in client.get(f"/areas/{area.slug}").get_data(
        as_text=True
    )
    assert 'href="/results"' in client.get("/").get_data(as_text=True)


# --- Ideas and activities -----------------------------------------------------------------------


def test_ideas_proposed_published_done(area, other_area, resident):
    for status, published in (
        (IdeaStatus.SUBMITTED, False),
        (IdeaStatus.PUBLISHED, True),
        (IdeaStatus.DONE, True),
        (IdeaStatus.HIDDEN, False),
    ):
        db.session.add(
            Idea(
                area_id=area.id,
                author_id=resident.id,
                title="Idé",
                text="Text",
                language="sv",
                category=Category.SAFETY,
                status=status,
                published_at=utcnow() if published else None,
            )
        )
    db.session.commit()
    assert services.compute(area).ideas == {"proposed": 4, "published": 2, "done": 1}
    assert services.compute(other_area).ideas == {"proposed": 0, "published": 0, "done": 0}


def test_activities_held_per_year_and_youth_activities(area, other_area):
    for week in range(3):
        held(area, date(LAST_YEAR, 3, 1) + timedelta(weeks=week), Audience.YOUTH)
    held(area, date(LAST_YEAR, 5, 1), Audience.WOMEN, walk_ins=7)
    held(area, date(YEAR_BEFORE, 5, 1))
    held(other_area, date(LAST_YEAR, 5, 1))
    # Not yet held: still to come.
    starts = utcnow() + timedelta(days=2)
    db.session.add(
        Activity(
            area_id=area.id,
            title="Snart",
            category=Category.SAFETY,
            place="Torget",
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
        )
    )
    db.session.commit()
    figures = services.compute(area).activities
    assert figures[str(LAST_YEAR)] == {"held": 4, "youth": 3, "walk_ins": 7}
    assert figures[str(YEAR_BEFORE)]["held"] == 1
    assert figures[str(THIS_YEAR)]["held"] == 0
    assert services.compute(None).activities[str(LAST_YEAR)]["held"] == 5


def test_youth_activities_in_the_last_12_months(area):
    today = utcnow().date()
    for days in range(1, 121):  # one a day for 120 days, spanning New Year when it falls there
        held(area, today - timedelta(days=days), Audience.YOUTH)
    held(area, today - timedelta(days=400), Audience.YOUTH)
    db.session.commit()
    assert services.compute(area).activities[services.LAST_12_MONTHS]["youth"] == 120


# --- Participants -------------------------------------------------------------------------------


def test_distinct_participants_per_year_and_the_counting_rule(area, leader):
    a1 = held(area, date(LAST_YEAR, 3, 1))
    a2 = held(area, date(LAST_YEAR, 3, 8), walk_ins=12)
    teens = youth(5, LAST_YEAR)
    adults = [make_person(f"Adult {i}", birth_year=1980) for i in range(3)]
    for person in teens + adults:
        came(a1, person)
        came(a2, person)  # came twice: counts once
    no_show = make_person("No Show", birth_year=LAST_YEAR - 15)
    came(a2, no_show, attended=False)
    # A child signed up by a guardian, at two dates, name written differently: once.
    came(a1, guardian=leader, child="Sami", born=LAST_YEAR - 8)
    came(a2, guardian=leader, child=" sami ", born=LAST_YEAR - 8)
    # Another guardian's child with the same name is another child.
    other_parent = make_person("Other Parent")
    came(a2, guardian=other_parent, child="Sami", born=LAST_YEAR - 8)
    db.session.commit()
    figures = services.compute(area).participants[str(LAST_YEAR)]
    assert figures == {"people": 5 + 3 + 2, "youth": 5}


def test_youth_by_birth_year_in_the_activitys_year(area):
    before = held(area, date(YEAR_BEFORE, 6, 1))
    after = held(area, date(LAST_YEAR, 6, 1))
    # 17 the year before last, 18 last year: youth then, not now.
    older = [make_person(f"Older {i}", birth_year=YEAR_BEFORE - 17) for i in range(5)]
    for person in older:
        came(before, person)
        came(after, person)
    db.session.commit()
    figures = services.compute(area).participants
    assert figures[str(YEAR_BEFORE)]["youth"] == 5
    assert figures[str(LAST_YEAR)] == {"people": 5, "youth": 0}


def test_change_from_the_year_before_is_shown_only_from_five(client, area):
    earlier = held(area, date(YEAR_BEFORE, 4, 1))
    later = held(area, date(LAST_YEAR, 4, 1))
    for person in youth(20, YEAR_BEFORE, "Early"):
        came(earlier, person)
    for person in youth(36, LAST_YEAR, "Late"):
        came(later, person)
    db.session.commit()
    page = client.get(f"/areas/{area.slug}/results").get_data(as_text=True)
    assert "+80%" in page
    # With only 4 the year before, no percentage is shown.
    db.session.query(Registration).filter(Registration.activity_id == earlier.id).delete()
    for person in youth(4, YEAR_BEFORE, "Few"):
        came(earlier, person)
    db.session.commit()
    page = client.get(f"/areas/{area.slug}/results").get_data(as_text=True)
    assert "%" not in page.split("Participants")[-1].split("Programme outcomes")[0]
    assert "fewer than 5" in page


# --- Programmes ---------------------------------------------------------------------------------


def _participants(area, programme, leader, outcomes):
    for i, outcome in enumerate(outcomes):
        person = make_person(f"Participant {i}")
        give_role(person, area, Role.RESIDENT, verified=True)
        enrolment = programmes.enrol_self(programme, person, True)
        if outcome is not None:
            programmes.record_outcome(enrolment, leader, Outcome.NONE_YET, date(2024, 1, 1))
            programmes.record_outcome(enrolment, leader, outcome, date(2024, 6, 1))
    return programme


def test_programme_outcomes_as_x_of_y_by_latest_outcome(client, area, leader):
    programme = make_programme(area, leader)
    outcomes = [Outcome.WORK] * 6 + [Outcome.STUDIES] * 3 + [None]
    _participants(area, programme, leader, outcomes)
    (result,) = services.compute(area).programmes
    assert result.enrolled == 10
    assert result.by_outcome == {Outcome.WORK: 6, Outcome.STUDIES: 3}
    assert result.into_work_or_studies == 9
    page = client.get(f"/areas/{area.slug}/results").get_data(as_text=True)
    assert "9 of 10" in page and "6 of 10" in page
    assert "3 of 10" not in page and "fewer than 5 of 10" in page


def test_a_small_programme_shows_no_numbers(client, area, leader):
    programme = make_programme(area, leader, name="Liten")
    _participants(area, programme, leader, [Outcome.WORK] * 3)
    page = client.get(f"/areas/{area.slug}/results").get_data(as_text=True)
    assert "fewer than 5 participants" in page
    assert "3 of 3" not in page


def test_results_after_withdrawal_no_longer_count_the_person(client, area, leader):
    programme = make_programme(area, leader)
    _participants(area, programme, leader, [Outcome.WORK] * 5)
    person = make_person("Withdrawing")
    give_role(person, area, Role.RESIDENT)
    enrolment = programmes.enrol_self(programme, person, True)
    programmes.record_outcome(enrolment, leader, Outcome.WORK, date(2024, 6, 1))
    assert "6 of 6" in client.get(f"/areas/{area.slug}/results").get_data(as_text=True)
    sign_in_as(client, person)
    assert post(client, f"/enrolments/{enrolment.id}/withdraw").status_code == 302
    page = client.get(f"/areas/{area.slug}/results").get_data(as_text=True)
    assert "5 of 5" in page and "6 of 6" not in page
    (result,) = services.compute(area).programmes
    assert (result.enrolled, result.by_outcome) == (5, {Outcome.WORK: 5})


# --- Indicators ---------------------------------------------------------------------------------


def _agreement(
    area, status=AgreementStatus.ACTIVE, title="Samverkan för jobb", computed=False
) -> Agreement:
    agreement = Agreement(
        area_id=area.id,
        title=title,
        starts_on=date(2024, 1, 1),
        ends_on=date(2029, 12, 31),
        status=status,
    )
    db.session.add(agreement)
    db.session.flush()
    indicator = Indicator(
        agreement_id=agreement.id,
        name="Unga i sommarjobb",
        unit="personer",
        baseline_value=10,
        baseline_on=date(2024, 1, 1),
        target_value=30,
        target_on=date(2028, 12, 31),
    )
    db.session.add(indicator)
    db.session.flush()
    db.session.add(Measurement(indicator_id=indicator.id, measured_on=date(2025, 6, 1), value=20))
    for measure in ("youth-activities", "participants") if computed else ():
        db.session.add(
            Indicator(
                agreement_id=agreement.id,
                name=f"Computed {measure}",
                baseline_value=0,
                baseline_on=date(2024, 1, 1),
                target_value=100,
                target_on=date(2028, 12, 31),
                measure=measure,
                measured_from=date(2024, 1, 1),
            )
        )
    db.session.commit()
    return agreement


def test_indicator_progress_of_public_agreements(client, area):
    _agreement(area)
    _agreement(area, AgreementStatus.DRAFT, title="Utkast")
    page = client.get(f"/areas/{area.slug}/results").get_data(as_text=True)
    assert "Unga i sommarjobb (personer) – Samverkan för jobb" in page
    assert "50 %" in page
    assert "Utkast" not in page


# --- CSV and print ------------------------------------------------------------------------------


def test_csv_per_table_and_formula_cells_are_neutralised(client, area, leader):
    programme = make_programme(area, leader, name='=HYPERLINK("http://evil")')
    _participants(area, programme, leader, [Outcome.WORK] * 5)
    for name in ("+SUM(1)", "-2", "@cmd"):
        make_programme(area, leader, name=name)
    response = client.get(f"/areas/{area.slug}/results/programmes.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert rows[0] == ["Programme", "Outcome (the latest)", "Participants", "Notes"]
    first_cells = {row[0] for row in rows[1:]}
    assert first_cells == {'\'=HYPERLINK("http://evil")', "'+SUM(1)", "'-2", "'@cmd"}
    assert ['\'=HYPERLINK("http://evil")', "Enrolled with consent", "5", ""] in rows
    # a share is its number, the whole in the note; a hidden count an empty cell with why
    evil = '\'=HYPERLINK("http://evil")'
    assert [evil, "Work", "5", "Participants: 5 of 5"] in rows
    assert [evil, "Studies", "", "Participants: fewer than 5 of 5"] in rows
    assert ["'@cmd", "Enrolled with consent", "", "Participants: fewer than 5"] in rows
    for table in ("ideas", "activities", "participants", "indicators"):
        assert client.get(f"/areas/{area.slug}/results/{table}.csv").status_code == 200
        assert client.get(f"/results/{table}.csv").status_code == 200
    assert client.get(f"/areas/{area.slug}/results/secrets.csv").status_code == 404


def test_print_view(client, area, leader):
    _grow(area, leader, 6)
    for path in (f"/areas/{area.slug}/results/print", "/results/print"):
        response = client.get(path)
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        assert "results-print.css" in page and "<svg" in page and "How we count" in page


def test_charts_have_a_table_with_the_same_figures(client, area, leader):
    page = client.get(f"/areas/{area.slug}/results").get_data(as_text=True)
    assert 'role="img"' not in page  # nothing to draw yet: tables only
    _grow(area, leader, 6)
    page = client.get(f"/areas/{area.slug}/results").get_data(as_text=True)
    assert page.count('role="img"') == 4  # activities, participants, programmes, indicators
    assert page.count("<table") == 5


# --- A fixed number of queries ------------------------------------------------------------------


def _grow(area, leader, n):
    programme = make_programme(area, leader, name=f"Programme {n}")
    _participants(area, programme, leader, [Outcome.WORK] * n)
    activity = held(area, date(LAST_YEAR, 2, 1))
    for person in youth(n, LAST_YEAR, f"Grow {n}"):
        came(activity, person)
    _agreement(area, title=f"Agreement {n}", computed=True)


@pytest.mark.parametrize("path", ["/areas/boden/results", "/results"])
def test_the_number_of_queries_does_not_grow_with_the_data(client, area, leader, path):
    area_id, leader_id = area.id, leader.id
    _grow(area, leader, 2)
    _, small = queries(client, "GET", path)
    area, leader = db.session.get(Area, area_id), db.session.get(Person, leader_id)
    _grow(area, leader, 8)
    _grow(area, leader, 9)
    status, large = queries(client, "GET", path)
    assert status == 200
    assert len(large) == len(small)
