"""A person's own coming sign-ups in one place: activity registrations (their own and their
children's, with the place on the waiting list and offers to confirm), café and summer-job
shifts (also those awaiting a guardian) and summer-job applications.

Three queries, however many sign-ups there are: each loads what its rows show with joins,
and the waiting-list place is a correlated count in the same statement.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from app.clock import local
from app.extensions import db
from app.models import (
    Activity,
    ApplicationStatus,
    Job,
    JobApplication,
    Person,
    Registration,
    RegistrationStatus,
    Shift,
    ShiftSignup,
    Workplace,
)
from app.models.activities import ACTIVE
from app.models.shifts import SIGNUP_ACTIVE
from app.models.util import utcnow

LIMIT = 200


@dataclass
class MySignups:
    registrations: list[tuple[Registration, int | None]]  # with the waiting-list place
    shifts: list[ShiftSignup]
    applications: list[JobApplication]

    @property
    def empty(self) -> bool:
        return not (self.registrations or self.shifts or self.applications)


def my_signups(person: Person) -> MySignups:
    now = utcnow()
    ahead = sa.orm.aliased(Registration)
    position = (
        sa.select(sa.func.count(ahead.id) + 1)
        .where(
            ahead.activity_id == Registration.activity_id,
            ahead.status == RegistrationStatus.WAITLISTED,
            ahead.id < Registration.id,
        )
        .correlate(Registration)
        .scalar_subquery()
    )
    registrations = db.session.execute(
        sa.select(Registration, position.label("position"))
        .join(Activity, Activity.id == Registration.activity_id)
        .where(
            sa.or_(Registration.person_id == person.id, Registration.guardian_id == person.id),
            Registration.status.in_(ACTIVE),
            Activity.ends_at > now,
        )
        .options(sa.orm.contains_eager(Registration.activity))
        .order_by(Activity.starts_at, Registration.id)
        .limit(LIMIT)
    ).all()
    shifts = db.session.scalars(
        sa.select(ShiftSignup)
        .join(Shift, Shift.id == ShiftSignup.shift_id)
        .join(Workplace, Workplace.id == Shift.workplace_id)
        .where(
            ShiftSignup.person_id == person.id,
            ShiftSignup.status.in_(SIGNUP_ACTIVE),
            Shift.ends_at > now,
        )
        .options(sa.orm.contains_eager(ShiftSignup.shift).contains_eager(Shift.workplace))
        .order_by(Shift.starts_at, ShiftSignup.id)
        .limit(LIMIT)
    ).all()
    applications = db.session.scalars(
        sa.select(JobApplication)
        .join(Job, Job.id == JobApplication.job_id)
        .where(
            JobApplication.person_id == person.id,
            JobApplication.status != ApplicationStatus.WITHDRAWN,
            Job.ends_on >= local(now).date(),
        )
        .options(sa.orm.contains_eager(JobApplication.job))
        .order_by(Job.starts_on, JobApplication.id)
        .limit(LIMIT)
    ).all()
    return MySignups(
        registrations=[
            (r, pos if r.status is RegistrationStatus.WAITLISTED else None)
            for r, pos in registrations
        ],
        shifts=list(shifts),
        applications=list(applications),
    )
