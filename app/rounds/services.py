"""Budget rounds: creating one and its rules, the phases by date, costed ideas and their check.

Phases (Swedish dates): *ideas* until ``ideas_until`` — residents and leaders enter published
ideas of the eligible categories with a cost estimate; *checking* — leaders check each costed
idea's feasibility and cost, with a public reason in the moderation log; *voting* — from
``voting_from`` a leader opens voting once every idea is checked, and the round's rules freeze
(audit log); ballots are taken until the end of ``voting_until``; *counting* — a leader counts;
*result* — the funded ideas are in progress, followed up until ``follow_up_on``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.areas.services import is_leader
from app.clock import local, meeting_time
from app.extensions import db
from app.ideas.services import actor_role, is_verified_resident
from app.models import Area, Category, Decision, Idea, ModerationDecision, Person
from app.models.audit import record
from app.models.ideas import VOTABLE
from app.models.notifications import NotificationKind
from app.models.partners import LinkStatus, PartnerLink, PartnerRepresentative
from app.models.rounds import TITLE_MAX, BudgetRound, CostedIdea, CountingRule
from app.models.util import utcnow
from app.notifications.services import notify
from app.refusals import Refused

MAX_AMOUNT = 100_000_000  # kronor: a typo guard, far above any area's budget
MAX_COST = MAX_AMOUNT
IDEAS = "ideas"
CHECKING = "checking"
VOTING = "voting"
COUNTING = "counting"
RESULT = "result"
FOLLOW_UP = "follow-up"
PHASES = (IDEAS, CHECKING, VOTING, COUNTING, RESULT, FOLLOW_UP)

PHASE_LABELS = {
    IDEAS: _l("Costed ideas are collected"),
    CHECKING: _l("Leaders check feasibility and cost"),
    VOTING: _l("Voting"),
    COUNTING: _l("Voting has closed; the votes are being counted"),
    RESULT: _l("Result"),
    FOLLOW_UP: _l("Follow-up of the funded ideas"),
}
RULE_LABELS = {
    CountingRule.GREEDY: _l("Most approvals first"),
    CountingRule.EQUAL_SHARES: _l("Method of Equal Shares"),
}
RULE_EXPLAINED = {
    CountingRule.GREEDY: _l(
        "The ideas with the most approvals are funded first, as long as the money lasts; an "
        "idea that no longer fits is skipped and the next one is tried."
    ),
    CountingRule.EQUAL_SHARES: _l(
        "Every voter gets an equal share of the money. An idea is funded when the people who "
        "approve it can pay for it together from their shares, so every group of neighbours "
        "gets ideas in proportion to its size, not only the largest group."
    ),
}


@dataclass
class RoundInput:
    title: str
    amount: int
    categories: list[Category]
    min_age: int
    rule: CountingRule
    ideas_until: date
    voting_from: date
    voting_until: date
    follow_up_on: date | None = None


def round_or_404(round_id: int) -> BudgetRound:
    return db.get_or_404(BudgetRound, round_id, options=[sa.orm.joinedload(BudgetRound.area)])


def rounds_of(area: Area) -> list[BudgetRound]:
    return list(
        db.session.scalars(
            sa.select(BudgetRound)
            .where(BudgetRound.area_id == area.id)
            .order_by(BudgetRound.voting_until.desc(), BudgetRound.id.desc())
        )
    )


def end_of(day: date) -> datetime:
    """The first moment after ``day`` in Swedish time."""
    return meeting_time(day + timedelta(days=1), datetime.min.time())


def phase(budget_round: BudgetRound, now: datetime | None = None) -> str:
    now = now or utcnow()
    if budget_round.counted_at is not None:
        follow_up = budget_round.follow_up_on
        return FOLLOW_UP if follow_up and local(now).date() >= follow_up else RESULT
    if budget_round.frozen_at is not None:
        return VOTING if now < end_of(budget_round.voting_until) else COUNTING
    if now < end_of(budget_round.ideas_until):
        return IDEAS
    return CHECKING


def voting_open(budget_round: BudgetRound, now: datetime | None = None) -> bool:
    return phase(budget_round, now) == VOTING


def require_leader(person: Person, area: Area) -> None:
    if not is_leader(person, area):
        raise Refused(_l("Only the area's process leaders can do that."), 403)


def check_input(data: RoundInput) -> None:
    title = data.title.strip()
    if not title or len(title) > TITLE_MAX:
        raise Refused(_l("Write a title of at most %(n)s characters.", n=TITLE_MAX), 422)
    if not 1 <= data.amount <= MAX_AMOUNT:
        raise Refused(_l("The amount must be a whole number of kronor above 0."), 422)
    if not 0 <= data.min_age <= 120:
        raise Refused(_l("The minimum age must be between 0 and 120."), 422)
    if not data.ideas_until < data.voting_from <= data.voting_until:
        raise Refused(
            _l(
                "The dates must follow each other: ideas until, then voting from, then voting "
                "until."
            ),
            422,
        )
    if data.follow_up_on is not None and data.follow_up_on < data.voting_until:
        raise Refused(_l("The follow-up comes after voting has closed."), 422)
    today = local(utcnow()).date()
    if not today - timedelta(days=366) <= data.ideas_until <= today + timedelta(days=3 * 366):
        raise Refused(_l("Choose dates within the coming three years."), 422)


def _apply(budget_round: BudgetRound, data: RoundInput) -> None:
    budget_round.title = data.title.strip()
    budget_round.amount = data.amount
    budget_round.categories = sorted(c.value for c in data.categories)
    budget_round.min_age = data.min_age
    budget_round.rule = data.rule
    budget_round.ideas_until = data.ideas_until
    budget_round.voting_from = data.voting_from
    budget_round.voting_until = data.voting_until
    budget_round.follow_up_on = data.follow_up_on


def create_round(area: Area, leader: Person, data: RoundInput) -> BudgetRound:
    require_leader(leader, area)
    check_input(data)
    budget_round = BudgetRound(area_id=area.id, created_by_id=leader.id)
    _apply(budget_round, data)
    db.session.add(budget_round)
    db.session.flush()
    record(leader.id, "budget_round_create", area.id, f"budget round {budget_round.id}")
    db.session.commit()
    return budget_round


def edit_round(budget_round: BudgetRound, leader: Person, data: RoundInput) -> None:
    """Change the rules: only until voting opens (then they are frozen)."""
    require_leader(leader, budget_round.area)
    if budget_round.frozen_at is not None:
        raise Refused(_l("The rules froze when voting opened; they cannot change now."), 409)
    check_input(data)
    _apply(budget_round, data)
    record(leader.id, "budget_round_edit", budget_round.area_id, f"budget round {budget_round.id}")
    db.session.commit()


PARTNER = "partner"  # how a partner's representative signs a check in the public log


def log(
    budget_round: BudgetRound, actor: Person, decision: Decision, idea_id=None, reason=""
) -> None:
    """A decision in the round, in the area's public moderation log (by role, never by name)
    and in the audit log."""
    role = actor_role(actor, budget_round.area) if is_leader(actor, budget_round.area) else PARTNER
    db.session.add(
        ModerationDecision(
            area_id=budget_round.area_id,
            idea_id=idea_id,
            actor_id=actor.id,
            actor_role=role,
            decision=decision,
            reason=reason,
        )
    )
    record(actor.id, f"budget_{decision.value}", budget_round.area_id, f"round {budget_round.id}")


# --- Costed ideas -----------------------------------------------------------------------------


def costed_ideas(budget_round: BudgetRound, feasible_only: bool = False) -> list[CostedIdea]:
    query = (
        sa.select(CostedIdea)
        .join(Idea, Idea.id == CostedIdea.idea_id)
        .where(CostedIdea.round_id == budget_round.id)
        .options(sa.orm.contains_eager(CostedIdea.idea))
        .order_by(Idea.title, CostedIdea.id)
    )
    if feasible_only:
        query = query.where(CostedIdea.feasible.is_(True))
    return list(db.session.scalars(query))


def costed_or_404(costed_id: int) -> CostedIdea:
    return db.get_or_404(
        CostedIdea,
        costed_id,
        options=[
            sa.orm.joinedload(CostedIdea.idea),
            sa.orm.joinedload(CostedIdea.round).joinedload(BudgetRound.area),
        ],
    )


def eligible(budget_round: BudgetRound, idea: Idea) -> bool:
    return (
        idea.area_id == budget_round.area_id
        and idea.status in VOTABLE
        and (not budget_round.categories or idea.category.value in budget_round.categories)
    )


def ideas_to_enter(budget_round: BudgetRound, person: Person) -> list[Idea]:
    """The ideas this person may enter: their own (all of the area's, for a leader) that are
    open, of an eligible category and not entered yet."""
    if not person.is_authenticated or phase(budget_round) != IDEAS:
        return []
    entered = sa.select(CostedIdea.idea_id).where(CostedIdea.round_id == budget_round.id)
    query = sa.select(Idea).where(
        Idea.area_id == budget_round.area_id,
        Idea.status.in_(VOTABLE),
        Idea.id.not_in(entered),
    )
    if budget_round.categories:
        query = query.where(Idea.category.in_(budget_round.categories))
    if not is_leader(person, budget_round.area):
        query = query.where(Idea.author_id == person.id)
    return list(db.session.scalars(query.order_by(Idea.title, Idea.id).limit(200)))


def check_cost(value: int | None) -> int:
    if value is None or not 1 <= value <= MAX_COST:
        raise Refused(_l("Write the cost in whole kronor, above 0."), 422)
    return value


def enter_idea(
    budget_round: BudgetRound, idea: Idea | None, person: Person, estimate
) -> CostedIdea:
    """An idea enters the round with a cost estimate: by its author or a leader, while ideas
    are collected."""
    if phase(budget_round) != IDEAS:
        raise Refused(_l("Ideas can no longer enter this round."), 409)
    if idea is None or not eligible(budget_round, idea):
        raise Refused(_l("Choose an open idea of this area in one of the round's categories."), 422)
    if idea.author_id != person.id and not is_leader(person, budget_round.area):
        raise Refused(_l("Only the idea's author or a process leader can enter it."), 403)
    costed = CostedIdea(
        round_id=budget_round.id,
        idea_id=idea.id,
        estimate=check_cost(estimate),
        added_by_id=person.id,
    )
    db.session.add(costed)
    try:
        db.session.commit()
    except sa.exc.IntegrityError:
        db.session.rollback()
        raise Refused(_l("This idea is already in the round."), 409) from None
    return costed


def checkable(budget_round: BudgetRound, person: Person, costed: list[CostedIdea]) -> set[int]:
    """The costed ideas this person may check: every one for the area's leaders; for a
    partner's representative, those whose idea the partner has taken on (one query)."""
    if not person.is_authenticated or budget_round.frozen_at is not None:
        return set()
    if is_leader(person, budget_round.area):
        return {c.id for c in costed}
    taken_on = set(
        db.session.scalars(
            sa.select(PartnerLink.idea_id)
            .join(PartnerRepresentative, PartnerRepresentative.partner_id == PartnerLink.partner_id)
            .where(
                PartnerRepresentative.person_id == person.id,
                PartnerLink.status.in_((LinkStatus.ACCEPTED, LinkStatus.DELIVERED)),
                PartnerLink.idea_id.in_([c.idea_id for c in costed]),
            )
        )
    )
    return {c.id for c in costed if c.idea_id in taken_on}


def check_idea(costed: CostedIdea, checker: Person, feasible: bool, cost, reason: str) -> None:
    """A check of a costed idea by a leader (or by a partner that has taken the idea on):
    feasible at this cost, or not, with a public reason (the moderation log). The author is
    told. Possible until voting opens."""
    budget_round = costed.round
    if budget_round.frozen_at is not None:
        raise Refused(_l("Voting has opened: the checks are final."), 409)
    if costed.id not in checkable(budget_round, checker, [costed]):
        raise Refused(_l("Only the area's process leaders can do that."), 403)
    reason = (reason or "").strip()
    if not feasible and not reason:
        raise Refused(_l("Write the reason residents will read."), 422)
    if feasible:
        cost = check_cost(cost)
        if cost > budget_round.amount:
            raise Refused(
                _l(
                    "The cost is above the round's whole amount: mark it as not feasible, with the reason."
                ),
                422,
            )
    costed.feasible = feasible
    costed.cost = cost if feasible else None
    costed.reason = reason
    costed.checked_by_id = checker.id
    costed.checked_at = utcnow()
    log(
        budget_round,
        checker,
        Decision.BUDGET_FEASIBLE if feasible else Decision.BUDGET_INFEASIBLE,
        costed.idea_id,
        reason,
    )
    notify(
        costed.idea.author_id,
        NotificationKind.BUDGET_CHECKED,
        costed.idea_id,
        f"{'feasible' if feasible else 'not-feasible'}\n{cost if feasible else ''}\n{reason}",
    )
    db.session.commit()


def open_voting(budget_round: BudgetRound, leader: Person, now: datetime | None = None) -> None:
    """Open voting: from its first day, once every costed idea is checked. The rules freeze."""
    require_leader(leader, budget_round.area)
    now = now or utcnow()
    if budget_round.frozen_at is not None:
        raise Refused(_l("Voting is already open."), 409)
    if local(now).date() < budget_round.voting_from:
        raise Refused(_l("Voting opens on the round's first day of voting, not before."), 409)
    if local(now).date() > budget_round.voting_until:
        raise Refused(_l("The last day of voting has passed: change the dates first."), 409)
    ideas = costed_ideas(budget_round)
    if any(c.feasible is None for c in ideas):
        raise Refused(_l("Check every costed idea before voting opens."), 409)
    if not any(c.feasible for c in ideas):
        raise Refused(_l("No idea is feasible: there is nothing to vote on."), 409)
    if any(c.feasible and c.cost > budget_round.amount for c in ideas):
        raise Refused(
            _l("An idea costs more than the round's amount now: check it again first."), 409
        )
    claimed = db.session.execute(
        sa.update(BudgetRound)
        .where(BudgetRound.id == budget_round.id, BudgetRound.frozen_at.is_(None))
        .values(frozen_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not claimed:
        raise Refused(_l("Voting is already open."), 409)
    budget_round.frozen_at = now
    log(budget_round, leader, Decision.BUDGET_OPENED, reason=budget_round.title)
    record(
        leader.id,
        "budget_round_frozen",
        budget_round.area_id,
        f"budget round {budget_round.id}: {budget_round.amount} kr, rule {budget_round.rule.value}, "
        f"min age {budget_round.min_age}, categories {','.join(budget_round.categories) or 'all'}",
    )
    db.session.commit()


def check_voter(budget_round: BudgetRound, person: Person) -> None:
    if not person.is_authenticated or not is_verified_resident(person, budget_round.area):
        raise Refused(
            _l(
                "Only verified residents of %(area)s can vote. Type the invite code from your "
                "household letter, or ask the process leader at the meeting place to verify you.",
                area=budget_round.area.name,
            ),
            403,
        )
    age = person.age_this_year(budget_round.voting_until.year)
    if age is None or age < budget_round.min_age:
        raise Refused(
            _l(
                "This round is for residents who are %(age)s or older this year.",
                age=budget_round.min_age,
            ),
            403,
        )
