"""The summer-job list as cards: each job with its period, ages, places and deadline, and for
the reader her application's status or whether she may apply (the application's own rules),
in a fixed number of queries however many jobs the page shows."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from app import minors
from app.clock import local
from app.extensions import db
from app.jobs import services
from app.models import Area, Job, JobApplication
from app.models.jobs import APPLICATION_HOLDS_PLACE
from app.models.util import utcnow
from app.shifts.schoolcalendar import area_calendar

PER_PAGE = 20


@dataclass(frozen=True)
class Card:
    job: Job
    taken: int = 0
    mine: JobApplication | None = None
    refusal: object | None = None  # why the reader cannot apply (a translated message)

    @property
    def left(self) -> int:
        return max(self.job.places - self.taken, 0)


@dataclass(frozen=True)
class Listing:
    mine: list[Card]
    coming: list[Card]
    page: int
    has_more: bool


def _open(area: Area, today) -> sa.Select:
    return (
        sa.select(Job)
        .where(Job.area_id == area.id, Job.ends_on >= today)
        .order_by(Job.apply_by, Job.starts_on, Job.id)
    )


def listing(area: Area, person, page: int) -> Listing:
    """The reader's own applications in the area first (on the first page), then one page of
    the other jobs not yet over, nearest deadline first."""
    today = local(utcnow()).date()
    signed_in = person.is_authenticated
    mine: list[Job] = []
    if signed_in and page == 1:
        mine = list(
            db.session.scalars(
                _open(area, today)
                .join(JobApplication, JobApplication.job_id == Job.id)
                .where(JobApplication.person_id == person.id)
            )
        )
    query = _open(area, today)
    if signed_in:
        query = query.where(
            ~sa.exists().where(
                JobApplication.job_id == Job.id, JobApplication.person_id == person.id
            )
        )
    rows = list(db.session.scalars(query.offset((page - 1) * PER_PAGE).limit(PER_PAGE + 1)))
    cards = build(area, mine + rows[:PER_PAGE], person, today)
    return Listing(
        mine=cards[: len(mine)],
        coming=cards[len(mine) :],
        page=page,
        has_more=len(rows) > PER_PAGE,
    )


def card(job: Job, person) -> Card:
    return build(job.area, [job], person, local(utcnow()).date())[0]


def build(area: Area, jobs: list[Job], person, today) -> list[Card]:
    if not jobs:
        return []
    ids = [job.id for job in jobs]
    taken = dict(
        db.session.execute(
            sa.select(JobApplication.job_id, sa.func.count())
            .where(
                JobApplication.job_id.in_(ids), JobApplication.status.in_(APPLICATION_HOLDS_PLACE)
            )
            .group_by(JobApplication.job_id)
        ).all()
    )
    if not person.is_authenticated:
        return [Card(job, taken.get(job.id, 0)) for job in jobs]
    own = {
        application.job_id: application
        for application in db.session.scalars(
            sa.select(JobApplication).where(
                JobApplication.person_id == person.id, JobApplication.job_id.in_(ids)
            )
        )
    }
    calendar = area_calendar(area.id) or minors.default_calendar(today.year)
    cards = []
    for job in jobs:
        mine = own.get(job.id)
        refusal = None
        if mine is None:
            refused = services.apply_refusal(job, person, today, calendar)
            refusal = refused.message if refused else None
        cards.append(Card(job, taken.get(job.id, 0), mine, refusal))
    return cards
