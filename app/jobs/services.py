"""Summer jobs (feriearbete): postings, applications and placements.

A posting is made by one of the area's process leaders or a representative of a partner
active in the area. Youth in the job's age band apply with a short motivation until the
application deadline. The leader sees the applicants with how many placements each already
had in earlier jobs (first-timers first, then in the order they applied) and places them up
to the number of places, under the job's row lock (:func:`app.locking.lock_row`).
Someone under 18 is placed as *awaiting guardian* until their guardian consents.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from app import minors
from app.activities.services import organiser_partners
from app.areas.services import is_leader
from app.clock import local
from app.extensions import db
from app.locking import lock_row
from app.models import ApplicationStatus, Area, Job, JobApplication, NotificationKind, Person
from app.models.audit import record
from app.models.jobs import APPLICATION_HOLDS_PLACE, JOB_NAME_MAX, MOTIVATION_MAX, SUPERVISOR_MAX
from app.models.util import utcnow
from app.notifications.services import notify
from app.refusals import Refused
from app.shifts.schoolcalendar import area_calendar


def job_or_404(job_id: int) -> Job:
    return db.get_or_404(Job, job_id, options=[sa.orm.joinedload(Job.area)])


def can_post(person: Person, area: Area) -> bool:
    if not person.is_authenticated:
        return False
    return is_leader(person, area) or bool(organiser_partners(person, area))


def can_manage(person: Person, job: Job) -> bool:
    """The area's process leaders place applicants."""
    return person.is_authenticated and is_leader(person, job.area)


@dataclass
class JobInput:
    employer: str
    workplace: str
    starts_on: date
    ends_on: date
    places: int
    min_age: int
    max_age: int
    tasks: str
    supervisor_name: str
    apply_by: date
    partner_id: int | None = None
    light_work: bool = False


def check_input(data: JobInput) -> None:
    if not (data.employer or "").strip() or not (data.workplace or "").strip():
        raise Refused(_l("The job needs an employer and a workplace."), 422)
    if len(data.employer.strip()) > JOB_NAME_MAX:
        raise Refused(
            _l("The employer's name can be at most %(max)d characters.", max=JOB_NAME_MAX), 422
        )
    if len(data.workplace.strip()) > JOB_NAME_MAX:
        raise Refused(
            _l("The workplace's name can be at most %(max)d characters.", max=JOB_NAME_MAX), 422
        )
    if len((data.supervisor_name or "").strip()) > SUPERVISOR_MAX:
        raise Refused(
            _l("The supervisor's name can be at most %(max)d characters.", max=SUPERVISOR_MAX), 422
        )
    if data.ends_on < data.starts_on:
        raise Refused(_l("The job must end on or after the day it starts."), 422)
    if data.places is None or data.places < 1:
        raise Refused(_l("The number of places must be at least 1."), 422)
    for age in (data.min_age, data.max_age):
        if age is None or not 0 <= age <= 120:
            raise Refused(_l("Ages must be between 0 and 120."), 422)
    if data.min_age > data.max_age:
        raise Refused(_l("The lowest age cannot be above the highest age."), 422)
    if data.apply_by > data.starts_on:
        raise Refused(_l("The application deadline must be on or before the first day."), 422)


def create(area: Area, by: Person, data: JobInput) -> Job:
    if not can_post(by, area):
        raise Refused(
            _l("Only the area's process leaders and partners active here post summer jobs."), 403
        )
    if data.partner_id is None:
        if not is_leader(by, area):
            raise Refused(_l("Choose the partner that offers the job."), 403)
    elif data.partner_id not in {p.id for p in organiser_partners(by, area)}:
        raise Refused(_l("You do not represent that partner in this area."), 403)
    check_input(data)
    job = Job(
        area_id=area.id,
        partner_id=data.partner_id,
        employer=data.employer.strip(),
        workplace=data.workplace.strip(),
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        places=data.places,
        min_age=data.min_age,
        max_age=data.max_age,
        tasks=(data.tasks or "").strip(),
        supervisor_name=(data.supervisor_name or "").strip(),
        light_work=data.light_work,
        apply_by=data.apply_by,
        version=0,
        created_by_id=by.id,
    )
    db.session.add(job)
    db.session.flush()
    record(by.id, "create_job", area.id, f"job {job.id}")
    db.session.commit()
    return job


def jobs(area: Area) -> list[Job]:
    """The area's jobs not yet over, soonest first."""
    today = local(utcnow()).date()
    return list(
        db.session.scalars(
            sa.select(Job)
            .where(Job.area_id == area.id, Job.ends_on >= today)
            .order_by(Job.starts_on, Job.id)
        )
    )


def age_at(job: Job, birth_year: int) -> int:
    return minors.age_in_year(birth_year, job.starts_on.year)


def mine(job: Job, person: Person) -> JobApplication | None:
    if not person.is_authenticated:
        return None
    return db.session.scalar(
        sa.select(JobApplication).where(
            JobApplication.job_id == job.id, JobApplication.person_id == person.id
        )
    )


def apply(job: Job, person: Person, motivation: str) -> JobApplication:
    """Apply once; applying again returns the application already there."""
    refusal = apply_refusal(job, person, local(utcnow()).date())
    if refusal is not None:
        raise refusal
    motivation = (motivation or "").strip()
    if len(motivation) > MOTIVATION_MAX:
        raise Refused(_l("Keep the motivation to at most 1000 characters."), 422)
    existing = mine(job, person)
    if existing is not None:
        return existing
    application = JobApplication(
        job_id=job.id, person_id=person.id, motivation=motivation, status=ApplicationStatus.APPLIED
    )
    db.session.add(application)
    try:
        db.session.commit()
    except IntegrityError:  # the same person applying twice at once
        db.session.rollback()
        existing = mine(job, person)
        if existing is None:
            raise
        return existing
    return application


@dataclass
class Applicant:
    application: JobApplication
    earlier_placements: int


def applicants(job: Job) -> list[Applicant]:
    """Active applications, first-timers first: by earlier placements, then time applied."""
    me = sa.orm.aliased(JobApplication)
    other = sa.orm.aliased(JobApplication)
    earlier = (
        sa.select(sa.func.count(other.id))
        .where(
            other.person_id == me.person_id,
            other.job_id != job.id,
            other.status.in_(APPLICATION_HOLDS_PLACE),
        )
        .correlate(me)
        .scalar_subquery()
    )
    rows = db.session.execute(
        sa.select(me, earlier.label("earlier"))
        .where(me.job_id == job.id, me.status != ApplicationStatus.WITHDRAWN)
        .options(sa.orm.joinedload(me.person))
        .order_by(earlier, me.created_at, me.id)
    ).all()
    return [Applicant(application, count) for application, count in rows]


def places_taken(job: Job) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).where(
            JobApplication.job_id == job.id, JobApplication.status.in_(APPLICATION_HOLDS_PLACE)
        )
    )


def is_minor(job: Job, birth_year: int) -> bool:
    return age_at(job, birth_year) < minors.ADULT_FROM_AGE


def apply_refusal(job: Job, person: Person, today, calendar=None) -> Refused | None:
    """Why the person cannot apply (deadline, age, light work), or None; ``calendar`` is the
    area's school calendar when the caller has it already."""
    if today > job.apply_by:
        return Refused(_l("The deadline to apply for this job has passed."), 409)
    if person.birth_year is None:
        return Refused(_l("Jobs have age rules: add your birth year in your account first."), 422)
    age = age_at(job, person.birth_year)
    if not job.min_age <= age <= job.max_age:
        return Refused(
            _l("This job is for ages %(low)d to %(high)d.", low=job.min_age, high=job.max_age),
            422,
        )
    return light_work_refusal(job, person.birth_year, calendar)


def light_work_refusal(job: Job, birth_year: int, calendar=None) -> Refused | None:
    """Until compulsory school is finished only light work is allowed: a job not declared
    light work is refused to them (see :func:`app.minors.light_work_only`)."""
    if job.light_work:
        return None
    calendar = (
        calendar or area_calendar(job.area_id) or minors.default_calendar(job.starts_on.year)
    ).extended_to({job.starts_on.year})
    if minors.light_work_only(birth_year, job.starts_on, calendar):
        return Refused(minors.light_work_violation().message, 422)
    return None


def check_light_work(job: Job, birth_year: int) -> None:
    refusal = light_work_refusal(job, birth_year)
    if refusal is not None:
        raise refusal


def place(application: JobApplication, by: Person) -> JobApplication:
    """Give the applicant one of the places; under-18s wait for their guardian's consent."""
    job = application.job
    if not can_manage(by, job):
        raise Refused(_l("Only the area's process leaders place applicants."), 403)
    lock_row(Job, job.id, Job.version)
    db.session.refresh(application)
    if application.status in APPLICATION_HOLDS_PLACE:
        db.session.commit()
        return application
    if application.status != ApplicationStatus.APPLIED:
        db.session.rollback()
        raise Refused(_l("This application was withdrawn."), 409)
    if places_taken(job) >= job.places:
        db.session.rollback()
        raise Refused(_l("All the job's places are already given."), 409)
    birth_year = application.person.birth_year
    if birth_year is not None:
        try:
            check_light_work(job, birth_year)
        except Refused:
            db.session.rollback()
            raise
    minor = birth_year is None or is_minor(job, birth_year)
    application.status = ApplicationStatus.AWAITING_GUARDIAN if minor else ApplicationStatus.PLACED
    application.placed_at = utcnow()
    db.session.flush()
    notify(
        application.person_id,
        NotificationKind.JOB_PLACED,
        detail=f"{'minor' if minor else 'adult'}\n{job.id}\n{job.employer}, {job.workplace}",
    )
    record(by.id, "place_job_applicant", job.area_id, f"job {job.id} application {application.id}")
    db.session.commit()
    return application


def withdraw(application: JobApplication, person: Person) -> JobApplication:
    """The applicant withdraws: before placement the application simply ends; after it, the
    place is given up and the placement's shifts still to come are cancelled (their places
    move up the waiting lists). Withdrawing twice changes nothing."""
    if application.person_id != person.id:
        raise Refused(_l("This is not your application."), 403)
    from app.shifts import guardians  # guardians builds on the shift services

    lock_row(Job, application.job_id, Job.version)
    db.session.refresh(application)
    if application.status is ApplicationStatus.WITHDRAWN:
        db.session.commit()
        return application
    if application.status is ApplicationStatus.APPLIED:
        application.status = ApplicationStatus.WITHDRAWN
        db.session.commit()
        return application
    guardians.tell_guardian(
        guardians.consent_for_application(application), guardians.YOUTH_WITHDREW_JOB
    )
    guardians.end_placement(application, utcnow())  # commits
    guardians.send_queued_notes()
    return application
