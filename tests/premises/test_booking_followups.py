"""Bookings and the rest of the app: notices in the reader's language, notices that cost no
extra queries, pending requests in the week calendar, organisers in the activity lists, and an
activity placed in a booked time."""

from datetime import time

import pytest
import sqlalchemy as sa
from flask_babel import force_locale, get_locale, get_translations

from app.extensions import db
from app.models import Notification, NotificationKind
from app.models.associations import (
    Association,
    AssociationKind,
    AssociationStatus,
)
from app.models.premises import Booking, BookingStatus
from app.notifications import inbox, messages, outbox
from app.premises.booking import BookingInput, approve, book, decline, overlapping
from app.premises.cancelling import cancel
from app.premises.personal_data import forget
from tests.conftest import make_person, post, sign_in_as
from tests.premises.factories import in_days, make_premises, verified
from tests.queries import counting, queries

CANCELLED = "A process leader cancelled your booking: %(what)s."
CANCELLED_WITH_REASON = "A process leader cancelled your booking: %(what)s. Reason: %(reason)s"


def swedish(monkeypatch, msgid: str, text: str) -> None:
    """Give the Swedish catalogue a sentence the translators have not written yet."""
    with force_locale("sv"):
        catalogue = get_translations()._catalog
    monkeypatch.setitem(catalogue, msgid, text)


class Recorder:
    """A sender that keeps what it was given."""

    sent: list[tuple[str, str]] = []

    def send(self, address, subject, body):
        Recorder.sent.append((address, body))


def last_notice(person_id: int, kind: NotificationKind) -> Notification:
    return db.session.scalar(
        sa.select(Notification)
        .where(Notification.person_id == person_id, Notification.kind == kind)
        .order_by(Notification.id.desc())
        .limit(1)
    )


# --- 3. A leader's cancellation reads in the booker's language ----------------------------------


def test_leader_in_english_cancels_and_the_swedish_booker_reads_swedish(
    app, client, area, leader, monkeypatch
):
    swedish(monkeypatch, CANCELLED, "En processledare avbokade din bokning: %(what)s.")
    swedish(
        monkeypatch,
        CANCELLED_WITH_REASON,
        "En processledare avbokade din bokning: %(what)s. Skäl: %(reason)s",
    )
    room = make_premises(area, leader)
    booker = verified(area, "Sven Svensson")
    booker.locale = "sv"
    db.session.commit()
    assert leader.locale == "en"
    data = BookingInput("Styrelsemöte", in_days(5), time(18), time(20), 6)
    first = book(room, booker, data)[0].booking
    data.day = in_days(6)
    second = book(room, booker, data)[0].booking
    first_id, second_id = first.id, second.id

    sign_in_as(client, leader)
    assert post(client, f"/bookings/{first_id}/cancel").status_code == 302
    response = post(client, f"/bookings/{second_id}/cancel", {"reason": "Water leak"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Booking, second_id).reason == "Water leak"
    plain, with_reason = db.session.scalars(
        sa.select(Notification)
        .where(Notification.kind == NotificationKind.BOOKING_CANCELLED)
        .order_by(Notification.id)
    ).all()
    # Stored: the premises and time, and the leader's own words; no sentence in any language.
    assert plain.person_id == booker.id
    assert plain.detail.startswith("Meeting room, ") and "\n" not in plain.detail
    assert with_reason.detail.endswith("\nWater leak")
    assert "cancel" not in (plain.detail + with_reason.detail).lower()

    # The booker's notification list, in Swedish.
    sign_in_as(client, booker)
    page = client.get("/notifications").get_data(as_text=True)
    assert "En processledare avbokade din bokning: Meeting room" in page
    assert "Skäl: Water leak" in page
    assert "A process leader cancelled" not in page

    # The email, rendered in Swedish by the outbox worker.
    seen = []
    original = messages._

    def spy(msgid, **variables):
        seen.append((str(get_locale()), msgid))
        return original(msgid, **variables)

    monkeypatch.setattr(messages, "_", spy)
    Recorder.sent = []
    monkeypatch.setattr(outbox, "sender_for", lambda address: Recorder())
    outbox.deliver_outbox()
    sent = Recorder.sent
    assert ("sv", CANCELLED) in seen and ("sv", CANCELLED_WITH_REASON) in seen
    bodies = [body for address, body in sent if address == booker.email]
    assert any("En processledare avbokade din bokning" in body for body in bodies)
    assert any("Skäl: Water leak" in body for body in bodies)


def test_cancel_reason_is_cut_to_the_column(app, area, leader):
    room = make_premises(area, leader)
    booker = verified(area)
    booking = book(room, booker, BookingInput("x", in_days(3), time(10), time(11), 2))[0].booking
    cancel(booking, leader, "x" * 900)
    notice = last_notice(booker.id, NotificationKind.BOOKING_CANCELLED)
    assert len(booking.reason) == 500 and notice.detail.endswith("x" * 500)
    with force_locale("en"):
        assert "Reason: xxx" in messages.sentence(notice)


def test_booker_cancelling_their_own_booking_hears_nothing(app, area, leader):
    room = make_premises(area, leader)
    booker = verified(area)
    booking = book(room, booker, BookingInput("x", in_days(3), time(10), time(11), 2))[0].booking
    cancel(booking, booker, "ignored")
    assert last_notice(booker.id, NotificationKind.BOOKING_CANCELLED) is None
    assert booking.reason == ""


# --- 5. Notices cost the same queries however many associations they name ----------------------


def _founded_associations(area_id: int, n: int, start: int, token: str) -> list[Association]:
    associations = [
        Association(
            area_id=area_id,
            kind=AssociationKind.NONPROFIT,
            status=AssociationStatus.FOUNDED,
            name=f"Förening {i}",
            invite_token=f"{token}-{i}",
        )
        for i in range(start, start + n)
    ]
    db.session.add_all(associations)
    db.session.flush()
    return associations


def _associations_with_notices(area_id: int, person_id: int, n: int, start: int) -> None:
    associations = _founded_associations(area_id, n, start, "token")
    kinds = [
        NotificationKind.ASSOCIATION_MESSAGE,
        NotificationKind.ASSOCIATION_JOIN_REQUEST,
        NotificationKind.ASSOCIATION_FOUNDER_INVITE,
    ]
    db.session.add_all(
        Notification(
            person_id=person_id,
            kind=kinds[i % 3],
            association_id=a.id,
            detail="Granne\nHej styrelsen" if i % 3 == 0 else "Granne",
        )
        for i, a in enumerate(associations)
    )
    db.session.commit()


def test_notification_list_queries_do_not_grow_with_associations(client, area):
    person = make_person("Reader")
    sign_in_as(client, person)
    area_id, person_id = area.id, person.id
    _associations_with_notices(area_id, person_id, 3, 0)
    status, small = queries(client, "GET", "/notifications")
    assert status == 200
    _associations_with_notices(area_id, person_id, 27, 3)
    status, large = queries(client, "GET", "/notifications")
    assert status == 200
    assert len(large) == len(small), "\n".join(large)
    page = client.get("/notifications").get_data(as_text=True)
    assert "Förening 29" in page and "Förening 0" in page


def test_page_of_loads_what_the_sentences_read(app, area):
    person = make_person("Reader")
    person_class, person_id = type(person), person.id
    _associations_with_notices(area.id, person_id, 30, 0)
    db.session.remove()
    person = db.session.get(person_class, person_id)
    with counting() as statements:
        rows, more = inbox.page_of(person)
        with app.test_request_context():
            sentences = [messages.render(n).sentence for n in rows]
    assert not more and len(rows) == 30
    assert len(statements) == 1, statements
    assert any("Förening 7" in s for s in sentences)


def _delivered_queries(area_id: int, monkeypatch, n: int, start: int) -> int:
    person = make_person(f"Reader {start}", email=f"reader{start}@test.example")
    _associations_with_notices(area_id, person.id, n, start)
    monkeypatch.setattr(outbox, "sender_for", lambda address: Recorder())
    db.session.remove()
    with counting() as statements:
        result = outbox.deliver_outbox()
    assert result.sent == n
    # No statement of its own for an association: they come with the notices.
    assert not [s for s in statements if s.startswith("SELECT") and "FROM association" in s]
    return len(statements)


def test_outbox_queries_per_notice_do_not_depend_on_associations(app, area, monkeypatch):
    area_id = area.id
    small = _delivered_queries(area_id, monkeypatch, 3, 0)
    large = _delivered_queries(area_id, monkeypatch, 30, 3)
    one = _delivered_queries(area_id, monkeypatch, 1, 40)
    per_notice = (small - one) // 2
    # Each notice costs its claim and its "sent" mark, whatever association it names.
    assert per_notice <= 3
    assert large - small == 27 * per_notice


# --- 4. The activity list names the association that organises ---------------------------------


def _association_activities(area_id: int, n: int, start: int) -> None:
    from datetime import timedelta

    from app.models import Activity, Category
    from app.models.util import utcnow

    associations = _founded_associations(area_id, n, start, "activity-token")
    soon = utcnow() + timedelta(days=2)
    db.session.add_all(
        Activity(
            area_id=area_id,
            title=f"Möte {i}",
            category=Category.CULTURE_LEISURE,
            place="Träffpunkten",
            starts_at=soon + timedelta(days=i),
            ends_at=soon + timedelta(days=i, hours=2),
            association_id=a.id,
        )
        for i, a in enumerate(associations, start)
    )
    db.session.commit()


def test_activity_list_names_the_association_without_a_query_each(client, area):
    area_id, slug = area.id, area.slug
    _association_activities(area_id, 3, 0)
    status, small = queries(client, "GET", f"/areas/{slug}/activities")
    assert status == 200
    _association_activities(area_id, 27, 3)
    status, large = queries(client, "GET", f"/areas/{slug}/activities")
    assert status == 200
    assert len(large) == len(small), "\n".join(large)
    page = client.get(f"/areas/{slug}/activities").get_data(as_text=True)
    assert "by Förening 0" in page and "by Förening 29" in page


# --- 2. Requests awaiting approval in the week calendar -----------------------------------------


def test_week_calendar_draws_requests_apart_from_bookings(client, area, leader):
    room = make_premises(area, leader, needs_approval=True)
    asker, other = verified(area, "Asha Asker"), verified(area, "Nils Neighbour")
    day = in_days(4)
    request = book(room, asker, BookingInput("Secret birthday", day, time(18), time(20), 6))[
        0
    ].booking
    confirmed = book(room, other, BookingInput("Choir", day, time(10), time(12), 6))[0].booking
    approve(confirmed, leader)
    week = f"/premises/{room.id}?week={day.isoformat()}"

    def requested_items(page: str) -> list[str]:
        return [part.split("</li>")[0] for part in page.split('class="slot requested"')[1:]]

    # A neighbour: the request is there, as requested, without name or purpose.
    sign_in_as(client, other)
    page = client.get(week).get_data(as_text=True)
    (item,) = requested_items(page)
    assert "Requested, awaiting approval" in item and "T17:00:00+00:00" in item
    assert "Asha Asker" not in page and "Secret birthday" not in page
    assert 'class="slot taken"' in page and "Your booking" in page  # the approved choir
    # The asker sees their own request.
    sign_in_as(client, asker)
    (item,) = requested_items(client.get(week).get_data(as_text=True))
    assert "Your request, awaiting approval" in item
    # Leaders see who asked and why; the time is still free to book until approved.
    sign_in_as(client, leader)
    page = client.get(week).get_data(as_text=True)
    (item,) = requested_items(page)
    assert "Asha Asker" in item and "Secret birthday" in item
    # The htmx fragment of the week draws the same.
    fragment = client.get(week, headers={"HX-Request": "true"}).get_data(as_text=True)
    assert requested_items(fragment) and "<html" not in fragment
    # Once decided, it is no longer drawn as requested.
    decline(request, leader, "Double booked")
    assert requested_items(client.get(week).get_data(as_text=True)) == []


def test_anonymous_visitor_sees_requests_without_names(app, area, leader):
    room = make_premises(area, leader, needs_approval=True)
    asker = verified(area, "Asha Asker")
    day = in_days(4)
    book(room, asker, BookingInput("Secret", day, time(18), time(20), 6))
    with app.test_client() as visitor:
        page = visitor.get(
            f"/premises/{room.id}?week={day.isoformat()}", headers={"Accept-Language": "en"}
        ).get_data(as_text=True)
    assert "Requested, awaiting approval" in page
    assert "Asha Asker" not in page and "Secret" not in page


# --- 1. An activity placed in a booked time --------------------------------------------------


ACTIVITY_FORM = {
    "title": "Sewing circle",
    "category": "culture_leisure",
    "audience": "everyone",
    "capacity": "12",
}


@pytest.fixture
def placed(client, area, leader):
    """A partner's representative books the meeting room and places an activity in it."""
    from app.models import Activity
    from tests.partners.factories import make_partner, make_rep

    room = make_premises(area, leader)
    partner = make_partner(areas=[area])
    rep = make_rep(partner, "Sara Partner")
    booking = book(
        room,
        rep,
        BookingInput("Sewing", in_days(5), time(18), time(20), 8, book_as=f"partner:{partner.id}"),
    )[0].booking
    sign_in_as(client, rep)
    response = post(client, f"/bookings/{booking.id}/activity", ACTIVITY_FORM)
    assert response.status_code == 302, response.get_data(as_text=True)
    activity = db.session.scalar(sa.select(Activity))
    return room, booking, activity, rep


def test_activity_in_a_booking_is_linked_and_names_the_premises(client, placed):
    room, booking, activity, _rep = placed
    assert activity.booking_id == booking.id and activity.place == "Meeting room"
    page = client.get(f"/activities/{activity.id}").get_data(as_text=True)
    assert f'href="/premises/{room.id}?week=' in page


def test_booker_must_confirm_cancelling_a_booking_that_holds_an_activity(client, placed):
    from app.models import Activity

    room, booking, activity, rep = placed
    booking_id, activity_id = booking.id, activity.id
    response = post(client, f"/bookings/{booking_id}/cancel")
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "holds a coming activity" in page and "Sewing circle" in page
    assert 'name="confirmed" value="1"' in page
    assert 'name="reason"' not in page  # the booker tells no one but themselves
    db.session.expire_all()
    assert db.session.get(Booking, booking_id).status is BookingStatus.APPROVED
    assert db.session.get(Activity, activity_id).booking_id == booking_id

    response = post(client, f"/bookings/{booking_id}/cancel", {"confirmed": "1"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Booking, booking_id).status is BookingStatus.CANCELLED
    activity = db.session.get(Activity, activity_id)
    assert activity.booking_id is None and activity.place == "Meeting room"
    # They cancelled it themselves: no notice about their own activity.
    assert last_notice(rep.id, NotificationKind.ACTIVITY_PLACE_LOST) is None
    page = client.get(f"/activities/{activity_id}").get_data(as_text=True)
    assert f'href="/premises/{room.id}?week=' not in page and "Meeting room" in page
    # The time is free again for others.
    assert overlapping(room.id, booking.starts_at, booking.ends_at) is None


def test_leader_cancelling_tells_the_organiser_their_activity_lost_its_place(
    app, client, placed, leader
):
    from app.models import Activity

    room, booking, activity, rep = placed
    booking_id, activity_id = booking.id, activity.id
    sign_in_as(client, leader)
    week = f"/premises/{room.id}?week={in_days(5).isoformat()}"
    page = client.get(week).get_data(as_text=True)
    assert f"/bookings/{booking_id}/cancel?next=" in page
    page = client.get(f"/bookings/{booking_id}/cancel?next={week}").get_data(as_text=True)
    assert "Sewing circle" in page and 'name="reason"' in page
    response = post(
        client,
        f"/bookings/{booking_id}/cancel",
        {"confirmed": "1", "reason": "Heating broken", "next": week},
    )
    assert response.status_code == 302 and response.location.endswith(week)
    db.session.expire_all()
    assert db.session.get(Activity, activity_id).booking_id is None
    lost = last_notice(rep.id, NotificationKind.ACTIVITY_PLACE_LOST)
    assert lost.activity_id == activity_id and lost.detail == "Meeting room"
    with app.test_request_context(), force_locale("en"):
        notice = messages.render(lost)
    assert "The booking of Meeting room for your activity “Sewing circle” was cancelled" in (
        notice.sentence
    )
    assert notice.url.endswith(f"/activities/{activity_id}")
    cancelled = last_notice(rep.id, NotificationKind.BOOKING_CANCELLED)
    assert cancelled.detail.endswith("\nHeating broken")


def test_cancel_page_is_only_for_those_who_may_cancel(client, placed, area):
    _room, booking, _activity, _rep = placed
    sign_in_as(client, verified(area, "Nosy"))
    assert client.get(f"/bookings/{booking.id}/cancel").status_code == 403
    assert post(client, f"/bookings/{booking.id}/cancel", {"confirmed": "1"}).status_code == 403


def test_moving_the_activity_away_from_the_booking_unlinks_it(app, placed):
    from app.activities import services as activities
    from app.models import Activity

    _room, booking, activity, rep = placed
    data = activities.ActivityInput(
        title=activity.title,
        description="",
        category=activity.category,
        audience=activity.audience,
        place="Meeting room",
        day=in_days(5),
        start=time(18),
        end=time(19),
        capacity=12,
        min_age=None,
        max_age=None,
        partner_id=activity.partner_id,
    )
    activities.update(activity, rep, data)  # inside the booked time: still held
    assert db.session.get(Activity, activity.id).booking_id == booking.id
    data.place = "The park"
    activities.update(activity, rep, data)
    assert db.session.get(Activity, activity.id).booking_id is None


def test_deleting_the_bookers_account_unlinks_the_activity(app, placed):
    from app.models import Activity

    _room, booking, activity, rep = placed
    forget(rep)
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Booking, booking.id).status is BookingStatus.CANCELLED
    assert db.session.get(Activity, activity.id).booking_id is None


def test_my_bookings_shows_the_activity_each_booking_holds(client, placed):
    _room, _booking, activity, _rep = placed
    page = client.get("/bookings/mine").get_data(as_text=True)
    assert "Holds the activity" in page and f'href="/activities/{activity.id}"' in page
