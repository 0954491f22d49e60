"""Premises: leaders manage them per area; the week calendar shows free and taken times."""

import re
from datetime import date, time, timedelta
from io import BytesIO

import pytest
from PIL import Image

from app.clock import meeting_time
from app.extensions import db
from app.models import Role
from app.models.premises import Booking, BookingStatus, ClosedDate, OpeningSpan, Premises
from app.premises.booking import BookingInput, book
from app.premises.schedule import week_start
from tests.conftest import count, give_role, make_person, post, sign_in_as
from tests.premises.factories import in_days, make_premises, verified

# The least a leader fills in to save premises.
ROOM = {"name": "Room", "capacity": "10", "max_minutes": "60", "max_days_ahead": "5"}


def test_leader_creates_premises_with_hours_and_closed_dates(client, area, leader):
    sign_in_as(client, leader)
    response = post(
        client,
        f"/areas/{area.slug}/premises/new",
        {
            "name": "Träffpunkten",
            "capacity": "25",
            "accessibility": "Step-free entrance",
            "equipment": "Projector, coffee machine",
            "rules": "Leave it tidy",
            "for_residents": "y",
            "needs_approval": "y",
            "max_minutes": "180",
            "max_days_ahead": "30",
            "hours_0": "09:00-12:00, 13:00-21:00",
            "hours_5": "10:00-16:00",
            "closed": "2026-12-24 Christmas Eve\n2026-12-31",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    premises = db.session.scalar(db.select(Premises))
    assert premises.name == "Träffpunkten" and premises.capacity == 25
    assert premises.needs_approval and premises.for_residents
    assert not premises.for_associations and not premises.for_partners
    assert premises.max_minutes == 180 and premises.max_days_ahead == 30
    assert [(s.weekday, s.opens, s.closes) for s in premises.spans] == [
        (0, time(9), time(12)),
        (0, time(13), time(21)),
        (5, time(10), time(16)),
    ]
    assert [(c.day, c.note) for c in premises.closed_dates] == [
        (date(2026, 12, 24), "Christmas Eve"),
        (date(2026, 12, 31), ""),
    ]
    page = client.get(f"/premises/{premises.id}").get_data(as_text=True)
    text = re.sub(r"<[^>]+>", "", page)  # each time range is kept on one line by a span
    assert "Step-free entrance" in page and "09:00–12:00, 13:00–21:00" in text
    listing = client.get(f"/areas/{area.slug}/premises").get_data(as_text=True)
    assert "Träffpunkten" in listing


def test_edit_replaces_hours(client, area, leader):
    premises = make_premises(area, leader)
    sign_in_as(client, leader)
    form = client.get(f"/premises/{premises.id}/edit").get_data(as_text=True)
    assert "08:00-22:00" in form
    response = post(
        client,
        f"/premises/{premises.id}/edit",
        {**ROOM, "hours_2": "18:00-20:00"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert count(OpeningSpan) == 1 and premises.name == "Room"


@pytest.mark.parametrize(
    "hours, message",
    [
        ("9-12", "Write the hours as 09:00-12:00"),
        ("12:00-09:00", "Each span must close after it opens."),
        ("09:00-12:00, 11:00-13:00", "The spans of one day must not overlap."),
    ],
)
def test_bad_hours_are_refused(client, area, leader, hours, message):
    sign_in_as(client, leader)
    response = post(
        client,
        f"/areas/{area.slug}/premises/new",
        {**ROOM, "hours_0": hours},
    )
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert count(Premises) == 0


def test_bad_closed_date_is_refused(client, area, leader):
    sign_in_as(client, leader)
    response = post(
        client,
        f"/areas/{area.slug}/premises/new",
        {**ROOM, "closed": "24 December"},
    )
    assert response.status_code == 422
    assert "Write each closed date on its own line" in response.get_data(as_text=True)


def test_only_the_areas_leader_manages_premises(client, area, other_area, leader, resident):
    premises = make_premises(area, leader)
    sign_in_as(client, resident)
    assert client.get(f"/areas/{area.slug}/premises/new").status_code == 403
    assert post(client, f"/premises/{premises.id}/edit", {"name": "x"}).status_code == 403
    other_leader = make_person("Other Leader")
    give_role(other_leader, other_area, Role.LEADER)
    sign_in_as(client, other_leader)
    assert client.get(f"/premises/{premises.id}/edit").status_code == 403
    assert client.get(f"/areas/{area.slug}/premises/new").status_code == 403


def test_photo_is_reencoded_without_metadata(client, area, leader):
    sign_in_as(client, leader)
    image = Image.new("RGB", (2000, 1000), "orange")
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"
    buffer = BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    buffer.seek(0)
    response = post(
        client,
        f"/areas/{area.slug}/premises/new",
        {**ROOM, "photo": (buffer, "room.jpg")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    premises = db.session.scalar(db.select(Premises))
    assert premises.photo.endswith(".webp")
    served = client.get(f"/media/premises/{premises.photo}")
    assert served.status_code == 200 and served.mimetype == "image/webp"
    with Image.open(BytesIO(served.data)) as stored:
        assert max(stored.size) == 1280
        assert b"SecretCam" not in served.data
    served.close()
    assert client.get("/media/premises/" + "0" * 32 + ".webp").status_code == 404


def test_week_calendar_shows_free_and_booked_without_names(client, area, leader):
    premises = make_premises(area, leader)
    booker = verified(area, "Bashir Booker")
    day = in_days(8)
    book(
        premises,
        booker,
        BookingInput("Birthday party", day, time(14), time(16), 10),
    )
    week = f"/premises/{premises.id}?week={day.isoformat()}"
    page = client.get(week).get_data(as_text=True)
    assert "Booked" in page and "Free" in page
    assert "Bashir Booker" not in page and "Birthday party" not in page
    sign_in_as(client, verified(area, "Someone Else"))
    page = client.get(week).get_data(as_text=True)
    assert "Bashir Booker" not in page
    sign_in_as(client, booker)
    assert "Your booking" in client.get(week).get_data(as_text=True)
    sign_in_as(client, leader)
    page = client.get(week).get_data(as_text=True)
    assert "Bashir Booker" in page and "Birthday party" in page


def test_week_links_and_fragment(client, area, leader):
    premises = make_premises(area, leader)
    monday = week_start(None)
    page = client.get(f"/premises/{premises.id}").get_data(as_text=True)
    nxt = (monday + timedelta(weeks=1)).isoformat()
    assert f"week={nxt}" in page and f"week={(monday - timedelta(weeks=1)).isoformat()}" in page
    fragment = client.get(f"/premises/{premises.id}?week={nxt}", headers={"HX-Request": "true"})
    text = fragment.get_data(as_text=True)
    assert 'id="week"' in text and "<html" not in text
    for week in ("garbage", "9999-12-31", "0001-01-01", "2026-02-30"):
        assert client.get(f"/premises/{premises.id}?week={week}").status_code == 200


def test_closed_date_shows_in_calendar(client, area, leader):
    day = in_days(9)
    premises = make_premises(area, leader, closed=[(day, "Painting")])
    page = client.get(f"/premises/{premises.id}?week={day.isoformat()}").get_data(as_text=True)
    assert "Painting" in page


def test_ical_feed_says_booked_without_names(client, area, leader):
    premises = make_premises(area, leader)
    booker = verified(area, "Bashir Booker")
    book(premises, booker, BookingInput("Secret party", in_days(3), time(14), time(16), 5))
    response = client.get(f"/premises/{premises.id}.ics")
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert body.count("BEGIN:VEVENT") == 1 and "SUMMARY:Booked" in body
    assert "Bashir" not in body and "Secret party" not in body
    assert body.endswith("END:VCALENDAR\r\n")


def test_calendar_queries_do_not_grow_with_bookings(client, area, leader, app):
    from sqlalchemy import event

    premises = make_premises(area, leader)
    day = week_start(in_days(14).isoformat())
    statements = []

    def counter(*args):
        statements.append(1)

    def load():
        statements.clear()
        event.listen(db.engine, "before_cursor_execute", counter)
        client.get(f"/premises/{premises.id}?week={day.isoformat()}")
        event.remove(db.engine, "before_cursor_execute", counter)
        return len(statements)

    sign_in_as(client, leader)
    base = None
    for k in range(6):
        db.session.add(
            Booking(
                premises_id=premises.id,
                person_id=make_person(f"P{k}").id,
                purpose="x",
                starts_at=meeting_time(day + timedelta(days=k), time(10)),
                ends_at=meeting_time(day + timedelta(days=k), time(11)),
                people=1,
                status=BookingStatus.APPROVED,
            )
        )
        db.session.commit()
        if base is None:
            base = load()
    assert load() == base


def test_closed_date_model_unique(area, leader):
    premises = make_premises(area, leader, closed=[(in_days(3), "a")])
    assert count(ClosedDate, ClosedDate.premises_id == premises.id) == 1


def test_area_page_links_to_premises(client, area):
    page = client.get(f"/areas/{area.slug}").get_data(as_text=True)
    assert f"/areas/{area.slug}/premises" in page
