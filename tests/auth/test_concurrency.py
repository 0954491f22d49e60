"""Simultaneous requests: single-use things stay single-use, on SQLite and PostgreSQL."""

import sqlalchemy as sa

from app.areas import services as areas
from app.auth import services as auth
from app.extensions import db
from app.models import AreaRole, LoginCode
from tests.conftest import make_person
from tests.live import run_together


def test_one_invite_code_verifies_one_person_under_simultaneous_redeems(app, leader, area):
    code = areas.generate_invites(area, leader, 1, 30).codes[0].code
    ids = [make_person(f"P{n}").id for n in range(4)]

    def redeem(person_id):
        def go():
            with app.test_request_context():
                person = db.session.get(type(leader), person_id)
                return areas.redeem_invite(person, code).slug

        return go

    results = run_together(app, [redeem(i) for i in ids])
    assert results.count("boden") == 1
    assert all(isinstance(r, areas.InviteError) for r in results if r != "boden")
    assert (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(AreaRole)
            .where(AreaRole.verified_at.is_not(None))
        )
        == 1
    )


def test_simultaneous_guesses_never_exceed_five_tries(app):
    with app.test_request_context():
        auth.issue_code("erik@example.se")

    def guess():
        with app.test_request_context():
            return auth.check_code("erik@example.se", "000000").status

    results = run_together(app, [guess for _ in range(8)])
    assert all(not isinstance(r, Exception) for r in results), results
    db.session.expire_all()
    assert db.session.scalar(sa.select(LoginCode.attempts)) <= 5
    assert results.count(auth.CodeCheck.LOCKED) >= 3
