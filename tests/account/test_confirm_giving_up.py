"""Giving up a place asks first: the cancel and withdraw buttons are links to a page that says
what will happen, and only its form (posting to the same address) gives the place up. Works
without JavaScript; someone else's sign-up is a 403; "keep it" leads back."""

import pytest

from app.activities import services as activities
from app.extensions import db
from app.jobs import services as jobs
from app.models import JobApplication, Registration, RegistrationStatus, ShiftSignup, SignupStatus
from app.shifts import services as shifts
from tests.activities.factories import make_activity
from tests.conftest import make_person, post, sign_in_as
from tests.jobs.factories import job_input
from tests.shifts.factories import make_shift, make_workplace


@pytest.fixture
def adult():
    return make_person("Vuxen", birth_year=1990)


def _places(area, leader, adult):
    registration = activities.sign_up(make_activity(area, leader, title="Fotboll"), adult)
    signup = shifts.sign_up(make_shift(make_workplace(area, "Caféet")), adult)
    application = jobs.apply(jobs.create(area, leader, job_input(max_age=99)), adult, "")
    return [
        (f"/registrations/{registration.id}/cancel", f"/activities/{registration.activity_id}"),
        (f"/shift-signups/{signup.id}/cancel", f"/shifts/{signup.shift_id}"),
        (f"/job-applications/{application.id}/withdraw", f"/jobs/{application.job_id}"),
    ]


def test_each_page_links_to_the_question_and_the_question_leaves_the_place(
    client, area, leader, adult
):
    places = _places(area, leader, adult)
    sign_in_as(client, adult)
    for path, page_path in places:
        page = client.get(page_path).get_data(as_text=True)
        assert f'href="{path}"' in page and f'action="{path}"' not in page
        question = client.get(path)
        assert question.status_code == 200
        text = question.get_data(as_text=True)
        assert f'<form method="post" action="{path}"' in text and 'name="csrf_token"' in text
        assert f'href="{page_path}"' in text  # "No, keep it"
    db.session.expire_all()
    assert db.session.scalars(db.select(Registration)).one().status is RegistrationStatus.CONFIRMED
    assert db.session.scalars(db.select(ShiftSignup)).one().status is SignupStatus.CONFIRMED
    for path, _page in places:
        assert post(client, path, {}).status_code == 302
    db.session.expire_all()
    assert db.session.scalars(db.select(Registration)).one().status is RegistrationStatus.CANCELLED
    assert db.session.scalars(db.select(ShiftSignup)).one().status is SignupStatus.CANCELLED
    assert db.session.scalars(db.select(JobApplication)).one().status.value == "withdrawn"


def test_the_question_says_what_happens_in_the_readers_language(client, area, leader, adult):
    (activity, _a), (shift, _s), (job, _j) = _places(area, leader, adult)
    sign_in_as(client, adult)
    text = client.get(shift).get_data(as_text=True)
    assert "Cancel your sign-up?" in text and "Caféet" in text
    assert "Your place goes to the next on the waiting list." in text
    assert "Withdraw your application?" in client.get(job).get_data(as_text=True)
    adult.locale = "sv"
    db.session.commit()
    text = client.get(activity).get_data(as_text=True)
    assert "Vill du ta tillbaka din anmälan?" in text and "Ja, ta tillbaka min anmälan" in text


def test_someone_elses_place_is_a_403_and_a_visitor_signs_in_first(client, area, leader, adult):
    places = _places(area, leader, adult)
    sign_in_as(client, make_person("Annan", birth_year=1990))
    assert [client.get(path).status_code for path, _page in places] == [403, 403, 403]
    visitor = client.application.test_client()
    assert all(visitor.get(path).status_code == 302 for path, _page in places)


def test_keep_it_returns_to_a_local_next_only(client, area, leader, adult):
    (_activity, _a), (shift, shift_page), _job = _places(area, leader, adult)
    sign_in_as(client, adult)
    text = client.get(f"{shift}?next=/my/signups").get_data(as_text=True)
    assert 'href="/my/signups"' in text and 'name="next" value="/my/signups"' in text
    text = client.get(f"{shift}?next=//evil.example/").get_data(as_text=True)
    assert 'href="//evil.example/"' not in text and 'value="//evil.example/"' not in text
    assert f'href="{shift_page}"' in text  # "No, keep it" goes to the shift instead
