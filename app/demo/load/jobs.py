"""The demo's summer jobs."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from app.demo.load import lookup
from app.demo.rows import activities as activity_rows
from app.demo.rows import jobs as job_rows
from app.extensions import db
from app.jobs import services as jobs
from app.models import (
    ApplicationStatus,
    Area,
    AreaRole,
    Job,
    JobApplication,
    Person,
)


def summer_year(today: date) -> int:
    """This summer while its jobs can still be applied for, otherwise next summer."""
    first = date(today.year, *job_rows.FIRST_DAY)
    deadline = first - timedelta(weeks=job_rows.DEADLINE_WEEKS)
    return today.year if today < deadline else today.year + 1


def _monday_from(day: date) -> date:
    return day + timedelta(days=-day.weekday() % 7)


def _job_youth(year: int, low: int, high: int) -> list[Person]:
    """Lina Hage's demo youth aged ``low``–``high`` in ``year``, in the order created."""
    area_id = sa.select(Area.id).where(Area.slug == "lina-hage").scalar_subquery()
    names = [name for name, _ in activity_rows.LINA_HAGE_YOUTH]
    return list(
        db.session.scalars(
            sa.select(Person)
            .join(AreaRole, AreaRole.person_id == Person.id)
            .where(
                AreaRole.area_id == area_id,
                Person.display_name.in_(names),
                Person.birth_year.between(year - high, year - low),
            )
            .order_by(Person.id)
        )
    )


def _by_language(people: list[Person], languages, skip: set[int]) -> list[Person]:
    """The first person not in ``skip`` speaking each language in turn (or anyone left)."""
    chosen = []
    for language in languages:
        left = [p for p in people if p.id not in skip]
        person = next((p for p in left if p.locale == language), left[0])
        chosen.append(person)
        skip.add(person.id)
    return chosen


def _motivation(person: Person) -> str:
    return job_rows.MOTIVATIONS.get(person.locale, job_rows.MOTIVATIONS["sv"])


_JOB_FIELDS = (
    "employer",
    "workplace",
    "places",
    "min_age",
    "max_age",
    "tasks",
    "light_work",
    "supervisor_name",
)


def _last_summer(area: Area, leader: Person, year: int, youth: Person) -> None:
    """Last summer's park job, over, with ``youth`` placed (the guardian consented then)."""
    row = job_rows.LAST_SUMMER
    starts_on = _monday_from(date(year, *job_rows.FIRST_DAY)) + timedelta(weeks=row["week"])
    applied = datetime(year, *job_rows.LAST_SUMMER_APPLIED, 10, tzinfo=UTC)
    job = Job(
        area_id=area.id,
        **{name: row[name] for name in _JOB_FIELDS},
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=row["days"]),
        apply_by=starts_on - timedelta(weeks=job_rows.DEADLINE_WEEKS),
        version=0,
        created_by_id=leader.id,
        created_at=applied - timedelta(days=job_rows.LAST_SUMMER_POSTED_DAYS_BEFORE),
    )
    db.session.add(job)
    db.session.flush()
    db.session.add(
        JobApplication(
            job_id=job.id,
            person_id=youth.id,
            motivation=_motivation(youth),
            status=ApplicationStatus.PLACED,
            created_at=applied,
            placed_at=applied + timedelta(days=job_rows.LAST_SUMMER_PLACED_AFTER_DAYS),
        )
    )
    db.session.commit()


def load_jobs() -> None:
    """Last summer's park job, then next summer's jobs with applications; only once."""
    lina = lookup.area("lina-hage")
    exists = db.session.scalar(
        sa.select(Job.id).where(Job.area_id == lina.id, Job.workplace == job_rows.CAFE)
    )
    if exists is not None:
        return
    today = lookup.today()
    year = summer_year(today)
    first_monday = _monday_from(date(year, *job_rows.FIRST_DAY))
    deadline = first_monday - timedelta(weeks=job_rows.DEADLINE_WEEKS)
    apply_by = max(today + timedelta(days=1), deadline)
    # 16–17 next summer, so 15–16 last summer: within last summer's 15–17.
    taken: set[int] = set()
    (earlier,) = _by_language(_job_youth(year, 16, 17), [job_rows.LAST_SUMMER_PLACED], taken)
    _last_summer(lina, lookup.leader(lina), year - 1, earlier)
    posted = []
    for row in job_rows.JOBS:
        area = lookup.area(row["area"])
        leader = lookup.leader(area)
        starts_on = first_monday + timedelta(weeks=row["week"])
        job = jobs.create(
            area,
            leader,
            jobs.JobInput(
                **{name: row[name] for name in _JOB_FIELDS},
                starts_on=starts_on,
                ends_on=starts_on + timedelta(days=row["days"]),
                apply_by=apply_by,
            ),
        )
        posted.append((row, job, leader))
    for row, job, leader in posted:
        applicants = _by_language(_job_youth(year, 16, 17), row["applicants"], taken)
        if row.get("last_summer_applies"):
            applicants = [earlier, *applicants]
        for person in applicants:
            jobs.apply(job, person, _motivation(person))
        for applicant in jobs.applicants(job)[: row["placed"]]:
            jobs.place(applicant.application, leader)
