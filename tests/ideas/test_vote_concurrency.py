"""Simultaneous votes: one row per person and idea, and vote_count always equals the rows.

Threads are released together by a barrier, each in its own app context (its own session and
connection), calling ``cast_vote`` as the vote route does. Runs on SQLite and PostgreSQL.
"""

import random

import sqlalchemy as sa

from app.extensions import db
from app.ideas.services import cast_vote
from app.models import Idea, IdeaStatus, Person, Role, Vote
from app.models.ideas import Category
from app.models.util import utcnow
from tests.conftest import give_role, make_person
from tests.live import run_together


def _idea(area, author) -> int:
    idea = Idea(
        area_id=area.id,
        author_id=author.id,
        title="Bänkar vid lekplatsen",
        text="Fler bänkar.",
        language="sv",
        category=Category.HOUSING_PREMISES,
        status=IdeaStatus.PUBLISHED,
        published_at=utcnow(),
    )
    db.session.add(idea)
    db.session.commit()
    return idea.id


def _residents(area, n: int) -> list[int]:
    ids = []
    for k in range(n):
        person = make_person(f"Granne {k}")
        give_role(person, area, Role.RESIDENT, verified=True)
        ids.append(person.id)
    return ids


def _vote(idea_id: int, person_id: int, want: bool):
    def go():
        idea = db.session.get(Idea, idea_id)
        person = db.session.get(Person, person_id)
        return cast_vote(idea, person, want)

    return go


def _rows_and_count(idea_id: int) -> tuple[int, int]:
    db.session.expire_all()
    rows = db.session.scalar(
        sa.select(sa.func.count()).select_from(Vote).where(Vote.idea_id == idea_id)
    )
    return rows, db.session.get(Idea, idea_id).vote_count


def _no_errors(results):
    errors = [r for r in results if isinstance(r, Exception)]
    assert not errors, errors[:3]


def test_fifty_residents_vote_at_the_same_moment(app, area):
    residents = _residents(area, 50)
    idea_id = _idea(area, db.session.get(Person, residents[0]))
    results = run_together(app, [_vote(idea_id, p, True) for p in residents])
    _no_errors(results)
    assert results == [True] * 50
    assert _rows_and_count(idea_id) == (50, 50)


def test_double_submit_counts_once(app, area):
    (resident,) = _residents(area, 1)
    idea_id = _idea(area, db.session.get(Person, resident))
    results = run_together(app, [_vote(idea_id, resident, True) for _ in range(2)])
    _no_errors(results)
    assert _rows_and_count(idea_id) == (1, 1)

    # A burst of taps, and then two simultaneous removals.
    _no_errors(run_together(app, [_vote(idea_id, resident, True) for _ in range(8)]))
    assert _rows_and_count(idea_id) == (1, 1)
    _no_errors(run_together(app, [_vote(idea_id, resident, False) for _ in range(2)]))
    assert _rows_and_count(idea_id) == (0, 0)


def test_toggling_races_keep_the_count_equal_to_the_rows(app, area):
    residents = _residents(area, 8)
    idea_id = _idea(area, db.session.get(Person, residents[0]))
    # Half of them have voted already.
    _no_errors([_vote(idea_id, p, True)() for p in residents[:4]])
    db.session.remove()
    rng = random.Random(7)

    def toggler(person_id: int, seed: int):
        wants = [random.Random(seed).random() < 0.5 for _ in range(12)]

        def go():
            idea = db.session.get(Idea, idea_id)
            person = db.session.get(Person, person_id)
            for want in wants:
                cast_vote(idea, person, want)
            return True

        return go

    # Two threads per resident, voting and un-voting many times over.
    functions = [toggler(p, rng.randrange(10**6)) for p in residents for _ in range(2)]
    results = run_together(app, functions)
    _no_errors(results)
    rows, vote_count = _rows_and_count(idea_id)
    assert vote_count == rows
    assert 0 <= rows <= 8
    persons = db.session.scalars(sa.select(Vote.person_id).where(Vote.idea_id == idea_id)).all()
    assert len(persons) == len(set(persons))
