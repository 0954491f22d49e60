"""The demo's budget round, through the same services a leader and residents would use; its
dates are then moved so that voting is open today."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask_babel import force_locale

from app.demo.load import lookup
from app.demo.rows import rounds as rows
from app.extensions import db
from app.models import Idea
from app.models.rounds import BudgetRound
from app.rounds import ballots, services


def load_rounds() -> None:
    """The round, once (by its title)."""
    if db.session.scalar(sa.select(BudgetRound.id).where(BudgetRound.title == rows.TITLE)):
        return
    area = lookup.area(rows.AREA)
    leader = lookup.leader(area)
    today = lookup.today()
    with force_locale("sv"):
        budget_round = services.create_round(
            area,
            leader,
            services.RoundInput(
                title=rows.TITLE,
                amount=rows.AMOUNT,
                categories=[],
                min_age=16,
                rule=rows.RULE,
                ideas_until=today,
                voting_from=today + timedelta(days=1),
                voting_until=today + timedelta(days=rows.VOTING_UNTIL),
            ),
        )
        costed = {}
        for title, estimate, _cost, _note in rows.COSTED:
            idea = db.session.scalar(sa.select(Idea).where(Idea.title == title))
            costed[title] = services.enter_idea(budget_round, idea, leader, estimate)
        budget_round.ideas_until = today + timedelta(days=rows.IDEAS_UNTIL)
        budget_round.voting_from = today + timedelta(days=rows.VOTING_FROM)
        db.session.commit()
        for title, _estimate, cost, note in rows.COSTED:
            services.check_idea(costed[title], leader, True, cost, note)
        services.open_voting(budget_round, leader)
        for name, titles in rows.BALLOTS:
            ballots.cast(budget_round, lookup.person(name), [costed[t].id for t in titles])
