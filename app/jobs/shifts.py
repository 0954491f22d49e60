"""Work shifts for a placed summer job, made through the café-shift models.

The leader gives the daily hours; every weekday of the job's period that has not begun gets
a one-place shift in a workplace named after the job (found or created in the job's area),
and the placed youth a sign-up for it. All the new shifts, together with every shift the
person already holds, are checked against the rules for minors (:mod:`app.minors`) first:
one broken rule and nothing is made. Worked hours and the certificate then count them like
any other shift. A youth still waiting for a guardian's consent gets sign-ups *awaiting
guardian*, held for 72 hours like any shift; the guardian's consent to the placement (one
link, :mod:`app.shifts.guardians`) confirms them all, and a decline or withdrawal cancels
those still to come; a placed adult gets them confirmed.
"""

from __future__ import annotations

from datetime import time, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app import minors
from app.clock import local, meeting_time
from app.extensions import db
from app.jobs.services import can_manage
from app.models import ApplicationStatus, JobApplication, Person, Shift, ShiftSignup, Workplace
from app.models.audit import record
from app.models.jobs import APPLICATION_HOLDS_PLACE
from app.models.shifts import SIGNUP_HOLDS_PLACE, SignupStatus
from app.models.util import utcnow
from app.refusals import Refused
from app.shifts.places import GUARDIAN_HOLD_HOURS, lock_person, other_shifts
from app.shifts.schoolcalendar import area_calendar

ROLE = _l("Summer job")


def workplace_for(application: JobApplication) -> Workplace:
    job = application.job
    workplace = db.session.scalar(
        sa.select(Workplace)
        .where(Workplace.area_id == job.area_id, Workplace.name == job.workplace)
        .order_by(Workplace.id)
        .limit(1)
    )
    if workplace is None:
        workplace = Workplace(
            area_id=job.area_id,
            name=job.workplace,
            description=job.tasks,
            supervisor_name=job.supervisor_name,
            light_work=job.light_work,
        )
        db.session.add(workplace)
        db.session.flush()
    return workplace


def generate(application: JobApplication, by: Person, start: time, end: time) -> list[Shift]:
    """Make the placement's shifts on weekdays; returns them (none if all already exist)."""
    job = application.job
    if not can_manage(by, job):
        raise Refused(_l("Only the area's process leaders plan the job's shifts."), 403)
    if application.status not in APPLICATION_HOLDS_PLACE:
        raise Refused(_l("Only placed applicants get shifts."), 409)
    if end <= start:
        raise Refused(_l("The shift must end after it starts."), 422)
    person = application.person
    if person.birth_year is None:
        raise Refused(_l("Jobs have age rules: add your birth year in your account first."), 422)
    now = utcnow()
    spans = []
    day = job.starts_on
    while day <= job.ends_on:
        starts_at = meeting_time(day, start)
        if day.weekday() < 5 and starts_at > now:
            spans.append((starts_at, meeting_time(day, end)))
        day += timedelta(days=1)
    if not spans:
        raise Refused(_l("No weekdays of the job's period are left to plan."), 409)

    lock_person(person.id)
    workplace = workplace_for(application)
    held = other_shifts(person.id, except_shift_id=0)
    calendar = area_calendar(job.area_id)
    held_starts = {s.start for s in held}
    new_spans = [(s, e) for s, e in spans if minors.Shift(s, e).start not in held_starts]
    queued: list[minors.Shift] = []
    for starts_at, ends_at in new_spans:
        rule_shift = minors.Shift(local(starts_at), local(ends_at))
        broken = minors.check(
            person.birth_year, held + queued, rule_shift, calendar, light_work=job.light_work
        )
        if broken:
            db.session.rollback()
            raise Refused(broken[0].message, 422)
        queued.append(rule_shift)

    confirmed = application.status == ApplicationStatus.PLACED
    status = SignupStatus.CONFIRMED if confirmed else SignupStatus.AWAITING_GUARDIAN
    # Held like any shift awaiting a guardian, so the guardian's link works for each one.
    hold = None if confirmed else now + timedelta(hours=GUARDIAN_HOLD_HOURS)
    shifts = []
    for starts_at, ends_at in new_spans:
        shift = Shift(
            workplace_id=workplace.id,
            starts_at=starts_at,
            ends_at=ends_at,
            capacity=1,
            role=str(ROLE),
            min_age=job.min_age,
            signup_opens_at=now,
            signup_closes_at=starts_at,
            cancel_deadline=starts_at,
            version=0,
            created_by_id=by.id,
        )
        db.session.add(shift)
        db.session.flush()
        db.session.add(
            ShiftSignup(
                shift_id=shift.id,
                person_id=person.id,
                status=status,
                hold_until=hold,
                created_at=now,
            )
        )
        shifts.append(shift)
    db.session.flush()
    record(by.id, "plan_job_shifts", job.area_id, f"application {application.id}")
    db.session.commit()
    return shifts


def planned(application: JobApplication) -> int:
    """How many of the person's shifts are in the job's workplace and period."""
    job = application.job
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(ShiftSignup)
        .join(Shift, Shift.id == ShiftSignup.shift_id)
        .join(Workplace, Workplace.id == Shift.workplace_id)
        .where(
            ShiftSignup.person_id == application.person_id,
            ShiftSignup.status.in_(SIGNUP_HOLDS_PLACE),
            Workplace.area_id == job.area_id,
            Workplace.name == job.workplace,
        )
    )
