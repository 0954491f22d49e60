"""Demo summer jobs: next summer's jobs in Lina Hage and Boden, applications from Lina Hage's
youth with short motivations (Swedish, Arabic, Somali) and some placements.

The coming jobs go through the services (post, apply, place), so the age bands, deadlines and
places apply as for real; the under-18s placed wait for their guardian's consent. Last
summer's park job is written with the models (the services refuse a deadline that has
passed): one youth was placed there, so on this summer's park job they are listed with one
earlier placement after the first-timers, who are placed first.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from app.demo.activities import LINA_HAGE_YOUTH, _today
from app.extensions import db
from app.jobs import services as jobs
from app.models import ApplicationStatus, Area, AreaRole, Job, JobApplication, Person

LINA_EMPLOYER = "Södertälje kommun"
PARK = "Parkskötsel med Södertälje kommun"
PARK_TASKS = (
    "Rensa rabatter, plocka skräp och vattna planteringarna i Lina Hage och Hovsjö. "
    "Arbetskläder och lunch ingår."
)
CAFE = "Café på äldreboendet"  # the marker: seeding stops when this job is there
CAFE_TASKS = (
    "Baka, duka och servera fika för de boende, prata och spela spel med dem. "
    "Du arbetar tillsammans med personalen på äldreboendet."
)
BODEN_EMPLOYER = "Bodens kommun"
YOUTH_CENTRE = "Sommarjobb på fritidsgården"
YOUTH_CENTRE_TASKS = (
    "Planera och leda aktiviteter för yngre barn: sport, pyssel och utflykter. "
    "Du hjälper också till i fritidsgårdens kiosk."
)

MOTIVATIONS = {
    "sv": "Jag vill tjäna egna pengar och lära mig hur ett riktigt jobb fungerar.",
    "ar": "أريد أن أعمل هذا الصيف وأساعد في حيّنا وأتعلم أشياء جديدة.",
    "so": "Waxaan rabaa inaan xagaagan shaqeeyo oo aan wax cusub barto.",
}

FIRST_DAY = (6, 15)  # the jobs start from mid June
DEADLINE_WEEKS = 3  # apply at least three weeks before the first day


def summer_year(today: date) -> int:
    """This summer while its jobs can still be applied for, otherwise next summer."""
    first = date(today.year, *FIRST_DAY)
    return today.year if today < first - timedelta(weeks=DEADLINE_WEEKS) else today.year + 1


def _monday_from(day: date) -> date:
    return day + timedelta(days=-day.weekday() % 7)


def _youth(year: int, low: int, high: int) -> list[Person]:
    """Lina Hage's demo youth aged ``low``–``high`` in ``year``, in the order created."""
    area_id = sa.select(Area.id).where(Area.slug == "lina-hage").scalar_subquery()
    names = [name for name, _ in LINA_HAGE_YOUTH]
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


def _by_language(people: list[Person], languages: list[str], skip: set[int]) -> list[Person]:
    """The first person not in ``skip`` speaking each language in turn (or anyone left)."""
    chosen = []
    for language in languages:
        left = [p for p in people if p.id not in skip]
        person = next((p for p in left if p.locale == language), left[0])
        chosen.append(person)
        skip.add(person.id)
    return chosen


def _motivation(person: Person) -> str:
    return MOTIVATIONS.get(person.locale, MOTIVATIONS["sv"])


def _post(area: Area, leader: Person, **fields) -> Job:
    return jobs.create(area, leader, jobs.JobInput(**fields))


def _last_summer(area: Area, leader: Person, year: int, youth: Person) -> None:
    """Last summer's park job, over, with ``youth`` placed (the guardian consented then)."""
    starts_on = _monday_from(date(year, *FIRST_DAY))
    applied = datetime(year, 5, 2, 10, tzinfo=UTC)
    job = Job(
        area_id=area.id,
        employer=LINA_EMPLOYER,
        workplace=PARK,
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=18),
        places=3,
        min_age=15,
        max_age=17,
        tasks=PARK_TASKS,
        light_work=True,
        supervisor_name="Anders Wikström, parkarbetare",
        apply_by=starts_on - timedelta(weeks=DEADLINE_WEEKS),
        version=0,
        created_by_id=leader.id,
        created_at=applied - timedelta(days=20),
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
            placed_at=applied + timedelta(days=25),
        )
    )
    db.session.commit()


def seed_demo_jobs() -> None:
    """Add the summer jobs once; the second time nothing changes."""
    from app.demo.ideas import _leader

    lina = db.session.scalar(sa.select(Area).where(Area.slug == "lina-hage"))
    boden = db.session.scalar(sa.select(Area).where(Area.slug == "boden"))
    exists = db.session.scalar(
        sa.select(Job.id).where(Job.area_id == lina.id, Job.workplace == CAFE)
    )
    if exists is not None:
        return
    lina_leader, boden_leader = _leader(lina), _leader(boden)
    today = _today()
    year = summer_year(today)
    first_monday = _monday_from(date(year, *FIRST_DAY))
    apply_by = max(today + timedelta(days=1), first_monday - timedelta(weeks=DEADLINE_WEEKS))

    # 16–17 next summer, so 15–16 last summer: within last summer's 15–17.
    park_youth = _youth(year, 16, 17)
    earlier, *first_timers = _by_language(park_youth, ["sv", "sv", "ar", "so"], set())
    _last_summer(lina, lina_leader, year - 1, earlier)

    park = _post(
        lina,
        lina_leader,
        employer=LINA_EMPLOYER,
        workplace=PARK,
        starts_on=first_monday,
        ends_on=first_monday + timedelta(days=18),
        places=2,
        min_age=15,
        max_age=17,
        tasks=PARK_TASKS,
        light_work=True,  # weeding, watering, picking litter: light work
        supervisor_name="Anders Wikström, parkarbetare",
        apply_by=apply_by,
    )
    cafe_start = first_monday + timedelta(weeks=3)
    cafe = _post(
        lina,
        lina_leader,
        employer=LINA_EMPLOYER,
        workplace=CAFE,
        starts_on=cafe_start,
        ends_on=cafe_start + timedelta(days=11),
        places=2,
        min_age=16,
        max_age=17,
        tasks=CAFE_TASKS,
        light_work=True,  # baking, serving and talking with the residents: light work
        supervisor_name="Marita Sjöberg, undersköterska",
        apply_by=apply_by,
    )
    boden_start = first_monday + timedelta(weeks=1)
    _post(
        boden,
        boden_leader,
        employer=BODEN_EMPLOYER,
        workplace=YOUTH_CENTRE,
        starts_on=boden_start,
        ends_on=boden_start + timedelta(days=25),
        places=4,
        min_age=16,
        max_age=17,
        tasks=YOUTH_CENTRE_TASKS,
        supervisor_name="Pekka Niemi, fritidsledare",
        apply_by=apply_by,
    )

    # The youth with an earlier placement applied first; the first-timers still go first.
    for person in [earlier, *first_timers]:
        jobs.apply(park, person, _motivation(person))
    for applicant in jobs.applicants(park)[: park.places]:
        jobs.place(applicant.application, lina_leader)

    taken = {earlier.id, *(p.id for p in first_timers)}
    cafe_youth = _by_language(_youth(year, 16, 17), ["ar", "so", "sv"], taken)
    for person in cafe_youth:
        jobs.apply(cafe, person, _motivation(person))
    jobs.place(jobs.applicants(cafe)[0].application, lina_leader)
