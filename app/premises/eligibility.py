"""Who may book premises and in whose name: resident, process leader, partner, association."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from app.areas.services import is_leader
from app.associations.services import boards_of
from app.ideas.services import is_verified_resident
from app.models import Area, Partner, Person
from app.models.premises import Premises
from app.partners.services import represented_by
from app.refusals import Refused

RESIDENT = "resident"
LEADER = "leader"


@dataclass(frozen=True)
class BookAs:
    """In whose name a booking is made: ``resident``/``leader``, ``partner:<id>``, ``association:<id>``."""

    key: str
    label: str


def partners_in(person: Person, area: Area) -> list[Partner]:
    return [p for p in represented_by(person) if area.id in {a.id for a in p.areas}]


def book_as_choices(person: Person, premises: Premises) -> list[BookAs]:
    """The names the person may book these premises in; empty when they may not book."""
    if not person.is_authenticated:
        return []
    area = premises.area
    choices = []
    if is_leader(person, area):
        choices.append(BookAs(LEADER, str(_l("Myself, as process leader"))))
    elif premises.for_residents and is_verified_resident(person, area):
        choices.append(BookAs(RESIDENT, str(_l("Myself, as a resident"))))
    if premises.for_associations:
        choices += [BookAs(f"association:{a.id}", a.name) for a in boards_of(person, area)]
    if premises.for_partners:
        choices += [BookAs(f"partner:{p.id}", p.name) for p in partners_in(person, area)]
    return choices


def refusal_to_book(person: Person, premises: Premises) -> Refused:
    kinds = []
    if premises.for_residents:
        kinds.append(str(_l("verified residents of %(area)s", area=premises.area.name)))
    if premises.for_associations:
        kinds.append(str(_l("board members of associations in the area")))
    if premises.for_partners:
        kinds.append(str(_l("representatives of partners active in the area")))
    return Refused(
        _l(
            "These premises can be booked by: %(who)s. Ask the process leader at the meeting "
            "place if you think you should be able to book.",
            who=", ".join(kinds) or str(_l("the process leaders")),
        ),
        403,
    )
