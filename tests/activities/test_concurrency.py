"""Simultaneous sign-ups and cancellations through a running server, on SQLite and PostgreSQL.

The app is served by werkzeug in a thread (one thread per request); every person has their own
signed session cookie and CSRF token, and all requests are released at the same moment by a
barrier (``tests/live.py``). The capacity is never exceeded and the waiting list keeps the
order in which the sign-ups were written.
"""

import sqlalchemy as sa

from app.activities import services
from app.extensions import db
from app.models import Registration, RegistrationStatus
from tests.activities.factories import make_activity
from tests.conftest import make_person
from tests.live import credentials, fire


def registrations(activity_id):
    db.session.expire_all()
    return db.session.scalars(
        sa.select(Registration)
        .where(Registration.activity_id == activity_id)
        .order_by(Registration.id)
    ).all()


def test_hundred_sign_ups_for_ten_places(app, area, leader, server):
    activity = make_activity(area, leader, capacity=10)
    activity_id = activity.id
    people = [make_person(f"Granne {k}") for k in range(100)]
    creds = [credentials(app, person) for person in people]
    db.session.remove()
    statuses = fire(server, [(f"/activities/{activity_id}/sign-up", *c) for c in creds])
    assert statuses == [302] * 100, [s for s in statuses if s != 302][:3]
    rows = registrations(activity_id)
    assert len(rows) == 100
    assert len({r.person_id for r in rows}) == 100
    confirmed = [r for r in rows if r.status is RegistrationStatus.CONFIRMED]
    waitlisted = [r for r in rows if r.status is RegistrationStatus.WAITLISTED]
    assert len(confirmed) == 10 and len(waitlisted) == 90
    # Arrival order: the first ten written got the places, the rest wait in the order written.
    assert max(r.id for r in confirmed) < min(r.id for r in waitlisted)
    assert [r.created_at for r in waitlisted] == sorted(r.created_at for r in waitlisted)


def test_two_simultaneous_cancellations_promote_exactly_two(app, area, leader, server):
    activity = make_activity(area, leader, capacity=3)
    people = [make_person(f"Granne {k}") for k in range(6)]
    for person in people:
        services.sign_up(activity, person)
    activity_id = activity.id
    rows = registrations(activity_id)
    reg_ids = [r.id for r in rows]
    ids = [p.id for p in people]
    creds = [credentials(app, person) for person in people[:2]]
    db.session.remove()
    statuses = fire(server, [(f"/registrations/{reg_ids[i]}/cancel", *creds[i]) for i in (0, 1)])
    assert statuses == [302, 302]
    after = {r.person_id: r.status for r in registrations(activity_id)}
    assert [after[i] for i in ids] == [
        RegistrationStatus.CANCELLED,
        RegistrationStatus.CANCELLED,
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.OFFERED,
        RegistrationStatus.OFFERED,
        RegistrationStatus.WAITLISTED,
    ]


def test_double_submit_gives_one_registration(app, area, leader, server):
    activity = make_activity(area, leader, capacity=5)
    activity_id = activity.id
    person = make_person("Snabba fingrar")
    cookie, token = credentials(app, person)
    db.session.remove()
    statuses = fire(server, [(f"/activities/{activity_id}/sign-up", cookie, token)] * 5)
    assert statuses == [302] * 5
    rows = registrations(activity_id)
    assert len(rows) == 1 and rows[0].status is RegistrationStatus.CONFIRMED
