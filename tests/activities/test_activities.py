"""Activities: who may create them, bad input, sign-up, waiting list, offers, attendance."""

from datetime import timedelta

import sqlalchemy as sa

from app.activities import services
from app.extensions import db
from app.models import (
    Activity,
    Audience,
    Notification,
    NotificationKind,
    Registration,
    RegistrationStatus,
    Role,
)
from app.models.util import utcnow
from app.notifications import messages
from tests.activities.factories import form_data, make_activity, people
from tests.conftest import count, give_role, make_area, make_person, post, sign_in_as
from tests.partners.factories import make_partner, make_rep


def status_of(person, activity):
    db.session.expire_all()
    return db.session.scalar(
        sa.select(Registration.status).where(
            Registration.activity_id == activity.id,
            Registration.person_id == person.id,
            Registration.status != RegistrationStatus.CANCELLED,
        )
    )


# --- creating -------------------------------------------------------------------------------


def test_leader_creates_activity_in_stockholm_time(client, area, leader):
    sign_in_as(client, leader)
    response = post(client, "/areas/boden/activities/new", form_data())
    assert response.status_code == 302
    activity = db.session.scalar(sa.select(Activity))
    assert activity.title == "Läxhjälp" and activity.capacity == 10
    assert activity.audience is Audience.YOUTH and activity.partner_id is None
    local = services.local(activity.starts_at)
    assert (local.hour, local.minute) == (17, 0)
    assert activity.starts_at.tzinfo is not None
    page = client.get(f"/activities/{activity.id}").get_data(as_text=True)
    assert "Läxhjälp" in page and "10 places left" in page


def test_weekly_series_makes_one_activity_per_date(client, area, leader):
    sign_in_as(client, leader)
    response = post(client, "/areas/boden/activities/new", form_data(repeat_weeks="4"))
    assert response.status_code == 302
    rows = db.session.scalars(sa.select(Activity).order_by(Activity.starts_at)).all()
    assert len(rows) == 4
    assert len({a.series_id for a in rows}) == 1 and rows[0].series_id
    hours = {services.local(a.starts_at).hour for a in rows}
    assert hours == {17}  # same Swedish clock time, across summer time
    assert rows[1].starts_at.date() - rows[0].starts_at.date() == timedelta(days=7)


def test_resident_cannot_create(client, area, resident):
    sign_in_as(client, resident)
    assert client.get("/areas/boden/activities/new").status_code == 403
    assert post(client, "/areas/boden/activities/new", form_data()).status_code == 403
    assert count(Activity) == 0


def test_leader_of_another_area_cannot_create(client, area, other_area):
    stranger = make_person("Other Leader")
    give_role(stranger, other_area, Role.LEADER)
    sign_in_as(client, stranger)
    assert post(client, "/areas/boden/activities/new", form_data()).status_code == 403
    assert count(Activity) == 0


def test_partner_representative_creates_for_their_partner(client, area):
    partner = make_partner(areas=[area])
    rep = make_rep(partner, "Sara Partner")
    sign_in_as(client, rep)
    response = post(client, "/areas/boden/activities/new", form_data(organiser=str(partner.id)))
    assert response.status_code == 302
    activity = db.session.scalar(sa.select(Activity))
    assert activity.partner_id == partner.id
    # ...but not as the leaders, and not for a partner outside the area
    assert post(client, "/areas/boden/activities/new", form_data()).status_code == 422
    outside = make_partner("Röda Korset", areas=[make_area("lina", "Lina Hage")])
    other_rep = make_rep(outside, "Outside Rep")
    sign_in_as(client, other_rep)
    assert post(client, "/areas/boden/activities/new", form_data()).status_code == 403
    # The representative edits their activity; a resident cannot.
    sign_in_as(client, rep)
    edited = post(
        client,
        f"/activities/{activity.id}/edit",
        form_data(organiser=str(partner.id), title="Läxhjälp och fika"),
    )
    assert edited.status_code == 302
    assert db.session.get(Activity, activity.id).title == "Läxhjälp och fika"
    resident = make_person("Resident")
    give_role(resident, area, Role.RESIDENT)
    sign_in_as(client, resident)
    assert client.get(f"/activities/{activity.id}/edit").status_code == 403


def test_bad_input_is_refused(client, area, leader):
    sign_in_as(client, leader)
    cases = [
        (form_data(start="19:00", end="17:00"), "must end after it starts"),
        (form_data(day=f"{utcnow().year - 1}-03-04"), "must start in the future"),
        (form_data(capacity="0"), "at least 1"),
        (form_data(capacity="-3"), "at least 1"),
        (form_data(min_age="17", max_age="13"), "lowest age cannot be above"),
        (form_data(title=""), "Write a title."),
        (form_data(repeat_weeks="99"), "Repeat between 1 and 26 times."),
    ]
    for data, message in cases:
        response = post(client, "/areas/boden/activities/new", data)
        assert response.status_code == 422, message
        assert message in response.get_data(as_text=True)
    assert count(Activity) == 0


def test_lists_today_this_week_later_with_audience_filter(client, area, leader):
    make_activity(area, leader, title="Snart idag", starts_in=timedelta(minutes=1))
    make_activity(area, leader, title="Långt bort", starts_in=timedelta(days=40))
    make_activity(
        area, leader, title="Damgympa", starts_in=timedelta(days=41), audience=Audience.WOMEN
    )
    page = client.get("/areas/boden/activities").get_data(as_text=True)
    assert "Långt bort" in page and "Damgympa" in page
    today, later = page.index("Today"), page.index("Later")
    assert page.index("Långt bort") > later
    filtered = client.get("/areas/boden/activities?audience=women").get_data(as_text=True)
    assert "Damgympa" in filtered and "Långt bort" not in filtered
    agenda = services.upcoming(area)
    assert [a.title for a in agenda.later] == ["Långt bort", "Damgympa"]
    assert today < later
    assert "/areas/boden/activities" in client.get("/areas/boden").get_data(as_text=True)


# --- signing up -----------------------------------------------------------------------------


def test_sign_up_confirmed_then_waitlisted_in_order(client, area, leader):
    activity = make_activity(area, leader, capacity=2)
    a, b, c, d = people(4)
    for person in (a, b, c, d):
        sign_in_as(client, person)
        assert post(client, f"/activities/{activity.id}/sign-up").status_code == 302
    assert [status_of(p, activity) for p in (a, b, c, d)] == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.WAITLISTED,
    ]
    page = client.get(f"/activities/{activity.id}").get_data(as_text=True)
    assert "number 2 in line" in page  # d is signed in
    # Signing up twice changes nothing.
    assert post(client, f"/activities/{activity.id}/sign-up").status_code == 302
    assert count(Registration, Registration.person_id == d.id) == 1


def test_sign_up_after_start_or_for_past_activity_is_refused(client, area, leader):
    started = make_activity(area, leader, starts_in=-timedelta(minutes=5))
    past = make_activity(area, leader, starts_in=-timedelta(days=3))
    sign_in_as(client, make_person("Late"))
    for activity in (started, past):
        response = post(client, f"/activities/{activity.id}/sign-up")
        assert response.status_code == 409
        assert "already started" in response.get_data(as_text=True)
    assert count(Registration) == 0


def test_age_limits_by_birth_year(client, area, leader):
    year = services.local(utcnow() + timedelta(days=2)).year
    activity = make_activity(area, leader, capacity=None, min_age=13, max_age=17)
    too_old = make_person("Old", birth_year=year - 30)
    too_young = make_person("Young", birth_year=year - 12)
    no_year = make_person("Unknown", birth_year=None)
    fits = make_person("Teen", birth_year=year - 14)
    for person, status in ((too_old, 422), (too_young, 422), (no_year, 422), (fits, 302)):
        sign_in_as(client, person)
        response = post(client, f"/activities/{activity.id}/sign-up")
        assert response.status_code == status, person.display_name
        if status == 422:
            assert "ages" in response.get_data(as_text=True) or "birth year" in (
                response.get_data(as_text=True)
            )
    assert count(Registration) == 1


def test_guardian_signs_up_a_child_under_13(client, area, leader):
    activity = make_activity(area, leader, capacity=3)
    guardian = make_person("Mamma")
    sign_in_as(client, guardian)
    year = utcnow().year
    data = {"child": "1", "child_name": "Lilla", "child_birth_year": str(year - 8)}
    assert post(client, f"/activities/{activity.id}/sign-up", data).status_code == 302
    # twice: still one
    assert post(client, f"/activities/{activity.id}/sign-up", data).status_code == 302
    child = db.session.scalar(sa.select(Registration))
    assert count(Registration) == 1
    assert child.person_id is None and child.guardian_id == guardian.id
    assert child.child_name == "Lilla" and child.status is RegistrationStatus.CONFIRMED
    # a 14-year-old signs up on their own
    older = dict(data, child_name="Stor", child_birth_year=str(year - 14))
    assert post(client, f"/activities/{activity.id}/sign-up", older).status_code == 422
    # the guardian can also sign up themselves
    assert post(client, f"/activities/{activity.id}/sign-up").status_code == 302
    assert count(Registration) == 2
    # and cancel the child's place
    assert post(client, f"/registrations/{child.id}/cancel").status_code == 302
    db.session.expire_all()
    assert db.session.get(Registration, child.id).status is RegistrationStatus.CANCELLED


# --- cancel, offer, expiry ------------------------------------------------------------------


def test_cancellation_offers_first_on_waitlist_who_confirms(client, app, area, leader):
    activity = make_activity(area, leader, capacity=1)
    a, b, c = people(3)
    for person in (a, b, c):
        services.sign_up(activity, person)
    own = db.session.scalar(sa.select(Registration).where(Registration.person_id == a.id))
    sign_in_as(client, b)  # someone else's sign-up
    assert post(client, f"/registrations/{own.id}/cancel").status_code == 403
    sign_in_as(client, a)
    assert post(client, f"/registrations/{own.id}/cancel").status_code == 302
    assert status_of(a, activity) is None
    assert status_of(b, activity) is RegistrationStatus.OFFERED
    assert status_of(c, activity) is RegistrationStatus.WAITLISTED
    notice = db.session.scalar(sa.select(Notification))
    assert notice.person_id == b.id and notice.kind is NotificationKind.PLACE_OFFERED
    assert notice.activity_id == activity.id
    with app.test_request_context():
        rendered = messages.render(notice)
    assert "Fotboll" in rendered.sentence and "24 hours" in rendered.sentence
    assert rendered.url.endswith(f"/activities/{activity.id}")
    sign_in_as(client, b)
    assert "A place opened up for you at" in client.get("/notifications").get_data(as_text=True)
    page = client.get(f"/activities/{activity.id}").get_data(as_text=True)
    assert "Yes, I take the place" in page
    offer = db.session.scalar(sa.select(Registration).where(Registration.person_id == b.id))
    assert post(client, f"/registrations/{offer.id}/confirm").status_code == 302
    assert status_of(b, activity) is RegistrationStatus.CONFIRMED
    # A new sign-up now waits behind c.
    d = make_person("Dan")
    assert services.sign_up(activity, d).status is RegistrationStatus.WAITLISTED


def test_expired_offer_passes_to_the_next(client, app, area, leader):
    activity = make_activity(area, leader, capacity=1)
    a, b, c = people(3)
    for person in (a, b, c):
        services.sign_up(activity, person)
    mine = db.session.scalar(sa.select(Registration).where(Registration.person_id == a.id))
    services.cancel(mine, a)
    offer = db.session.scalar(sa.select(Registration).where(Registration.person_id == b.id))
    offer.offered_until = utcnow() - timedelta(minutes=1)
    db.session.commit()
    # Confirming too late is refused and the place passes on.
    sign_in_as(client, b)
    response = post(client, f"/registrations/{offer.id}/confirm")
    assert response.status_code == 409
    assert status_of(b, activity) is None
    assert status_of(c, activity) is RegistrationStatus.OFFERED
    # Reading the page passes an expired offer on too (lazily), and so does the command.
    d, e = people(2, "Sen")
    services.sign_up(activity, d)
    services.sign_up(activity, e)
    late = db.session.scalar(sa.select(Registration).where(Registration.person_id == c.id))
    late.offered_until = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert client.get(f"/activities/{activity.id}").status_code == 200
    assert status_of(c, activity) is None and status_of(d, activity) is RegistrationStatus.OFFERED
    offer_d = db.session.scalar(sa.select(Registration).where(Registration.person_id == d.id))
    offer_d.offered_until = utcnow() - timedelta(minutes=1)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["expire-offers"])
    assert "Expired offers: 1" in result.output
    assert status_of(e, activity) is RegistrationStatus.OFFERED
    kinds = db.session.scalars(sa.select(Notification.person_id)).all()
    assert kinds == [b.id, c.id, d.id, e.id]


def test_expired_offer_on_page_read(client, area, leader):
    activity = make_activity(area, leader, capacity=1)
    a, b, c = people(3)
    for person in (a, b, c):
        services.sign_up(activity, person)
    services.cancel(
        db.session.scalar(sa.select(Registration).where(Registration.person_id == a.id)), a
    )
    offer = db.session.scalar(sa.select(Registration).where(Registration.person_id == b.id))
    offer.offered_until = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert client.get(f"/activities/{activity.id}").status_code == 200
    assert status_of(c, activity) is RegistrationStatus.OFFERED


# --- attendance -----------------------------------------------------------------------------


def test_organiser_marks_attendance_and_walk_ins(client, area, leader):
    activity = make_activity(area, leader, capacity=5)
    a, b = people(2)
    services.sign_up(activity, a)
    services.sign_up(activity, b)
    reg = db.session.scalar(sa.select(Registration).where(Registration.person_id == a.id))
    sign_in_as(client, leader)
    page = client.get(f"/activities/{activity.id}/attendance").get_data(as_text=True)
    assert "Granne 0" in page and "Granne 1" in page
    fragment = post(
        client,
        f"/registrations/{reg.id}/attended",
        {"attended": "1"},
        headers={"HX-Request": "true"},
    )
    assert fragment.status_code == 200
    assert f'id="attendance-{reg.id}"' in fragment.get_data(as_text=True)
    assert "<html" not in fragment.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Registration, reg.id).attended is True
    # Without JavaScript: a plain form and a redirect.
    plain = post(client, f"/registrations/{reg.id}/attended", {"attended": "0"})
    assert plain.status_code == 302
    db.session.expire_all()
    assert db.session.get(Registration, reg.id).attended is False
    for delta in ("1", "1", "-1", "-1", "-1"):
        post(client, f"/activities/{activity.id}/walk-ins", {"delta": delta})
    db.session.expire_all()
    assert db.session.get(Activity, activity.id).walk_ins == 0  # never below zero
    walk = post(
        client,
        f"/activities/{activity.id}/walk-ins",
        {"delta": "1"},
        headers={"HX-Request": "true"},
    )
    assert 'id="walk-ins"' in walk.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Activity, activity.id).walk_ins == 1


def test_participant_cannot_mark_own_attendance(client, area, leader):
    activity = make_activity(area, leader, capacity=5)
    a = make_person("Deltagare")
    services.sign_up(activity, a)
    reg = db.session.scalar(sa.select(Registration))
    sign_in_as(client, a)
    assert client.get(f"/activities/{activity.id}/attendance").status_code == 403
    assert post(client, f"/registrations/{reg.id}/attended", {"attended": "1"}).status_code == 403
    assert post(client, f"/activities/{activity.id}/walk-ins", {"delta": "1"}).status_code == 403
    db.session.expire_all()
    assert db.session.get(Registration, reg.id).attended is None


def test_partner_rep_marks_attendance_of_their_activity_only(client, area, leader):
    partner = make_partner(areas=[area])
    rep = make_rep(partner, "Sara Partner")
    theirs = make_activity(area, leader, partner_id=partner.id)
    leaders = make_activity(area, leader)
    sign_in_as(client, rep)
    assert client.get(f"/activities/{theirs.id}/attendance").status_code == 200
    assert client.get(f"/activities/{leaders.id}/attendance").status_code == 403


def test_place_offered_notice_goes_through_the_outbox(runner, area, leader):
    activity = make_activity(area, leader, capacity=1)
    a, b = people(2)
    services.sign_up(activity, a)
    services.sign_up(activity, b)
    services.cancel(
        db.session.scalar(sa.select(Registration).where(Registration.person_id == a.id)), a
    )
    result = runner.invoke(args=["send-outbox"])
    assert result.exit_code == 0 and "1 sent" in result.output
    db.session.expire_all()
    notice = db.session.scalar(sa.select(Notification))
    assert notice.sent_at is not None and notice.person_id == b.id


def test_edit_form_shows_swedish_time_and_saves_one_date(client, area, leader):
    sign_in_as(client, leader)
    post(client, "/areas/boden/activities/new", form_data(repeat_weeks="2"))
    first, second = db.session.scalars(sa.select(Activity).order_by(Activity.starts_at)).all()
    page = client.get(f"/activities/{first.id}/edit")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'value="17:00"' in html and "repeat_weeks" not in html
    response = post(client, f"/activities/{first.id}/edit", form_data(start="18:00", end="20:00"))
    assert response.status_code == 302
    db.session.expire_all()
    assert services.local(db.session.get(Activity, first.id).starts_at).hour == 18
    assert services.local(db.session.get(Activity, second.id).starts_at).hour == 17
    bad = post(client, f"/activities/{first.id}/edit", form_data(start="18:00", end="17:00"))
    assert bad.status_code == 422


def test_more_places_offer_them_and_fewer_than_taken_is_refused(client, area, leader):
    activity = make_activity(area, leader, capacity=1)
    a, b, c = people(3)
    for person in (a, b, c):
        services.sign_up(activity, person)
    day = services.local(activity.starts_at)
    end = services.local(activity.ends_at)
    data = form_data(
        day=day.date().isoformat(),
        start=day.strftime("%H:%M"),
        end=end.strftime("%H:%M") if end.date() == day.date() else "23:59",
        capacity="2",
    )
    sign_in_as(client, leader)
    assert post(client, f"/activities/{activity.id}/edit", data).status_code == 302
    assert status_of(b, activity) is RegistrationStatus.OFFERED
    assert status_of(c, activity) is RegistrationStatus.WAITLISTED
    response = post(client, f"/activities/{activity.id}/edit", dict(data, capacity="1"))
    assert response.status_code == 422
    assert "cannot be lower" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Activity, activity.id).capacity == 2


def test_series_dates_link_each_other_and_pages_stay_light(client, app, area, leader):
    from app.budgets import PAGE_BUDGET, page_weight

    sign_in_as(client, leader)
    post(client, "/areas/boden/activities/new", form_data(repeat_weeks="3"))
    first, second, third = db.session.scalars(sa.select(Activity).order_by(Activity.starts_at))
    services.sign_up(first, make_person("Deltagare", birth_year=utcnow().year - 15))
    page = client.get(f"/activities/{first.id}").get_data(as_text=True)
    assert f"/activities/{second.id}" in page and f"/activities/{third.id}" in page
    for path in (
        "/areas/boden/activities",
        f"/activities/{first.id}",
        f"/activities/{first.id}/attendance",
        "/areas/boden/activities/new",
    ):
        weight = page_weight(app, path, client)
        assert weight["total"] <= PAGE_BUDGET, weight
