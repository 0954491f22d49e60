"""Opening hours: the weekdays' spans, read from text, shown as text, saved in place."""

from __future__ import annotations

from datetime import time

from flask_babel import lazy_gettext as _l

from app.models.premises import OpeningSpan, Premises

WEEKDAYS = range(7)

WEEKDAY_LABELS = [
    _l("Monday"),
    _l("Tuesday"),
    _l("Wednesday"),
    _l("Thursday"),
    _l("Friday"),
    _l("Saturday"),
    _l("Sunday"),
]


def parse_spans(text: str) -> list[tuple[time, time]]:
    """``"09:00-12:00, 13:00-21:00"`` as spans; raises ValueError with a translated message."""
    spans = []
    for part in text.replace(";", ",").split(","):
        part = part.strip().replace("–", "-").replace(".", ":")
        if not part:
            continue
        try:
            start_text, end_text = (p.strip() for p in part.split("-"))
            opens, closes = time.fromisoformat(start_text), time.fromisoformat(end_text)
        except ValueError:
            raise ValueError(
                _l("Write the hours as 09:00-12:00, several spans separated by commas.")
            ) from None
        if closes <= opens:
            raise ValueError(_l("Each span must close after it opens."))
        spans.append((opens, closes))
    spans.sort()
    for (_o1, c1), (o2, _c2) in zip(spans, spans[1:], strict=False):
        if o2 < c1:
            raise ValueError(_l("The spans of one day must not overlap."))
    return spans


def format_spans(spans) -> str:
    return ", ".join(f"{s.opens:%H:%M}-{s.closes:%H:%M}" for s in spans)


def replace_spans(premises: Premises, hours: dict[int, list[tuple[time, time]]]) -> None:
    """The opening spans as given, updated in place (kept spans stay their rows)."""
    wanted = {(day, opens, closes) for day, spans in hours.items() for opens, closes in spans}
    for span in list(premises.spans):
        key = (span.weekday, span.opens, span.closes)
        if key in wanted:
            wanted.discard(key)
        else:
            premises.spans.remove(span)
    for day, opens, closes in sorted(wanted):
        premises.spans.append(OpeningSpan(weekday=day, opens=opens, closes=closes))
