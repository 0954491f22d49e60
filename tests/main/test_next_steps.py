"""The signed-in home page shows what is next (places to confirm, consents awaited, what is
coming, the newest ideas in her areas, verifying when not verified), and the bottom bar offers
"Mine" to everyone signed in and "Verify" only to those with something to verify."""

from datetime import time, timedelta

from app.extensions import db
from app.models import Area, Person, Registration, RegistrationStatus, Role, SignupStatus
from app.models.util import utcnow
from app.shifts import services as shifts
from tests.activities.factories import make_activity
from tests.conftest import give_role, make_person, sign_in_as
from tests.moderation.factories import make_idea
from tests.queries import queries
from tests.shifts.factories import make_shift, make_workplace, school_week, youth


def _home(client):
    client.set_cookie("lang", "en")
    return client.get("/").get_data(as_text=True)


def _nav(page):
    return page[page.index('<nav class="bottom"') : page.index("</nav>")]


def test_the_home_page_says_what_is_next_for_a_youth(client, area, other_area, leader):
    person = youth("Hiba", age=14)
    give_role(person, area, Role.RESIDENT, verified=True)
    cafe = make_workplace(area, "Caféet")
    saturday = school_week() + timedelta(days=5)
    waiting = shifts.sign_up(make_shift(cafe, day=saturday), person)
    assert waiting.status is SignupStatus.AWAITING_GUARDIAN
    confirmed = shifts.sign_up(make_shift(cafe, day=saturday, start=time(13), end=time(14)), person)
    confirmed.status, confirmed.hold_until = SignupStatus.CONFIRMED, None
    activity = make_activity(area, leader, title="Läxhjälp")
    db.session.add(
        Registration(
            activity_id=activity.id,
            person_id=person.id,
            status=RegistrationStatus.OFFERED,
            offered_until=utcnow() + timedelta(hours=20),
        )
    )
    db.session.commit()
    make_idea(area, leader, title="Grillplats vid lekparken")
    make_idea(other_area, leader, title="Idé i ett annat område")

    sign_in_as(client, person)
    page = _home(client)
    assert "Hello, Hiba" in page
    confirm = page[
        page.index("A place is waiting for you") : page.index("Waiting for your guardian")
    ]
    assert f"/activities/{activity.id}" in confirm and "Läxhjälp" in confirm
    guardian = page[page.index("Waiting for your guardian") : page.index("Coming up")]
    assert f"/shifts/{waiting.shift_id}" in guardian and "Your place is held until" in guardian
    coming = page[page.index("Coming up") : page.index("All my sign-ups")]
    assert f"/shifts/{confirmed.shift_id}" in coming and "13:00" in coming
    assert "Grillplats vid lekparken" in page and "Idé i ett annat område" not in page
    assert f"/areas/{area.slug}/shifts" in page and f"/areas/{area.slug}/jobs" in page
    assert "Verify where you live" not in page
    nav = _nav(page)
    assert "/my/signups" in nav and "Mine" in nav and "/verify" not in nav


def test_someone_unverified_is_offered_to_verify(client, area):
    person = make_person("Hodan")
    give_role(person, area, Role.RESIDENT)
    sign_in_as(client, person)
    page = _home(client)
    assert "Verify where you live" in page and "/verify" in _nav(page)
    assert "Nothing booked yet" in page


def test_a_leader_has_nothing_to_verify(client, area, leader):
    sign_in_as(client, leader)
    assert "/verify" not in _nav(_home(client))


def test_a_visitor_is_asked_to_sign_in(client, area):
    page = _home(client)
    assert "Hello," not in page and "Sign in or create an account" in page
    assert "/sign-in" in _nav(page) and "/my/signups" not in _nav(page)


def test_the_home_page_stays_constant_in_queries(client, area, leader):
    person = youth("Hiba", age=17)
    give_role(person, area, Role.RESIDENT, verified=True)
    cafe = make_workplace(area, "Caféet")
    saturday = school_week() + timedelta(days=5)
    shifts.sign_up(make_shift(cafe, day=saturday), person)
    sign_in_as(client, person)
    ids = (area.id, leader.id, person.id, cafe.id)
    status, few = queries(client, "GET", "/")
    assert status == 200
    area, leader, person = (
        db.session.get(Area, ids[0]),
        db.session.get(Person, ids[1]),
        db.session.get(Person, ids[2]),
    )
    cafe = db.session.get(type(cafe), ids[3])
    for day in range(1, 5):
        shifts.sign_up(make_shift(cafe, day=saturday + timedelta(days=day * 7)), person)
        make_idea(area, leader, title=f"Idé {day}")
    status, many = queries(client, "GET", "/")
    assert status == 200 and len(many) == len(few)
