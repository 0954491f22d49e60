"""Budget rounds in a chosen phase, costed ideas and voters, made directly."""

from datetime import timedelta

from app.clock import local
from app.extensions import db
from app.models import Role
from app.models.rounds import BudgetRound, CostedIdea, CountingRule
from app.models.util import utcnow
from tests.conftest import give_role, make_person
from tests.moderation.factories import make_idea


def today():
    return local(utcnow()).date()


def make_round(area, leader, phase="ideas", amount=120, rule=CountingRule.EQUAL_SHARES, **kw):
    """A round whose dates put it in ``phase`` today: ideas, checking, voting or counting."""
    day = today()
    dates = {
        "ideas": (day, day + timedelta(days=7), day + timedelta(days=14)),
        "checking": (day - timedelta(days=1), day + timedelta(days=7), day + timedelta(days=14)),
        "voting": (day - timedelta(days=3), day, day + timedelta(days=7)),
        "counting": (day - timedelta(days=10), day - timedelta(days=5), day - timedelta(days=1)),
    }[phase]
    budget_round = BudgetRound(
        area_id=area.id,
        title=kw.pop("title", "Gårdsbudget 2027"),
        amount=amount,
        categories=kw.pop("categories", []),
        rule=rule,
        ideas_until=dates[0],
        voting_from=dates[1],
        voting_until=dates[2],
        created_by_id=leader.id,
        frozen_at=utcnow() if phase in ("voting", "counting") else None,
        **kw,
    )
    db.session.add(budget_round)
    db.session.commit()
    return budget_round


def costed(budget_round, author, title, cost, feasible=True):
    idea = make_idea(budget_round.area, author, title=title)
    entry = CostedIdea(
        round_id=budget_round.id,
        idea_id=idea.id,
        estimate=cost,
        cost=cost if feasible else None,
        feasible=feasible,
        reason="" if feasible else "Går inte",
    )
    db.session.add(entry)
    db.session.commit()
    return entry


def voters(area, n, prefix="Voter", birth_year=1980):
    people = []
    for k in range(n):
        person = make_person(f"{prefix} {k}", birth_year=birth_year)
        give_role(person, area, Role.RESIDENT, verified=True)
        people.append(person)
    return people
