"""Starting an association and gathering its founders: invitations by name and by link."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from app.areas.services import is_leader
from app.associations.services import (
    association_or_404,
    founder_of,
    notify,
    require_forming_founder,
)
from app.extensions import db
from app.models import Area, AreaRole, Idea, NotificationKind, Person, Role
from app.models.associations import (
    INVITE_TOKEN_BYTES,
    Association,
    AssociationKind,
    AssociationStatus,
    Founder,
)
from app.models.ideas import LISTED
from app.models.util import utcnow
from app.refusals import Refused

SEARCH_LIMIT = 20


def can_start(person: Person, area: Area) -> bool:
    """Residents of the area (and its process leaders) may start an association."""
    if not person.is_authenticated:
        return False
    if is_leader(person, area):
        return True
    return (
        db.session.scalar(
            sa.select(AreaRole.id).where(
                AreaRole.person_id == person.id,
                AreaRole.area_id == area.id,
                AreaRole.role == Role.RESIDENT,
            )
        )
        is not None
    )


@dataclass
class Start:
    kind: AssociationKind
    name: str
    purpose: str
    idea_id: int | None = None
    language: str | None = None  # of the purpose; the founder's own when not given


def start(area: Area, by: Person, data: Start) -> Association:
    if not can_start(by, area):
        raise Refused(_l("Only residents of the area can start an association here."), 403)
    if not data.name.strip():
        raise Refused(_l("Write a name."), 422)
    if not data.purpose.strip():
        raise Refused(_l("Write the purpose."), 422)
    if data.idea_id is not None:
        idea = db.session.get(Idea, data.idea_id)
        if idea is None or idea.area_id != area.id or idea.status not in LISTED:
            raise Refused(_l("Choose an idea of this area."), 422)
    association = Association(
        area_id=area.id,
        kind=data.kind,
        status=AssociationStatus.FORMING,
        name=data.name.strip(),
        purpose=data.purpose.strip(),
        description="",
        language=data.language or by.locale,
        idea_id=data.idea_id,
        invite_token=secrets.token_urlsafe(INVITE_TOKEN_BYTES),
        seat=area.municipality,
        created_by_id=by.id,
        version=0,
    )
    db.session.add(association)
    db.session.flush()
    db.session.add(Founder(association_id=association.id, person_id=by.id, accepted_at=utcnow()))
    db.session.commit()
    return association


def search_residents(association: Association, query: str) -> list[Person]:
    """Residents of the area whose display name contains the words; never contact data."""
    query = query.strip()
    if len(query) < 2:
        return []
    taken = {f.person_id for f in association.founders}
    pattern = "%" + query.replace("\\", "").replace("%", "").replace("_", "") + "%"
    rows = db.session.scalars(
        sa.select(Person)
        .join(AreaRole, AreaRole.person_id == Person.id)
        .where(
            AreaRole.area_id == association.area_id,
            AreaRole.role == Role.RESIDENT,
            Person.deleted_at.is_(None),
            Person.display_name.ilike(pattern),
        )
        .distinct()
        .order_by(Person.display_name)
        .limit(SEARCH_LIMIT)
    ).all()
    return [p for p in rows if p.id not in taken]


def invite(association: Association, by: Person, person_id: int) -> Founder:
    require_forming_founder(by, association)
    person = db.session.get(Person, person_id)
    if person is None or person.deleted_at is not None:
        raise Refused(_l("Choose someone from the search."), 422)
    resident = db.session.scalar(
        sa.select(AreaRole.id).where(
            AreaRole.person_id == person.id,
            AreaRole.area_id == association.area_id,
            AreaRole.role == Role.RESIDENT,
        )
    )
    if resident is None:
        raise Refused(_l("Only residents of the area can be invited by name."), 422)
    if founder_of(person, association) is not None:
        raise Refused(_l("%(name)s is already invited.", name=person.display_name), 409)
    founder = Founder(association_id=association.id, person_id=person.id, invited_by_id=by.id)
    try:
        with db.session.begin_nested():
            db.session.add(founder)
    except IntegrityError:
        raise Refused(_l("%(name)s is already invited.", name=person.display_name), 409) from None
    notify(
        person.id,
        NotificationKind.ASSOCIATION_FOUNDER_INVITE,
        detail=by.display_name,
        association_id=association.id,
    )
    db.session.commit()
    return founder


def accept(association: Association, person: Person) -> Founder:
    """Accept an invitation by name."""
    if association.status is not AssociationStatus.FORMING:
        raise Refused(_l("The association is already founded."), 409)
    founder = founder_of(person, association)
    if founder is None:
        raise Refused(_l("You are not invited to found this association."), 403)
    if founder.accepted_at is None:
        founder.accepted_at = utcnow()
        db.session.commit()
    return founder


def decline_invitation(association: Association, person: Person) -> None:
    founder = founder_of(person, association)
    if founder is None or association.status is not AssociationStatus.FORMING:
        raise Refused(_l("You are not invited to found this association."), 403)
    db.session.delete(founder)
    db.session.commit()


def join_by_link(association: Association, person: Person, token: str) -> Founder:
    """Become a founder through the shareable link (its token is the secret)."""
    if not secrets.compare_digest(token, association.invite_token):
        raise Refused(_l("This invite link is not valid."), 404)
    if association.status is not AssociationStatus.FORMING:
        raise Refused(_l("The association is already founded."), 409)
    founder = founder_of(person, association)
    if founder is None:
        founder = Founder(association_id=association.id, person_id=person.id)
        try:
            with db.session.begin_nested():
                db.session.add(founder)
        except IntegrityError:
            db.session.rollback()
            return accept(association_or_404(association.id), person)
    if founder.accepted_at is None:
        founder.accepted_at = utcnow()
    db.session.commit()
    return founder


def new_invite_link(association: Association, by: Person) -> None:
    """A new secret: the old link stops working."""
    require_forming_founder(by, association)
    association.invite_token = secrets.token_urlsafe(INVITE_TOKEN_BYTES)
    db.session.commit()


def is_invite_token(association: Association, token: str) -> bool:
    """Whether the token is the secret of the association's invite link."""
    return secrets.compare_digest(token, association.invite_token)
