"""The demo loader: puts the rows of app.demo.rows in the database; a second run changes nothing.

Each domain is found by a marker (an area, a person, an activity series, a title) and left
alone when it is there. Rows of what is still to come go through the same services a person
would use, so notices, audit entries, places and waiting lists look as they would for real;
the past is written with the models (the services refuse what has started), its dates moved
relative to today. One module per domain in app.demo.load does the loading.
"""

from __future__ import annotations

import sqlalchemy as sa

from app.demo.load import (
    activities,
    agreements,
    associations,
    ideas,
    jobs,
    people,
    premises,
    programmes,
    rounds,
    shifts,
)
from app.demo.rows import people as people_rows
from app.extensions import db
from app.models import AreaRole, Person


def seed_demo() -> None:
    """Load every domain's rows, in the order they depend on each other."""
    people.load_people()
    ideas.load_ideas()  # and the partners; through the services, which use the people
    activities.load_activities()
    shifts.load_shifts()  # after the activities: uses their youth
    jobs.load_jobs()  # after the activities: uses their youth
    associations.load_associations()
    premises.load_premises()  # after the associations: the youth café books in its own name
    agreements.load_agreements()
    programmes.load_programmes()
    rounds.load_rounds()  # after the ideas and people it uses


def demo_people() -> list[Person]:
    """The demo people who still exist, for the "try it as…" page."""
    addresses = people_rows.DEMO_ADDRESSES
    emails = [a for a in addresses if "@" in a]
    phones = [a for a in addresses if "@" not in a]
    return db.session.scalars(
        sa.select(Person)
        .where(sa.or_(Person.email.in_(emails), Person.phone.in_(phones)))
        .options(sa.orm.selectinload(Person.roles).joinedload(AreaRole.area))
        .order_by(Person.id)
    ).all()
