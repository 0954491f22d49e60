"""A freed shift place is offered to the first on the waiting list (as for activities): 24
hours or until the shift's sign-up deadline/start, whichever is first; not confirmed in time,
it passes on (lazily when the shift is read, and by ``flask expire-offers``)."""

from datetime import timedelta

from app.extensions import db
from app.models import SignupStatus
from app.models.util import utcnow
from app.shifts import places, services
from tests.conftest import make_person, post, sign_in_as
from tests.shifts.factories import make_shift, make_workplace


def adults(n):
    return [make_person(f"Vuxen {k}", birth_year=1990) for k in range(n)]


def test_offer_is_open_24_hours_or_until_the_deadline(workplace):
    far = make_shift(workplace, capacity=1)
    a, b = adults(2)
    held, waiting = services.sign_up(far, a), services.sign_up(far, b)
    before = utcnow()
    services.cancel(held, a)
    db.session.refresh(waiting)
    assert waiting.status is SignupStatus.OFFERED
    assert before + timedelta(hours=24) <= waiting.hold_until <= utcnow() + timedelta(hours=24)

    soon = make_shift(workplace, capacity=1)
    soon.signup_closes_at = utcnow() + timedelta(hours=2)
    soon.cancel_deadline = utcnow() + timedelta(hours=1)
    db.session.commit()
    c, d = adults(2)
    held, waiting = services.sign_up(soon, c), services.sign_up(soon, d)
    services.cancel(held, c)
    db.session.refresh(waiting)
    assert waiting.status is SignupStatus.OFFERED
    assert waiting.hold_until == soon.signup_closes_at


def test_offered_place_is_kept_from_new_sign_ups(workplace):
    shift = make_shift(workplace, capacity=1)
    a, b, c = adults(3)
    held = services.sign_up(shift, a)
    services.sign_up(shift, b)
    services.cancel(held, a)
    assert places.places_left(shift) == 0
    assert services.sign_up(shift, c).status is SignupStatus.WAITLISTED


def test_unconfirmed_offer_passes_on_lazily_and_by_command(client, runner, workplace):
    shifts = [make_shift(workplace, capacity=1) for _ in range(2)]
    people = adults(3)
    offered = []
    for shift in shifts:
        held = services.sign_up(shift, people[0])
        offered.append(services.sign_up(shift, people[1]))
        services.sign_up(shift, people[2])
        services.cancel(held, people[0])
    for signup in offered:
        db.session.refresh(signup)
        assert signup.status is SignupStatus.OFFERED
        signup.hold_until = utcnow() - timedelta(seconds=1)
    db.session.commit()
    # Reading the first shift passes its offer on to the next.
    client.get(f"/shifts/{shifts[0].id}")
    db.session.expire_all()
    assert offered[0].status is SignupStatus.CANCELLED
    assert services.mine(shifts[0], people[2]).status is SignupStatus.OFFERED
    # Too late to confirm the second: 409, and the place passes on.
    sign_in_as(client, people[1])
    response = post(client, f"/shift-signups/{offered[1].id}/confirm")
    assert response.status_code == 409
    assert "no longer open" in response.get_data(as_text=True)
    db.session.expire_all()
    assert services.mine(shifts[1], people[2]).status is SignupStatus.OFFERED
    services.mine(shifts[1], people[2]).hold_until = utcnow() - timedelta(seconds=1)
    db.session.commit()
    result = runner.invoke(args=["expire-offers"])
    assert "Expired offers: 1" in result.output
    db.session.expire_all()
    assert services.mine(shifts[1], people[2]) is None


def test_confirming_is_refused_when_the_rules_now_forbid_it(client, area, workplace):
    shift = make_shift(workplace, capacity=1)
    a, b = adults(2)
    held, waiting = services.sign_up(shift, a), services.sign_up(shift, b)
    services.cancel(held, a)
    # Meanwhile b took an overlapping shift elsewhere.
    clash = make_shift(make_workplace(area, "Kiosken"), capacity=1)
    services.sign_up(clash, b)
    sign_in_as(client, b)
    assert post(client, f"/shift-signups/{waiting.id}/confirm").status_code == 422
    db.session.refresh(waiting)
    assert waiting.status is SignupStatus.OFFERED


def test_offer_is_confirmed_by_one_tap_from_my_sign_ups(client, workplace):
    shift = make_shift(workplace, capacity=1)
    a, b = adults(2)
    held, waiting = services.sign_up(shift, a), services.sign_up(shift, b)
    services.cancel(held, a)
    sign_in_as(client, b)
    page = client.get("/my/signups").get_data(as_text=True)
    assert f"/shift-signups/{waiting.id}/confirm" in page
    assert "A place is offered to you" in page
    response = post(client, f"/shift-signups/{waiting.id}/confirm", {"next": "/my/signups"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/my/signups")
    db.session.refresh(waiting)
    assert waiting.status is SignupStatus.CONFIRMED
