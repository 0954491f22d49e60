"""The leader's day view: today's activities and shifts in an area, in time order, with who
is expected, the places not filled, no-shows so far, sign-ups awaiting a guardian and
places offered from the waiting list that are not yet confirmed (pending, with the deadline).

"Today" is the day on a Swedish clock. A fixed number of queries whatever the size: the
day's activities, its shifts, then all their sign-ups in one query each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from app.clock import local, meeting_time
from app.extensions import db
from app.models import (
    Activity,
    Area,
    Registration,
    RegistrationStatus,
    Shift,
    ShiftSignup,
    SignupStatus,
    Workplace,
)
from app.models.util import utcnow


@dataclass
class Offer:
    """A place offered from the waiting list, pending until the person confirms it."""

    name: str
    until: datetime | None


@dataclass
class Entry:
    """One activity or shift of the day."""

    kind: str  # "activity" or "shift"
    id: int
    title: str
    subtitle: str
    starts_at: datetime
    ends_at: datetime
    capacity: int | None
    expected: list[str] = field(default_factory=list)
    no_shows: list[str] = field(default_factory=list)
    awaiting: list[str] = field(default_factory=list)
    offered: list[Offer] = field(default_factory=list)
    arrived: int = 0

    @property
    def gap(self) -> int | None:
        """Places neither confirmed nor offered (None: no limit); an offered place is pending,
        not a gap."""
        if self.capacity is None:
            return None
        return max(self.capacity - len(self.expected) - len(self.offered), 0)


def today() -> date:
    return local(utcnow()).date()


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    return meeting_time(day, time(0)), meeting_time(day + timedelta(days=1), time(0))


def _registration_name(registration: Registration) -> str:
    if registration.person is not None:
        return registration.person.display_name
    return registration.child_name or ""


def day_view(area: Area, day: date | None = None) -> list[Entry]:
    start, end = _day_bounds(day or today())
    activities = db.session.scalars(
        sa.select(Activity)
        .where(Activity.area_id == area.id, Activity.starts_at < end, Activity.ends_at > start)
        .order_by(Activity.starts_at, Activity.id)
    ).all()
    shifts = db.session.execute(
        sa.select(Shift, Workplace)
        .join(Workplace, Workplace.id == Shift.workplace_id)
        .where(
            Workplace.area_id == area.id,
            Shift.starts_at < end,
            Shift.ends_at > start,
            Shift.cancelled_at.is_(None),
        )
        .order_by(Shift.starts_at, Shift.id)
    ).all()

    entries: dict[tuple[str, int], Entry] = {}
    for activity in activities:
        entries[("activity", activity.id)] = Entry(
            "activity",
            activity.id,
            activity.title,
            activity.place,
            activity.starts_at,
            activity.ends_at,
            activity.capacity,
        )
    for shift, workplace in shifts:
        entries[("shift", shift.id)] = Entry(
            "shift",
            shift.id,
            workplace.name,
            shift.role,
            shift.starts_at,
            shift.ends_at,
            shift.capacity,
        )

    if activities:
        registrations = db.session.scalars(
            sa.select(Registration)
            .where(
                Registration.activity_id.in_([a.id for a in activities]),
                Registration.status.in_([RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED]),
            )
            .options(sa.orm.joinedload(Registration.person))
            .order_by(Registration.id)
        ).all()
        for registration in registrations:
            entry = entries[("activity", registration.activity_id)]
            name = _registration_name(registration)
            if registration.status == RegistrationStatus.OFFERED:
                entry.offered.append(Offer(name, registration.offered_until))
                continue
            entry.expected.append(name)
            if registration.attended is False:
                entry.no_shows.append(name)
            elif registration.attended:
                entry.arrived += 1
    if shifts:
        signups = db.session.scalars(
            sa.select(ShiftSignup)
            .where(
                ShiftSignup.shift_id.in_([s.id for s, _w in shifts]),
                ShiftSignup.status.in_(
                    [SignupStatus.CONFIRMED, SignupStatus.AWAITING_GUARDIAN, SignupStatus.OFFERED]
                ),
            )
            .options(sa.orm.joinedload(ShiftSignup.person))
            .order_by(ShiftSignup.id)
        ).all()
        for signup in signups:
            entry = entries[("shift", signup.shift_id)]
            name = signup.person.display_name
            if signup.status == SignupStatus.OFFERED:
                entry.offered.append(Offer(name, signup.hold_until))
                continue
            if signup.status == SignupStatus.AWAITING_GUARDIAN:
                entry.awaiting.append(name)
                continue
            entry.expected.append(name)
            if signup.arrived is False:
                entry.no_shows.append(name)
            elif signup.arrived:
                entry.arrived += 1

    return sorted(entries.values(), key=lambda e: (e.starts_at, e.kind, e.id))
