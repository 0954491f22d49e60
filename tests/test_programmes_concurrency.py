"""Simultaneous enrolments and withdrawals through a running server, on SQLite and PostgreSQL."""

import http.client
import threading
import urllib.parse
from datetime import date

import sqlalchemy as sa

from app.extensions import db
from app.models.programmes import Enrolment, Outcome, ProgrammeOutcome
from app.programmes import services
from tests.conftest import make_person
from tests.test_activities_concurrency import credentials, server  # noqa: F401  (fixture)
from tests.test_programmes import make_programme


def fire(port, requests):
    """POST every (path, cookie, token, fields) at the same moment; return the status codes."""
    barrier = threading.Barrier(len(requests))
    statuses = [None] * len(requests)

    def send(index, path, cookie, token, fields):
        body = urllib.parse.urlencode({"csrf_token": token, **fields})
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


def test_the_same_person_enrolling_at_once_is_enrolled_once(app, server, area, leader):  # noqa: F811
    programme = make_programme(area, leader)
    person = make_person("Double Tap")
    cookie, token = credentials(app, person)
    path = f"/programmes/{programme.id}/enrol"
    statuses = fire(server, [(path, cookie, token, {"consent": "y"})] * 4)
    assert sorted(statuses) == [302, 409, 409, 409], statuses
    db.session.remove()
    assert db.session.scalar(sa.select(sa.func.count(Enrolment.id))) == 1


def test_withdrawing_at_once_by_participant_and_leader(app, server, area, leader):  # noqa: F811
    programme = make_programme(area, leader)
    person = make_person("Leaving")
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
