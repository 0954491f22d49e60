"""Simultaneous sign-ups and cancellations through a running server, on SQLite and PostgreSQL.

The app is served by werkzeug in a thread (one thread per request); every person has their own
signed session cookie and CSRF token, made with the test client, and all requests are released
at the same moment by a barrier. The capacity is never exceeded and the waiting list keeps the
order in which the sign-ups were written.
"""

import http.client
import threading
import urllib.parse

import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server

from app.activities import services
from app.extensions import db
from app.models import Registration, RegistrationStatus
from tests.conftest import CSRF_META, make_person, sign_in_as
from tests.test_activities import make_activity


@pytest.fixture
def server(app):
    """The test's app served in a thread on a free port."""
    app.config["RATELIMIT_ENABLED"] = False
    srv = make_server("127.0.0.1", 0, app, threaded=True)
    srv.daemon_threads = True
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv.server_port
    srv.shutdown()
    thread.join(timeout=10)
    srv.server_close()


def credentials(app, person):
    """A signed-in session cookie and the CSRF token that goes with it."""
    client = app.test_client()
    client.set_cookie("lang", "en")
    sign_in_as(client, person)
    page = client.get("/").get_data(as_text=True)
    token = CSRF_META.search(page).group(1)
    return client.get_cookie("session").value, token


def fire(port, requests):
    """POST every (path, cookie, token) at the same moment; return the status codes."""
    barrier = threading.Barrier(len(requests))
    statuses = [None] * len(requests)

    def send(index, path, cookie, token):
        body = urllib.parse.urlencode({"csrf_token": token})
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            conn.connect()
            barrier.wait()
            conn.request(
                "POST",
                path,
                body=body,
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": f"session={cookie}; lang=en",
                },
            )
            statuses[index] = conn.getresponse().status
        except Exception as error:  # collected and asserted on
            statuses[index] = error
        finally:
            conn.close()

    threads = [
        threading.Thread(target=send, args=(i, *request)) for i, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


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
