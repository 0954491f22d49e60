"""Membership: asking to join, the board's decisions and roles, leaving, writing to the board."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from app.associations.services import board, is_board, membership_of, notify
from app.extensions import db
from app.locking import lock_row
from app.models import NotificationKind, Person
from app.models.associations import (
    Association,
    AssociationStatus,
    ContactMessage,
    MemberRole,
    Membership,
    MembershipStatus,
)
from app.models.audit import record
from app.models.util import utcnow
from app.refusals import Refused

CONTACT_PER_HOUR = 3
CONTACT_MAX = 2000


def _require_founded(association: Association) -> None:
    if association.status is not AssociationStatus.FOUNDED:
        raise Refused(_l("The association is not founded yet."), 409)


def request_membership(association: Association, person: Person) -> Membership:
    _require_founded(association)
    membership = membership_of(person, association)
    if membership is not None and membership.status in (
        MembershipStatus.MEMBER,
        MembershipStatus.REQUESTED,
    ):
        raise Refused(_l("You are already a member or have asked to join."), 409)
    if membership is None:
        membership = Membership(association_id=association.id, person_id=person.id)
        db.session.add(membership)
    membership.status = MembershipStatus.REQUESTED
    membership.role = MemberRole.MEMBER
    membership.created_at = utcnow()
    membership.decided_at = None
    membership.decided_by_id = None
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Refused(_l("You are already a member or have asked to join."), 409) from None
    for seat in board(association):
        notify(
            seat.person_id,
            NotificationKind.ASSOCIATION_JOIN_REQUEST,
            detail=person.display_name,
            association_id=association.id,
        )
    db.session.commit()
    return membership


def decide(membership: Membership, by: Person, approve: bool) -> Membership:
    association = membership.association
    if not is_board(by, association):
        raise Refused(_l("Only the board can decide on members."), 403)
    lock_row(Association, association.id, Association.version)
    db.session.refresh(membership)
    if membership.status is not MembershipStatus.REQUESTED:
        db.session.rollback()
        raise Refused(_l("This request is already decided."), 409)
    membership.status = MembershipStatus.MEMBER if approve else MembershipStatus.DECLINED
    membership.decided_at = utcnow()
    membership.decided_by_id = by.id
    db.session.commit()
    return membership


def _board_after(association: Association, leaving: Membership, new_role: MemberRole) -> None:
    """Refuse a change that would leave the association without a chair."""
    if leaving.role is MemberRole.CHAIR and new_role is not MemberRole.CHAIR:
        chairs = [m for m in board(association) if m.role is MemberRole.CHAIR]
        if len(chairs) <= 1:
            raise Refused(_l("Choose a new chair first: the association needs one."), 409)


def leave(membership: Membership, person: Person) -> Membership:
    if membership.person_id != person.id:
        raise Refused(_l("You can only leave for yourself."), 403)
    if membership.status not in (MembershipStatus.MEMBER, MembershipStatus.REQUESTED):
        raise Refused(_l("You are not a member."), 409)
    _board_after(membership.association, membership, MemberRole.MEMBER)
    membership.status = MembershipStatus.LEFT
    membership.role = MemberRole.MEMBER
    membership.decided_at = utcnow()
    db.session.commit()
    return membership


def change_role(membership: Membership, by: Person, role: MemberRole) -> Membership:
    association = membership.association
    if not is_board(by, association):
        raise Refused(_l("Only the board can change roles."), 403)
    if membership.status is not MembershipStatus.MEMBER:
        raise Refused(_l("Only members can have a role."), 409)
    lock_row(Association, association.id, Association.version)
    _board_after(association, membership, role)
    if role in (MemberRole.CHAIR, MemberRole.TREASURER, MemberRole.SECRETARY):
        for other in board(association):  # one chair, treasurer, secretary at a time
            if other.role is role and other.id != membership.id:
                other.role = MemberRole.BOARD
    membership.role = role
    record(by.id, "association_role", association.area_id, f"membership {membership.id} {role}")
    db.session.commit()
    return membership


def contact_board(association: Association, sender: Person, message: str) -> None:
    """The message reaches the board as notices, signed with the sender's display name only."""
    _require_founded(association)
    message = message.strip()
    if not message:
        raise Refused(_l("Write a message."), 422)
    if len(message) > CONTACT_MAX:
        raise Refused(_l("The message is too long."), 422)
    recent = db.session.scalar(
        sa.select(sa.func.count()).where(
            ContactMessage.sender_id == sender.id,
            ContactMessage.created_at > utcnow() - timedelta(hours=1),
        )
    )
    if recent >= CONTACT_PER_HOUR:
        raise Refused(_l("You have sent several messages this hour. Try again later."), 429)
    db.session.add(ContactMessage(association_id=association.id, sender_id=sender.id))
    for seat in board(association):
        notify(
            seat.person_id,
            NotificationKind.ASSOCIATION_MESSAGE,
            detail=f"{sender.display_name}\n{message}",
            association_id=association.id,
        )
    db.session.commit()
