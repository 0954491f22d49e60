"""The Swedish clock: people read every time in Europe/Stockholm; the database stores UTC."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
UTC = ZoneInfo("UTC")


def local(moment: datetime) -> datetime:
    """A stored (UTC) moment as read on a clock in Sweden."""
    return moment.astimezone(STOCKHOLM)


def meeting_time(day: date, clock: time) -> datetime:
    """A date and time as read on a clock in Sweden, in UTC for storing."""
    return datetime.combine(day, clock, tzinfo=STOCKHOLM).astimezone(UTC)


def local_label(moment: datetime) -> str:
    """The meeting's time in Sweden, written the same in every language (for timeline notes)."""
    return moment.astimezone(STOCKHOLM).strftime("%Y-%m-%d %H:%M")
