"""The demo's areas and people, each with their role in the area."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from app.demo.rows import people as people_rows
from app.extensions import db
from app.models import (
    Area,
    AreaRole,
    Person,
)
from app.models.util import utcnow


def _address_column(address: str):
    return Person.email if "@" in address else Person.phone


def load_people() -> None:
    """The areas, then each person (found by email or phone) with their role in the area."""
    areas: dict[str, Area] = {}
    for row in people_rows.AREAS:
        area = db.session.scalar(sa.select(Area).where(Area.slug == row.slug))
        if area is None:
            area = Area(
                slug=row.slug,
                name=row.name,
                municipality=row.municipality,
                default_locale=row.locale,
            )
            db.session.add(area)
        areas[row.slug] = area
    db.session.flush()
    year = date.today().year
    for row in people_rows.PEOPLE:
        person = db.session.scalar(
            sa.select(Person).where(_address_column(row.address) == row.address)
        )
        if person is None:
            born = row.born if row.born is not None else year - row.age
            person = Person(display_name=row.name, locale=row.locale, birth_year=born)
            if "@" in row.address:
                person.email = row.address
            else:
                person.phone = row.address
            person.is_admin = row.area is None
            db.session.add(person)
            db.session.flush()
        if row.area is None:
            continue
        exists = db.session.scalar(
            sa.select(AreaRole.id).where(
                AreaRole.person_id == person.id,
                AreaRole.area_id == areas[row.area].id,
                AreaRole.role == row.role,
            )
        )
        if exists is None:
            db.session.add(
                AreaRole(
                    person_id=person.id,
                    area_id=areas[row.area].id,
                    role=row.role,
                    verified_at=utcnow() if row.verified else None,
                )
            )
    db.session.commit()
