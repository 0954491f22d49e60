"""My sign-ups: a person's coming activity registrations (waiting-list place, offers to
confirm), shifts (also awaiting a guardian) and summer-job applications, each with its action,
in a constant number of queries."""

from datetime import time, timedelta

from app.activities import services as activities
from app.extensions import db
from app.jobs import services as jobs
from app.models import (
    ApplicationStatus,
    Area,
    Person,
    Registration,
    RegistrationStatus,
    ShiftSignup,
    SignupStatus,
)
from app.models.util import utcnow
from app.shifts import services as shifts
from tests.activities.factories import make_activity
from tests.conftest import make_person, post, sign_in_as
from tests.jobs.factories import job_input
from tests.queries import queries
from tests.shifts.factories import make_shift, make_workplace, youth


def test_page_lists_everything_with_actions(client, area, leader):
    person = youth("Ung", age=15)
    other = make_person("Annan", birth_year=2011)
    full = make_activity(area, leader, capacity=1, title="Fotboll")
    activities.sign_up(full, other)
    waiting = activities.sign_up(full, person)
    offered_activity = make_activity(area, leader, capacity=1, title="Bakning")
    offered = activities.sign_up(offered_activity, person)
    offered.status = RegistrationStatus.OFFERED
    offered.offered_until = utcnow() + timedelta(hours=20)
    past = make_activity(area, leader, starts_in=timedelta(days=-3), title="Förbi")
    db.session.add(
        Registration(activity_id=past.id, person_id=person.id, status=RegistrationStatus.CONFIRMED)
    )
    db.session.commit()
    shift = make_shift(make_workplace(area, "Caféet"))
    signup = shifts.sign_up(shift, person)
    job = jobs.create(area, leader, job_input(workplace="Parken", min_age=13))
    application = jobs.apply(job, person, "")

    sign_in_as(client, person)
    assert "/my/signups" in client.get("/account").get_data(as_text=True)
    page = client.get("/my/signups").get_data(as_text=True)
    assert "Fotboll" in page and "number 1 in line" in page
    assert "Bakning" in page and "Yes, I take the place" in page
    assert "Förbi" not in page
    assert "Caféet" in page and "Waiting for a guardian" in page
    assert "Parken" in page and "Withdraw my application" in page
    assert other.display_name not in page

    # The actions come back to the page.
    for path in (
        f"/registrations/{waiting.id}/cancel",
        f"/registrations/{offered.id}/confirm",
        f"/shift-signups/{signup.id}/cancel",
        f"/job-applications/{application.id}/withdraw",
    ):
        response = post(client, path, {"next": "/my/signups"})
        assert response.status_code == 302 and response.location.endswith("/my/signups")
    db.session.expire_all()
    assert waiting.status is RegistrationStatus.CANCELLED
    assert offered.status is RegistrationStatus.CONFIRMED
    assert signup.status is SignupStatus.CANCELLED
    assert application.status is ApplicationStatus.WITHDRAWN
    # An off-site next is ignored.
    response = post(client, f"/registrations/{offered.id}/cancel", {"next": "//evil.example"})
    assert response.location.endswith(f"/activities/{offered_activity.id}")


def test_signed_out_is_sent_to_sign_in(client):
    response = client.get("/my/signups")
    assert response.status_code == 302 and "sign-in" in response.location


def test_empty_page(client):
    sign_in_as(client, make_person("Ny"))
    page = client.get("/my/signups").get_data(as_text=True)
    assert "Nothing coming up" in page


def _grow(ids, n):
    area, leader, person = (
        db.session.get(model, i) for model, i in zip((Area, Person, Person), ids, strict=True)
    )
    workplace = make_workplace(area, f"Caféet {n}")
    for k in range(n):
        activity = make_activity(area, leader, capacity=1, title=f"Aktivitet {n}-{k}")
        activities.sign_up(activity, make_person(f"Först {n}-{k}"))
        activities.sign_up(activity, person)  # waiting list
        shift = make_shift(workplace, capacity=5, start=time(8 + k), end=time(9 + k))
        db.session.add(
            ShiftSignup(shift_id=shift.id, person_id=person.id, status=SignupStatus.CONFIRMED)
        )
        job = jobs.create(area, leader, job_input(workplace=f"Jobb {n}-{k}", max_age=99))
        jobs.apply(job, person, "")
    db.session.commit()


def test_queries_do_not_grow(app, area, leader):
    person = make_person("Mätt", birth_year=1990)
    ids = (area.id, leader.id, person.id)
    client = app.test_client()
    client.set_cookie("lang", "en")
    sign_in_as(client, person)
    _grow(ids, 1)
    client.get("/my/signups").close()
    status, small = queries(client, "GET", "/my/signups")
    assert status == 200
    _grow(ids, 6)
    status, large = queries(client, "GET", "/my/signups")
    assert status == 200
    assert len(small) == len(large), (small, large)
    assert len(large) <= 8, large
    page = client.get("/my/signups").get_data(as_text=True)
    assert page.count("number 1 in line") == 7 and page.count("Jobb ") == 7
