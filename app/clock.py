"""The Swedish clock: people read every time in Europe/Stockholm; the database stores UTC.

Times are written for people by Babel in the reader's language, with the weekday wherever a
person plans (``date_label``, ``moment_label``), and on the 24-hour clock in every language
(``time_label``): a 12-hour "3:00 PM" next to the 15:00 on the meeting place's door, the
school schedule and the guardian's SMS would make one time look like two."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from babel import Locale, dates
from flask_babel import get_locale

STOCKHOLM = ZoneInfo("Europe/Stockholm")
UTC = ZoneInfo("UTC")


def local(moment: datetime) -> datetime:
    """A stored (UTC) moment as read on a clock in Sweden."""
    return moment.astimezone(STOCKHOLM)


def meeting_time(day: date, clock: time) -> datetime:
    """A date and time as read on a clock in Sweden, in UTC for storing."""
    return datetime.combine(day, clock, tzinfo=STOCKHOLM).astimezone(UTC)


def local_label(moment: datetime) -> str:
    """The meeting's time in Sweden, written the same in every language (ISO, for the notes
    of a timeline that every reader sees in their own language)."""
    return moment.astimezone(STOCKHOLM).isoformat(" ", "minutes")[:16]


CLOCK = "HH:mm"  # the 24-hour clock, in every language
OUTSIDE_REQUESTS = Locale.parse("sv")  # commands and jobs write Swedish unless told otherwise
NO_BREAK_DASH = "\u2060\u2013\u2060"  # en dash held to both times by word joiners
DATE_WIDTHS = {"full": "full", "short": "EEE d MMM", "medium": "medium"}


DAY_SKELETON = "MMMMEEEEd"  # weekday, day and month in the language's own order


def date_label(moment: datetime | date, width: str = "full") -> str:
    """The day in the reader's language: "tisdag 8 december 2026" (full, with the weekday),
    "tis 8 december" (day: weekday, day and month, as a list of coming days shows them),
    "tis 8 dec." (short, with the weekday) or "8 dec. 2026" (medium, for tables)."""
    day = local(moment).date() if isinstance(moment, datetime) else moment
    locale = get_locale() or OUTSIDE_REQUESTS
    if width == "day":
        return dates.format_skeleton(DAY_SKELETON, day, locale=locale)
    return dates.format_date(day, DATE_WIDTHS[width], locale=locale)


def time_label(moment: datetime | time) -> str:
    """The time of day in Sweden, on the 24-hour clock: "15:00" (a stored moment is read in
    Sweden; a clock time, such as an opening hour, is written as it is)."""
    if isinstance(moment, datetime):
        moment = local(moment)
    return dates.format_time(moment, CLOCK, locale=get_locale() or OUTSIDE_REQUESTS)


def moment_label(moment: datetime, width: str = "full") -> str:
    """Day and time: "tisdag 8 december 2026 15:00"."""
    return f"{date_label(moment, width)} {time_label(moment)}"


def span_label(start: datetime, end: datetime, width: str = "full") -> str:
    """From start to end: "tisdag 8 december 2026 15:00–17:00" (the times never split over two
    lines), the end's day named too when it is another day."""
    if local(start).date() == local(end).date():
        return f"{moment_label(start, width)}{NO_BREAK_DASH}{time_label(end)}"
    return f"{moment_label(start, width)} \u2013 {moment_label(end, width)}"
