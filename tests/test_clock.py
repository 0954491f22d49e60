"""Times as people read them: Babel in the reader's language, the weekday where a person plans,
the 24-hour clock in every language, Swedish time; and no ``strftime`` writing user-facing text
anywhere (a machine format such as iCal's UTC stamps is the one exception)."""

import re
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from flask_babel import force_locale

from app.clock import date_label, local_label, moment_label, span_label, time_label

ROOT = Path(__file__).resolve().parent.parent
WINTER = datetime(2026, 12, 8, 14, 0, tzinfo=UTC)  # 15:00 in Sweden (CET)
SUMMER = datetime(2026, 7, 8, 14, 0, tzinfo=UTC)  # 16:00 in Sweden (CEST)


def test_swedish_with_weekday_and_24_hour_clock(app):
    with app.test_request_context(), force_locale("sv"):
        assert date_label(WINTER) == "tisdag 8 december 2026"
        assert time_label(WINTER) == "15:00" and time_label(SUMMER) == "16:00"
        assert moment_label(SUMMER, "short") == "ons 8 juli 16:00"
        span = span_label(WINTER, WINTER.replace(hour=16))
        assert span == "tisdag 8 december 2026 15:00\u2060–\u206017:00"  # never split
        assert date_label(date(2026, 12, 8), "medium") == "8 dec. 2026"
        assert time_label(time(8, 30)) == "08:30"


@pytest.mark.parametrize("lang", ["en", "ar", "so", "fa", "ti"])
def test_every_language_names_the_weekday_and_keeps_the_24_hour_clock(app, lang):
    with app.test_request_context(), force_locale(lang):
        text = span_label(WINTER, WINTER.replace(hour=16)).replace("\u2060", "")
        assert "15:00–17:00" in text and "PM" not in text
        with force_locale("sv"):
            swedish = date_label(WINTER)
        assert date_label(WINTER) != swedish  # written in the reader's language


def test_a_span_over_midnight_names_both_days(app):
    with app.test_request_context(), force_locale("en"):
        text = span_label(WINTER.replace(hour=21), WINTER.replace(day=9, hour=1))
        assert "Tuesday" in text and "Wednesday" in text and "22:00" in text and "02:00" in text


def test_timeline_notes_are_iso_in_swedish_time():
    assert local_label(SUMMER) == "2026-07-08 16:00"


def test_no_strftime_writes_user_facing_text():
    allowed = {"app/activities/ical.py"}  # iCal's UTC stamps, read by calendar apps
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("app", "templates")
        for path in sorted((ROOT / folder).rglob("*"))
        if path.suffix in (".py", ".html", ".txt")
        and path.relative_to(ROOT).as_posix() not in allowed
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\.strftime\(", line)
    ]
    assert found == []


def test_flask_babels_filters_and_the_comment_times_keep_the_24_hour_clock(app):
    from flask import render_template_string

    from app.i18n import short_datetimes

    with app.test_request_context(), force_locale("en"):
        assert render_template_string("{{ t | timeformat('short') }}", t=WINTER) == "15:00"
        assert "15:00" in short_datetimes()(WINTER) and "PM" not in short_datetimes()(WINTER)
