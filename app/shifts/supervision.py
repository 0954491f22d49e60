"""A workplace's supervisor account: chosen by the area's leaders among people with a role
in the area (display names only); the supervisor marks arrival / no-show for the
workplace's shifts and sees today's shifts of their workplaces."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.clock import local, meeting_time
from app.extensions import db
from app.models import Area, AreaRole, Person, Shift, ShiftSignup, Workplace
from app.models.audit import record
from app.models.shifts import SIGNUP_ACTIVE
from app.models.util import utcnow
from app.refusals import Refused
from app.shifts.services import can_manage


def candidates(area: Area) -> list[Person]:
    """People with a role in the area (not deleted), by display name."""
    return list(
        db.session.scalars(
            sa.select(Person)
            .where(
                Person.id.in_(sa.select(AreaRole.person_id).where(AreaRole.area_id == area.id)),
                Person.deleted_at.is_(None),
            )
            .order_by(Person.display_name, Person.id)
        )
    )


def check_supervisor(area: Area, raw: str | None) -> int | None:
    """The chosen supervisor's id from a form value ('' for none); 422 when it is not a
    person with a role in the area."""
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        person_id = int(raw)
    except ValueError:
        raise Refused(_l("Choose the supervisor from the list."), 422) from None
    if person_id not in {person.id for person in candidates(area)}:
        raise Refused(_l("The supervisor must be someone with a role in the area."), 422)
    return person_id


def set_supervisor(workplace: Workplace, by: Person, raw: str | None) -> None:
    if not can_manage(by, workplace.area):
        raise Refused(_l("Only the area's process leaders choose the supervisor."), 403)
    workplace.supervisor_id = check_supervisor(workplace.area, raw)
    record(by.id, "set_supervisor", workplace.area_id, f"workplace {workplace.id}")
    db.session.commit()


def supervises(person: Person) -> bool:
    if not person.is_authenticated:
        return False
    return (
        db.session.scalar(sa.select(Workplace.id).where(Workplace.supervisor_id == person.id))
        is not None
    )


def today_for(person: Person, now: datetime | None = None) -> list[tuple[Shift, list]]:
    """Today's shifts (Swedish calendar day) of the workplaces the person supervises, each
    with its active sign-ups and their people: two queries."""
    now = now or utcnow()
    day = local(now).date()
    start, end = meeting_time(day, time(0)), meeting_time(day + timedelta(days=1), time(0))
    shifts = db.session.scalars(
        sa.select(Shift)
        .join(Workplace, Workplace.id == Shift.workplace_id)
        .where(
            Workplace.supervisor_id == person.id,
            Shift.starts_at < end,
            Shift.ends_at > start,
            Shift.cancelled_at.is_(None),
        )
        .options(sa.orm.contains_eager(Shift.workplace).joinedload(Workplace.area))
        .order_by(Shift.starts_at, Shift.id)
    ).all()
    by_shift: dict[int, list[ShiftSignup]] = {shift.id: [] for shift in shifts}
    if shifts:
        for signup in db.session.scalars(
            sa.select(ShiftSignup)
            .where(
                ShiftSignup.shift_id.in_(list(by_shift)),
                ShiftSignup.status.in_(SIGNUP_ACTIVE),
            )
            .options(sa.orm.joinedload(ShiftSignup.person))
            .order_by(ShiftSignup.id)
        ):
            by_shift[signup.shift_id].append(signup)
    return [(shift, by_shift[shift.id]) for shift in shifts]
