"""Throughput over HTTP (`make bench-http`, ``python -m app.bench_http``): gunicorn in
production mode on PostgreSQL with its rate limits in Redis, loaded from this machine.

Fills a PostgreSQL database (``BENCH_DATABASE_URL``, created when missing, emptied and
migrated) with one area, its verified residents, published ideas and votes, starts Debian's
``redis-server`` on a free port, then for each worker count (2 and 4 by default) starts gunicorn
on a free loopback port, signs voters in through single-use sign-in links, and sends a bounded
number of requests from a few client threads: the ranked idea list, then vote toggles (htmx).
It prints requests per second and p50/p95/p99 in milliseconds, stops everything it started
and exits. Only 127.0.0.1 is ever contacted; every request has a timeout. The client threads
share the machine with the server, so the figures are what one machine does under its own load.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import flask_migrate
import httpx
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from app import create_app
from app.auth import services as auth
from app.bench import SLUG, Sizes, vote_counts
from app.extensions import db
from app.models import Area, AreaRole, EventKind, Idea, IdeaEvent, IdeaStatus, Person, Role, Vote
from app.models.ideas import Category
from app.models.util import utcnow

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = "postgresql://grannlabb:grannlabb-ci@127.0.0.1:5432/grannlabb_bench"
SECRET = "bench-http-" + "s" * 40
CHUNK = 20_000


@dataclass(frozen=True)
class Load:
    requests: int = 2_000
    concurrency: int = 8
    voters: int = 400


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_database(url: str) -> None:
    """Create the database when it does not exist (the role needs CREATEDB)."""
    target = make_url(url)
    server = sa.create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        exists = connection.scalar(
            sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": target.database}
        )
        if not exists:
            connection.exec_driver_sql(f'CREATE DATABASE "{target.database}"')
    server.dispose()


def environment(url: str, redis_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "GRANNLABB_ENV": "production",
        "SECRET_KEY": SECRET,
        "DATABASE_URL": url,
        "RATELIMIT_STORAGE_URI": redis_url,
        "MAIL_BACKEND": "console",
        "SMS_BACKEND": "console",
        "BASE_URL": "http://127.0.0.1",
    }


def fill(url: str, sizes: Sizes, seed: int = 1) -> None:
    """Empty the database, migrate it and insert the rows in bulk."""
    app = create_app(
        {"GRANNLABB_ENV": "development", "SECRET_KEY": SECRET, "SQLALCHEMY_DATABASE_URI": url}
    )
    rng = random.Random(seed)
    with app.app_context():
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        flask_migrate.upgrade(directory=str(ROOT / "migrations"))
        now = utcnow()
        area_id = db.session.execute(
            sa.insert(Area)
            .values(slug=SLUG, name="Benchby", municipality="Benchs kommun")
            .returning(Area.id)
        ).scalar_one()
        people = range(1, sizes.residents + 1)
        _insert(Person, [{"id": i, "display_name": f"Granne {i}"} for i in people])
        _insert(
            AreaRole,
            [
                {"person_id": i, "area_id": area_id, "role": Role.RESIDENT, "verified_at": now}
                for i in people
            ],
        )
        counts = vote_counts(sizes, sizes.residents, rng)
        categories = list(Category)
        ideas, events, votes = [], [], []
        for n, count in enumerate(counts, start=1):
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
                    "vote_count": count,
                    "created_at": published,
                    "published_at": published,
                    "last_activity_at": published,
                }
            )
            events += [
                {"idea_id": n, "kind": EventKind.SUBMITTED, "at": published},
                {"idea_id": n, "kind": EventKind.PUBLISHED, "at": published},
            ]
            votes += [
                {"idea_id": n, "person_id": p, "created_at": published}
                for p in rng.sample(people, count)
            ]
        _insert(Idea, ideas)
        _insert(IdeaEvent, events)
        _insert(Vote, votes)
        for table in ("person", "idea", "idea_event"):
            db.session.execute(
                sa.text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
            )
        db.session.commit()
        db.session.execute(sa.text("ANALYZE"))
        db.session.commit()
        db.engine.dispose()


def _insert(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        db.session.execute(sa.insert(model), rows[start : start + CHUNK])


def sign_in_links(url: str, voters: int) -> list[str]:
    """Single-use sign-in paths for the last ``voters`` residents."""
    app = create_app(
        {"GRANNLABB_ENV": "development", "SECRET_KEY": SECRET, "SQLALCHEMY_DATABASE_URI": url}
    )
    with app.app_context():
        ids = db.session.scalars(sa.select(Person.id).order_by(Person.id.desc()).limit(voters))
        links = [f"/sign-in/link/{auth.create_login_link(db.session.get(Person, i))}" for i in ids]
        db.engine.dispose()
    return links


class Server:
    """gunicorn with ``workers`` processes on a free loopback port, stopped on exit."""

    def __init__(self, env: dict[str, str], workers: int) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "-c",
                "python:app.gunicorn_conf",
                "app:create_app()",
            ],
            cwd=ROOT,
            env={**env, "WEB_CONCURRENCY": str(workers), "BIND": f"127.0.0.1:{self.port}"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer on {self.base} within 60 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


class Voter:
    """One signed-in resident: their cookies (kept by hand: production cookies are Secure)
    and the page's CSRF token."""

    def __init__(self, base: str, link: str) -> None:
        self.base = base
        self.client = httpx.Client(base_url=base, timeout=10)
        self.cookies: dict[str, str] = {}
        token = _token(self.send("GET", link).text)
        answer = self.send("POST", link, data={"csrf_token": token})
        if answer.status_code != 302:
            raise RuntimeError(f"sign-in link answered {answer.status_code}")
        self.token = _token(self.send("GET", "/account").text)

    def send(self, method: str, path: str, **kwargs) -> httpx.Response:
        headers = kwargs.pop("headers", {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.client.request(method, path, headers=headers, **kwargs)
        for raw in response.headers.get_list("set-cookie"):
            name, _, rest = raw.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response


def _token(html: str) -> str:
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'name="csrf-token" content="([^"]+)"', html
    )
    if not match:
        raise RuntimeError("no CSRF token on the page")
    return match.group(1)


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)

    def rank(p: float) -> float:
        return ordered[max(0, math.ceil(p * len(ordered)) - 1)] * 1000

    return statistics.median(ordered) * 1000, rank(0.95), rank(0.99)


def hammer(voters: list[Voter], load: Load, request) -> dict:
    """``load.requests`` requests from ``load.concurrency`` threads, each with its voters."""
    timings: list[float] = []
    failures: list[int] = []
    lock = threading.Lock()
    per_thread = [voters[t :: load.concurrency] for t in range(load.concurrency)]
    shares = [load.requests // load.concurrency] * load.concurrency
    shares[0] += load.requests - sum(shares)

    def work(thread: int) -> None:
        mine = per_thread[thread]
        rng = random.Random(thread)
        for n in range(shares[thread]):
            voter = mine[n % len(mine)]
            started = time.perf_counter()
            status = request(voter, n, rng)
            elapsed = time.perf_counter() - started
            with lock:
                timings.append(elapsed)
                if status >= 400:
                    failures.append(status)

    started = time.perf_counter()
    with ThreadPoolExecutor(load.concurrency) as pool:
        list(pool.map(work, range(load.concurrency)))
    wall = time.perf_counter() - started
    p50, p95, p99 = percentiles(timings)
    return {
        "requests": len(timings),
        "per_second": len(timings) / wall,
        "p50": p50,
        "p95": p95,
        "p99": p99,
        "failed": len(failures),
    }


def idea_list(voter: Voter, _n: int, _rng) -> int:
    response = voter.send("GET", f"/areas/{SLUG}/ideas")
    return response.status_code


def vote_toggle(ideas: int):
    """Each voter in turn votes for a random idea, then takes the vote back."""
    turns: dict[int, tuple[int, int]] = {}  # voter -> (idea, how many requests so far)

    def toggle(voter: Voter, _n: int, rng: random.Random) -> int:
        idea, done = turns.get(id(voter), (0, 0))
        if done % 2 == 0:
            idea = rng.randrange(1, ideas + 1)
        turns[id(voter)] = (idea, done + 1)
        response = voter.send(
            "POST",
            f"/ideas/{idea}/vote",
            data={"csrf_token": voter.token, "vote": "1" if done % 2 == 0 else "0"},
            headers={"HX-Request": "true"},
        )
        return response.status_code

    return toggle


def start_redis() -> tuple[subprocess.Popen, str]:
    binary = shutil.which("redis-server")
    if not binary:
        raise SystemExit("redis-server is needed (apt-get install redis-server)")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(50):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return process, f"redis://127.0.0.1:{port}/0"
        time.sleep(0.1)
    process.kill()
    raise SystemExit("redis-server did not start")


def run(url: str, sizes: Sizes, load: Load, workers: list[int], out=print) -> list[dict]:
    if not url.startswith("postgresql"):
        raise SystemExit("make bench-http measures PostgreSQL: set BENCH_DATABASE_URL")
    ensure_database(url)
    started = time.perf_counter()
    fill(url, sizes)
    out(
        f"Filled {make_url(url).database}: {sizes.residents} residents, {sizes.ideas} ideas, "
        f"{sizes.votes} votes in {time.perf_counter() - started:.1f} s."
    )
    redis, redis_url = start_redis()
    results = []
    try:
        env = environment(url, redis_url)
        for count in workers:
            links = sign_in_links(url, load.voters)
            server = Server(env, count)
            try:
                voters = [Voter(server.base, link) for link in links]
                hammer(voters, Load(requests=100, concurrency=load.concurrency), idea_list)
                for name, request in (
                    ("idea list", idea_list),
                    ("vote (htmx)", vote_toggle(sizes.ideas)),
                ):
                    result = {"workers": count, "case": name, **hammer(voters, load, request)}
                    results.append(result)
                    out(
                        f"{count} workers  {name:<12} {result['per_second']:7.1f} req/s  "
                        f"p50 {result['p50']:6.1f}  p95 {result['p95']:6.1f}  "
                        f"p99 {result['p99']:6.1f} ms  ({result['requests']} requests, "
                        f"{result['failed']} failed)"
                    )
            finally:
                server.stop()
    finally:
        redis.terminate()
        redis.wait(timeout=10)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--workers", type=int, nargs="+", default=[2, 4])
    parser.add_argument("--requests", type=int, default=Load.requests)
    parser.add_argument("--concurrency", type=int, default=Load.concurrency)
    parser.add_argument("--voters", type=int, default=Load.voters)
    parser.add_argument("--residents", type=int, default=20_000)
    parser.add_argument("--ideas", type=int, default=2_000)
    parser.add_argument("--votes", type=int, default=200_000)
    args = parser.parse_args(argv)
    sizes = Sizes(residents=args.residents, ideas=args.ideas, votes=args.votes, comments=0)
    load = Load(requests=args.requests, concurrency=args.concurrency, voters=args.voters)
    print(
        f"bench-http: {os.cpu_count()} cores, {load.requests} requests per case from "
        f"{load.concurrency} client threads on this machine, gunicorn workers {args.workers}"
    )
    results = run(args.database_url, sizes, load, args.workers)
    return 1 if any(r["failed"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
