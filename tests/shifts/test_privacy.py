"""My data and account deletion cover café shifts, summer-job applications and guardians'
consents: the export holds them; deleting the account gives up coming places (the waiting
list moves up), withdraws open applications and blanks motivations and guardians' addresses,
while worked shifts stay (anonymous) in the area's hours."""

import json
from datetime import time, timedelta

import sqlalchemy as sa

from app.account.services import delete_account
from app.extensions import db
from app.jobs import services as jobs
from app.jobs import shifts as job_shifts
from app.models import ApplicationStatus, GuardianConsent, ShiftSignup, SignupStatus
from app.models.util import utcnow
from app.shifts import guardians, services
from tests.conftest import make_person, post, sign_in_as
from tests.jobs.factories import job_input
from tests.shifts.factories import make_shift, make_workplace, youth


def _setup(area, leader):
    person = youth("Ung", age=15)
    workplace = make_workplace(area, "Caféet")
    coming = make_shift(workplace, capacity=1)
    signup = services.sign_up(coming, person)
    guardians.request_consent(signup, "guardian@test.example")
    waiting = services.sign_up(coming, make_person("Väntar", birth_year=1990))
    worked = make_shift(workplace, capacity=1)
    worked.starts_at -= timedelta(days=30)
    worked.ends_at -= timedelta(days=30)
    db.session.add(
        ShiftSignup(
            shift_id=worked.id, person_id=person.id, status=SignupStatus.CONFIRMED, arrived=True
        )
    )
    job = jobs.create(area, leader, job_input(workplace="Parken", min_age=13))
    application = jobs.apply(job, person, "Jag gillar att vara ute.")
    db.session.commit()
    return person, signup, waiting, application


def test_export_holds_shifts_applications_and_consents(client, area, leader):
    person, *_ = _setup(area, leader)
    sign_in_as(client, person)
    data = json.loads(client.get("/account/export").get_data(as_text=True))
    assert {s["workplace"] for s in data["shift_sign_ups"]} == {"Caféet"}
    assert len(data["shift_sign_ups"]) == 2
    assert data["job_applications"][0]["motivation"] == "Jag gillar att vara ute."
    assert data["guardian_consents"][0]["guardian"] == "guardian@test.example"


def test_delete_gives_up_places_and_blanks_data(client, area, leader):
    person, signup, waiting, application = _setup(area, leader)
    sign_in_as(client, person)
    assert post(client, "/account/delete").status_code == 302
    db.session.expire_all()
    assert signup.status is SignupStatus.CANCELLED
    assert waiting.status is SignupStatus.OFFERED  # the waiting list moved up
    assert application.status is ApplicationStatus.WITHDRAWN and application.motivation == ""
    consent = db.session.scalar(sa.select(GuardianConsent))
    assert consent.guardian_address == ""
    worked = db.session.scalar(sa.select(ShiftSignup).where(ShiftSignup.arrived.is_(True)))
    assert worked.status is SignupStatus.CONFIRMED and worked.person_id == person.id


def test_delete_after_placement_cancels_coming_job_shifts(area, leader):
    person = make_person("Vuxen", birth_year=utcnow().year - 20)
    job = jobs.create(area, leader, job_input(max_age=25))
    application = jobs.place(jobs.apply(job, person, ""), leader)
    assert job_shifts.generate(application, leader, time(9), time(15))
    delete_account(person)
    db.session.expire_all()
    assert application.status is ApplicationStatus.WITHDRAWN
    assert set(db.session.scalars(sa.select(ShiftSignup.status))) == {SignupStatus.CANCELLED}
