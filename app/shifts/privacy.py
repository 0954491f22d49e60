"""A person's shifts, summer-job applications and guardian requests in the account's data
export, and what deleting the account does to them: coming places are given up (the waiting
lists move on), open applications are withdrawn, motivations and guardians' addresses are
blanked. Worked shifts stay, anonymous with the person, so an area's hours still add up."""

from __future__ import annotations

import sqlalchemy as sa

from app.clock import local
from app.extensions import db
from app.locking import lock_row
from app.models import (
    ApplicationStatus,
    GuardianConsent,
    Job,
    JobApplication,
    Person,
    Shift,
    ShiftSignup,
    SignupStatus,
    Workplace,
)
from app.models.shifts import SIGNUP_ACTIVE
from app.models.util import utcnow
from app.shifts import guardians, places


def _consents(person: Person):
    return (
        sa.select(GuardianConsent)
        .outerjoin(ShiftSignup, ShiftSignup.id == GuardianConsent.signup_id)
        .outerjoin(JobApplication, JobApplication.id == GuardianConsent.job_application_id)
        .where(sa.or_(ShiftSignup.person_id == person.id, JobApplication.person_id == person.id))
        .options(sa.orm.selectinload(GuardianConsent.decisions))
        .order_by(GuardianConsent.id)
    )


def export_for(person: Person) -> dict:
    signups = db.session.execute(
        sa.select(ShiftSignup, Shift, Workplace.name)
        .join(Shift, Shift.id == ShiftSignup.shift_id)
        .join(Workplace, Workplace.id == Shift.workplace_id)
        .where(ShiftSignup.person_id == person.id)
        .order_by(ShiftSignup.id)
    ).all()
    applications = db.session.execute(
        sa.select(JobApplication, Job)
        .join(Job, Job.id == JobApplication.job_id)
        .where(JobApplication.person_id == person.id)
        .order_by(JobApplication.id)
    ).all()
    return {
        "shift_sign_ups": [
            {
                "workplace": workplace,
                "role": shift.role,
                "starts_at": shift.starts_at.isoformat(),
                "ends_at": shift.ends_at.isoformat(),
                "status": signup.status.value,
                "arrived": signup.arrived,
                "offered_to_others": signup.offered_at is not None,
            }
            for signup, shift, workplace in signups
        ],
        "supervised_workplaces": list(
            db.session.scalars(
                sa.select(Workplace.name)
                .where(Workplace.supervisor_id == person.id)
                .order_by(Workplace.id)
            )
        ),
        "job_applications": [
            {
                "employer": job.employer,
                "workplace": job.workplace,
                "starts_on": job.starts_on.isoformat(),
                "motivation": application.motivation,
                "status": application.status.value,
            }
            for application, job in applications
        ],
        "guardian_consents": [
            {
                "guardian": consent.guardian_address,
                "decision": consent.decision.value,
                "decisions": [
                    {"decision": d.decision.value, "at": d.decided_at.isoformat()}
                    for d in consent.decisions
                ],
            }
            for consent in db.session.scalars(_consents(person))
        ],
    }


def forget(person: Person) -> None:
    """Give up coming shifts and open summer jobs, blank motivations and guardians'
    addresses; commits."""
    now = utcnow()
    coming = db.session.execute(
        sa.select(ShiftSignup.id, ShiftSignup.shift_id)
        .join(Shift, Shift.id == ShiftSignup.shift_id)
        .where(
            ShiftSignup.person_id == person.id,
            ShiftSignup.status.in_(SIGNUP_ACTIVE),
            Shift.starts_at > now,
        )
        .order_by(ShiftSignup.shift_id)
    ).all()
    for signup_id, shift_id in coming:
        places.lock_shift(shift_id)
        db.session.execute(
            sa.update(ShiftSignup)
            .where(ShiftSignup.id == signup_id, ShiftSignup.status.in_(SIGNUP_ACTIVE))
            .values(status=SignupStatus.CANCELLED, cancelled_at=now, hold_until=None)
            .execution_options(synchronize_session=False)
        )
        places.fill_free_places(db.session.get(Shift, shift_id), now)
        db.session.commit()
        guardians.send_queued_links()
    today = local(now).date()
    for application in db.session.scalars(
        sa.select(JobApplication)
        .join(Job, Job.id == JobApplication.job_id)
        .where(
            JobApplication.person_id == person.id,
            JobApplication.status != ApplicationStatus.WITHDRAWN,
            Job.ends_on >= today,
        )
    ).all():
        if application.status is ApplicationStatus.APPLIED:
            application.status = ApplicationStatus.WITHDRAWN
        else:
            lock_row(Job, application.job_id, Job.version)
            guardians.end_placement(application, now)
    db.session.execute(
        sa.update(JobApplication)
        .where(JobApplication.person_id == person.id)
        .values(motivation="")
        .execution_options(synchronize_session=False)
    )
    for consent in db.session.scalars(_consents(person)):
        consent.guardian_address = ""
    db.session.execute(
        sa.update(Workplace)
        .where(Workplace.supervisor_id == person.id)
        .values(supervisor_id=None)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
