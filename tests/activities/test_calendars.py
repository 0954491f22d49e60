"""iCal feeds: per area, per activity, and a private per-person feed behind a secret link."""

from datetime import timedelta

from app.activities import ical, services
from app.extensions import db
from app.models import Person, Registration, RegistrationStatus
from app.models.util import utcnow
from app.tokens import digest
from tests.activities.factories import LINK, make_activity, new_calendar_link, parse, people
from tests.conftest import post, sign_in_as


def unescape(value: str) -> str:
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            nxt = next(chars)
            out.append("\n" if nxt in "nN" else nxt)
        else:
            out.append(char)
    return "".join(out)


def stamp(moment):
    return ical.stamp(moment)


def test_activity_ics_fields_escaping_and_folding(client, area, leader):
    activity = make_activity(area, leader, title="Fika, kaka; och\nlek")
    activity.place = "Träffpunkten, rum 2"
    activity.description = "Lång beskrivning med åäö och emoji 🎉 " * 20 + "\\slut"
    db.session.commit()
    response = client.get(f"/activities/{activity.id}.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.get_data(as_text=True)
    assert "SUMMARY:Fika\\, kaka\\; och\\nlek\r\n" in body
    assert "\r\n " in body  # the long description is folded
    (event,) = parse(body)
    assert event["UID"] == f"activity-{activity.id}@grannlabb"
    assert event["DTSTART"] == stamp(activity.starts_at) and event["DTSTART"].endswith("Z")
    assert event["DTEND"] == stamp(activity.ends_at)
    assert len(event["DTSTAMP"]) == 16 and event["DTSTAMP"].endswith("Z")
    assert unescape(event["SUMMARY"]) == "Fika, kaka; och\nlek"
    assert unescape(event["LOCATION"]) == "Träffpunkten, rum 2"
    assert unescape(event["DESCRIPTION"]) == activity.description
    assert event["URL"] == f"http://localhost/activities/{activity.id}"
    page = client.get(f"/activities/{activity.id}").get_data(as_text=True)
    assert f'href="/activities/{activity.id}.ics"' in page
    assert client.get("/activities/999999.ics").status_code == 404


def test_fold_never_splits_a_character():
    line = "DESCRIPTION:" + "ö" * 100
    folded = ical.fold(line)
    for part in folded.split("\r\n"):
        assert len(part.encode("utf-8")) <= 75
    assert folded.replace("\r\n ", "") == line
    assert ical.fold("SHORT:x") == "SHORT:x"


def test_area_feed_has_upcoming_and_last_30_days_of_the_area_only(client, area, other_area, leader):
    soon = make_activity(area, leader, title="Soon")
    recent = make_activity(area, leader, title="Recent", starts_in=-timedelta(days=10))
    make_activity(area, leader, title="Old", starts_in=-timedelta(days=40))
    make_activity(other_area, None, title="Elsewhere")
    response = client.get("/areas/boden/activities.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    events = parse(response.get_data(as_text=True))
    assert [e["SUMMARY"] for e in events] == ["Recent", "Soon"]
    assert {e["UID"] for e in events} == {
        f"activity-{recent.id}@grannlabb",
        f"activity-{soon.id}@grannlabb",
    }
    assert client.get("/areas/nowhere/activities.ics").status_code == 404
    page = client.get("/areas/boden/activities").get_data(as_text=True)
    assert 'href="/areas/boden/activities.ics"' in page


def _has_link(person_id: int) -> bool:
    db.session.expire_all()
    return db.session.get(Person, person_id).calendar_token_hash is not None


def test_private_feed_only_has_that_persons_places(app, client, area, leader):
    me, other = people(2)
    mine = make_activity(area, leader, title="Mine", capacity=1)
    offered = make_activity(area, leader, title="Offered", capacity=1)
    waiting = make_activity(area, leader, title="Waiting", capacity=1)
    cancelled = make_activity(area, leader, title="Cancelled")
    theirs = make_activity(area, leader, title="Theirs")
    child = make_activity(area, leader, title="Kids")
    services.sign_up(mine, me)
    services.sign_up(waiting, other)
    services.sign_up(waiting, me)
    services.sign_up(theirs, other)
    services.sign_up(child, me, "Ali", utcnow().year - 8)
    services.sign_up(cancelled, me)
    services.cancel(db.session.query(Registration).filter_by(activity_id=cancelled.id).one(), me)
    db.session.add(
        Registration(
            activity_id=offered.id,
            person_id=me.id,
            status=RegistrationStatus.OFFERED,
            offered_until=utcnow() + timedelta(hours=5),
        )
    )
    db.session.commit()

    sign_in_as(client, me)
    page = client.get("/account").get_data(as_text=True)
    assert "Create a calendar link" in page and "/calendar/" not in page
    response = post(client, "/account/calendar-link")
    assert response.status_code == 302
    page = client.get("/account").get_data(as_text=True)
    token = LINK.search(page).group(1)
    assert token and len(token) >= 43
    assert f"http://localhost/calendar/{token}.ics" in page
    assert "Revoke and make a new link" in page
    # Stored only as a keyed hash, and shown only that once.
    stored = db.session.get(Person, me.id).calendar_token_hash
    assert stored == digest(f"calendar:{token}") and token not in stored
    page = client.get("/account").get_data(as_text=True)
    assert "/calendar/" not in page and "Your calendar link works" in page

    response = app.test_client().get(f"/calendar/{token}.ics")  # no session needed
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    summaries = sorted(e["SUMMARY"] for e in parse(response.get_data(as_text=True)))
    assert summaries == ["Kids (Ali)", "Mine", "Offered"]


def test_revoke_makes_a_new_link_and_the_old_one_404s(client, area, resident):
    sign_in_as(client, resident)
    old = new_calendar_link(client)
    assert client.get(f"/calendar/{old}.ics").status_code == 200
    new = new_calendar_link(client)
    assert new and new != old
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    assert client.get(f"/calendar/{new}.ics").status_code == 200


def test_unknown_token_is_404_and_deleted_account_has_no_feed(client, resident):
    assert client.get("/calendar/nothing-here.ics").status_code == 404
    assert client.get("/calendar/" + "x" * 100 + ".ics").status_code == 404
    sign_in_as(client, resident)
    token = new_calendar_link(client)
    post(client, "/account/delete")
    assert not _has_link(resident.id)
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_calendar_link_needs_csrf_and_sign_in(app, client, resident):
    assert post(client, "/account/calendar-link").status_code == 302  # to sign-in
    sign_in_as(client, resident)
    response = client.post("/account/calendar-link")
    assert response.status_code == 400
    assert not _has_link(resident.id)
