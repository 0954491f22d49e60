"""Guardian consent for a summer-job placement: one link for the whole placement, through
the same page and decision history as a shift; consent, decline, withdraw, an expired or
reused link, and the leader's assisted mode."""

from datetime import time, timedelta

import pytest
import sqlalchemy as sa
from babel import dates

from app.extensions import db
from app.jobs import services
from app.jobs import shifts as job_shifts
from app.models import (
    ApplicationStatus,
    ConsentDecision,
    GuardianConsent,
    GuardianDecision,
    ShiftSignup,
    SignupStatus,
)
from app.models.util import utcnow
from tests.conftest import post, sign_in_as
from tests.jobs.factories import job_input, youth


@pytest.fixture
def placed(area, leader):
    """A 14-year-old placed (awaiting guardian) with weekday shifts planned."""
    job = services.create(area, leader, job_input(min_age=13, max_age=18))
    person = youth("Fjorton", age=14)
    application = services.place(services.apply(job, person, ""), leader)
    job_shifts.generate(application, leader, time(9), time(11))
    return application


def _ask(client, person, application, guardian="070-174 06 05"):
    sign_in_as(client, person)
    return post(client, f"/job-applications/{application.id}/guardian", {"guardian": guardian})


def _decide(client, token, application, decision):
    return post(
        client, f"/guardian/{token}", {"application": str(application.id), "decision": decision}
    )


def _statuses(application):
    return set(
        db.session.scalars(
            sa.select(ShiftSignup.status).where(ShiftSignup.person_id == application.person_id)
        )
    )


def test_youth_names_guardian_who_sees_job_and_consents(client, placed, outbox):
    application = placed
    assert _statuses(application) == {SignupStatus.AWAITING_GUARDIAN}
    assert _ask(client, application.person, application).status_code == 302
    consent = db.session.scalar(sa.select(GuardianConsent))
    assert consent.job_application_id == application.id and consent.signup_id is None
    assert consent.guardian_address == "+46701740605"
    token = outbox.token()
    client.get("/auth/sign-out")
    page = client.get(f"/guardian/{token}").get_data(as_text=True)
    for shown in ("Bodens kommun", "Parkförvaltningen", "Sara", "Rensa ogräs"):
        assert shown in page
    starts = application.job.starts_on
    assert any(dates.format_date(starts, "medium", locale=lang) in page for lang in ("sv", "en"))
    assert _decide(client, token, application, "consent").status_code == 302
    db.session.refresh(application)
    assert application.status == ApplicationStatus.PLACED
    assert _statuses(application) == {SignupStatus.CONFIRMED}
    assert [d.decision for d in db.session.scalars(sa.select(GuardianDecision))] == [
        ConsentDecision.CONSENTED
    ]
    # Reused link: answered already.
    assert _decide(client, token, application, "consent").status_code == 409
    assert _decide(client, token, application, "decline").status_code == 409


def test_decline_withdraws_application_and_cancels_shifts(client, placed, outbox, leader):
    application = placed
    # Assisted mode: the leader enters the guardian's address.
    assert _ask(client, leader, application, "forald@test.example").status_code == 302
    token = outbox.token()
    assert _decide(client, token, application, "decline").status_code == 302
    db.session.refresh(application)
    assert application.status == ApplicationStatus.WITHDRAWN
    assert _statuses(application) == {SignupStatus.CANCELLED}
    assert services.places_taken(application.job) == 0


def test_withdraw_after_consent(client, placed, outbox):
    application = placed
    _ask(client, application.person, application)
    token = outbox.token()
    _decide(client, token, application, "consent")
    assert _decide(client, token, application, "withdraw").status_code == 302
    db.session.refresh(application)
    assert application.status == ApplicationStatus.WITHDRAWN
    assert _statuses(application) == {SignupStatus.CANCELLED}
    decisions = [d.decision for d in db.session.scalars(sa.select(GuardianDecision))]
    assert decisions == [ConsentDecision.CONSENTED, ConsentDecision.WITHDRAWN]
    assert _decide(client, token, application, "withdraw").status_code == 409


def test_expired_link(client, placed, outbox):
    application = placed
    _ask(client, application.person, application)
    token = outbox.token()
    consent = db.session.scalar(sa.select(GuardianConsent))
    consent.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert client.get(f"/guardian/{token}").status_code == 410
    db.session.refresh(application)
    assert application.status == ApplicationStatus.WITHDRAWN
    assert _statuses(application) == {SignupStatus.CANCELLED}
    assert _decide(client, token, application, "consent").status_code == 410


def test_link_for_another_application_and_strangers_refused(client, placed, outbox, resident):
    application = placed
    assert _ask(client, resident, application).status_code == 403
    _ask(client, application.person, application)
    token = outbox.token()
    response = post(client, f"/guardian/{token}", {"application": "999", "decision": "consent"})
    assert response.status_code == 409
    response = post(client, f"/guardian/{token}", {"signup": "1", "decision": "consent"})
    assert response.status_code == 409
    db.session.refresh(application)
    assert application.status == ApplicationStatus.AWAITING_GUARDIAN


def test_new_link_replaces_old_and_adult_not_asked(client, placed, outbox, area, leader):
    application = placed
    _ask(client, application.person, application)
    old = outbox.token()
    _ask(client, application.person, application, "ny@test.example")
    assert client.get(f"/guardian/{old}").status_code == 404
    assert client.get(f"/guardian/{outbox.token()}").status_code == 200
    job = services.create(area, leader, job_input(workplace="Biblioteket", max_age=25))
    adult = services.place(services.apply(job, youth("Vuxen", age=20), ""), leader)
    assert adult.status == ApplicationStatus.PLACED
    assert _ask(client, adult.person, adult).status_code == 409


def test_consent_needs_exactly_one_subject(placed):
    db.session.add(
        GuardianConsent(
            guardian_address="x@test.example",
            token_hash="h" * 64,
            expires_at=utcnow(),
            decision=ConsentDecision.PENDING,
        )
    )
    with pytest.raises(sa.exc.IntegrityError):
        db.session.commit()
    db.session.rollback()
