"""Benchmark of counting a residents' budget round (``python -m app.bench_rounds``).

Builds a seeded random round: 5 000 approval ballots over 60 costed ideas (5 000–150 000 kr,
budget 1 000 000 kr); each ballot approves 3–10 ideas, a few ideas being far more popular than
the rest. Then it times ``app.rounds.counting.count`` under each rule (everything a count does:
building pabutools' election, the rule, the completion and the explanations) and prints the
median and the slowest of N runs in milliseconds (and the median CPU time, which
other processes on the machine do not inflate).
Budget: every count under 1 000 ms on one 2-core machine.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable

from app.rounds.counting import RULES, Candidate, count

BUDGET_MS = 1000
ROUND_BUDGET = 1_000_000
SEED = 2024


def make_round(
    ballots: int, ideas: int, seed: int = SEED
) -> tuple[list[Candidate], list[set[int]]]:
    """Costed ideas and approval ballots; idea k is about 1/k^0.8 as popular as idea 1."""
    rng = random.Random(seed)
    candidates = [
        Candidate(id=k, cost=rng.randrange(5_000, 150_001, 100)) for k in range(1, ideas + 1)
    ]
    ids = [c.id for c in candidates]
    weights = [1 / k**0.8 for k in ids]
    approved: list[set[int]] = []
    for _ in range(ballots):
        size = min(rng.randint(3, 10), ideas)
        ballot: set[int] = set()
        while len(ballot) < size:
            ballot.update(rng.choices(ids, weights, k=size - len(ballot)))
        approved.append(ballot)
    return candidates, approved


def run(
    ballots: int = 5000, ideas: int = 60, repeats: int = 5, out: Callable[[str], object] = print
) -> dict:
    """Time ``repeats`` counts under each rule: {"times": {rule: (median_ms, max_ms)}, "budget_met"}."""
    candidates, approved = make_round(ballots, ideas)
    out(
        f"Budget round: {ballots} ballots over {ideas} costed ideas, "
        f"budget {_kronor(ROUND_BUDGET)}, {repeats} runs per rule"
    )
    times: dict[str, tuple[float, float]] = {}
    for rule in RULES:
        runs, cpu = [], []
        for _ in range(repeats):
            started, cpu_started = time.perf_counter(), time.process_time()
            outcome = count(ROUND_BUDGET, candidates, approved, rule)
            runs.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        times[rule] = (statistics.median(runs), max(runs))
        out(
            f"  {rule:<13} median {times[rule][0]:7.1f} ms   max {times[rule][1]:7.1f} ms   "
            f"(CPU median {statistics.median(cpu):7.1f} ms)   "
            f"funded {len(outcome.funded)} ideas for {_kronor(outcome.spent)}"
        )
    met = all(slowest <= BUDGET_MS for _, slowest in times.values())
    out(f"Budget {BUDGET_MS} ms per count: {'met' if met else 'NOT met'}")
    return {"times": times, "budget_met": met}


def _kronor(amount: int) -> str:
    return f"{amount:,} kr".replace(",", "\u00a0")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m app.bench_rounds", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--ballots", type=int, default=5000)
    parser.add_argument("--ideas", type=int, default=60)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    report = run(args.ballots, args.ideas, args.repeats)
    return 0 if report["budget_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
