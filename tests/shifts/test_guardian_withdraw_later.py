"""A guardian withdrawing consent reaches only what is still to come: a started or worked
shift (and its arrival) stays, for a shift sign-up and for a summer-job placement."""

from datetime import time, timedelta

import sqlalchemy as sa

from app.extensions import db
from app.jobs import services as job_services
from app.jobs import shifts as job_shifts
from app.models import (
    ApplicationStatus,
    ConsentDecision,
    GuardianConsent,
    ShiftSignup,
    SignupStatus,
)
from app.models.util import utcnow
from app.shifts import hours
from tests.conftest import post, sign_in_as
from tests.jobs.factories import job_input
from tests.jobs.factories import youth as job_youth
from tests.shifts.factories import decide_as_guardian as decide_signup
from tests.shifts.factories import make_shift, make_workplace, sign_up_with_guardian_phone, youth


def _consented_signup(client, area, outbox):
    shift = make_shift(make_workplace(area))
    person = youth(age=14)
    assert sign_up_with_guardian_phone(client, person, shift).status_code == 302
    signup = db.session.scalar(sa.select(ShiftSignup))
    token = outbox.token()
    client.get("/auth/sign-out")
    assert decide_signup(client, token, signup, "consent").status_code == 302
    db.session.refresh(signup)
    assert signup.status is SignupStatus.CONFIRMED
    return shift, signup, token


def test_withdrawal_after_the_shift_keeps_the_worked_hours(client, area, outbox):
    shift, signup, token = _consented_signup(client, area, outbox)
    shift.starts_at = utcnow() - timedelta(hours=3)
    shift.ends_at = utcnow() - timedelta(hours=1)
    signup.arrived = True
    db.session.commit()
    page = client.get(f"/guardian/{token}").get_data(as_text=True)
    assert 'value="withdraw"' not in page
    response = decide_signup(client, token, signup, "withdraw")
    assert response.status_code == 409
    assert "Nothing is left to come" in response.get_data(as_text=True)
    db.session.expire_all()
    assert signup.status is SignupStatus.CONFIRMED and signup.arrived is True
    assert len(hours.my_hours(signup.person).shifts) == 1
    assert db.session.scalar(sa.select(GuardianConsent.decision)) is ConsentDecision.CONSENTED


def test_withdrawal_before_the_shift_cancels_it_and_says_so(client, area, outbox):
    _shift, signup, token = _consented_signup(client, area, outbox)
    page = client.get(f"/guardian/{token}").get_data(as_text=True)
    assert 'value="withdraw"' in page
    assert "Withdrawing cancels this shift, which has not started yet." in page
    assert decide_signup(client, token, signup, "withdraw").status_code == 302
    db.session.refresh(signup)
    assert signup.status is SignupStatus.CANCELLED


def test_placement_withdrawal_cancels_only_the_coming_shifts(client, area, leader, outbox):
    job = job_services.create(area, leader, job_input(min_age=13, max_age=18))
    person = job_youth("Fjorton", age=14)
    application = job_services.place(job_services.apply(job, person, ""), leader)
    job_shifts.generate(application, leader, time(9), time(11))
    sign_in_as(client, person)
    post(client, f"/job-applications/{application.id}/guardian", {"guardian": "070-174 06 05"})
    token = outbox.token()
    client.get("/auth/sign-out")
    form = {"application": str(application.id)}
    assert post(client, f"/guardian/{token}", {**form, "decision": "consent"}).status_code == 302
    signups = db.session.scalars(
        sa.select(ShiftSignup).where(ShiftSignup.person_id == person.id).order_by(ShiftSignup.id)
    ).all()
    assert len(signups) >= 2
    worked = signups[0]  # the first shift: already worked
    worked.shift.starts_at = utcnow() - timedelta(hours=3)
    worked.shift.ends_at = utcnow() - timedelta(hours=1)
    worked.arrived = True
    db.session.commit()
    page = client.get(f"/guardian/{token}").get_data(as_text=True)
    assert f"cancels the {len(signups) - 1} shifts still to come" in page
    assert post(client, f"/guardian/{token}", {**form, "decision": "withdraw"}).status_code == 302
    db.session.expire_all()
    assert application.status is ApplicationStatus.WITHDRAWN
    assert worked.status is SignupStatus.CONFIRMED and worked.arrived is True
    assert {s.status for s in signups[1:]} == {SignupStatus.CANCELLED}
    assert len(hours.my_hours(person).shifts) == 1


def test_placement_over_offers_no_withdrawal(client, area, leader, outbox):
    job = job_services.create(area, leader, job_input(min_age=13, max_age=18))
    person = job_youth("Fjorton", age=14)
    application = job_services.place(job_services.apply(job, person, ""), leader)
    sign_in_as(client, person)
    post(client, f"/job-applications/{application.id}/guardian", {"guardian": "070-174 06 05"})
    token = outbox.token()
    client.get("/auth/sign-out")
    form = {"application": str(application.id)}
    assert post(client, f"/guardian/{token}", {**form, "decision": "consent"}).status_code == 302
    job.starts_on = job.starts_on.replace(year=job.starts_on.year - 2)
    job.ends_on = job.ends_on.replace(year=job.ends_on.year - 2)
    db.session.commit()
    assert 'value="withdraw"' not in client.get(f"/guardian/{token}").get_data(as_text=True)
    assert post(client, f"/guardian/{token}", {**form, "decision": "withdraw"}).status_code == 409
    db.session.refresh(application)
    assert application.status is ApplicationStatus.PLACED
