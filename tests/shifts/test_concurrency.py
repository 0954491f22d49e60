"""Real simultaneous requests on shifts (threads against the served app; SQLite and
PostgreSQL): one youth double-submitting a sign-up gets one sign-up (and one guardian
request); two simultaneous cancellations on a full shift offer exactly two places."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import GuardianConsent, ShiftSignup, SignupStatus
from app.shifts import guardians, places, services
from tests.conftest import Outbox, make_person
from tests.live import credentials, fire
from tests.shifts.factories import make_shift, make_workplace, youth


@pytest.fixture
def workplace(area):
    return make_workplace(area)


@pytest.fixture
def outbox(monkeypatch):
    box = Outbox()
    monkeypatch.setattr(guardians, "sender_for", lambda address: box)
    return box


def test_one_youth_double_submitting_gets_one_sign_up(app, workplace, server, outbox):
    shift = make_shift(workplace, capacity=3)
    shift_id = shift.id
    person = youth("Dubbel", age=16)
    cookie, token = credentials(app, person)
    db.session.remove()
    path = f"/shifts/{shift_id}/sign-up"
    statuses = fire(server, [(path, cookie, token, {"guardian": "0701740605"})] * 6)
    assert all(status in (302, 409) for status in statuses), statuses
    assert 302 in statuses
    db.session.expire_all()
    rows = db.session.scalars(sa.select(ShiftSignup).where(ShiftSignup.shift_id == shift_id)).all()
    assert len(rows) == 1 and rows[0].status is SignupStatus.AWAITING_GUARDIAN
    assert db.session.scalar(sa.select(sa.func.count()).select_from(GuardianConsent)) == 1
    assert places.places_left(db.session.get(type(shift), shift_id)) == 2


def test_two_simultaneous_cancellations_offer_exactly_two(app, workplace, server):
    shift = make_shift(workplace, capacity=2)
    shift_id = shift.id
    holders = [make_person(f"Har {k}", birth_year=1990) for k in range(2)]
    waiting = [make_person(f"Väntar {k}", birth_year=1990) for k in range(3)]
    held = [services.sign_up(shift, person).id for person in holders]
    waiting_ids = [services.sign_up(shift, person).id for person in waiting]
    creds = [credentials(app, person) for person in holders]
    db.session.remove()
    statuses = fire(
        server,
        [
            (f"/shift-signups/{signup_id}/cancel", *c)
            for signup_id, c in zip(held, creds, strict=True)
        ],
    )
    assert statuses == [302, 302], statuses
    db.session.expire_all()
    status = {
        row.id: row.status
        for row in db.session.scalars(
            sa.select(ShiftSignup).where(ShiftSignup.shift_id == shift_id)
        )
    }
    assert [status[i] for i in held] == [SignupStatus.CANCELLED] * 2
    assert [status[i] for i in waiting_ids] == [
        SignupStatus.OFFERED,
        SignupStatus.OFFERED,
        SignupStatus.WAITLISTED,
    ]
