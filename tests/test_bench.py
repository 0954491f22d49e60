"""`make bench` at a tiny size, so its code path cannot rot (timings are not asserted)."""

import sqlite3

from app.bench import Sizes, run, vote_counts

TINY = Sizes(residents=50, ideas=20, votes=300, comments=200)


def test_vote_counts_are_skewed_and_exact():
    import random

    counts = vote_counts(Sizes(residents=1000, ideas=200, votes=20_000), 999, random.Random(1))
    assert sum(counts) == 20_000
    assert max(counts) <= 999
    top = sorted(counts, reverse=True)
    assert sum(top[:20]) > 20_000 / 4  # the top tenth of the ideas gets over a quarter


def test_bench_fills_measures_and_reuses(tmp_path):
    database = tmp_path / "bench.sqlite"
    lines: list[str] = []
    report = run(database, TINY, requests=5, out=lines.append)
    output = "\n".join(lines)
    assert lines[0].startswith("Filled"), output
    assert report["counts"] == {
        "areas": 1,
        "residents": 50,
        "ideas": 20,
        "votes": 300,
        "sum of vote_count": 300,
        "comments": 200,
    }
    assert report["counts_match"], output
    assert set(report["times"]) == {
        "ranked list (signed in)",
        "ranked list, next page (htmx)",
        "idea page",
        "idea page with comments",
        "comments, next page (htmx)",
        "vote toggle (htmx)",
    }
    assert all(len(times) == 4 and min(times) > 0 for times in report["times"].values())
    assert {"list", "idea", "idea with comments"} == set(report["weights"])
    assert all(w["total"] > 1000 for w in report["weights"].values())
    # The ranked list reads the index in order: no sort of the area's ideas.
    assert any("ix_idea_ranking" in step for step in report["plan"]), report["plan"]
    assert not any("TEMP B-TREE" in step for step in report["plan"]), report["plan"]
    for label in ("Rows:", "comments 200", "median", "vote toggle (htmx)", "page weight", "Budget"):
        assert label in output

    # After the run (vote toggles included) every stored count equals its vote rows.
    with sqlite3.connect(database) as connection:
        wrong = connection.execute(
            "SELECT count(*) FROM idea LEFT JOIN (SELECT idea_id, count(*) AS n FROM vote "
            "GROUP BY idea_id) AS v ON v.idea_id = idea.id WHERE idea.vote_count != coalesce(v.n, 0)"
        ).fetchone()[0]
        votes = connection.execute("SELECT count(*) FROM vote").fetchone()[0]
    connection.close()
    assert (wrong, votes) == (0, 300)

    again: list[str] = []
    run(database, TINY, requests=2, out=again.append)
    assert again[0].startswith("Reusing"), again

    other: list[str] = []
    run(database, Sizes(40, 10, 100, comments=30), requests=2, out=other.append)
    assert "filling it afresh" in other[0] and other[1].startswith("Filled"), other


def test_bench_refills_a_database_of_an_older_schema(tmp_path):
    database = tmp_path / "bench.sqlite"
    run(database, TINY, requests=2, out=lambda line: None)
    with sqlite3.connect(database) as connection:
        connection.execute("ALTER TABLE agreement DROP COLUMN strategy")  # an older schema
    connection.close()
    lines: list[str] = []
    report = run(database, TINY, requests=2, out=lines.append)
    assert "filling it afresh" in lines[0] and lines[1].startswith("Filled"), lines
    assert report["counts_match"]
