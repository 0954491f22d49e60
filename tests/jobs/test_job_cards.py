"""The summer-job list on a phone: cards with period, ages, places and deadline; for the
signed-in youth her applications first with their status and, on every other card, whether
she may apply (the application's own rules) and a one-tap application (htmx swaps the card;
without JavaScript the form posts and comes back); pages; constant queries."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.jobs import services
from app.models import ApplicationStatus, Area, JobApplication
from app.refusals import Refused
from tests.conftest import post, sign_in_as
from tests.jobs.factories import START, job_input, youth
from tests.queries import queries

HTMX = {"HX-Request": "true"}


def _page(client, area, query="", **kwargs):
    client.set_cookie("lang", "en")
    return client.get(f"/areas/{area.slug}/jobs{query}", **kwargs).get_data(as_text=True)


def _card(page, job):
    start = page.index(f'id="job-{job.id}"')
    return page[start : page.index("</li>", start)]


def test_a_card_shows_period_ages_places_and_deadline(client, area, leader):
    job = services.create(area, leader, job_input(places=3))
    services.place(services.apply(job, youth("Först"), ""), leader)
    card = _card(_page(client, area), job)
    assert "Parkförvaltningen · Bodens kommun" in card and "ages 15–18" in card
    assert "2 of 3 places left" in card
    assert f"{START:%B} {START.day}" in card  # Babel's day, with the weekday
    apply_by = START - timedelta(days=7)
    assert f"Apply by {apply_by:%a}, {apply_by:%B} {apply_by.day}" in card
    assert "Sign in to apply" in card and "<form" not in card


def test_one_tap_applies_in_place_with_htmx(client, area, leader):
    job = services.create(area, leader, job_input())
    person = youth("Hiba")
    sign_in_as(client, person)
    assert "Apply</button>" in _card(_page(client, area), job)
    response = post(client, f"/jobs/{job.id}/apply", headers=HTMX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in html
    assert 'role="status">Your application is sent.' in html and "Applied" in html
    assert services.mine(job, person).status is ApplicationStatus.APPLIED


def test_without_javascript_it_comes_back_to_the_list_mine_first(client, area, leader):
    later = services.create(area, leader, job_input(workplace="Biblioteket"))
    job = services.create(area, leader, job_input(apply_by=START - timedelta(days=9)))
    person = youth("Hiba")
    sign_in_as(client, person)
    response = post(client, f"/jobs/{later.id}/apply", {"next": f"/areas/{area.slug}/jobs"})
    assert response.status_code == 302 and response.location == f"/areas/{area.slug}/jobs"
    page = _page(client, area)
    assert page.index("Your applications") < page.index(f'id="job-{later.id}"')
    assert page.index(f'id="job-{later.id}"') < page.index("Open summer jobs")
    assert page.index("Open summer jobs") < page.index(f'id="job-{job.id}"')


@pytest.mark.parametrize(
    ("age", "changes"),
    [
        (13, {}),  # too young for 15–18
        (16, {"apply_by": START - timedelta(days=40)}),  # deadline passed
        (14, {"min_age": 13, "light_work": False}),  # not light work, school not finished
    ],
)
def test_a_card_says_why_not_in_the_applications_words(client, area, leader, age, changes):
    job = services.create(area, leader, job_input(**changes))
    if "apply_by" in changes:  # posted before the deadline passed
        job.apply_by = changes["apply_by"]
        db.session.commit()
    person = youth("Hiba", age=age)
    sign_in_as(client, person)
    card = _card(_page(client, area), job)
    with pytest.raises(Refused) as refused:
        services.apply(job, person, "")
    assert f'class="why-not">{refused.value.message}' in card.replace("&#39;", "'")
    assert "<form" not in card


def test_a_refused_one_tap_says_why_in_the_card(client, area, leader):
    job = services.create(area, leader, job_input())
    person = youth("Hiba")
    sign_in_as(client, person)
    job.apply_by = START - timedelta(days=40)
    db.session.commit()
    response = post(client, f"/jobs/{job.id}/apply", headers=HTMX)
    assert response.status_code == 409 and 'role="alert"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(JobApplication)) is None


def test_pages_of_twenty_and_constant_queries(client, area, leader):
    person = youth("Hiba")
    sign_in_as(client, person)
    for i in range(3):
        services.create(area, leader, job_input(workplace=f"Plats {i}"))
    services.apply(services.create(area, leader, job_input(workplace="Min")), person, "")
    path, area_id = f"/areas/{area.slug}/jobs", area.id
    status, few = queries(client, "GET", path)
    area, leader = db.session.get(Area, area_id), db.session.merge(leader)
    for i in range(3, 22):
        services.create(area, leader, job_input(workplace=f"Plats {i}"))
    status, many = queries(client, "GET", path)
    assert status == 200 and len(many) == len(few)
    area = db.session.get(Area, area_id)
    page = _page(client, area)
    assert page.count('<li class="shift-card') == 21 and "page=2" in page  # hers + 20
    more = _page(client, area, "?page=2", headers=HTMX)
    assert more.count('<li class="shift-card') == 2 and "<html" not in more
