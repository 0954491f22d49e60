"""The count of a budget round, against small rounds counted by hand (the arithmetic is in the
comments), against pabutools called directly, and against a greedy written out here."""

from __future__ import annotations

from collections import Counter

import pytest
from pabutools.election import ApprovalBallot, ApprovalProfile, Cost_Sat, Instance, Project
from pabutools.rules import (
    completion_by_rule_combination,
    greedy_utilitarian_welfare,
    method_of_equal_shares,
)
from pabutools.tiebreaking import TieBreakingRule

from app.bench_rounds import make_round, run
from app.rounds.counting import (
    DID_NOT_FIT,
    EQUAL_SHARES,
    EQUAL_SHARES_REASONS,
    FUNDED,
    FUNDED_WITH_THE_REST,
    GREEDY,
    GREEDY_REASONS,
    NO_APPROVALS,
    REASONS,
    RULES,
    SUPPORTERS_RAN_OUT,
    Candidate,
    Explanation,
    both,
    count,
)

A, B, D = 1, 2, 3


def reasons(outcome) -> dict[int, str]:
    return {cid: e.reason for cid, e in outcome.explanations.items()}


def test_greedy_skips_the_idea_that_no_longer_fits_and_goes_on():
    # Budget 100. Playground 80 kr (3 approvals), benches 30 kr (2), bird boxes 20 kr (1).
    # Playground first: 100 left, fits -> 100 - 80 = 20 left.
    # Benches: 30 > 20 -> did not fit, 20 left when its turn came.
    # Bird boxes: 20 <= 20 -> funded -> 0 left.
    playground, benches, bird_boxes = 7, 8, 9
    candidates = [Candidate(playground, 80), Candidate(benches, 30), Candidate(bird_boxes, 20)]
    ballots = [{playground, benches}, {playground, benches, bird_boxes}, {playground}]
    outcome = count(100, candidates, ballots, GREEDY)
    assert outcome.funded == [playground, bird_boxes]
    assert outcome.spent == 100
    assert outcome.left == 0
    assert outcome.explanations == {
        playground: Explanation(playground, True, 3, 1, FUNDED, money_left=100, rank=1),
        benches: Explanation(benches, False, 2, None, DID_NOT_FIT, money_left=20, rank=2),
        bird_boxes: Explanation(bird_boxes, True, 1, 2, FUNDED, money_left=20, rank=3),
    }


def test_equal_shares_and_greedy_choose_differently():
    # Budget 120, 12 ballots: 6 approve A and D, 2 approve only A, 4 approve only B.
    # A costs 64 (8 approvals), D 40 (6), B 40 (4). No ties anywhere.
    ballots = [{A, D}] * 6 + [{A}] * 2 + [{B}] * 4
    candidates = [Candidate(A, 64), Candidate(B, 40), Candidate(D, 40)]
    outcomes = both(120, candidates, ballots)

    # Greedy: A (8) 120 left -> 56 left; D (6) 40 <= 56 -> 16 left; B (4) 40 > 16, did not fit.
    greedy = outcomes[GREEDY]
    assert greedy.funded == [A, D]
    assert greedy.spent == 104
    assert greedy.explanations[A] == Explanation(A, True, 8, 1, FUNDED, money_left=120, rank=1)
    assert greedy.explanations[D] == Explanation(D, True, 6, 2, FUNDED, money_left=56, rank=2)
    assert greedy.explanations[B] == Explanation(
        B, False, 4, None, DID_NOT_FIT, money_left=16, rank=3
    )

    # Equal shares: 120 / 12 = 10 kr per ballot. What each supporter would pay, per krona of
    # the idea: A 64/8 = 8 kr each, 8/64 = 1/8; D 40/6 = 6.67 kr each, 6.67/40 = 1/6;
    # B 40/4 = 10 kr each, 10/40 = 1/4. Cheapest per krona: A. Its 8 supporters had 8 x 10 = 80,
    # pay 8 each and keep 2 each. D's 6 supporters now have 6 x 2 = 12 < 40: out of reach.
    # B's 4 supporters have 4 x 10 = 40 = its cost: bought, 10 each.
    # Spent 64 + 40 = 104, left 16 (the A supporters' 8 x 2); D (40) does not fit in 16.
    shares = outcomes[EQUAL_SHARES]
    assert shares.funded == [A, B]
    assert shares.spent == 104
    assert shares.share_per_ballot == 10
    assert shares.explanations == {
        A: Explanation(A, True, 8, 1, FUNDED, money_left=80, share=8, paid_what_they_had=0),
        B: Explanation(B, True, 4, 2, FUNDED, money_left=40, share=10, paid_what_they_had=0),
        D: Explanation(D, False, 6, None, SUPPORTERS_RAN_OUT, money_left=12),
    }


def test_a_tie_is_broken_by_the_lower_cost_under_both_rules():
    # Budget 100, 10 ballots: 6 approve A (60 kr) and D (40 kr), 4 approve B (40 kr).
    ballots = [{A, D}] * 6 + [{B}] * 4
    candidates = [Candidate(A, 60), Candidate(B, 40), Candidate(D, 40)]
    outcomes = both(100, candidates, ballots)

    # Greedy: A and D both have 6 approvals; the lower cost goes first: D (100 left -> 60),
    # then A (60 <= 60 -> 0 left); B (4) does not fit in 0.
    greedy = outcomes[GREEDY]
    assert greedy.funded == [D, A]
    assert greedy.explanations[D].money_left == 100
    assert greedy.explanations[A].money_left == 60
    assert greedy.explanations[B] == Explanation(
        B, False, 4, None, DID_NOT_FIT, money_left=0, rank=3
    )

    # Equal shares: 100 / 10 = 10 kr per ballot. Per krona: A 10/60 = 1/6, D 6.67/40 = 1/6
    # (a tie: both 6 supporters), B 10/40 = 1/4. The tie goes to the lower cost, D: its 6
    # supporters pay 40/6 = 6.67 (7 rounded) and keep 3.33 each, 6 x 3.33 = 20 < 60 for A.
    # B: 4 x 10 = 40, bought. Spent 80, 20 left, A (60) does not fit in it.
    # (A lower id first, or pabutools' default order by name, would buy A and then B.)
    shares = outcomes[EQUAL_SHARES]
    assert shares.funded == [D, B]
    assert shares.spent == 80
    assert shares.explanations[D] == Explanation(
        D, True, 6, 1, FUNDED, money_left=60, share=7, paid_what_they_had=0
    )
    assert shares.explanations[B].share == 10
    assert shares.explanations[A] == Explanation(
        A, False, 6, None, SUPPORTERS_RAN_OUT, money_left=20
    )


def test_equal_shares_spends_the_rest_greedy_by_approvals():
    # Budget 100, 4 ballots, 25 kr each: two approve the swings (50 kr), one approves the mural
    # (40 kr) and the stage (60 kr), one ballot is empty. The flower beds (10 kr) have no approval.
    swings, mural, stage, flowers = 1, 3, 4, 5
    candidates = [
        Candidate(swings, 50),
        Candidate(mural, 40),
        Candidate(stage, 60),
        Candidate(flowers, 10),
    ]
    ballots = [{swings}, {swings}, {mural, stage}, set()]
    outcome = count(100, candidates, ballots, EQUAL_SHARES)
    # Equal shares: the swings' 2 supporters pay 25 each = 50. The mural's and the stage's one
    # supporter has 25 < 40 and 25 < 60: equal shares ends there, 50 kr spent.
    # The rest, 100 - 50 = 50 kr (the third ballot's 25 and the empty ballot's 25), greedy by
    # approvals: mural and stage 1 approval each, the lower cost first: mural 40 <= 50 -> 10
    # left; stage 60 > 10. The flower beds would fit in 10 but nobody approves them.
    assert outcome.funded == [swings, mural]
    assert outcome.spent == 90
    assert outcome.share_per_ballot == 25
    assert outcome.explanations == {
        swings: Explanation(
            swings, True, 2, 1, FUNDED, money_left=50, share=25, paid_what_they_had=0
        ),
        mural: Explanation(mural, True, 1, 2, FUNDED_WITH_THE_REST, money_left=50),
        stage: Explanation(stage, False, 1, None, SUPPORTERS_RAN_OUT, money_left=25),
        flowers: Explanation(flowers, False, 0, None, NO_APPROVALS),
    }
    # Greedy: swings (2) 100 -> 50, mural 50 -> 10, stage did not fit in 10.
    assert count(100, candidates, ballots, GREEDY).funded == [swings, mural]


def test_a_supporter_with_less_left_pays_all_she_has():
    # Budget 40, 4 ballots, 10 kr each. Ballots 1-3 approve the shed (24 kr), ballots 3-4 the
    # lamp (12 kr). Per krona: shed 8/24 = 1/3, lamp 6/12 = 1/2: the shed first, 8 kr each, so
    # ballot 3 keeps 2 and ballot 4 still has 10. The lamp's supporters have 2 + 10 = 12 = its
    # cost: ballot 3 pays her 2, ballot 4 pays the other 10.
    shed, lamp = 1, 2
    outcome = count(
        40,
        [Candidate(shed, 24), Candidate(lamp, 12)],
        [{shed}, {shed}, {shed, lamp}, {lamp}],
        EQUAL_SHARES,
    )
    assert outcome.funded == [shed, lamp]
    assert outcome.explanations[shed] == Explanation(
        shed, True, 3, 1, FUNDED, money_left=30, share=8, paid_what_they_had=0
    )
    assert outcome.explanations[lamp] == Explanation(
        lamp, True, 2, 2, FUNDED, money_left=12, share=10, paid_what_they_had=1
    )


@pytest.mark.parametrize("rule", RULES)
def test_an_idea_nobody_approves_is_never_funded_even_when_it_fits(rule):
    # Budget 100; the bench (30 kr) is approved twice and leaves 70, the sign (20 kr) fits in
    # those 70 but has no approval.
    bench, sign = 1, 2
    outcome = count(100, [Candidate(bench, 30), Candidate(sign, 20)], [{bench}, {bench}], rule)
    assert outcome.funded == [bench]
    assert outcome.spent == 30
    assert outcome.explanations[sign] == Explanation(sign, False, 0, None, NO_APPROVALS)


@pytest.mark.parametrize("rule", RULES)
def test_no_ballots_funds_nothing(rule):
    outcome = count(100, [Candidate(1, 30), Candidate(2, 50)], [], rule)
    assert outcome.funded == []
    assert outcome.spent == 0
    assert outcome.share_per_ballot is None
    assert reasons(outcome) == {1: NO_APPROVALS, 2: NO_APPROVALS}


@pytest.mark.parametrize("rule", RULES)
def test_only_empty_ballots_fund_nothing(rule):
    outcome = count(100, [Candidate(1, 30)], [set(), []], rule)
    assert outcome.funded == []
    assert reasons(outcome) == {1: NO_APPROVALS}


def test_a_budget_smaller_than_every_cost():
    # Budget 10; idea 1 costs 20 (1 approval), idea 2 costs 30 (2 approvals).
    candidates = [Candidate(1, 20), Candidate(2, 30)]
    ballots = [{1, 2}, {2}]
    outcomes = both(10, candidates, ballots)
    # Greedy: idea 2 first, 10 left < 30; idea 1, 10 left < 20.
    assert outcomes[GREEDY].funded == []
    assert outcomes[GREEDY].explanations == {
        1: Explanation(1, False, 1, None, DID_NOT_FIT, money_left=10, rank=2),
        2: Explanation(2, False, 2, None, DID_NOT_FIT, money_left=10, rank=1),
    }
    # Equal shares: 10 / 2 = 5 kr per ballot. Idea 1's one supporter has 5 < 20; idea 2's two
    # have 5 + 5 = 10 < 30. Nothing fits in the rest of 10 either.
    assert outcomes[EQUAL_SHARES].funded == []
    assert outcomes[EQUAL_SHARES].share_per_ballot == 5
    assert outcomes[EQUAL_SHARES].explanations == {
        1: Explanation(1, False, 1, None, SUPPORTERS_RAN_OUT, money_left=5),
        2: Explanation(2, False, 2, None, SUPPORTERS_RAN_OUT, money_left=10),
    }


def test_every_idea_fits():
    # Budget 1000; idea 1 costs 300 (3 approvals), idea 2 200 (2), idea 3 100 (1); 600 in all.
    candidates = [Candidate(1, 300), Candidate(2, 200), Candidate(3, 100)]
    ballots = [{1, 2, 3}, {1, 2}, {1}]
    outcomes = both(1000, candidates, ballots)
    # Greedy: 1000 left -> 700 -> 500 -> 400.
    greedy = outcomes[GREEDY]
    assert greedy.funded == [1, 2, 3]
    assert greedy.spent == 600
    assert [greedy.explanations[c].money_left for c in (1, 2, 3)] == [1000, 700, 500]
    # Equal shares: 1000 / 3 = 333.33 per ballot. Per krona: idea 1 100/300 = 1/3, idea 2
    # 100/200 = 1/2, idea 3 100/100 = 1. Idea 1: 3 x 333.33 = 1000 before, 100 each -> 233.33
    # each. Idea 2: ballots 1 and 2 have 466.67 (466 rounded down), 100 each -> ballot 1 has
    # 133.33. Idea 3: ballot 1 alone has 133.33 (133), pays 100. Nothing left to complete.
    shares = outcomes[EQUAL_SHARES]
    assert shares.funded == [1, 2, 3]
    assert shares.spent == 600
    assert shares.share_per_ballot == 333
    assert [shares.explanations[c].money_left for c in (1, 2, 3)] == [1000, 466, 133]
    assert [shares.explanations[c].share for c in (1, 2, 3)] == [100, 100, 100]
    assert set(reasons(shares).values()) == {FUNDED}


def test_a_tie_of_approvals_and_cost_goes_to_the_lower_id_as_a_number():
    # Ideas 9 and 10, 50 kr each, both approved by both ballots; budget 50 pays for one.
    # Greedy: same approvals, same cost -> id 9 first (50 left), then 10 (0 left).
    # Equal shares: 25 kr per ballot, each idea 25 each (1/2 per krona): a tie -> 9; its
    # supporters pay all they had, 10's supporters have 0 left.
    # (pabutools' default tie-breaking compares names as text and would take "10".)
    candidates = [Candidate(10, 50), Candidate(9, 50)]
    outcomes = both(50, candidates, [{9, 10}, {9, 10}])
    assert outcomes[GREEDY].funded == [9]
    assert outcomes[GREEDY].explanations[10].money_left == 0
    assert outcomes[EQUAL_SHARES].funded == [9]
    assert outcomes[EQUAL_SHARES].explanations[10] == Explanation(
        10, False, 2, None, SUPPORTERS_RAN_OUT, money_left=0
    )


def test_an_id_twice_on_one_ballot_is_one_approval():
    outcome = count(100, [Candidate(1, 30)], [[1, 1, 1]], GREEDY)
    assert outcome.explanations[1].approvals == 1


def test_both_returns_each_rule_as_count_does():
    candidates, ballots = make_round(ballots=200, ideas=12)
    outcomes = both(300_000, candidates, ballots)
    assert list(outcomes) == list(RULES)
    for rule in RULES:
        assert outcomes[rule].rule == rule
        assert outcomes[rule] == count(300_000, candidates, ballots, rule)


@pytest.mark.parametrize("rule", RULES)
def test_explanations_are_one_per_candidate_with_the_funded_numbered_in_order(rule):
    candidates, ballots = make_round(ballots=300, ideas=15, seed=7)
    budget = 400_000
    outcome = count(budget, candidates, ballots, rule)
    cost = {c.id: c.cost for c in candidates}
    approvals = Counter(cid for ballot in ballots for cid in ballot)

    assert list(outcome.explanations) == [c.id for c in candidates]
    assert outcome.spent == sum(cost[cid] for cid in outcome.funded) <= budget
    assert sorted(e.order for e in outcome.explanations.values() if e.funded) == list(
        range(1, len(outcome.funded) + 1)
    )
    allowed = GREEDY_REASONS if rule == GREEDY else EQUAL_SHARES_REASONS
    spent_before = 0
    for n, cid in enumerate(outcome.funded, start=1):
        explanation = outcome.explanations[cid]
        assert (explanation.order, explanation.funded) == (n, True)
        if rule == GREEDY or explanation.reason == FUNDED_WITH_THE_REST:
            assert explanation.money_left == budget - spent_before >= cost[cid]
        else:
            assert explanation.money_left >= cost[cid]
            # every supporter paid at most the share; rounding may add half a krona each
            assert explanation.share * explanation.approvals >= cost[cid] - explanation.approvals
        spent_before += cost[cid]
    for cid, explanation in outcome.explanations.items():
        assert explanation.reason in allowed and explanation.reason in REASONS
        assert explanation.approvals == approvals[cid]
        assert explanation.funded == (cid in outcome.funded)
        if not explanation.funded and explanation.reason != NO_APPROVALS:
            assert explanation.money_left < cost[cid]
            assert explanation.order is None


def _key(approvals: Counter, cost: dict[int, int]):
    return lambda cid: (-approvals[cid], cost[cid], cid)


def test_greedy_matches_a_greedy_written_out_here():
    candidates, ballots = make_round(ballots=400, ideas=20, seed=3)
    budget = 500_000
    cost = {c.id: c.cost for c in candidates}
    approvals = Counter(cid for ballot in ballots for cid in ballot)
    funded, left = [], budget
    for cid in sorted(approvals, key=_key(approvals, cost)):
        if cost[cid] <= left:
            funded.append(cid)
            left -= cost[cid]
    assert count(budget, candidates, ballots, GREEDY).funded == funded


def test_both_rules_match_pabutools_with_its_own_cost_sat():
    candidates, ballots = make_round(ballots=400, ideas=20, seed=5)
    budget = 600_000
    cost = {c.id: c.cost for c in candidates}
    approvals = Counter(cid for ballot in ballots for cid in ballot)
    projects = {cid: Project(str(cid), cost[cid]) for cid in approvals}
    instance = Instance(projects.values(), budget_limit=budget)
    profile = ApprovalProfile(
        [ApprovalBallot(projects[cid] for cid in ballot) for ballot in ballots], instance=instance
    )
    key = _key(approvals, cost)
    tie_breaking = TieBreakingRule(lambda _i, _p, project: key(int(project.name)))
    greedy = dict(sat_class=Cost_Sat, tie_breaking=tie_breaking)
    expected_greedy = greedy_utilitarian_welfare(instance, profile, **greedy)
    by_shares = method_of_equal_shares(
        instance, profile, sat_class=Cost_Sat, tie_breaking=tie_breaking
    )
    expected_shares = completion_by_rule_combination(
        instance,
        profile,
        [greedy_utilitarian_welfare],
        [greedy],
        initial_budget_allocation=by_shares,
    )
    outcomes = both(budget, candidates, ballots)
    assert outcomes[GREEDY].funded == [int(p.name) for p in expected_greedy]
    assert outcomes[EQUAL_SHARES].funded == [int(p.name) for p in expected_shares]
    assert len(by_shares) < len(expected_shares)  # this round does use the completion
    assert outcomes[GREEDY].funded != outcomes[EQUAL_SHARES].funded


@pytest.mark.parametrize(
    ("budget", "candidates", "ballots", "rule"),
    [
        (100, [Candidate(1, 10)], [{1}], "phragmen"),
        (100, [Candidate(1, 10)], [{2}], GREEDY),
        (100, [Candidate(1, 10), Candidate(1, 20)], [], GREEDY),
        (-1, [Candidate(1, 10)], [], EQUAL_SHARES),
    ],
)
def test_bad_input_is_refused(budget, candidates, ballots, rule):
    with pytest.raises(ValueError):
        count(budget, candidates, ballots, rule)


def test_an_idea_must_cost_something():
    with pytest.raises(ValueError):
        Candidate(1, 0)


def test_the_bench_runs_at_a_tiny_size():
    # The shape only: timings are not asserted.
    lines: list[str] = []
    report = run(ballots=50, ideas=8, repeats=1, out=lines.append)
    assert set(report) == {"times", "budget_met"}
    assert set(report["times"]) == set(RULES)
    assert all(len(times) == 2 and 0 < times[0] <= times[1] for times in report["times"].values())
    assert isinstance(report["budget_met"], bool)
    assert lines[-1].startswith("Budget 1000 ms per count: ")
