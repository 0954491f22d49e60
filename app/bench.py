"""Benchmark of the hot paths against DESIGN.md §6 (`make bench`, ``python -m app.bench``).

Fills a separate SQLite database (``instance/bench.sqlite``) with one area, 100 000 verified
residents, 10 000 published ideas, 1 000 000 votes (few ideas get most of the votes) and one
idea with 1 000 comments (threads of a comment and its replies), or reuses it when it already
holds those sizes. Then it times, in process with the Flask test client, N requests each of the
ranked idea list, an idea page, the idea page with the comments and its next comments (htmx)
and a vote toggle, and prints the median and 95th percentile in milliseconds and the gzip bytes
of the pages.
Budget: list, comments and vote under 50 ms p95 on one 2-core machine.
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import random
import statistics
import sys
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from flask import Flask

from app import create_app
from app.auth import sessions
from app.extensions import db
from app.ideas.services import COMMENTS_PER_PAGE
from app.models import (
    Area,
    AreaRole,
    Comment,
    EventKind,
    Idea,
    IdeaEvent,
    IdeaStatus,
    Person,
    Role,
    Vote,
)
from app.models.ideas import Category
from app.models.util import utcnow

BUDGET_MS = 50
SLUG = "bench"
CHUNK = 50_000


@dataclass(frozen=True)
class Sizes:
    residents: int = 100_000
    ideas: int = 10_000
    votes: int = 1_000_000
    comments: int = 1_000  # on one idea


def bench_app(database: Path):
    """The app on the bench database: no rate limits, no mail, development settings, and no
    request log lines between the figures."""
    app = create_app(
        {
            "GRANNLABB_ENV": "development",
            "SECRET_KEY": "bench-" + "k" * 40,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database.resolve()}",
            "RATELIMIT_ENABLED": False,
            "MAIL_BACKEND": "console",
            "SMS_BACKEND": "console",
        }
    )
    logging.getLogger("grannlabb.request").setLevel(logging.WARNING)
    return app


def vote_counts(sizes: Sizes, voters: int, rng: random.Random) -> list[int]:
    """Votes per idea, summing to ``sizes.votes``: Zipf-like, a few ideas get most of them."""
    if sizes.votes > sizes.ideas * voters:
        raise ValueError("more votes than residents can cast")
    weights = [1 / (rank**0.8) for rank in range(1, sizes.ideas + 1)]
    total = sum(weights)
    counts = [min(voters, int(sizes.votes * w / total)) for w in weights]
    missing = sizes.votes - sum(counts)
    rank = 0
    while missing:
        if counts[rank] < voters:
            counts[rank] += 1
            missing -= 1
        rank = (rank + 1) % sizes.ideas
    rng.shuffle(counts)
    return counts


def row_counts() -> dict[str, int]:
    def count(model, *where):
        return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))

    return {
        "areas": count(Area),
        "residents": count(
            AreaRole, AreaRole.role == Role.RESIDENT, AreaRole.verified_at.is_not(None)
        ),
        "ideas": count(Idea, Idea.status == IdeaStatus.PUBLISHED),
        "votes": count(Vote),
        "sum of vote_count": db.session.scalar(sa.select(sa.func.sum(Idea.vote_count))) or 0,
        "comments": count(Comment),
    }


def counts_match() -> bool:
    """Every idea's stored vote_count equals its number of vote rows."""
    counted = sa.select(Vote.idea_id, sa.func.count().label("n")).group_by(Vote.idea_id).subquery()
    wrong = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Idea)
        .outerjoin(counted, counted.c.idea_id == Idea.id)
        .where(Idea.vote_count != sa.func.coalesce(counted.c.n, 0))
    )
    return wrong == 0


def _expected(sizes: Sizes) -> dict[str, int]:
    return {
        "areas": 1,
        "residents": sizes.residents,
        "ideas": sizes.ideas,
        "votes": sizes.votes,
        "sum of vote_count": sizes.votes,
        "comments": sizes.comments,
    }


def insert_rows(model, rows: list[dict]) -> None:
    """Bulk insert (executemany) in chunks."""
    for start in range(0, len(rows), CHUNK):
        db.session.execute(sa.insert(model), rows[start : start + CHUNK])


@contextmanager
def bulk_filling(*models):
    """Create the schema and fill it in one transaction, fast: no fsync, a large cache, and the
    secondary indexes of ``models`` built once at the end rather than row by row."""
    db.create_all()
    connection = db.session.connection()
    connection.exec_driver_sql("PRAGMA synchronous=OFF")
    connection.exec_driver_sql("PRAGMA cache_size=-200000")
    indexes = [index for model in models for index in model.__table__.indexes]
    for index in indexes:
        index.drop(connection)
    yield
    for index in indexes:
        index.create(connection)
    db.session.commit()


def fill(sizes: Sizes, seed: int = 1) -> None:
    """Create the schema and the rows in bulk (executemany in chunks, one transaction)."""
    rng = random.Random(seed)
    with bulk_filling(Vote):
        now = utcnow()
        area_id = db.session.execute(
            sa.insert(Area).values(slug=SLUG, name="Benchby", municipality="Benchs kommun")
        ).inserted_primary_key[0]
        insert_rows(
            Person,
            [
                {"id": i, "display_name": f"Granne {i}", "email": f"granne{i}@bench.example"}
                for i in range(1, sizes.residents + 1)
            ],
        )
        insert_rows(
            AreaRole,
            [
                {"person_id": i, "area_id": area_id, "role": Role.RESIDENT, "verified_at": now}
                for i in range(1, sizes.residents + 1)
            ],
        )
        # The last resident casts no vote here: the benchmark toggles their votes.
        voters = sizes.residents - 1
        counts = vote_counts(sizes, voters, rng)
        categories = list(Category)
        ideas, events = [], []
        for n, votes in enumerate(counts, start=1):
            published = now - timedelta(minutes=rng.randrange(365 * 24 * 60))
            ideas.append(
                {
                    "id": n,
                    "area_id": area_id,
                    "author_id": rng.randrange(1, sizes.residents + 1),
                    "title": f"Idé {n}: bättre belysning vid gångvägen",
                    "text": "Fler lampor längs gångvägen mellan skolan och torget. " * 4,
                    "language": "sv",
                    "category": categories[n % len(categories)],
                    "status": IdeaStatus.PUBLISHED,
                    "vote_count": votes,
                    "created_at": published,
                    "published_at": published,
                    "last_activity_at": published,
                }
            )
            events.append({"idea_id": n, "kind": EventKind.SUBMITTED, "at": published})
            events.append({"idea_id": n, "kind": EventKind.PUBLISHED, "at": published})
        insert_rows(Idea, ideas)
        insert_rows(IdeaEvent, events)
        rows: list[dict] = []
        for idea in ideas:
            for person_id in sorted(rng.sample(range(1, voters + 1), idea["vote_count"])):
                rows.append(
                    {
                        "idea_id": idea["id"],
                        "person_id": person_id,
                        "created_at": idea["published_at"],
                    }
                )
            if len(rows) >= CHUNK:
                db.session.execute(sa.insert(Vote), rows)
                rows = []
        if rows:
            db.session.execute(sa.insert(Vote), rows)
        insert_rows(Comment, comment_rows(sizes, ideas[0], rng))
        db.session.execute(
            sa.update(Idea).where(Idea.id == ideas[0]["id"]).values(comment_count=sizes.comments)
        )


def comment_rows(sizes: Sizes, idea: dict, rng: random.Random) -> list[dict]:
    """The commented idea's comments, oldest first: two in five start a thread, the rest
    answer one of the threads so far (recent ones more often), by residents at random; one in
    97 is hidden by moderation."""
    rows, tops = [], []
    for n in range(1, sizes.comments + 1):
        reply = bool(tops) and rng.random() < 0.6
        parent = tops[-1 - min(int(rng.expovariate(0.1)), len(tops) - 1)] if reply else None
        rows.append(
            {
                "id": n,
                "idea_id": idea["id"],
                "parent_id": parent,
                "author_id": rng.randrange(1, sizes.residents + 1),
                "text": f"Kommentar {n}. " + "Bra idé, jag kan hjälpa till på lördagar. " * (n % 4),
                "created_at": idea["published_at"] + timedelta(minutes=n),
                "hidden_reason": "Personangrepp." if n % 97 == 0 else None,
            }
        )
        if parent is None:
            tops.append(n)
    return rows


def schema_matches() -> bool:
    """Whether every table and column of the models exists (a database from an older schema
    is filled afresh rather than failing on a missing column)."""
    inspector = sa.inspect(db.engine)
    existing = set(inspector.get_table_names())
    for table in db.metadata.sorted_tables:
        if table.name not in existing:
            return False
        columns = {column["name"] for column in inspector.get_columns(table.name)}
        if not {column.name for column in table.columns} <= columns:
            return False
    return True


def reuse_or_fill(database: Path, expected: dict, counts, fill, out=print):
    """The app on ``database``: reused when its ``counts()`` are ``expected``, else emptied and
    filled afresh by ``fill()``."""
    if database.exists():
        app = bench_app(database)
        with app.app_context():
            try:
                found = counts() if schema_matches() else {}
            except sa.exc.OperationalError:
                found = {}
            db.engine.dispose()
        if found == expected:
            out(f"Reusing {database} (already filled with these sizes).")
            return app
        out(f"{database} holds other sizes ({found or 'no schema'}): filling it afresh.")
    database.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    app = bench_app(database)
    started = time.perf_counter()
    with app.app_context():
        fill()
        db.engine.dispose()
    out(f"Filled {database} in {time.perf_counter() - started:.1f} s.")
    return app


def prepare(database: Path, sizes: Sizes, out=print):
    """Reuse the database when it holds the right sizes, else fill it afresh; return the app."""
    return reuse_or_fill(database, _expected(sizes), row_counts, lambda: fill(sizes), out)


def print_report(report: dict, requests: int, out=print) -> None:
    """The times (median and p95, wall clock and CPU) and the page weights, as a table."""
    load = os.getloadavg()[0]
    out(
        f"{requests} requests each, in-process (Flask test client), SQLite; load average "
        f"{load:.1f} on {os.cpu_count()} cores"
        + (" (busy machine: wall times are inflated, CPU times are not)" if load > 1 else "")
        + ":"
    )
    out(f"  {'':32} {'median':>9} {'p95':>9}   CPU: {'median':>9} {'p95':>9}")
    for name, (median, p95, cpu_median, cpu_p95) in report["times"].items():
        out(
            f"  {name:32} {median:6.1f} ms {p95:6.1f} ms        "
            f"{cpu_median:6.1f} ms {cpu_p95:6.1f} ms"
        )
    for name, weight in report["weights"].items():
        out(
            f"  {name + ' page weight':32} HTML {weight['html']} B + CSS {weight['css']} B"
            f" = {weight['total']} B gzip"
        )


def verdict(report: dict, over: list[str], what: str, started: float, out=print) -> dict:
    """Say whether the budget is met (``over``: the cases above it) and the total time."""
    out(
        f"Budget {BUDGET_MS} ms p95 for {what}: "
        + ("met." if not over else "NOT met by " + ", ".join(over))
    )
    out(f"Total {time.perf_counter() - started:.1f} s.")
    report["budget_met"] = not over
    return report


def _ms(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[math.ceil(0.95 * len(ordered)) - 1]  # nearest rank
    return statistics.median(ordered) * 1000, p95 * 1000


def timings(samples: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """Median and p95 in milliseconds of the wall-clock times, then of the CPU times."""
    return _ms([wall for wall, _cpu in samples]) + _ms([cpu for _wall, cpu in samples])


def timed(client, method: str, path: str, expect: int, **kwargs) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one request, served in this thread."""
    started, cpu = time.perf_counter(), time.thread_time()
    response = client.open(path, method=method, **kwargs)
    response.get_data()
    elapsed = time.perf_counter() - started, time.thread_time() - cpu
    response.close()
    if response.status_code != expect:
        raise RuntimeError(f"{method} {path} answered {response.status_code}, not {expect}")
    return elapsed


def list_query_plan(app, client, path: str) -> list[str]:
    """SQLite's plan for the idea list query of ``path`` (captured from a real request)."""
    captured = []

    def listener(_conn, _cursor, statement, parameters, _context, _executemany):
        if "FROM idea" in statement and "ORDER BY" in statement:
            captured.append((statement, parameters))

    with app.app_context():
        sa.event.listen(db.engine, "before_cursor_execute", listener)
        try:
            client.get(path).close()
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", listener)
        statement, parameters = captured[0]
        raw = db.engine.raw_connection()
        try:
            plan = raw.cursor().execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
        finally:
            raw.close()
    return [row[-1] for row in plan]


def measure(app, requests: int, seed: int = 2, out=print) -> dict:
    """Time the hot paths; return {name: (median ms, p95 ms)} and the page weights."""
    from app.budgets import page_weight

    rng = random.Random(seed)
    with app.app_context():
        ideas = db.session.scalar(sa.select(sa.func.max(Idea.id)))
        commented = db.session.scalar(sa.select(Idea.id).order_by(Idea.comment_count.desc()))
        threads = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Comment)
            .where(Comment.idea_id == commented, Comment.parent_id.is_(None))
        )
        voter = db.session.scalar(sa.select(sa.func.max(Person.id)))
        voter_key = sessions.new_session_key(voter)
        db.session.remove()
    client = app.test_client()
    client.set_cookie("lang", "sv")
    with client.session_transaction() as session:
        session["_user_id"] = voter_key
        session["_fresh"] = True
    list_path = f"/areas/{SLUG}/ideas"
    page = client.get(list_path).get_data(as_text=True)
    token = page.split('name="csrf-token" content="', 1)[1].split('"', 1)[0]

    plan = list_query_plan(app, client, list_path)
    steps = Counter(step for step in plan if step not in ("LEFT", "RIGHT"))
    out("Plan of the ranked list query: " + "; ".join(f"{n} × {step}" for step, n in steps.items()))

    state = {"idea": 1}
    pages = threads // COMMENTS_PER_PAGE  # full pages of comment threads

    def vote_toggle(i: int) -> tuple[float, float]:
        if i % 2 == 0:
            state["idea"] = rng.randrange(1, ideas + 1)
        data = {"csrf_token": token, "vote": "1" if i % 2 == 0 else "0"}
        return timed(
            client,
            "POST",
            f"/ideas/{state['idea']}/vote",
            200,
            data=data,
            headers={"HX-Request": "true"},
        )

    cases = {
        "ranked list (signed in)": lambda i: timed(client, "GET", list_path, 200),
        "ranked list, next page (htmx)": lambda i: timed(
            client,
            "GET",
            f"{list_path}?page={rng.randrange(2, 11)}",
            200,
            headers={"HX-Request": "true"},
        ),
        "idea page": lambda i: timed(client, "GET", f"/ideas/{rng.randrange(1, ideas + 1)}", 200),
        "idea page with comments": lambda i: timed(client, "GET", f"/ideas/{commented}", 200),
        "comments, next page (htmx)": lambda i: timed(
            client,
            "GET",
            f"/ideas/{commented}?comments_page={rng.randrange(2, max(2, pages) + 1)}",
            200,
            headers={"HX-Request": "true"},
        ),
        "vote toggle (htmx)": vote_toggle,
    }
    results = {}
    even = requests + requests % 2  # vote toggles come in pairs and leave the votes as they were
    for name, run in cases.items():
        for i in range(min(10, even)):  # warm up
            run(i)
        samples = [run(i) for i in range(even)]
        results[name] = timings(samples)
    weights = {
        "list": page_weight(app, list_path, client),
        "idea": page_weight(app, f"/ideas/{rng.randrange(1, ideas + 1)}", client),
        "idea with comments": page_weight(app, f"/ideas/{commented}", client),
    }
    return {"times": results, "weights": weights, "plan": plan}


def run(database: Path, sizes: Sizes, requests: int, out=print) -> dict:
    started = time.perf_counter()
    app = prepare(database, sizes, out)
    with app.app_context():
        counts = row_counts()
    out(
        "Rows: "
        + ", ".join(f"{name} {value:,}".replace(",", " ") for name, value in counts.items())
    )
    report = measure(app, requests, out=out)
    print_report(report, requests, out)
    with app.app_context():
        report["counts_match"] = counts_match()
        report["counts"] = row_counts()
        db.engine.dispose()
    out(f"vote_count equals the vote rows of every idea: {report['counts_match']}")
    over = [
        name
        for name, (_median, p95, *_cpu) in report["times"].items()
        if ("list" in name or "vote" in name or "comments" in name) and p95 > BUDGET_MS
    ]
    return verdict(report, over, "list, comments and vote", started, out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--database", type=Path, default=None, help="default instance/bench.sqlite")
    parser.add_argument("--residents", type=int, default=Sizes.residents)
    parser.add_argument("--ideas", type=int, default=Sizes.ideas)
    parser.add_argument("--votes", type=int, default=Sizes.votes)
    parser.add_argument("--comments", type=int, default=Sizes.comments)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args(argv)
    instance = Path(Flask("app", instance_relative_config=True).instance_path)
    database = args.database or instance / "bench.sqlite"
    sizes = Sizes(args.residents, args.ideas, args.votes, args.comments)
    report = run(database, sizes, args.requests)
    return 0 if report["budget_met"] and report["counts_match"] else 1


if __name__ == "__main__":
    sys.exit(main())
