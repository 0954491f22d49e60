"""Representatives invited by a leader and accepted by the invitee.

A process leader of an area where the partner is active (or an admin) invites either
- by link: a one-time secret link (only its SHA-256 is stored), shown once to the leader, who
  passes it on; whoever opens it signed in and accepts becomes a representative; or
- a chosen person (by their mobile number or email): they get a notice and accept on their
  "invitations" page; nobody else can accept it.
Invitations expire after 14 days and are used once.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import AreaRole, NotificationKind, Partner, PartnerRepresentative, Person, Role
from app.models.audit import record
from app.models.partners import PartnerInvitation, partner_area
from app.models.util import utcnow
from app.notifications.services import notify
from app.partners.services import is_representative
from app.refusals import Refused

VALID_FOR = timedelta(days=14)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def can_invite(person: Person, partner: Partner) -> bool:
    """Admins, and process leaders of an area where the partner is active."""
    if not person.is_authenticated:
        return False
    if person.is_admin:
        return True
    return (
        db.session.scalar(
            sa.select(AreaRole.id)
            .join(partner_area, partner_area.c.area_id == AreaRole.area_id)
            .where(
                partner_area.c.partner_id == partner.id,
                AreaRole.person_id == person.id,
                AreaRole.role == Role.LEADER,
            )
            .limit(1)
        )
        is not None
    )


def _require(person: Person, partner: Partner) -> None:
    if not can_invite(person, partner):
        raise Refused(_l("Only process leaders of the partner's areas can invite."), 403)


def invite_by_link(partner: Partner, by: Person) -> str:
    """A new one-time link's secret; only its hash is kept."""
    _require(by, partner)
    token = secrets.token_urlsafe(24)
    now = utcnow()
    db.session.add(
        PartnerInvitation(
            partner_id=partner.id,
            token_hash=_hash(token),
            invited_by_id=by.id,
            created_at=now,
            expires_at=now + VALID_FOR,
        )
    )
    record(by.id, "invite_partner_representative", None, f"partner {partner.id} link")
    db.session.commit()
    return token


def invite_person(partner: Partner, person: Person, by: Person) -> PartnerInvitation:
    _require(by, partner)
    if is_representative(person, partner):
        raise Refused(
            _l("%(name)s already represents this partner.", name=person.display_name), 409
        )
    now = utcnow()
    invitation = PartnerInvitation(
        partner_id=partner.id,
        token_hash=_hash(secrets.token_urlsafe(24)),
        person_id=person.id,
        invited_by_id=by.id,
        created_at=now,
        expires_at=now + VALID_FOR,
    )
    db.session.add(invitation)
    notify(person.id, NotificationKind.PARTNER_INVITATION, detail=partner.name)
    record(by.id, "invite_partner_representative", None, f"partner {partner.id} person {person.id}")
    db.session.commit()
    return invitation


def by_token(token: str) -> PartnerInvitation | None:
    """An open link invitation for the secret, or None (unknown, used, expired, addressed)."""
    if not token or len(token) > 64:
        return None
    invitation = db.session.scalar(
        sa.select(PartnerInvitation)
        .where(PartnerInvitation.token_hash == _hash(token))
        .options(sa.orm.joinedload(PartnerInvitation.partner))
    )
    if invitation is None or invitation.person_id is not None or not _open(invitation):
        return None
    return invitation


def _open(invitation: PartnerInvitation) -> bool:
    return invitation.accepted_at is None and invitation.expires_at > utcnow()


def _still_open(whose, load, order) -> list[PartnerInvitation]:
    """Invitations not yet accepted nor expired, of a person or of a partner."""
    return list(
        db.session.scalars(
            sa.select(PartnerInvitation)
            .where(
                whose,
                PartnerInvitation.accepted_at.is_(None),
                PartnerInvitation.expires_at > utcnow(),
            )
            .options(sa.orm.joinedload(load))
            .order_by(order)
        )
    )


def pending_for(person: Person) -> list[PartnerInvitation]:
    if not person.is_authenticated:
        return []
    return _still_open(
        PartnerInvitation.person_id == person.id,
        PartnerInvitation.partner,
        PartnerInvitation.id,
    )


def accept(invitation: PartnerInvitation, person: Person) -> Partner:
    """The invitee accepts: they represent the partner. One use, claimed atomically."""
    if invitation.person_id is not None and invitation.person_id != person.id:
        raise Refused(_l("This invitation is for someone else."), 403)
    if not _open(invitation):
        raise Refused(_l("This invitation has expired or has already been used."), 410)
    claimed = db.session.execute(
        sa.update(PartnerInvitation)
        .where(PartnerInvitation.id == invitation.id, PartnerInvitation.accepted_at.is_(None))
        .values(accepted_at=utcnow(), accepted_by_id=person.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not claimed:
        db.session.rollback()
        raise Refused(_l("This invitation has expired or has already been used."), 410)
    partner = invitation.partner
    if not is_representative(person, partner):
        try:
            with db.session.begin_nested():
                db.session.add(PartnerRepresentative(partner_id=partner.id, person_id=person.id))
        except IntegrityError:
            pass  # already a representative: the invitation is simply used
    record(person.id, "accept_partner_invitation", None, f"partner {partner.id}")
    db.session.commit()
    return partner


def invitations_of(partner: Partner) -> list[PartnerInvitation]:
    """Open invitations, for the leaders' page."""
    return _still_open(
        PartnerInvitation.partner_id == partner.id,
        PartnerInvitation.person,
        PartnerInvitation.id.desc(),
    )
