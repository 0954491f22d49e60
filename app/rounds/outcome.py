"""Counting a budget round and showing the result: under the round's own rule (which decides)
and under the other rule beside it, each idea with the reason it was or was not funded, and
the ballots by channel. The rules themselves are pabutools' (``app.rounds.counting``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from app.extensions import db
from app.i18n import kronor
from app.ideas.services import add_event
from app.models import Decision, EventKind, IdeaStatus, Person
from app.models.notifications import NotificationKind
from app.models.rounds import BallotChannel, BudgetRound, CostedIdea
from app.models.util import utcnow
from app.notifications.services import notify
from app.refusals import Refused
from app.results.measures import MIN_PEOPLE
from app.rounds import ballots, counting, services

CHANNEL_LABELS = {
    BallotChannel.PHONE: _l("Own phone or computer"),
    BallotChannel.ASSISTED: _l("At the meeting place, with a leader"),
    BallotChannel.PAPER: _l("Paper ballots, confirmed by a second leader"),
}
# Funded ideas are under way; an idea already further on keeps its status.
MOVES_ON = frozenset({IdeaStatus.PUBLISHED, IdeaStatus.ON_AGENDA})


def count_round(budget_round: BudgetRound, leader: Person, now: datetime | None = None) -> None:
    """Count once voting has closed: the round's rule decides; funded ideas go in progress and
    every author hears the outcome of their idea."""
    services.require_leader(leader, budget_round.area)
    now = now or utcnow()
    if services.phase(budget_round, now) != services.COUNTING:
        raise Refused(_l("The votes are counted once voting has closed."), 409)
    costed = services.costed_ideas(budget_round, feasible_only=True)
    taken = ballots.counted(budget_round)
    candidates = [counting.Candidate(c.id, c.cost) for c in costed]
    outcomes = counting.both(budget_round.amount, candidates, [chosen for _ch, chosen in taken])
    claimed = db.session.execute(
        sa.update(BudgetRound)
        .where(BudgetRound.id == budget_round.id, BudgetRound.counted_at.is_(None))
        .values(counted_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not claimed:
        raise Refused(_l("The votes have already been counted."), 409)
    channels = {c.value: 0 for c in BallotChannel}
    for channel, _chosen in taken:
        channels[channel.value] += 1
    budget_round.counted_at = now
    budget_round.outcome = {
        "rules": {
            rule: {
                "funded": outcome.funded,
                "spent": outcome.spent,
                "share_per_ballot": outcome.share_per_ballot,
                "explanations": {str(k): asdict(v) for k, v in outcome.explanations.items()},
            }
            for rule, outcome in outcomes.items()
        },
        "channels": channels,
        "unconfirmed_paper": ballots.unconfirmed_count(budget_round),
    }
    deciding = outcomes[budget_round.rule.value]
    funded = set(deciding.funded)
    for c in costed:
        c.approvals = deciding.explanations[c.id].approvals
        c.funded = c.id in funded
        if c.funded:
            if c.idea.status in MOVES_ON:
                c.idea.status = IdeaStatus.IN_PROGRESS
            add_event(c.idea, EventKind.IN_PROGRESS, budget_round.title)
        notify(
            c.idea.author_id,
            NotificationKind.BUDGET_FUNDED if c.funded else NotificationKind.BUDGET_NOT_FUNDED,
            c.idea_id,
            f"{c.cost}\n{budget_round.title}",
        )
    services.log(budget_round, leader, Decision.BUDGET_COUNTED, reason=budget_round.title)
    db.session.commit()


# --- The result as the page shows it ---------------------------------------------------------


@dataclass(frozen=True)
class Line:
    costed: CostedIdea
    explanation: dict
    why: str  # the reason in words


@dataclass(frozen=True)
class RuleResult:
    rule: str
    label: str
    deciding: bool
    funded: list[Line]
    not_funded: list[Line]
    spent: int
    left: int


@dataclass(frozen=True)
class Result:
    budget_round: BudgetRound
    rules: list[RuleResult]  # the deciding rule first
    channels: list[tuple[str, int | None]]  # label, ballots (None: fewer than 5, not shown)
    ballots: int
    unconfirmed_paper: int


def why(rule: str, e: dict, cost: int) -> str:
    """The reason an idea was or was not funded, in words a resident understands."""
    reason = e["reason"]
    approvals = ngettext("%(num)d approval", "%(num)d approvals", e["approvals"])
    if reason == counting.NO_APPROVALS:
        return _("No ballot approved it.")
    if rule == counting.GREEDY:
        if reason == counting.FUNDED:
            return _(
                "%(approvals)s. Its turn came as number %(rank)s by approvals, and it fitted in "
                "the %(left)s that were left.",
                approvals=approvals,
                rank=e["rank"],
                left=kronor(e["money_left"]),
            )
        return _(
            "%(approvals)s. When its turn came as number %(rank)s by approvals, only %(left)s "
            "were left: less than its cost of %(cost)s.",
            approvals=approvals,
            rank=e["rank"],
            left=kronor(e["money_left"]),
            cost=kronor(cost),
        )
    if reason == counting.FUNDED:
        return _(
            "%(approvals)s. Its supporters paid for it together from their equal shares, about "
            "%(share)s each.",
            approvals=approvals,
            share=kronor(e["share"]),
        )
    if reason == counting.FUNDED_WITH_THE_REST:
        return _(
            "%(approvals)s. Its supporters could not pay for it from their shares alone, but it "
            "fitted in the money left over after equal shares: %(left)s when its turn came.",
            approvals=approvals,
            left=kronor(e["money_left"]),
        )
    return _(
        "%(approvals)s. Its supporters had only %(left)s left of their equal shares, less than "
        "its cost of %(cost)s, and it did not fit in what was left over either.",
        approvals=approvals,
        left=kronor(e["money_left"]),
        cost=kronor(cost),
    )


def result(budget_round: BudgetRound) -> Result | None:
    """The counted result: one query for the costed ideas."""
    if budget_round.outcome is None:
        return None
    costed = {c.id: c for c in services.costed_ideas(budget_round, feasible_only=True)}
    rules = []
    for rule in sorted(budget_round.outcome["rules"], key=lambda r: r != budget_round.rule.value):
        data = budget_round.outcome["rules"][rule]
        explanations = data["explanations"]
        lines = {
            int(k): Line(costed[int(k)], e, why(rule, e, costed[int(k)].cost))
            for k, e in explanations.items()
            if int(k) in costed
        }
        funded_ids = set(data["funded"])
        funded = [lines[i] for i in data["funded"] if i in lines]
        not_funded = sorted(
            (line for i, line in lines.items() if i not in funded_ids),
            key=lambda line: (-line.explanation["approvals"], line.costed.cost, line.costed.id),
        )
        rules.append(
            RuleResult(
                rule,
                str(services.RULE_LABELS[services.CountingRule(rule)]),
                rule == budget_round.rule.value,
                funded,
                not_funded,
                data["spent"],
                budget_round.amount - data["spent"],
            )
        )
    counts = budget_round.outcome["channels"]
    return Result(
        budget_round,
        rules,
        [
            (str(CHANNEL_LABELS[BallotChannel(c)]), n if n >= MIN_PEOPLE or n == 0 else None)
            for c, n in counts.items()
        ],
        sum(counts.values()),
        budget_round.outcome.get("unconfirmed_paper", 0),
    )


def table(shown: Result) -> tuple[list[str], list[list]]:
    """The result as a spreadsheet: one row per idea, under both rules."""
    deciding = shown.rules[0]
    header = [_("Idea"), _("Cost (kronor)"), _("Approvals")]
    for rule in shown.rules:
        header += [
            _("Funded: %(rule)s", rule=rule.label),
            _("Why: %(rule)s", rule=rule.label),
        ]
    by_rule = [
        {line.costed.id: (line in rule.funded, line.why) for line in rule.funded + rule.not_funded}
        for rule in shown.rules
    ]
    rows = []
    for line in deciding.funded + deciding.not_funded:
        row = [line.costed.idea.title, line.costed.cost, line.explanation["approvals"]]
        for lines in by_rule:
            funded, reason = lines[line.costed.id]
            row += [_("Yes") if funded else _("No"), reason]
        rows.append(row)
    return header, rows
