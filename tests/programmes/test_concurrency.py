"""Simultaneous enrolments and withdrawals through a running server, on SQLite and PostgreSQL."""

from datetime import date

import sqlalchemy as sa

from app.extensions import db
from app.models import Role
from app.models.programmes import Enrolment, Outcome, ProgrammeOutcome
from app.programmes import services
from tests.conftest import give_role, make_person
from tests.live import credentials, fire
from tests.programmes.factories import make_programme


def test_the_same_person_enrolling_at_once_is_enrolled_once(app, server, area, leader):
    programme = make_programme(area, leader)
    person = make_person("Double Tap")
    give_role(person, area, Role.RESIDENT)
    cookie, token = credentials(app, person)
    path = f"/programmes/{programme.id}/enrol"
    statuses = fire(server, [(path, cookie, token, {"consent": "y"})] * 4)
    assert sorted(statuses) == [302, 409, 409, 409], statuses
    db.session.remove()
    assert db.session.scalar(sa.select(sa.func.count(Enrolment.id))) == 1


def test_withdrawing_at_once_by_participant_and_leader(app, server, area, leader):
    programme = make_programme(area, leader)
    person = make_person("Leaving")
    give_role(person, area, Role.RESIDENT)
    enrolment = services.enrol_self(programme, person, True)
    services.record_outcome(enrolment, leader, Outcome.WORK, date(2024, 6, 1))
    path = f"/enrolments/{enrolment.id}/withdraw"
    mine, theirs = credentials(app, person), credentials(app, leader)
    statuses = fire(server, [(path, *mine, {}), (path, *theirs, {})])
    assert all(status in (302, 409) for status in statuses), statuses
    assert 302 in statuses
    db.session.remove()
    assert db.session.scalar(sa.select(sa.func.count(ProgrammeOutcome.id))) == 0
    assert db.session.get(Enrolment, enrolment.id).person_id is None
