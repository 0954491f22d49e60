"""An indicator's dated values: entered by hand, or computed from the app's own records.

An indicator that follows a measure (``app.results.measures``) is computed from the day its
area began recording here (``measured_from``): a value at the end of each quarter and one for
today, each over the 12 months before, from the same query as the results page, so the two
never disagree. Values dated before that day are the ones entered by hand (from paper, or a
partner's own records); none can be entered from that day on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import gettext as _

from app.clock import local
from app.models.agreements import Indicator, Measurement
from app.results.measures import (
    MEASURES,
    MIN_PEOPLE,
    Measure,
    last_12_months,
    measure_values,
)

QUARTER_ENDS = ((3, 31), (6, 30), (9, 30), (12, 31))


@dataclass(frozen=True)
class Reading:
    measured_on: date
    value: float | None  # None: it counts fewer than 5 people and is not shown
    source: str
    measurement: Measurement | None = None  # None when computed

    @property
    def id(self) -> int | None:
        return self.measurement.id if self.measurement else None

    @property
    def computed(self) -> bool:
        return self.measurement is None


def measure_of(indicator: Indicator) -> Measure | None:
    if indicator.measure is None or indicator.measured_from is None:
        return None
    return MEASURES.get(indicator.measure)


def is_entered(indicator: Indicator, day: date) -> bool:
    """Whether a value for this day is entered by hand (rather than computed)."""
    return measure_of(indicator) is None or day < indicator.measured_from


def first_computed(indicator: Indicator) -> date:
    """The first day with 12 months of records behind it."""
    return indicator.measured_from + timedelta(days=364)


def computed_dates(indicator: Indicator, today: date) -> list[date]:
    """Each quarter's end from the first day with 12 months of records, then today (or the
    agreement's last day, once it has ended)."""
    first = first_computed(indicator)
    last = min(today, indicator.agreement.ends_on)
    if last < first:
        return []
    days = [
        date(year, month, day)
        for year in range(first.year, last.year + 1)
        for month, day in QUARTER_ENDS
        if first <= date(year, month, day) < last
    ]
    return [*days, last]


MeasureKey = tuple[str, int, date]  # (measure, area id, day): over the 12 months to that day


def wanted_values(indicators: Sequence[Indicator], today: date) -> list[MeasureKey]:
    """The values the indicators computed from the app show."""
    wanted = []
    for indicator in indicators:
        measure = measure_of(indicator)
        if measure is not None:
            area_id = indicator.agreement.area_id
            wanted += [(measure.key, area_id, day) for day in computed_dates(indicator, today)]
    return wanted


def computed_values(
    wanted: Sequence[MeasureKey], now: datetime, known: dict[MeasureKey, int] | None = None
) -> dict[MeasureKey, int]:
    """The values asked for: those in ``known`` as they are, the others counted (at most two
    queries for all of them)."""
    known = known or {}
    missing = list(dict.fromkeys(key for key in wanted if key not in known))
    counted = measure_values(
        [(MEASURES[key], area_id, last_12_months(day, now)) for key, area_id, day in missing], now
    )
    return {
        **known,
        **{
            (key, area_id, day): counted[(key, area_id, last_12_months(day, now))]
            for key, area_id, day in missing
        },
    }


def readings(
    indicators: Sequence[Indicator], now: datetime, known: dict[MeasureKey, int] | None = None
) -> dict[int, list[Reading]]:
    """Every indicator's values in date order; at most two queries for all computed ones not
    in ``known``."""
    today = local(now).date()
    values = computed_values(wanted_values(indicators, today), now, known)
    found = {}
    for indicator in indicators:
        entered = [
            Reading(m.measured_on, m.value, m.source, m)
            for m in indicator.measurements
            if is_entered(indicator, m.measured_on)
        ]
        measure = measure_of(indicator)
        computed = []
        if measure is not None:
            source = _("Computed by Grannlabb: %(measure)s", measure=measure.name)
            for day in computed_dates(indicator, today):
                value = values[(measure.key, indicator.agreement.area_id, day)]
                if measure.people and value < MIN_PEOPLE:
                    value = None
                computed.append(Reading(day, value, source))
        found[indicator.id] = entered + computed
    return found
