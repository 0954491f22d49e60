"""Summer jobs: who posts them, bad input, applications, fairness order and the places limit."""

from datetime import date, time, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.jobs import services
from app.jobs import shifts as job_shifts
from app.models import (
    ApplicationStatus,
    ConsentDecision,
    Job,
    JobApplication,
    Role,
    Shift,
    ShiftSignup,
    SignupStatus,
    Workplace,
)
from app.refusals import Refused
from app.shifts import guardians
from tests.conftest import count, give_role, make_area, make_person, post, sign_in_as
from tests.jobs.factories import START, form, job_input, youth
from tests.partners.factories import make_partner, make_rep


@pytest.fixture
def job(area, leader):
    return services.create(area, leader, job_input())


# --- Posting ----------------------------------------------------------------------------------


def test_leader_posts_job(area, leader):
    job = services.create(area, leader, job_input())
    assert job.places == 2 and job.area_id == area.id
    assert services.jobs(area) == [job]


def test_partner_active_in_area_posts_job(area):
    partner = make_partner(areas=[area])
    rep = make_rep(partner, "Rep")
    job = services.create(area, rep, job_input(partner_id=partner.id))
    assert job.partner_id == partner.id


def test_partner_must_name_its_partner(area):
    partner = make_partner(areas=[area])
    rep = make_rep(partner, "Rep")
    with pytest.raises(Refused) as refused:
        services.create(area, rep, job_input())
    assert refused.value.status == 403


def test_partner_not_active_in_area_refused(area):
    elsewhere = make_area("lulea")
    partner = make_partner(areas=[elsewhere])
    rep = make_rep(partner, "Rep")
    with pytest.raises(Refused) as refused:
        services.create(area, rep, job_input(partner_id=partner.id))
    assert refused.value.status == 403
    assert count(Job) == 0


def test_resident_cannot_post(area, resident):
    with pytest.raises(Refused) as refused:
        services.create(area, resident, job_input())
    assert refused.value.status == 403


def test_leader_of_another_area_cannot_post(area, other_area):
    other_leader = make_person("Annan ledare")
    give_role(other_leader, other_area, Role.LEADER)
    with pytest.raises(Refused) as refused:
        services.create(area, other_leader, job_input())
    assert refused.value.status == 403


@pytest.mark.parametrize(
    "changes",
    [
        {"ends_on": START - timedelta(days=1)},
        {"places": 0},
        {"min_age": 17, "max_age": 15},
        {"apply_by": START + timedelta(days=1)},
        {"employer": "  "},
        {"min_age": -1},
        {"employer": "E" * 121},
        {"workplace": "W" * 121},
        {"supervisor_name": "S" * 81},
    ],
)
def test_bad_input_refused(area, leader, changes):
    with pytest.raises(Refused) as refused:
        services.create(area, leader, job_input(**changes))
    assert refused.value.status == 422
    assert count(Job) == 0


# --- Applying ---------------------------------------------------------------------------------


def test_youth_applies_once(job):
    person = youth()
    first = services.apply(job, person, "Jag gillar att vara ute.")
    second = services.apply(job, person, "Igen")
    assert first.id == second.id
    assert count(JobApplication) == 1
    assert first.status == ApplicationStatus.APPLIED


@pytest.mark.parametrize("age", [14, 19])
def test_age_outside_band_refused(job, age):
    with pytest.raises(Refused) as refused:
        services.apply(job, youth(age=age), "")
    assert refused.value.status == 422


def test_motivation_too_long_refused(job):
    with pytest.raises(Refused) as refused:
        services.apply(job, youth(), "x" * 1001)
    assert refused.value.status == 422
    services.apply(job, youth("Ok"), "x" * 1000)


def test_apply_after_deadline_refused(job):
    job.apply_by = date.today() - timedelta(days=1)
    db.session.commit()
    with pytest.raises(Refused) as refused:
        services.apply(job, youth(), "")
    assert refused.value.status == 409
    assert count(JobApplication) == 0


def test_no_birth_year_refused(job):
    with pytest.raises(Refused) as refused:
        services.apply(job, make_person("Utan år", birth_year=None), "")
    assert refused.value.status == 422


# --- Placing ----------------------------------------------------------------------------------


def test_first_timers_first_then_application_order(area, leader, job):
    earlier_job = services.create(area, leader, job_input(places=5))
    veteran = youth("Veteran", age=17)
    newcomer_late = youth("Ny sen")
    newcomer_early = youth("Ny tidig")
    services.place(services.apply(earlier_job, veteran, ""), leader)
    services.apply(job, veteran, "")
    services.apply(job, newcomer_early, "")
    services.apply(job, newcomer_late, "")
    order = services.applicants(job)
    assert [a.application.person.display_name for a in order] == [
        "Ny tidig",
        "Ny sen",
        "Veteran",
    ]
    assert [a.earlier_placements for a in order] == [0, 0, 1]


def test_places_limit(job, leader):
    applications = [services.apply(job, youth(f"Ung {i}", age=18), "") for i in range(3)]
    services.place(applications[0], leader)
    services.place(applications[1], leader)
    with pytest.raises(Refused) as refused:
        services.place(applications[2], leader)
    assert refused.value.status == 409
    assert services.places_taken(job) == 2
    # Placing the same one again is not a second place.
    services.place(applications[0], leader)
    assert services.places_taken(job) == 2


def test_minor_placed_awaiting_guardian_adult_placed(area, leader):
    job = services.create(area, leader, job_input(max_age=25))
    minor = services.place(services.apply(job, youth("Minderårig", age=16), ""), leader)
    assert minor.status == ApplicationStatus.AWAITING_GUARDIAN
    adult = services.place(services.apply(job, youth("Vuxen", age=20), ""), leader)
    assert adult.status == ApplicationStatus.PLACED


def test_only_leader_places(job, resident, area):
    application = services.apply(job, youth(), "")
    partner = make_partner(areas=[area])
    rep = make_rep(partner, "Rep")
    for person in (resident, rep, application.person):
        with pytest.raises(Refused) as refused:
            services.place(application, person)
        assert refused.value.status == 403
    assert services.places_taken(job) == 0


# --- Pages ------------------------------------------------------------------------------------


def test_leader_posts_through_page(client, area, leader):
    sign_in_as(client, leader)
    assert client.get(f"/areas/{area.slug}/jobs/new").status_code == 200
    response = post(client, f"/areas/{area.slug}/jobs/new", form())
    assert response.status_code == 302
    job = db.session.scalar(sa.select(Job))
    page = client.get(f"/areas/{area.slug}/jobs").get_data(as_text=True)
    assert "Parkförvaltningen" in page
    assert client.get(f"/jobs/{job.id}").status_code == 200


def test_page_refuses_resident_and_bad_input(client, area, leader, resident):
    sign_in_as(client, resident)
    assert client.get(f"/areas/{area.slug}/jobs/new").status_code == 403
    assert post(client, f"/areas/{area.slug}/jobs/new", form()).status_code == 403
    sign_in_as(client, leader)
    bad = form(places=0)
    assert post(client, f"/areas/{area.slug}/jobs/new", bad).status_code == 422
    bad = form()
    bad["starts_on"] = "not a date"
    assert post(client, f"/areas/{area.slug}/jobs/new", bad).status_code == 422
    response = post(client, f"/areas/{area.slug}/jobs/new", form(employer="E" * 100_000))
    assert response.status_code == 422
    assert "The employer's name can be at most 120 characters." in response.get_data(as_text=True)
    assert count(Job) == 0


def test_apply_and_place_through_pages(client, job, leader):
    person = youth("Elin")
    sign_in_as(client, person)
    response = post(client, f"/jobs/{job.id}/apply", {"motivation": "Jag vill jobba."})
    assert response.status_code == 302
    application = db.session.scalar(sa.select(JobApplication))
    assert post(client, f"/job-applications/{application.id}/place").status_code == 403
    sign_in_as(client, leader)
    page = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert "Elin" in page and "Jag vill jobba." in page
    assert post(client, f"/job-applications/{application.id}/place").status_code == 302
    db.session.refresh(application)
    assert application.status == ApplicationStatus.AWAITING_GUARDIAN
    too_old = make_person("Gammal", birth_year=START.year - 30)
    sign_in_as(client, too_old)
    assert post(client, f"/jobs/{job.id}/apply", {"motivation": ""}).status_code == 422


# --- Shifts for a placement -------------------------------------------------------------------


def weekdays(job) -> int:
    days = (
        job.starts_on + timedelta(days=i) for i in range((job.ends_on - job.starts_on).days + 1)
    )
    return sum(1 for day in days if day.weekday() < 5)


def test_leader_generates_shifts_for_placed_adult(area, leader):
    job = services.create(area, leader, job_input(max_age=25))
    application = services.place(services.apply(job, youth("Vuxen", age=20), ""), leader)
    shifts = job_shifts.generate(application, leader, time(9), time(15))
    assert len(shifts) == weekdays(job)
    workplace = db.session.scalar(sa.select(Workplace))
    assert workplace.name == job.workplace and workplace.supervisor_name == "Sara"
    signups = db.session.scalars(sa.select(ShiftSignup)).all()
    assert {s.status for s in signups} == {SignupStatus.CONFIRMED}
    assert job_shifts.planned(application) == len(shifts)
    # Again: nothing new.
    assert job_shifts.generate(application, leader, time(9), time(15)) == []


def test_minor_shifts_await_guardian_and_follow_rules(area, leader):
    job = services.create(area, leader, job_input(min_age=13, max_age=18))
    application = services.place(services.apply(job, youth("Fjorton", age=14), ""), leader)
    assert application.status == ApplicationStatus.AWAITING_GUARDIAN
    # Past 20:00 is not allowed for a 14-year-old.
    with pytest.raises(Refused) as refused:
        job_shifts.generate(application, leader, time(15), time(21))
    assert refused.value.status == 422
    assert count(Shift) == 0
    shifts = job_shifts.generate(application, leader, time(9), time(11))
    assert shifts
    statuses = set(db.session.scalars(sa.select(ShiftSignup.status)))
    assert statuses == {SignupStatus.AWAITING_GUARDIAN}
    # The guardian's consent works per shift, as for café shifts.
    signup = db.session.scalars(sa.select(ShiftSignup)).first()
    token = guardians.request_consent(signup, "guardian@test.example")
    guardians.decide(guardians.find(token), ConsentDecision.CONSENTED)
    db.session.refresh(signup)
    assert signup.status == SignupStatus.CONFIRMED


def test_generate_refused_for_unplaced_and_non_leader(job, leader, resident):
    application = services.apply(job, youth(), "")
    with pytest.raises(Refused) as refused:
        job_shifts.generate(application, leader, time(9), time(12))
    assert refused.value.status == 409
    services.place(application, leader)
    with pytest.raises(Refused) as refused:
        job_shifts.generate(application, resident, time(9), time(12))
    assert refused.value.status == 403
    with pytest.raises(Refused) as refused:
        job_shifts.generate(application, leader, time(12), time(9))
    assert refused.value.status == 422


def test_generate_shifts_through_page(client, area, leader):
    job = services.create(area, leader, job_input(max_age=25))
    application = services.place(services.apply(job, youth("Vuxen", age=20), ""), leader)
    sign_in_as(client, leader)
    assert "Plan shifts on weekdays" in client.get(f"/jobs/{job.id}").get_data(as_text=True)
    url = f"/job-applications/{application.id}/shifts"
    assert post(client, url, {"start": "nine", "end": "15:00"}).status_code == 422
    assert post(client, url, {"start": "09:00", "end": "15:00"}).status_code == 302
    assert count(Shift) == weekdays(job)


def test_area_page_links_to_summer_jobs(client, area):
    page = client.get(f"/areas/{area.slug}").get_data(as_text=True)
    assert f"/areas/{area.slug}/jobs" in page
