"""`make bench-http` at a tiny size on PostgreSQL, so its code path cannot rot: gunicorn
really starts, voters really sign in, every request answers (timings are not asserted)."""

import os
import shutil

import pytest
import sqlalchemy as sa

from app.bench import Sizes
from app.bench_http import Load, run
from tests.conftest import _postgres_database

pytestmark = pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL") or not shutil.which("redis-server"),
    reason="measures PostgreSQL with Redis: run with TEST_DATABASE_URL and redis-server",
)


def test_bench_http_loads_the_list_and_votes_through_gunicorn():
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    url = _postgres_database(os.environ["TEST_DATABASE_URL"], f"{worker}_bench_http")
    lines: list[str] = []
    sizes = Sizes(residents=60, ideas=15, votes=200, comments=0)
    results = run(url, sizes, Load(requests=40, concurrency=2, voters=6), [1], out=lines.append)
    assert [r["case"] for r in results] == ["idea list", "vote (htmx)"], lines
    assert all(r["requests"] == 40 and r["failed"] == 0 for r in results), lines
    assert all(0 < r["p50"] <= r["p95"] <= r["p99"] for r in results), lines
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        # Under load every idea's count still equals its vote rows (a voter who had already
        # voted for the idea drawn takes that vote back, so the total may fall).
        counted = connection.scalar(sa.text("SELECT sum(vote_count) FROM idea"))
        rows = connection.scalar(sa.text("SELECT count(*) FROM vote"))
    engine.dispose()
    assert counted == rows and 0 < rows <= 200
