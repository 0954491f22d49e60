"""iCalendar (RFC 5545) feeds of activities, written by hand: no dependency for ~60 lines.

Lines end in CRLF and are folded at 75 octets (a continuation line starts with one space and
never splits a UTF-8 character); text values escape backslash, semicolon, comma and newlines.
Times are written in UTC (``...Z``), so no VTIMEZONE is needed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from flask import Response, current_app, url_for

from app.models import Activity
from app.models.util import utcnow

MAX_OCTETS = 75
CONTENT_TYPE = "text/calendar; charset=utf-8"


def response(body: str, filename: str) -> Response:
    """A feed shown in the browser or taken by a calendar app, cached privately for 5 minutes."""
    return Response(
        body,
        content_type=CONTENT_TYPE,
        headers={
            "Content-Disposition": f'inline; filename="{filename}"',
            "Cache-Control": "private, max-age=300",
        },
    )


def escape(text: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11)."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into chunks of at most 75 octets (RFC 5545 §3.1)."""
    parts: list[str] = []
    current, size, limit = [], 0, MAX_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, MAX_OCTETS - 1  # the leading space counts
        current.append(char)
        size += octets
    parts.append("".join(current))
    return "\r\n ".join(parts)


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def absolute_url(endpoint: str, **values) -> str:
    """A link under BASE_URL, whatever host the request came in on."""
    base = current_app.config["BASE_URL"].rstrip("/")
    return base + url_for(endpoint, **values)


def event(activity: Activity, now: datetime, summary: str | None = None) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:activity-{activity.id}@grannlabb",
        f"DTSTAMP:{stamp(now)}",
        f"DTSTART:{stamp(activity.starts_at)}",
        f"DTEND:{stamp(activity.ends_at)}",
        f"SUMMARY:{escape(summary or activity.title)}",
        f"LOCATION:{escape(activity.place)}",
        f"DESCRIPTION:{escape(activity.description or '')}",
        f"URL:{absolute_url('activities.activity', activity_id=activity.id)}",
        "END:VEVENT",
    ]


def shift_event(
    shift, now: datetime, summary: str, place: str, tentative: bool = False
) -> list[str]:
    """A café shift (or a summer-job shift) as an event; *tentative* while it waits for a
    guardian's consent."""
    return [
        "BEGIN:VEVENT",
        f"UID:shift-{shift.id}@grannlabb",
        f"DTSTAMP:{stamp(now)}",
        f"DTSTART:{stamp(shift.starts_at)}",
        f"DTEND:{stamp(shift.ends_at)}",
        f"SUMMARY:{escape(summary)}",
        f"LOCATION:{escape(place)}",
        f"STATUS:{'TENTATIVE' if tentative else 'CONFIRMED'}",
        f"URL:{absolute_url('shifts.shift', shift_id=shift.id)}",
        "END:VEVENT",
    ]


def calendar(
    name: str,
    activities: Iterable[Activity],
    summaries: dict[int, str] | None = None,
    events: Iterable[list[str]] = (),
) -> str:
    """A VCALENDAR of the activities, each once (by UID), then the other *events*."""
    now = utcnow()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Grannlabb//Activities//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    seen: set[int] = set()
    for activity in activities:
        if activity.id in seen:
            continue
        seen.add(activity.id)
        lines += event(activity, now, (summaries or {}).get(activity.id))
    for lines_of_event in events:
        lines += lines_of_event
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
