"""Creating and editing premises: their details, opening hours and closed dates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from flask_babel import lazy_gettext as _l

from app.areas.services import is_leader
from app.extensions import db
from app.models import Area, Person
from app.models.audit import record
from app.models.premises import Premises
from app.premises.closed_dates import replace_closed_dates
from app.premises.opening_hours import replace_spans
from app.refusals import Refused


@dataclass
class PremisesInput:
    name: str
    capacity: int
    accessibility: str = ""
    equipment: str = ""
    rules: str = ""
    for_residents: bool = True
    for_associations: bool = True
    for_partners: bool = True
    needs_approval: bool = False
    max_minutes: int = 240
    max_days_ahead: int = 60
    # weekday -> [(opens, closes)]
    hours: dict[int, list[tuple[time, time]]] = field(default_factory=dict)
    closed: list[tuple[date, str]] = field(default_factory=list)
    photo: str | None = None


def save_premises(area: Area, by: Person, data: PremisesInput, premises: Premises | None = None):
    if not is_leader(by, area):
        raise Refused(_l("Only the area's process leaders manage its premises."), 403)
    if data.capacity < 1:
        raise Refused(_l("The capacity must be at least 1."), 422)
    if not 15 <= data.max_minutes <= 24 * 60:
        raise Refused(_l("The longest booking must be between 15 and 1440 minutes."), 422)
    if not 1 <= data.max_days_ahead <= 730:
        raise Refused(_l("Bookings can be made between 1 and 730 days ahead."), 422)
    creating = premises is None
    if creating:
        premises = Premises(area_id=area.id)
        db.session.add(premises)
    for name in (
        "name",
        "capacity",
        "accessibility",
        "equipment",
        "rules",
        "for_residents",
        "for_associations",
        "for_partners",
        "needs_approval",
        "max_minutes",
        "max_days_ahead",
    ):
        setattr(premises, name, getattr(data, name))
    if data.photo:
        premises.photo = data.photo
    replace_spans(premises, data.hours)
    replace_closed_dates(premises, data.closed)
    db.session.flush()
    record(
        by.id,
        "create_premises" if creating else "edit_premises",
        area.id,
        f"premises {premises.id}",
    )
    db.session.commit()
    return premises
