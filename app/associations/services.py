"""Looking up associations and who holds which place in them, and the labels shown for them."""

# An association is *forming* while its founders gather (a non-profit or a cooperative needs at
# least three who accepted), answer the statutes questions, edit the statutes (every save a new
# version) and fill in the minutes of the founding meeting online. Recording the minutes makes it
# *founded*: the founders become members and the elected board's roles become memberships with
# roles. After that, people ask to join and the board approves or declines.
#
# Recording the meeting and deciding on a join request happen under a lock on the association
# row (see ``app.locking.lock_row``), so two simultaneous clicks record once.

from __future__ import annotations

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.models import Activity, Area, Idea, Notification, NotificationKind, Person
from app.models.associations import (
    BOARD_ROLES,
    Association,
    AssociationKind,
    AssociationStatus,
    Founder,
    MemberRole,
    Membership,
    MembershipStatus,
)
from app.models.ideas import LISTED
from app.models.util import utcnow
from app.refusals import Refused

MIN_FOUNDERS = 3
ASSOCIATION_LIMIT = 200

KIND_LABELS = {
    AssociationKind.NONPROFIT: _l("Non-profit association (ideell förening)"),
    AssociationKind.COOPERATIVE: _l("Cooperative (ekonomisk förening)"),
    AssociationKind.INFORMAL: _l("Informal group"),
}

STATUS_LABELS = {
    AssociationStatus.FORMING: _l("Being founded"),
    AssociationStatus.FOUNDED: _l("Founded"),
}

ROLE_LABELS = {
    MemberRole.CHAIR: _l("Chair"),
    MemberRole.TREASURER: _l("Treasurer"),
    MemberRole.SECRETARY: _l("Secretary"),
    MemberRole.BOARD: _l("Board member"),
    MemberRole.MEMBER: _l("Member"),
}

MEMBERSHIP_LABELS = {
    MembershipStatus.REQUESTED: _l("Waiting for the board"),
    MembershipStatus.MEMBER: _l("Member"),
    MembershipStatus.DECLINED: _l("Declined"),
    MembershipStatus.LEFT: _l("Left"),
}


def notify(person_id: int, kind: NotificationKind, detail: str, association_id: int) -> None:
    """Queue a notice about the association (in-app and outbox, same transaction)."""
    db.session.add(
        Notification(person_id=person_id, kind=kind, detail=detail, association_id=association_id)
    )


def needs_three(association: Association) -> bool:
    return association.kind is not AssociationKind.INFORMAL


def association_or_404(association_id: int) -> Association:
    return db.get_or_404(
        Association,
        association_id,
        options=[
            so.joinedload(Association.area),
            so.selectinload(Association.founders).joinedload(Founder.person),
        ],
    )


def area_associations(area: Area) -> dict[AssociationStatus, list[Association]]:
    rows = db.session.scalars(
        sa.select(Association)
        .where(Association.area_id == area.id)
        .order_by(Association.name, Association.id)
        .limit(ASSOCIATION_LIMIT)
    ).all()
    return {status: [a for a in rows if a.status is status] for status in AssociationStatus}


def founder_of(person: Person, association: Association) -> Founder | None:
    if not person.is_authenticated:
        return None
    return next((f for f in association.founders if f.person_id == person.id), None)


def is_founder(person: Person, association: Association) -> bool:
    """An accepted founder of the association."""
    founder = founder_of(person, association)
    return founder is not None and founder.accepted


def accepted_founders(association: Association) -> list[Founder]:
    return [f for f in association.founders if f.accepted]


def membership_of(person: Person, association: Association) -> Membership | None:
    if not person.is_authenticated:
        return None
    return db.session.scalar(
        sa.select(Membership).where(
            Membership.association_id == association.id, Membership.person_id == person.id
        )
    )


def is_board(person: Person, association: Association) -> bool:
    membership = membership_of(person, association)
    return membership is not None and membership.on_board


def board(association: Association) -> list[Membership]:
    """The board's memberships with their people, chair first."""
    order = {MemberRole.CHAIR: 0, MemberRole.TREASURER: 1, MemberRole.SECRETARY: 2}
    rows = db.session.scalars(
        sa.select(Membership)
        .where(
            Membership.association_id == association.id,
            Membership.status == MembershipStatus.MEMBER,
            Membership.role.in_(BOARD_ROLES),
        )
        .options(so.joinedload(Membership.person))
    ).all()
    return sorted(rows, key=lambda m: (order.get(m.role, 3), m.id))


def memberships(association: Association) -> list[Membership]:
    return list(
        db.session.scalars(
            sa.select(Membership)
            .where(Membership.association_id == association.id)
            .options(so.joinedload(Membership.person))
            .order_by(Membership.status, Membership.id)
        )
    )


def upcoming_activities(association: Association, limit: int = 10) -> list[Activity]:
    return list(
        db.session.scalars(
            sa.select(Activity)
            .where(Activity.association_id == association.id, Activity.ends_at > utcnow())
            .order_by(Activity.starts_at)
            .limit(limit)
        )
    )


def ideas_of(area: Area) -> list[Idea]:
    """Published ideas of the area that an association can grow from."""
    return list(
        db.session.scalars(
            sa.select(Idea)
            .where(Idea.area_id == area.id, Idea.status.in_(LISTED))
            .order_by(Idea.id.desc())
            .limit(100)
        )
    )


def boards_of(person: Person, area: Area) -> list[Association]:
    """Founded associations of the area whose board the person sits on."""
    if not person.is_authenticated:
        return []
    return list(
        db.session.scalars(
            sa.select(Association)
            .join(Membership, Membership.association_id == Association.id)
            .where(
                Association.area_id == area.id,
                Association.status == AssociationStatus.FOUNDED,
                Membership.person_id == person.id,
                Membership.status == MembershipStatus.MEMBER,
                Membership.role.in_(BOARD_ROLES),
            )
            .order_by(Association.name)
        )
    )


def invited_founders(association: Association) -> list[Founder]:
    """Founders invited who have not accepted yet."""
    return [f for f in association.founders if not f.accepted]


def membership_or_404(membership_id: int) -> Membership:
    return db.get_or_404(Membership, membership_id, options=[so.joinedload(Membership.association)])


def require_forming_founder(person: Person, association: Association) -> None:
    if not is_founder(person, association):
        raise Refused(_l("Only the founders can do this."), 403)
    if association.status is not AssociationStatus.FORMING:
        raise Refused(_l("The association is already founded."), 409)
