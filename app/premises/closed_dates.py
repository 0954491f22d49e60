"""Closed dates: the days the premises are shut, read from text and saved in place."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l

from app.models.premises import ClosedDate, Premises
from app.premises.services import today

CLOSED_YEARS = 5  # closed dates further off are a typo (and 0001-01-01 breaks date sums)


def parse_closed(text: str) -> list[tuple[date, str]]:
    """One closed date a line: ``2026-12-24 Christmas Eve``."""
    found: dict[date, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        day_text, _sep, note = line.partition(" ")
        try:
            day = date.fromisoformat(day_text)
        except ValueError:
            raise ValueError(
                _l("Write each closed date on its own line, as 2026-12-24 and a note.")
            ) from None
        if abs((day - today()).days) > CLOSED_YEARS * 366:
            raise ValueError(
                _l("Closed dates must be within %(years)d years from today.", years=CLOSED_YEARS)
            )
        found[day] = note.strip()[:120]
    return sorted(found.items())


def replace_closed_dates(premises: Premises, dates: list[tuple[date, str]]) -> None:
    """The closed dates as given, updated in place.

    A flush inserts new rows before it deletes orphans, so a closed date kept from before would
    meet its old row in the unique (premises, day) key: kept dates are updated, not replaced.
    """
    notes = dict(dates)
    for closed in list(premises.closed_dates):
        if closed.day in notes:
            closed.note = notes.pop(closed.day)
        else:
            premises.closed_dates.remove(closed)
    for day, note in sorted(notes.items()):
        premises.closed_dates.append(ClosedDate(day=day, note=note))
