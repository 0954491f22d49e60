"""The private calendar feed carries the person's shifts: confirmed places and places
waiting for a guardian (tentative), with workplace, role and place; nobody else's."""

import sqlalchemy as sa

from app.extensions import db
from app.models import ShiftSignup, SignupStatus
from tests.activities.factories import new_calendar_link, parse
from tests.conftest import count, sign_in_as
from tests.shifts.factories import make_shift, make_workplace, youth


def place(shift, person, status):
    db.session.add(ShiftSignup(shift_id=shift.id, person_id=person.id, status=status))
    db.session.commit()


def test_private_feed_has_confirmed_and_awaiting_shifts(app, client, area):
    cafe = make_workplace(area, "Ungdomscaféet")
    me, other = youth("Jag", age=14), youth("Annan", age=14)
    confirmed = make_shift(cafe, role="Kassa; disk")
    waiting = make_shift(cafe, role="", capacity=2)
    for status, shift in (
        (SignupStatus.CONFIRMED, confirmed),
        (SignupStatus.AWAITING_GUARDIAN, waiting),
        (SignupStatus.WAITLISTED, make_shift(cafe, role="waitlisted")),
        (SignupStatus.CANCELLED, make_shift(cafe, role="cancelled")),
    ):
        place(shift, me, status)
    place(make_shift(cafe, role="theirs"), other, SignupStatus.CONFIRMED)
    sign_in_as(client, me)
    token = new_calendar_link(client)
    response = app.test_client().get(f"/calendar/{token}.ics")
    assert response.status_code == 200
    events = {e["UID"]: e for e in parse(response.get_data(as_text=True))}
    assert set(events) == {f"shift-{confirmed.id}@grannlabb", f"shift-{waiting.id}@grannlabb"}
    first = events[f"shift-{confirmed.id}@grannlabb"]
    assert first["SUMMARY"] == "Shift: Ungdomscaféet\\, Kassa\\; disk"
    assert first["LOCATION"] == f"Ungdomscaféet\\, {area.name}"
    assert first["STATUS"] == "CONFIRMED"
    assert first["URL"].endswith(f"/shifts/{confirmed.id}")
    second = events[f"shift-{waiting.id}@grannlabb"]
    assert second["STATUS"] == "TENTATIVE"
    assert "waiting for a guardian" in second["SUMMARY"]
    assert count(ShiftSignup, sa.true()) == 5
