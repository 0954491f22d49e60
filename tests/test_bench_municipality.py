"""The large-municipality part of `make bench` at a tiny size, so its code path cannot rot
(timings are not asserted)."""

from app.bench_municipality import Sizes, run

TINY = Sizes(areas=3, residents=240, years=2, weekly=2, present=3, coming_week=40)


def test_the_municipality_bench_fills_counts_measures_and_reuses(tmp_path):
    database = tmp_path / "municipality.sqlite"
    lines: list[str] = []
    report = run(database, TINY, requests=3, out=lines.append)
    output = "\n".join(lines)
    assert lines[0].startswith("Filled"), output
    held = 3 * 2 * 52 * 2
    assert report["counts"] == {
        "areas": 3,
        "residents": 240,
        "activities": held + 40,
        "marked present": held * 3,
    }
    assert set(report["times"]) == {
        "area results",
        "results of all areas",
        "activities list",
        "activities list, next page",
    }
    assert all(len(times) == 4 and min(times) > 0 for times in report["times"].values())
    assert all(w["total"] > 1000 for w in report["weights"].values())
    assert report["counting_s"] > 0
    for label in ("Rows:", "count-results task, every 5 minutes): 4 pages", "median", "Budget"):
        assert label in output, output
    again: list[str] = []
    run(database, TINY, requests=2, out=again.append)
    assert again[0].startswith("Reusing"), again
