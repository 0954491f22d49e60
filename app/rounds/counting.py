"""The count of a budget round: which costed ideas the budget pays for, and why.

Every resident hands in one ballot that approves any number of the round's costed ideas.
Two counting rules are offered, both computed by the kept library pabutools:

Greedy by approvals (``GREEDY``)
    The ideas are taken one at a time, the most approved first. Each is paid for if it still
    fits in what is left of the budget; if not, it is skipped and the next one is tried.
    Reasons: ``funded`` (its turn came and it fitted in what was left), ``did-not-fit`` (when its
    turn came only ``money_left`` kronor were left, less than it costs), ``no-approvals``.

Equal shares (``EQUAL_SHARES``, the Method of Equal Shares, as on equalshares.net)
    The budget is split into equal shares, one per ballot (an empty ballot too). An idea is paid
    for by the residents who approve it, out of their own shares, each paying the same amount
    (a supporter with less left pays all she has left and the others make up the rest). Step by
    step the idea that costs its supporters the least per krona of the idea is bought, which
    favours ideas with many supporters. When no idea's supporters can pay for it any more,
    the money that is left (shares of residents whose ideas are all bought or out of reach, and
    of empty ballots) completes the round: the remaining ideas are taken greedy by approvals, as
    above, and each one that fits in that rest is paid for too.
    Reasons: ``funded`` (its supporters, with ``money_left`` kronor left of their shares, paid
    its cost together, each paying ``share`` kronor; ``paid_what_they_had`` of them paid less,
    all they had left), ``funded-with-the-rest`` (its supporters could not pay for it out of
    their shares, but it fitted in the ``money_left`` kronor of the budget still left when its
    turn came in the completion), ``supporters-ran-out`` (its supporters had only
    ``money_left`` kronor left of their shares, less than it costs, and it did not fit in the
    rest either), ``no-approvals``.

An idea that no ballot approves is never funded, under either rule (``no-approvals``).

Ties are broken the same way under both rules: more approvals first, then the lower cost,
then the lower idea id. Greedy only meets ties of approvals; equal shares meets ties when two
ideas would cost their supporters exactly as much per krona.

How pabutools is used (``pabutools`` 1.2.3):

* Each idea with at least one approval becomes ``Project(str(id), cost)`` of an ``Instance``;
  ideas without approvals are left out, because pabutools' greedy would otherwise fund them
  when they fit (it scores them 0 but still takes them).
* ``greedy_utilitarian_welfare`` orders by *total satisfaction divided by cost*. With
  ``Cost_Sat`` (an approved idea is worth its cost to the voter) that is approvals x cost / cost
  = the number of approvals, exactly "greedy by approvals"; with ``Cardinality_Sat`` it would
  be approvals per krona, which is a different rule.
* ``method_of_equal_shares`` with ``Cost_Sat`` ("cost utilities", equalshares.net's choice for
  approval ballots) and ``analytics=True``: its iterations give every ballot's money before and
  after each purchase, from which ``share`` and ``money_left`` are read.
* The leftover is spent with ``completion_by_rule_combination`` and the same greedy.
  equalshares.net first raises the shares step by step and reruns equal shares ("add1",
  pabutools' ``voter_budget_increment`` or ``exhaustion_by_budget_increase``); that reruns the
  whole count up to hundreds of times (about 18 s for 5 000 ballots over 60 ideas, against a
  quarter of a second), so it is not used.
* Both get a subclass of ``Cost_Sat`` that gives the same numbers faster (see ``_CostSat``);
  a test checks the outcomes against plain ``Cost_Sat``.
* The default ``lexico_tie_breaking`` compares the names as text ("10" before "9"), hence our
  own ``TieBreakingRule``.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from fractions import Fraction
from numbers import Rational

from pabutools.election import ApprovalBallot, ApprovalProfile, Cost_Sat, Instance, Project
from pabutools.rules import (
    completion_by_rule_combination,
    greedy_utilitarian_welfare,
    method_of_equal_shares,
)
from pabutools.tiebreaking import TieBreakingRule

GREEDY = "greedy"
EQUAL_SHARES = "equal-shares"
RULES = (GREEDY, EQUAL_SHARES)

FUNDED = "funded"
DID_NOT_FIT = "did-not-fit"
FUNDED_WITH_THE_REST = "funded-with-the-rest"
SUPPORTERS_RAN_OUT = "supporters-ran-out"
NO_APPROVALS = "no-approvals"
GREEDY_REASONS = (FUNDED, DID_NOT_FIT, NO_APPROVALS)
EQUAL_SHARES_REASONS = (FUNDED, FUNDED_WITH_THE_REST, SUPPORTERS_RAN_OUT, NO_APPROVALS)
REASONS = (FUNDED, DID_NOT_FIT, FUNDED_WITH_THE_REST, SUPPORTERS_RAN_OUT, NO_APPROVALS)


@dataclass(frozen=True)
class Candidate:
    """A costed idea standing in the round."""

    id: int
    cost: int  # whole kronor

    def __post_init__(self) -> None:
        if self.cost <= 0:
            raise ValueError(f"idea {self.id}: the cost must be more than 0 kr, not {self.cost}")


@dataclass(frozen=True)
class Explanation:
    """Why one costed idea was or was not funded, with the numbers its sentence needs.

    All amounts are whole kronor; ``money_left`` is rounded down, ``share`` to the nearest krona.
    """

    candidate_id: int
    funded: bool
    approvals: int  # how many ballots approve it
    order: int | None  # 1, 2, 3… the order it was funded in; None if not funded
    reason: str  # one of REASONS
    # Greedy: kronor left in the budget when its turn came (funded, did-not-fit).
    # Equal shares: its supporters' money left of their shares before it was bought (funded),
    # or when equal shares ended (supporters-ran-out); funded-with-the-rest: kronor left in the
    # budget when its turn came in the completion.
    money_left: int | None = None
    share: int | None = None  # equal shares, funded: what each supporter paid
    # Equal shares, funded: how many supporters paid less than ``share`` (all they had left).
    paid_what_they_had: int | None = None
    # Greedy: its place in the order of approvals (1 = taken first); None without approvals.
    rank: int | None = None


@dataclass(frozen=True)
class Outcome:
    """The count of a round under one rule."""

    rule: str
    budget: int
    funded: list[int]  # candidate ids in the order they were funded
    spent: int
    explanations: dict[int, Explanation]  # one per candidate, in the candidates' order
    share_per_ballot: int | None = None  # equal shares: each ballot's share, rounded; else None

    @property
    def left(self) -> int:
        return self.budget - self.spent


def count(
    budget: int,
    candidates: Sequence[Candidate],
    ballots: Sequence[Collection[int]],
    rule: str,
) -> Outcome:
    """Count a round under ``rule``. A ballot is the ids of the ideas it approves."""
    if rule not in RULES:
        raise ValueError(f"unknown counting rule {rule!r}, expected one of {RULES}")
    election = _Election(budget, candidates, ballots)
    return election.greedy() if rule == GREEDY else election.equal_shares()


def both(
    budget: int,
    candidates: Sequence[Candidate],
    ballots: Sequence[Collection[int]],
) -> dict[str, Outcome]:
    """The count under both rules, side by side (the ballots are read once)."""
    election = _Election(budget, candidates, ballots)
    return {GREEDY: election.greedy(), EQUAL_SHARES: election.equal_shares()}


class _CostSat(Cost_Sat):
    """pabutools' ``Cost_Sat`` (an approved idea is worth its cost to the voter, else 0), minus
    its memo of each ballot's scores: looking an idea up in that memo costs more than looking
    it up in the ballot, and both rules ask once per ballot and idea (5 000 ballots over 60
    ideas: greedy 0.27 -> 0.08 s, equal shares 0.46 -> 0.25 s of CPU)."""

    def sat_project(self, project: Project) -> int:
        return project.cost if project in self.ballot else 0

    get_project_sat = sat_project


class _Election:
    """A round in pabutools' terms, built once and counted under either rule."""

    def __init__(
        self,
        budget: int,
        candidates: Sequence[Candidate],
        ballots: Sequence[Collection[int]],
    ) -> None:
        if budget < 0:
            raise ValueError(f"the budget cannot be negative: {budget}")
        self.budget = budget
        self.candidates = list(candidates)
        self.cost = {c.id: c.cost for c in self.candidates}
        if len(self.cost) != len(self.candidates):
            raise ValueError("two candidates have the same id")
        self.ballots = [frozenset(ballot) for ballot in ballots]
        # candidate id -> indices of the ballots approving it (pabutools' voter indices)
        self.supporters: dict[int, list[int]] = {c.id: [] for c in self.candidates}
        for index, ballot in enumerate(self.ballots):
            for candidate_id in ballot:
                if candidate_id not in self.supporters:
                    raise ValueError(f"ballot {index} approves an unknown idea {candidate_id!r}")
                self.supporters[candidate_id].append(index)
        self.approvals = {cid: len(indices) for cid, indices in self.supporters.items()}
        self.approved = sorted((cid for cid, n in self.approvals.items() if n), key=self.rank_key)

        projects = {cid: Project(str(cid), self.cost[cid]) for cid in self.approved}
        self.instance = Instance(projects.values(), budget_limit=budget)
        self.profile = ApprovalProfile(
            [ApprovalBallot(projects[cid] for cid in ballot) for ballot in self.ballots],
            instance=self.instance,
        )
        # One satisfaction profile serves both rules and the completion.
        self.sat_profile = self.profile.as_sat_profile(_CostSat)
        self.tie_breaking = TieBreakingRule(lambda _inst, _prof, p: self.rank_key(int(p.name)))

    def rank_key(self, candidate_id: int) -> tuple[int, int, int]:
        """Most approvals first, then the lower cost, then the lower id."""
        return (-self.approvals[candidate_id], self.cost[candidate_id], candidate_id)

    def _greedy_params(self) -> dict[str, object]:
        return {
            "sat_class": _CostSat,
            "sat_profile": self.sat_profile,
            "tie_breaking": self.tie_breaking,
        }

    def greedy(self) -> Outcome:
        funded: list[int] = []
        if self.approved:
            allocation = greedy_utilitarian_welfare(
                self.instance, self.profile, **self._greedy_params()
            )
            funded = [int(p.name) for p in allocation]
        order = {cid: n for n, cid in enumerate(funded, start=1)}
        if [cid for cid in self.approved if cid in order] != funded:
            raise RuntimeError("pabutools' greedy did not fund the ideas in order of approvals")
        explanations: dict[int, Explanation] = {}
        left = self.budget
        for rank, cid in enumerate(self.approved, start=1):
            fits = self.cost[cid] <= left
            if fits != (cid in order):
                raise RuntimeError(f"pabutools' greedy disagrees on whether idea {cid} fitted")
            explanations[cid] = Explanation(
                candidate_id=cid,
                funded=fits,
                approvals=self.approvals[cid],
                order=order.get(cid),
                reason=FUNDED if fits else DID_NOT_FIT,
                money_left=left,
                rank=rank,
            )
            if fits:
                left -= self.cost[cid]
        return self._outcome(GREEDY, funded, explanations)

    def equal_shares(self) -> Outcome:
        share_per_ballot = (
            _round(Fraction(self.budget, len(self.ballots))) if self.ballots else None
        )
        if not self.approved:
            return self._outcome(EQUAL_SHARES, [], {}, share_per_ballot)
        allocation = method_of_equal_shares(
            self.instance,
            self.profile,
            sat_class=_CostSat,
            sat_profile=self.sat_profile,
            tie_breaking=self.tie_breaking,
            analytics=True,
        )
        explanations: dict[int, Explanation] = {}
        by_shares = [int(p.name) for p in allocation]
        bought = [it for it in allocation.details.iterations if it.selected_project is not None]
        if [int(it.selected_project.name) for it in bought] != by_shares:
            raise RuntimeError("pabutools' equal-shares details do not match its outcome")
        for n, iteration in enumerate(bought, start=1):
            cid = int(iteration.selected_project.name)
            before, after = iteration.voters_budget, iteration.voters_budget_after_selection
            paid = [before[i] - after[i] for i in self.supporters[cid]]
            share = max(paid)
            explanations[cid] = Explanation(
                candidate_id=cid,
                funded=True,
                approvals=self.approvals[cid],
                order=n,
                reason=FUNDED,
                money_left=_floor(sum(before[i] for i in self.supporters[cid])),
                share=_round(share),
                paid_what_they_had=sum(1 for p in paid if p < share),
            )
        last = allocation.details.iterations[-1]
        money = (
            last.voters_budget
            if last.selected_project is None
            else last.voters_budget_after_selection
        )

        funded = by_shares
        if not self.instance.is_exhaustive(allocation):
            completed = completion_by_rule_combination(
                self.instance,
                self.profile,
                [greedy_utilitarian_welfare],
                [self._greedy_params()],
                initial_budget_allocation=allocation,
            )
            funded = [int(p.name) for p in completed]
        if funded[: len(by_shares)] != by_shares:
            raise RuntimeError("pabutools' completion changed the equal-shares outcome")
        left = self.budget - sum(self.cost[cid] for cid in by_shares)
        for n, cid in enumerate(funded[len(by_shares) :], start=len(by_shares) + 1):
            explanations[cid] = Explanation(
                candidate_id=cid,
                funded=True,
                approvals=self.approvals[cid],
                order=n,
                reason=FUNDED_WITH_THE_REST,
                money_left=left,
            )
            left -= self.cost[cid]
        for cid in self.approved:
            if cid not in explanations:
                explanations[cid] = Explanation(
                    candidate_id=cid,
                    funded=False,
                    approvals=self.approvals[cid],
                    order=None,
                    reason=SUPPORTERS_RAN_OUT,
                    money_left=_floor(sum(money[i] for i in self.supporters[cid])),
                )
        return self._outcome(EQUAL_SHARES, funded, explanations, share_per_ballot)

    def _outcome(
        self,
        rule: str,
        funded: list[int],
        explanations: dict[int, Explanation],
        share_per_ballot: int | None = None,
    ) -> Outcome:
        """The outcome, adding ``no-approvals`` and putting the candidates' order back."""
        for_everyone = {
            c.id: explanations.get(c.id)
            or Explanation(
                candidate_id=c.id, funded=False, approvals=0, order=None, reason=NO_APPROVALS
            )
            for c in self.candidates
        }
        return Outcome(
            rule=rule,
            budget=self.budget,
            funded=funded,
            spent=sum(self.cost[cid] for cid in funded),
            explanations=for_everyone,
            share_per_ballot=share_per_ballot,
        )


def _floor(amount: Rational) -> int:
    """Whole kronor, rounded down (pabutools counts in exact fractions)."""
    return int(math.floor(amount))


def _round(amount: Rational) -> int:
    """To the nearest whole krona, halves up (amounts are never negative)."""
    return int(math.floor(2 * amount + 1) // 2)
