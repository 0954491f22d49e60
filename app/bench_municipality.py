"""Benchmark of the pages that grow with years of activities (`make bench`, second part).

Fills a separate SQLite database (``instance/bench-municipality.sqlite``) with a large
municipality: 30 areas, 50 000 verified residents (one in eight aged 13–17), five years of
weekly activities in every area with the people marked present at them, 300 activities in the
coming week in the busiest area, and an agreement per area whose indicator is computed from the
records; or reuses it when it already holds those sizes. Then it times, in process with the
Flask test client, N requests each of an area's results page, the results of all areas
together, and the busiest area's activities list and its next page, and prints the median and
95th percentile in milliseconds and the gzip bytes of the pages.
Budget: every one of them under 50 ms p95 on one 2-core machine, like the idea list.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa
from flask import Flask

from app.bench import (
    BUDGET_MS,
    CHUNK,
    bulk_filling,
    insert_rows,
    print_report,
    reuse_or_fill,
    timed,
    timings,
    verdict,
)
from app.clock import local
from app.extensions import db
from app.models import (
    Activity,
    Area,
    AreaRole,
    Audience,
    Person,
    Registration,
    RegistrationStatus,
    Role,
)
from app.models.agreements import Agreement, AgreementStatus, Indicator
from app.models.ideas import Category
from app.models.util import utcnow
from app.results import services as results

BUSY = "area-1"  # the area whose activities list is timed


@dataclass(frozen=True)
class Sizes:
    areas: int = 30
    residents: int = 50_000
    years: int = 5
    weekly: int = 10  # activities a week in every area, over the years
    present: int = 6  # people marked present at each activity held, on average
    coming_week: int = 300  # activities in the coming week of the busiest area


def _expected(sizes: Sizes) -> dict[str, int]:
    held = sizes.areas * sizes.weekly * 52 * sizes.years
    return {
        "areas": sizes.areas,
        "residents": sizes.residents,
        "activities": held + sizes.coming_week,
        "marked present": held * sizes.present,
    }


def row_counts() -> dict[str, int]:
    def count(model, *where):
        return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))

    return {
        "areas": count(Area),
        "residents": count(
            AreaRole, AreaRole.role == Role.RESIDENT, AreaRole.verified_at.is_not(None)
        ),
        "activities": count(Activity),
        "marked present": count(Registration, Registration.attended.is_(True)),
    }


def fill(sizes: Sizes, seed: int = 1) -> None:
    """Create the schema and the rows in bulk (executemany in chunks, one transaction)."""
    rng = random.Random(seed)
    with bulk_filling(Registration):
        now = utcnow()
        this_year = local(now).year
        insert_rows(
            Area,
            [
                {
                    "id": a,
                    "slug": f"area-{a}",
                    "name": f"Område {a}",
                    "municipality": "Storstads kommun",
                }
                for a in range(1, sizes.areas + 1)
            ],
        )
        per_area = sizes.residents // sizes.areas
        people, roles, residents = [], [], {}
        for n in range(1, sizes.residents + 1):
            area = min((n - 1) // per_area + 1, sizes.areas)
            youth = n % 8 == 0
            born = this_year - (rng.randrange(13, 18) if youth else rng.randrange(20, 85))
            people.append(
                {
                    "id": n,
                    "display_name": f"Granne {n}",
                    "email": f"g{n}@bench.example",
                    "birth_year": born,
                }
            )
            roles.append(
                {"person_id": n, "area_id": area, "role": Role.RESIDENT, "verified_at": now}
            )
            residents.setdefault(area, ([], []))[0 if youth else 1].append(n)
        insert_rows(Person, people)
        insert_rows(AreaRole, roles)

        categories = list(Category)
        audiences = list(Audience)
        start = now - timedelta(weeks=52 * sizes.years)
        activities, registrations = [], []
        activity_id = 0
        for area in range(1, sizes.areas + 1):
            youth, adults = residents[area]
            for week in range(52 * sizes.years):
                for slot in range(sizes.weekly):
                    activity_id += 1
                    audience = audiences[slot % len(audiences)]
                    begins = start + timedelta(weeks=week, hours=slot * 7 + 1)
                    activities.append(
                        {
                            "id": activity_id,
                            "area_id": area,
                            "title": f"Aktivitet {slot}",
                            "description": "Vi ses i träffpunkten.",
                            "category": categories[slot % len(categories)],
                            "audience": audience,
                            "place": "Träffpunkten",
                            "starts_at": begins,
                            "ends_at": begins + timedelta(hours=2),
                            "walk_ins": rng.randrange(0, 6),
                            "series_id": f"s{area}-{slot}",
                            "created_at": begins - timedelta(days=14),
                        }
                    )
                    pool = youth if audience == Audience.YOUTH else adults
                    for person in rng.sample(pool, sizes.present):
                        registrations.append(
                            {
                                "activity_id": activity_id,
                                "person_id": person,
                                "status": RegistrationStatus.CONFIRMED,
                                "attended": True,
                                "created_at": begins - timedelta(days=2),
                            }
                        )
            if len(registrations) >= CHUNK:
                insert_rows(Activity, activities)
                insert_rows(Registration, registrations)
                activities, registrations = [], []
        for n in range(sizes.coming_week):
            activity_id += 1
            begins = now + timedelta(hours=2 + n * 168 / sizes.coming_week)
            activities.append(
                {
                    "id": activity_id,
                    "area_id": 1,
                    "title": f"Veckans aktivitet {n}",
                    "description": "Välkommen!",
                    "category": categories[n % len(categories)],
                    "audience": audiences[n % len(audiences)],
                    "place": "Träffpunkten",
                    "starts_at": begins,
                    "ends_at": begins + timedelta(hours=1),
                    "capacity": 20,
                    "created_at": now,
                }
            )
        insert_rows(Activity, activities)
        insert_rows(Registration, registrations)
        today = local(now).date()
        began = date(today.year - sizes.years + 1, 1, 1)
        for area in range(1, sizes.areas + 1):
            agreement = db.session.execute(
                sa.insert(Agreement).values(
                    area_id=area,
                    title="Fler aktiviteter för unga",
                    starts_on=began,
                    ends_on=date(today.year + 2, 12, 31),
                    status=AgreementStatus.ACTIVE,
                )
            ).inserted_primary_key[0]
            db.session.execute(
                sa.insert(Indicator).values(
                    agreement_id=agreement,
                    name="Ungdomsaktiviteter",
                    baseline_value=50,
                    baseline_on=began,
                    target_value=150,
                    target_on=date(today.year + 2, 12, 31),
                    measure="youth-activities",
                    measured_from=began,
                )
            )


def prepare(database: Path, sizes: Sizes, out=print):
    """Reuse the database when it holds the right sizes, else fill it afresh; return the app."""
    return reuse_or_fill(database, _expected(sizes), row_counts, lambda: fill(sizes), out)


def measure(app, requests: int, seed: int = 2) -> dict:
    """Time the pages; return {name: (median ms, p95 ms, CPU median, CPU p95)} and weights."""
    from app.budgets import page_weight

    rng = random.Random(seed)
    with app.app_context():
        areas = db.session.scalar(sa.select(sa.func.count()).select_from(Area))
        db.session.remove()
    client = app.test_client()
    client.set_cookie("lang", "sv")
    activities = f"/areas/{BUSY}/activities"
    cases = {
        "area results": lambda: timed(
            client, "GET", f"/areas/area-{rng.randrange(1, areas + 1)}/results", 200
        ),
        "results of all areas": lambda: timed(client, "GET", "/results", 200),
        "activities list": lambda: timed(client, "GET", activities, 200),
        "activities list, next page": lambda: timed(client, "GET", f"{activities}?page=2", 200),
    }
    times = {}
    for name, run in cases.items():
        for _i in range(min(5, requests)):  # warm up
            run()
        samples = [run() for _i in range(requests)]
        times[name] = timings(samples)
    weights = {
        "area results": page_weight(app, f"/areas/{BUSY}/results", client),
        "activities list": page_weight(app, activities, client),
    }
    return {"times": times, "weights": weights}


def run(database: Path, sizes: Sizes, requests: int, out=print) -> dict:
    started = time.perf_counter()
    app = prepare(database, sizes, out)
    with app.app_context():
        counts = row_counts()
        counting = time.perf_counter()
        pages = results.refresh_summaries()
        counting = time.perf_counter() - counting
        db.engine.dispose()
    out(
        "Rows: "
        + ", ".join(f"{name} {value:,}".replace(",", " ") for name, value in counts.items())
    )
    out(
        f"Counting every results page afresh (the worker's count-results task, every 5 "
        f"minutes): {pages} pages in {counting:.1f} s."
    )
    report = measure(app, requests)
    report["counts"] = counts
    report["counting_s"] = counting
    print_report(report, requests, out)
    over = [name for name, (_median, p95, *_cpu) in report["times"].items() if p95 > BUDGET_MS]
    return verdict(report, over, "results and activities", started, out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m app.bench_municipality", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--database", type=Path, default=None, help="default instance/bench-municipality.sqlite"
    )
    parser.add_argument("--areas", type=int, default=Sizes.areas)
    parser.add_argument("--residents", type=int, default=Sizes.residents)
    parser.add_argument("--years", type=int, default=Sizes.years)
    parser.add_argument("--weekly", type=int, default=Sizes.weekly)
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args(argv)
    instance = Path(Flask("app", instance_relative_config=True).instance_path)
    database = args.database or instance / "bench-municipality.sqlite"
    sizes = Sizes(args.areas, args.residents, args.years, args.weekly)
    report = run(database, sizes, args.requests)
    return 0 if report["budget_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
