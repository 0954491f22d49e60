"""Ballots sent at the same moment, on SQLite and PostgreSQL: one person's double taps and
two devices leave exactly one ballot with one set of choices; many residents at once each
leave their own; two leaders confirming one paper ballot confirm it once."""

import sqlalchemy as sa

from app.extensions import db
from app.models import Role
from app.models.rounds import Ballot, BallotChoice
from tests.conftest import give_role, make_person
from tests.live import credentials, fire, post_together
from tests.rounds.factories import costed, make_round, voters


def _round(area, leader, resident):
    budget_round = make_round(area, leader, phase="voting")
    ideas = [costed(budget_round, resident, f"Idé {k}", 10 + k) for k in range(4)]
    return budget_round, ideas


def test_one_persons_simultaneous_ballots_leave_one_ballot(app, area, leader, resident, server):
    budget_round, ideas = _round(area, leader, resident)
    (voter,) = voters(area, 1)
    cookie, token = credentials(app, voter)
    path = f"/budget/{budget_round.id}/ballot"
    choices = [[ideas[k % 4].id, ideas[(k + 1) % 4].id] for k in range(6)]
    results = post_together(server, [(path, cookie, token, {"choice": c}) for c in choices])
    assert [status for status, _body in results] == [200] * 6, results
    db.session.expire_all()
    (ballot,) = db.session.scalars(sa.select(Ballot)).all()
    chosen = set(
        db.session.scalars(
            sa.select(BallotChoice.costed_idea_id).where(BallotChoice.ballot_id == ballot.id)
        )
    )
    assert chosen in [set(c) for c in choices]  # one of the submissions, whole, not a mixture


def test_many_residents_voting_at_once_each_leave_their_ballot(app, area, leader, resident, server):
    budget_round, ideas = _round(area, leader, resident)
    people = voters(area, 8)
    path = f"/budget/{budget_round.id}/ballot"
    requests = [
        (path, *credentials(app, person), {"choice": [ideas[k % 4].id]})
        for k, person in enumerate(people)
    ]
    assert fire(server, requests) == [200] * 8
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Ballot)) == 8
    assert db.session.scalar(sa.select(sa.func.count()).select_from(BallotChoice)) == 8


def test_two_leaders_confirming_one_paper_ballot_confirm_it_once(
    app, area, leader, resident, server
):
    from app.rounds import ballots

    budget_round, ideas = _round(area, leader, resident)
    (paper_voter,) = voters(area, 1, "Papper")
    entered = ballots.enter_paper(budget_round, leader, paper_voter, [ideas[0].id])
    others = [make_person(f"Leader {k}") for k in range(3)]
    for person in others:
        give_role(person, area, Role.LEADER)
    path = f"/budget/paper/{entered.id}/confirm"
    statuses = fire(server, [(path, *credentials(app, person)) for person in others])
    assert sorted(statuses) == [302, 409, 409], statuses
