"""The person's own association data: the account export, and forgetting it on deletion."""

from __future__ import annotations

import sqlalchemy as sa

from app.extensions import db
from app.models import Person
from app.models.associations import (
    Association,
    AssociationStatus,
    ContactMessage,
    Founder,
    Membership,
    StatutesVersion,
)


def export_for(person: Person) -> dict:
    """Founding, memberships, statutes versions written and messages sent to boards."""
    founders = db.session.execute(
        sa.select(Founder, Association.name)
        .join(Association, Founder.association_id == Association.id)
        .where(Founder.person_id == person.id)
        .order_by(Founder.id)
    ).all()
    members = db.session.execute(
        sa.select(Membership, Association.name)
        .join(Association, Membership.association_id == Association.id)
        .where(Membership.person_id == person.id)
        .order_by(Membership.id)
    ).all()
    written = db.session.execute(
        sa.select(StatutesVersion.number, StatutesVersion.created_at, Association.name)
        .join(Association, StatutesVersion.association_id == Association.id)
        .where(StatutesVersion.author_id == person.id)
        .order_by(StatutesVersion.id)
    ).all()
    messages = db.session.execute(
        sa.select(ContactMessage.created_at, Association.name)
        .join(Association, ContactMessage.association_id == Association.id)
        .where(ContactMessage.sender_id == person.id)
        .order_by(ContactMessage.id)
    ).all()
    return {
        "founder_of": [
            {
                "association": name,
                "invited_at": f.created_at.isoformat(),
                "accepted_at": f.accepted_at.isoformat() if f.accepted_at else None,
            }
            for f, name in founders
        ],
        "memberships": [
            {
                "association": name,
                "status": m.status.value,
                "role": m.role.value,
                "since": m.created_at.isoformat(),
            }
            for m, name in members
        ],
        "statutes_versions_written": [
            {"association": name, "version": number, "at": at.isoformat()}
            for number, at, name in written
        ],
        "messages_to_boards": [
            {"association": name, "at": at.isoformat()} for at, name in messages
        ],
    }


def forget(person: Person) -> None:
    """Account deletion: leave every association and forming group; drop messages sent.

    Founded associations keep their minutes, statutes versions and list of founders present;
    the person's name there is gone with the account (shown as a former resident).
    """
    forming = sa.select(Association.id).where(Association.status == AssociationStatus.FORMING)
    db.session.execute(
        sa.delete(Founder).where(
            Founder.person_id == person.id, Founder.association_id.in_(forming)
        )
    )
    db.session.execute(sa.delete(Membership).where(Membership.person_id == person.id))
    db.session.execute(sa.delete(ContactMessage).where(ContactMessage.sender_id == person.id))
