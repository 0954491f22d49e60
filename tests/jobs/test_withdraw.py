"""Withdrawing a summer-job application (before and after placement), and two leaders placing
the last place at the same moment."""

from datetime import time

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.jobs import services
from app.jobs import shifts as job_shifts
from app.models import ApplicationStatus, JobApplication, Role, ShiftSignup, SignupStatus
from tests.conftest import give_role, make_person, post, sign_in_as
from tests.jobs.factories import job_input, youth
from tests.live import credentials, fire


@pytest.fixture
def job(area, leader):
    return services.create(area, leader, job_input(max_age=25))


def test_applicant_withdraws_before_placement(client, job, leader):
    person = youth()
    application = services.apply(job, person, "Jag vill jobba.")
    sign_in_as(client, person)
    page = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert "Withdraw my application" in page
    response = post(client, f"/job-applications/{application.id}/withdraw")
    assert response.status_code == 302
    db.session.refresh(application)
    assert application.status is ApplicationStatus.WITHDRAWN
    assert "Withdraw my application" not in client.get(f"/jobs/{job.id}").get_data(as_text=True)
    # Withdrawing again changes nothing; the leader can no longer place it.
    assert post(client, f"/job-applications/{application.id}/withdraw").status_code == 302
    sign_in_as(client, leader)
    assert post(client, f"/job-applications/{application.id}/place").status_code == 409


def test_withdrawing_after_placement_cancels_future_shifts(client, job, leader):
    person = youth("Vuxen", age=20)
    application = services.place(services.apply(job, person, ""), leader)
    shifts = job_shifts.generate(application, leader, time(9), time(15))
    assert shifts
    sign_in_as(client, person)
    page = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert "cancels your shifts still to come" in page
    assert post(client, f"/job-applications/{application.id}/withdraw").status_code == 302
    db.session.expire_all()
    assert application.status is ApplicationStatus.WITHDRAWN
    statuses = set(db.session.scalars(sa.select(ShiftSignup.status)))
    assert statuses == {SignupStatus.CANCELLED}
    assert services.places_taken(job) == 0


def test_only_the_applicant_withdraws(client, job, leader):
    application = services.apply(job, youth(), "")
    for other in (leader, make_person("Annan", birth_year=2000)):
        sign_in_as(client, other)
        assert post(client, f"/job-applications/{application.id}/withdraw").status_code == 403
    db.session.refresh(application)
    assert application.status is ApplicationStatus.APPLIED


def test_two_leaders_place_the_last_place_at_once(app, area, leader, server):
    job = services.create(area, leader, job_input(max_age=25, places=1))
    second = make_person("Andra ledaren")
    give_role(second, area, Role.LEADER)
    applications = [services.apply(job, youth(f"Sökande {k}", age=20), "") for k in range(2)]
    ids = [a.id for a in applications]
    creds = [credentials(app, person) for person in (leader, second)]
    db.session.remove()
    statuses = fire(server, [(f"/job-applications/{ids[k]}/place", *creds[k]) for k in range(2)])
    assert sorted(statuses) == [302, 409], statuses
    db.session.expire_all()
    placed = db.session.scalars(
        sa.select(JobApplication).where(JobApplication.status == ApplicationStatus.PLACED)
    ).all()
    assert len(placed) == 1
