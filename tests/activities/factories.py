"""Shared builders for the tests of this domain."""

import re
from datetime import timedelta

from app.extensions import db
from app.models import (
    Activity,
    Audience,
    Category,
)
from app.models.util import utcnow
from tests.conftest import make_person, post


def parse(body: str) -> list[dict[str, str]]:
    """A minimal RFC 5545 reader: checks CRLF and folding, unfolds, returns the VEVENTs."""
    assert body.endswith("\r\n")
    raw = body.split("\r\n")[:-1]
    for line in raw:
        assert "\n" not in line and "\r" not in line
        assert len(line.encode("utf-8")) <= 75
    lines: list[str] = []
    for line in raw:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines
    events, current = [], None
    for line in lines:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            name, _, value = line.partition(":")
            current[name] = value
    return events


def next_year():
    return utcnow().year + 1


def form_data(**changes):
    data = {
        "title": "Läxhjälp",
        "description": "Vi hjälper med matte.",
        "category": "school_youth",
        "audience": "youth",
        "organiser": "leaders",
        "place": "Träffpunkten",
        "day": f"{next_year()}-03-04",
        "start": "17:00",
        "end": "19:00",
        "capacity": "10",
        "min_age": "",
        "max_age": "",
        "repeat_weeks": "1",
    }
    data.update(changes)
    return data


def make_activity(area, leader=None, capacity=2, starts_in=timedelta(days=2), **fields):
    start = utcnow() + starts_in
    activity = Activity(
        area_id=area.id,
        title=fields.pop("title", "Fotboll"),
        description="",
        category=Category.CULTURE_LEISURE,
        audience=fields.pop("audience", Audience.EVERYONE),
        place="Planen",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        capacity=capacity,
        created_by_id=leader.id if leader else None,
        walk_ins=0,
        **fields,
    )
    db.session.add(activity)
    db.session.commit()
    return activity


def people(n, prefix="Granne"):
    return [make_person(f"{prefix} {k}") for k in range(n)]


LINK = re.compile(r"/calendar/([A-Za-z0-9_-]+)\.ics")


def new_calendar_link(client) -> str:
    """Make the calendar link and read it where it is shown, once, on My account."""
    assert post(client, "/account/calendar-link").status_code == 302
    return LINK.search(client.get("/account").get_data(as_text=True)).group(1)
