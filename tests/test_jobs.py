"""Summer jobs: who posts them, bad input, applications, fairness order and the places limit."""

from datetime import date, timedelta

import pytest

from app.extensions import db
from app.ideas.services import Refused
from app.jobs import services
from app.jobs.services import JobInput
from app.models import ApplicationStatus, Job, JobApplication, Role
from tests.conftest import count, give_role, make_area, make_person
from tests.test_partners import make_partner, make_rep

START = date.today() + timedelta(days=30)


def job_input(**changes) -> JobInput:
    data = dict(
        employer="Bodens kommun",
        workplace="Parkförvaltningen",
        starts_on=START,
        ends_on=START + timedelta(days=13),
        places=2,
        min_age=15,
        max_age=18,
        tasks="Rensa ogräs, vattna planteringar.",
        supervisor_name="Sara",
        apply_by=START - timedelta(days=7),
    )
    data.update(changes)
    return JobInput(**data)


def youth(name="Ung", age=16):
    return make_person(name, birth_year=START.year - age)


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
