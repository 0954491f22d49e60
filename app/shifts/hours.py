"""Worked hours: shifts whose arrival was confirmed count their length (end − start).

A youth sees their own hours and prints a certificate of work; the area's process leaders
see hours per youth and per workplace and export them as CSV. Every list is one query.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa

from app.clock import local
from app.csvfile import spreadsheet_csv
from app.extensions import db
from app.models import (
    Area,
    AreaRole,
    Person,
    Role,
    Shift,
    ShiftSignup,
    SignupStatus,
    Workplace,
)


def hours(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 3600


def _worked():
    """Sign-ups whose arrival was confirmed, with their shift and workplace joined."""
    return (
        sa.select(ShiftSignup, Shift, Workplace)
        .join(Shift, Shift.id == ShiftSignup.shift_id)
        .join(Workplace, Workplace.id == Shift.workplace_id)
        .where(ShiftSignup.arrived.is_(True), ShiftSignup.status == SignupStatus.CONFIRMED)
    )


@dataclass
class WorkedShift:
    area_id: int
    area: str
    workplace: str
    supervisor: str
    role: str
    starts_at: datetime
    ends_at: datetime
    marked_by_id: int | None = None

    @property
    def hours(self) -> float:
        return hours(self.starts_at, self.ends_at)


@dataclass
class Organiser:
    """Grannlabb in one area, and the process leader who signs for it: whoever of the area's
    leaders confirmed her latest arrival there, else the area's longest-serving leader."""

    area: str
    municipality: str
    leader: str = ""


@dataclass
class MyHours:
    shifts: list[WorkedShift]
    organisers: list[Organiser] = field(default_factory=list)

    @property
    def total(self) -> float:
        return sum(s.hours for s in self.shifts)

    @property
    def areas(self) -> list[str]:
        return sorted({s.area for s in self.shifts})

    @property
    def workplaces(self) -> list[str]:
        return sorted({s.workplace for s in self.shifts})

    @property
    def roles(self) -> list[str]:
        return sorted({s.role for s in self.shifts if s.role})

    @property
    def supervisors(self) -> list[str]:
        return sorted({s.supervisor for s in self.shifts if s.supervisor})

    @property
    def first_day(self) -> date | None:
        return local(self.shifts[0].starts_at).date() if self.shifts else None

    @property
    def last_day(self) -> date | None:
        return local(self.shifts[-1].starts_at).date() if self.shifts else None


def my_hours(person: Person) -> MyHours:
    """One's worked shifts, oldest first, and who organised and signs for them (two queries)."""
    rows = db.session.execute(
        _worked()
        .add_columns(Area)
        .join(Area, Area.id == Workplace.area_id)
        .where(ShiftSignup.person_id == person.id)
        .order_by(Shift.starts_at, Shift.id)
    ).all()
    shifts = [
        WorkedShift(
            area_id=area.id,
            area=area.name,
            workplace=workplace.name,
            supervisor=workplace.supervisor_name,
            role=shift.role,
            starts_at=shift.starts_at,
            ends_at=shift.ends_at,
            marked_by_id=signup.arrival_marked_by_id,
        )
        for signup, shift, workplace, area in rows
    ]
    areas = {area.id: area for *_rest, area in rows}
    return MyHours(shifts, _organisers(shifts, areas))


def _organisers(shifts: list[WorkedShift], areas: dict[int, Area]) -> list[Organiser]:
    if not areas:
        return []
    leaders: dict[int, dict[int, str]] = {area_id: {} for area_id in areas}
    for area_id, person_id, name in db.session.execute(
        sa.select(AreaRole.area_id, Person.id, Person.display_name)
        .join(Person, Person.id == AreaRole.person_id)
        .where(
            AreaRole.area_id.in_(areas),
            AreaRole.role == Role.LEADER,
            Person.deleted_at.is_(None),
        )
        .order_by(AreaRole.created_at, AreaRole.id)
    ):
        leaders[area_id][person_id] = name
    organisers = []
    for area_id, area in areas.items():
        marked = [
            s.marked_by_id for s in reversed(shifts) if s.area_id == area_id and s.marked_by_id
        ]
        signer = next((leaders[area_id][p] for p in marked if p in leaders[area_id]), None)
        if signer is None:
            signer = next(iter(leaders[area_id].values()), "")
        organisers.append(Organiser(area.name, area.municipality, signer))
    return sorted(organisers, key=lambda o: (o.area.casefold(), o.area))


@dataclass
class Tally:
    name: str
    shifts: int = 0
    hours: float = 0.0


@dataclass
class AreaHours:
    youth: list[Tally] = field(default_factory=list)
    workplaces: list[Tally] = field(default_factory=list)
    # (youth, workplace, shifts, hours) for the CSV export
    pairs: list[tuple[str, str, int, float]] = field(default_factory=list)

    @property
    def total(self) -> float:
        return sum(t.hours for t in self.youth)


def area_hours(area: Area) -> AreaHours:
    """Hours per youth and per workplace in the area: one query, summed here (the length of
    a shift is computed the same way on SQLite and PostgreSQL)."""
    rows = db.session.execute(
        sa.select(
            Person.id,
            Person.display_name,
            Workplace.id,
            Workplace.name,
            Shift.starts_at,
            Shift.ends_at,
        )
        .select_from(ShiftSignup)
        .join(Shift, Shift.id == ShiftSignup.shift_id)
        .join(Workplace, Workplace.id == Shift.workplace_id)
        .join(Person, Person.id == ShiftSignup.person_id)
        .where(
            Workplace.area_id == area.id,
            ShiftSignup.arrived.is_(True),
            ShiftSignup.status == SignupStatus.CONFIRMED,
        )
    ).all()
    youth: dict[int, Tally] = {}
    places: dict[int, Tally] = {}
    pairs: dict[tuple[int, int], list] = {}
    for person_id, person_name, workplace_id, workplace_name, start, end in rows:
        length = hours(start, end)
        for key, table, name in (
            (person_id, youth, person_name),
            (workplace_id, places, workplace_name),
        ):
            tally = table.setdefault(key, Tally(name))
            tally.shifts += 1
            tally.hours += length
        pair = pairs.setdefault((person_id, workplace_id), [person_name, workplace_name, 0, 0.0])
        pair[2] += 1
        pair[3] += length
    return AreaHours(
        youth=sorted(youth.values(), key=lambda t: (t.name.casefold(), t.name)),
        workplaces=sorted(places.values(), key=lambda t: (t.name.casefold(), t.name)),
        pairs=sorted((tuple(p) for p in pairs.values()), key=lambda p: (p[0].casefold(), p[1])),
    )


def area_csv(area_hours_: AreaHours, header: list[str], notes_label: str) -> str:
    """Hours per youth and workplace, numbers as numbers (5,5 in Swedish)."""
    return spreadsheet_csv(
        header,
        [
            [youth_name, workplace_name, shifts, round(total, 2)]
            for youth_name, workplace_name, shifts, total in area_hours_.pairs
        ],
        notes_label,
    )
