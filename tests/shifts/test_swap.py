"""Swapping a café shift: the holder offers the place, another eligible youth takes it over
and the first is released with a notice; refusals (own shift, offer withdrawn, ineligible
taker) and two youth taking the same offered place at once."""

from datetime import time, timedelta

import sqlalchemy as sa
from flask_babel import force_locale

from app.extensions import db
from app.models import Notification, NotificationKind, ShiftSignup, SignupStatus
from app.notifications import messages
from app.shifts import services
from tests.conftest import make_person, post, sign_in_as
from tests.live import credentials, fire
from tests.shifts.factories import make_shift, make_workplace, school_week, youth


def _active(shift) -> list[ShiftSignup]:
    return list(
        db.session.scalars(
            sa.select(ShiftSignup)
            .where(ShiftSignup.shift_id == shift.id, ShiftSignup.status != SignupStatus.CANCELLED)
            .order_by(ShiftSignup.id)
        )
    )


def _offer(client, person, signup):
    sign_in_as(client, person)
    return post(client, f"/shift-signups/{signup.id}/offer")


def test_offer_and_take_over_releases_the_first(app, client, workplace):
    shift = make_shift(workplace, capacity=1)
    first = make_person("Först", birth_year=1990)
    signup = services.sign_up(shift, first)
    assert _offer(client, first, signup).status_code == 302
    db.session.refresh(signup)
    assert signup.offered_at is not None and signup.status is SignupStatus.CONFIRMED

    taker = make_person("Tar över", birth_year=1991)
    sign_in_as(client, taker)
    page = client.get(f"/shifts/{shift.id}").get_data(as_text=True)
    assert "Take over this shift" in page and first.display_name not in page
    response = post(client, f"/shift-signups/{signup.id}/take")
    assert response.status_code == 302
    db.session.expire_all()
    assert signup.status is SignupStatus.CANCELLED and signup.offered_at is None
    [held] = _active(shift)
    assert held.person_id == taker.id and held.status is SignupStatus.CONFIRMED
    notice = db.session.scalar(sa.select(Notification).where(Notification.person_id == first.id))
    assert notice.kind is NotificationKind.SHIFT_TAKEN_OVER and notice.shift_id == shift.id
    with app.test_request_context(), force_locale("en"):
        rendered = messages.render(notice)
        assert "released" in rendered.sentence and workplace.name in rendered.sentence
        assert rendered.url == f"/shifts/{shift.id}"


def test_minor_takes_over_awaiting_guardian_link_sent(client, workplace, outbox):
    shift = make_shift(workplace, capacity=1)
    first = youth("Först", age=15)
    signup = services.sign_up(shift, first)
    services.offer(signup, first)
    taker = youth("Tar över", age=14)
    sign_in_as(client, taker)
    response = post(
        client, f"/shift-signups/{signup.id}/take", {"guardian": "guardian@test.example"}
    )
    assert response.status_code == 302
    [held] = _active(shift)
    assert held.person_id == taker.id and held.status is SignupStatus.AWAITING_GUARDIAN
    assert outbox.sent and outbox.sent[0][0] == "guardian@test.example"


def test_offer_withdrawn_cannot_be_taken(client, workplace):
    shift = make_shift(workplace, capacity=1)
    first = make_person("Först", birth_year=1990)
    signup = services.sign_up(shift, first)
    services.offer(signup, first)
    sign_in_as(client, first)
    assert post(client, f"/shift-signups/{signup.id}/offer", {"withdraw": "1"}).status_code == 302
    taker = make_person("Tar över", birth_year=1991)
    sign_in_as(client, taker)
    assert "Take over this shift" not in client.get(f"/shifts/{shift.id}").get_data(as_text=True)
    response = post(client, f"/shift-signups/{signup.id}/take")
    assert response.status_code == 409
    assert "no longer offered" in response.get_data(as_text=True)
    [held] = _active(shift)
    assert held.id == signup.id


def test_own_shift_and_others_offer_refused(client, workplace):
    shift = make_shift(workplace, capacity=2)
    first = make_person("Först", birth_year=1990)
    signup = services.sign_up(shift, first)
    services.offer(signup, first)
    sign_in_as(client, first)
    response = post(client, f"/shift-signups/{signup.id}/take")
    assert response.status_code == 409 and "your own shift" in response.get_data(as_text=True)
    other = make_person("Annan", birth_year=1990)
    assert _offer(client, other, signup).status_code == 403
    # Someone already holding a place on the shift cannot take a second one.
    services.sign_up(shift, other)
    response = post(client, f"/shift-signups/{signup.id}/take")
    assert response.status_code == 409 and "already have a place" in response.get_data(as_text=True)
    db.session.expire_all()
    assert signup.status is SignupStatus.CONFIRMED and signup.offered_at is not None


def test_ineligible_taker_refused_with_the_rule(client, workplace, area):
    saturday = school_week() + timedelta(days=5)
    shift = make_shift(workplace, saturday, time(17), time(21), capacity=1, min_age=13)
    first = make_person("Först", birth_year=1990)
    signup = services.sign_up(shift, first)
    services.offer(signup, first)
    # A 14-year-old may not work after 20:00.
    sign_in_as(client, youth("Ung", age=14))
    response = post(client, f"/shift-signups/{signup.id}/take", {"guardian": "g@test.example"})
    assert response.status_code == 422
    assert "between 20:00 and 06:00" in response.get_data(as_text=True)
    # Too young for the shift.
    sign_in_as(client, youth("Liten", age=12))
    response = post(client, f"/shift-signups/{signup.id}/take", {"guardian": "g@test.example"})
    assert response.status_code == 422 and "13" in response.get_data(as_text=True)
    # An adult with an overlapping shift elsewhere.
    busy = make_person("Upptagen", birth_year=1990)
    clash = make_shift(make_workplace(area, "Kiosken"), saturday, time(16), time(18))
    services.sign_up(clash, busy)
    sign_in_as(client, busy)
    response = post(client, f"/shift-signups/{signup.id}/take")
    assert response.status_code == 422 and "overlaps" in response.get_data(as_text=True)
    db.session.expire_all()
    [held] = _active(shift)
    assert held.id == signup.id and signup.offered_at is not None


def test_waitlisted_youth_takes_over(workplace):
    shift = make_shift(workplace, capacity=1)
    first, waiting = (make_person(n, birth_year=1990) for n in ("Först", "Väntar"))
    signup = services.sign_up(shift, first)
    queued = services.sign_up(shift, waiting)
    assert queued.status is SignupStatus.WAITLISTED
    services.offer(signup, first)
    taken = services.take_over(signup, waiting)
    db.session.expire_all()
    assert taken.status is SignupStatus.CONFIRMED
    assert queued.status is SignupStatus.CANCELLED
    assert [s.id for s in _active(shift)] == [taken.id]


def test_two_take_the_same_place_at_once(app, workplace, server):
    shift = make_shift(workplace, capacity=1)
    first = make_person("Först", birth_year=1990)
    signup = services.sign_up(shift, first)
    services.offer(signup, first)
    shift_id, signup_id = shift.id, signup.id
    takers = [make_person(f"Tar {k}", birth_year=1990) for k in range(6)]
    creds = [credentials(app, person) for person in takers]
    db.session.remove()
    statuses = fire(server, [(f"/shift-signups/{signup_id}/take", *c) for c in creds])
    assert sorted(statuses) == [302] + [409] * 5, statuses
    db.session.expire_all()
    active = db.session.scalars(
        sa.select(ShiftSignup).where(
            ShiftSignup.shift_id == shift_id, ShiftSignup.status != SignupStatus.CANCELLED
        )
    ).all()
    assert len(active) == 1 and active[0].person_id in {p.id for p in takers}


def test_list_shows_where_a_place_is_offered(client, area, workplace):
    offered_shift = make_shift(workplace, capacity=1)
    quiet_shift = make_shift(workplace, capacity=1, start=time(14), end=time(15))
    first = make_person("Först", birth_year=1990)
    services.offer(services.sign_up(offered_shift, first), first)
    services.sign_up(quiet_shift, make_person("Annan", birth_year=1990))
    page = client.get(f"/areas/{area.slug}/shifts").get_data(as_text=True)
    assert page.count("A place is offered") == 1
    assert page.index(f"/shifts/{offered_shift.id}") < page.index("A place is offered")
    assert page.index("A place is offered") < page.index(f"/shifts/{quiet_shift.id}")
