"""The shift list on a phone: cards with the weekday, the time and the free places; for the
signed-in youth her own shifts first and, on every other card, whether she may take it (the
sign-up's own rules) and a one-tap sign-up (htmx swaps the card; without JavaScript the form
posts and comes back); filters by day and workplace; pages; constant queries."""

from datetime import time, timedelta

import pytest
import sqlalchemy as sa

from app.clock import local
from app.extensions import db
from app.models import ShiftSignup, SignupStatus, Workplace
from app.refusals import Refused
from app.shifts import guardians, services
from tests.conftest import make_person, post, sign_in_as
from tests.queries import queries
from tests.shifts.factories import make_shift, make_workplace, school_week, youth

HTMX = {"HX-Request": "true"}


@pytest.fixture
def saturday():
    return school_week() + timedelta(days=5)


def _list(client, area, query="", **kwargs):
    return client.get(f"/areas/{area.slug}/shifts{query}", **kwargs).get_data(as_text=True)


def _card(page: str, shift) -> str:
    start = page.index(f'id="shift-{shift.id}"')
    return page[start : page.index("</li>", start)]


def _status(person, shift):
    db.session.expire_all()
    return db.session.scalar(
        sa.select(ShiftSignup.status).where(
            ShiftSignup.person_id == person.id, ShiftSignup.shift_id == shift.id
        )
    )


def test_a_card_shows_weekday_time_and_places(client, area, workplace, saturday):
    shift = make_shift(workplace, day=saturday, start=time(15), end=time(17), capacity=5)
    services.sign_up(shift, make_person("Vuxen Ett"))
    client.set_cookie("lang", "en")
    card = _card(_list(client, area), shift)
    assert f"Sat, {local(shift.starts_at):%B} {saturday.day}" in card
    assert "15:00&#8288;–&#8288;17:00" in card  # the time range never splits
    assert "4 of 5 places left" in card and "counter" in card
    assert "Sign in to sign up" in card and "<form" not in card  # nobody signed in


def test_one_place_left_is_singular_and_a_full_shift_says_waiting_list(
    client, area, workplace, saturday
):
    one = make_shift(workplace, day=saturday, capacity=2)
    full = make_shift(workplace, day=saturday, start=time(13), end=time(14), capacity=1)
    services.sign_up(one, make_person("Vuxen Ett"))
    services.sign_up(full, make_person("Vuxen Två"))
    sign_in_as(client, make_person("Vuxen Tre"))
    client.set_cookie("lang", "en")
    page = _list(client, area)
    assert "1 of 2 place left" in _card(page, one)
    assert "Full – join the waiting list" in _card(page, full)
    assert "Join the waiting list</button>" in _card(page, full)


def test_one_tap_signs_up_in_place_with_htmx(client, area, workplace, saturday):
    shift = make_shift(workplace, day=saturday, capacity=2)
    person = make_person("Vuxen")
    sign_in_as(client, person)
    client.set_cookie("lang", "en")
    assert "Sign up</button>" in _card(_list(client, area), shift)
    response = post(client, f"/shifts/{shift.id}/sign-up", headers=HTMX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in html
    assert html.lstrip().startswith(f'<li class="shift-card mine" id="shift-{shift.id}"')
    assert 'role="status">Confirmed' in html and "1 of 2 place left" in html
    assert _status(person, shift) is SignupStatus.CONFIRMED


def test_without_javascript_the_card_form_posts_and_comes_back(client, area, workplace, saturday):
    shift = make_shift(workplace, day=saturday, capacity=1)
    services.sign_up(shift, make_person("Först"))
    person = make_person("Vuxen")
    sign_in_as(client, person)
    response = post(
        client,
        f"/shifts/{shift.id}/sign-up",
        {"next": f"/areas/{area.slug}/shifts#shift-{shift.id}"},
    )
    assert response.status_code == 302
    assert response.location == f"/areas/{area.slug}/shifts#shift-{shift.id}"
    assert _status(person, shift) is SignupStatus.WAITLISTED
    client.set_cookie("lang", "en")
    page = _list(client, area)
    assert (
        page.index("Your shifts")
        < page.index(f'id="shift-{shift.id}"')
        < page.index("Coming shifts")
    )
    assert "On the waiting list" in _card(page, shift)


def test_a_card_says_why_not_with_the_sign_ups_own_words(client, area, workplace, saturday):
    person = youth("Hiba", age=14)
    taken = make_shift(workplace, day=saturday, start=time(10), end=time(12))
    services.sign_up(taken, person)
    overlap = make_shift(make_workplace(area, "Parken"), day=saturday, start=time(11), end=time(13))
    older = make_shift(workplace, day=saturday, start=time(14), end=time(15), min_age=16)
    closed = make_shift(
        workplace,
        day=saturday,
        start=time(16),
        end=time(17),
        signup_closes_at=local(taken.starts_at) - timedelta(days=30),
    )
    free = make_shift(workplace, day=saturday, start=time(13), end=time(14))
    sign_in_as(client, person)
    client.set_cookie("lang", "en")
    page = _list(client, area)
    for shift in (overlap, older, closed):
        with pytest.raises(Refused) as refused:
            services.sign_up(shift, person)
        card = _card(page, shift)
        assert f'class="why-not">{refused.value.message}' in card.replace("&#39;", "'")
        assert "<form" not in card
    assert "Sign up</button>" in _card(page, free)


def test_a_minor_names_a_guardian_on_the_card_once(client, area, workplace, saturday, outbox):
    first = make_shift(workplace, day=saturday, start=time(10), end=time(12))
    second = make_shift(workplace, day=saturday, start=time(13), end=time(14))
    person = youth("Hiba", age=14)
    sign_in_as(client, person)
    client.set_cookie("lang", "en")
    card = _card(_list(client, area), first)
    assert f'<label for="guardian-{first.id}">' in card and 'name="guardian" required' in card

    bad = post(client, f"/shifts/{first.id}/sign-up", {"guardian": "nope"}, headers=HTMX)
    assert bad.status_code == 422 and 'role="alert"' in bad.get_data(as_text=True)
    assert _status(person, first) is None

    response = post(
        client, f"/shifts/{first.id}/sign-up", {"guardian": "070-174 06 05"}, headers=HTMX
    )
    assert "We sent the guardian a link" in response.get_data(as_text=True)
    assert _status(person, first) is SignupStatus.AWAITING_GUARDIAN

    card = _card(_list(client, area), second)  # the guardian is known now: one tap
    assert 'name="guardian"' not in card and "the guardian you named before" in card
    response = post(client, f"/shifts/{second.id}/sign-up", headers=HTMX)
    assert response.status_code == 200
    assert [to for to, _, _ in outbox.sent] == ["+46701740605", "+46701740605"]
    assert guardians.consent_for(
        db.session.scalar(sa.select(ShiftSignup).where(ShiftSignup.shift_id == second.id))
    )


def test_filters_by_day_and_workplace(client, area, other_area, workplace, saturday):
    park = make_workplace(area, "Parken")
    cafe_saturday = make_shift(workplace, day=saturday)
    park_saturday = make_shift(park, day=saturday)
    cafe_sunday = make_shift(workplace, day=saturday + timedelta(days=1))
    elsewhere = make_workplace(other_area, "Annanstans")

    page = _list(client, area, f"?day={saturday.isoformat()}")
    assert f"shift-{cafe_saturday.id}" in page and f"shift-{park_saturday.id}" in page
    assert f"shift-{cafe_sunday.id}" not in page
    assert f'<option value="{saturday.isoformat()}" selected>' in page
    page = _list(client, area, f"?workplace={park.id}")
    assert f"shift-{park_saturday.id}" in page and f"shift-{cafe_saturday.id}" not in page
    for nonsense in ("?day=2026-13-45", "?day=%00", f"?workplace={elsewhere.id}", "?workplace=x"):
        response = client.get(f"/areas/{area.slug}/shifts{nonsense}")
        assert response.status_code == 200
        assert f"shift-{cafe_sunday.id}" in response.get_data(as_text=True)

    fragment = _list(client, area, f"?workplace={park.id}", headers=HTMX)
    assert "<html" not in fragment and f"shift-{park_saturday.id}" in fragment


def test_pages_of_twenty_with_show_more(client, area, workplace, saturday):
    shifts = [
        make_shift(
            workplace,
            day=saturday + timedelta(days=i // 5),
            start=time(8 + i % 5),
            end=time(8 + i % 5, 30),
        )
        for i in range(23)
    ]
    page = _list(client, area)
    assert page.count('<li class="shift-card') == 20 and "page=2" in page
    more = _list(client, area, "?page=2", headers=HTMX)
    assert more.count('<li class="shift-card') == 3 and "page=3" not in more
    assert f"shift-{shifts[-1].id}" in more


def test_queries_stay_constant_for_a_week_of_shifts(client, area, workplace, saturday):
    person = youth("Hiba", age=14)
    sign_in_as(client, person)
    for hour in (9, 11):
        make_shift(workplace, day=saturday, start=time(hour), end=time(hour + 1))
    services.sign_up(make_shift(workplace, day=saturday, start=time(14), end=time(15)), person)
    path = f"/areas/{area.slug}/shifts"
    workplace_id = workplace.id
    status, few = queries(client, "GET", path)
    assert status == 200
    workplace = db.session.get(Workplace, workplace_id)  # the request ended the session
    for day in range(1, 7):
        for hour in (9, 11):
            make_shift(
                workplace, day=saturday + timedelta(days=day), start=time(hour), end=time(hour + 1)
            )
    status, week = queries(client, "GET", path)
    assert status == 200 and len(week) == len(few)
