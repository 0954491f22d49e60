"""Finding what the demo has already put in the database: areas, people, leaders, today."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from app.clock import STOCKHOLM
from app.demo.rows import people as people_rows
from app.extensions import db
from app.models import (
    Area,
    AreaRole,
    Person,
    Role,
)
from app.models.util import utcnow


def today() -> date:
    """Today in Sweden."""
    return utcnow().astimezone(STOCKHOLM).date()


def areas() -> dict[str, Area]:
    return {area.slug: area for area in db.session.scalars(sa.select(Area))}


def area(slug: str) -> Area | None:
    return db.session.scalar(sa.select(Area).where(Area.slug == slug))


def person(name: str) -> Person | None:
    return db.session.scalar(sa.select(Person).where(Person.display_name == name))


def living(name: str) -> Person | None:
    return db.session.scalar(
        sa.select(Person).where(Person.display_name == name, Person.deleted_at.is_(None))
    )


def people_ids(*names: str) -> list[int]:
    """The ids of the people with these names, in the order created."""
    return list(
        db.session.scalars(
            sa.select(Person.id).where(Person.display_name.in_(names)).order_by(Person.id)
        )
    )


def admin() -> Person | None:
    return db.session.scalar(sa.select(Person).where(Person.is_admin))


def leader(area: Area) -> Person | None:
    """The area's first process leader."""
    return db.session.scalar(
        sa.select(Person)
        .join(AreaRole, AreaRole.person_id == Person.id)
        .where(AreaRole.area_id == area.id, AreaRole.role == Role.LEADER)
        .order_by(Person.id)
        .limit(1)
    )


def representative(partner_name: str) -> Person | None:
    return person(people_rows.REPRESENTATIVES[partner_name])


def verified_residents(area: Area) -> list[Person]:
    return list(
        db.session.scalars(
            sa.select(Person)
            .join(AreaRole, AreaRole.person_id == Person.id)
            .where(
                AreaRole.area_id == area.id,
                AreaRole.role == Role.RESIDENT,
                AreaRole.verified_at.is_not(None),
            )
            .order_by(Person.id)
        )
    )


def next_weekday(weekday: int, after: date) -> date:
    """The first day with the weekday after ``after`` (never ``after`` itself)."""
    return after + timedelta(days=(weekday - after.weekday() - 1) % 7 + 1)
