"""A person's own data: export everything, delete the account."""

import sqlalchemy as sa

from app.extensions import db
from app.models import AreaRole, AuditEntry, InviteCode, LoginCode, LoginLink, Person
from app.models.util import utcnow


def export(person: Person) -> dict:
    """Everything stored about the person, as plain JSON-ready data."""
    roles = db.session.scalars(sa.select(AreaRole).where(AreaRole.person_id == person.id)).all()
    invites = db.session.scalars(
        sa.select(InviteCode).where(InviteCode.redeemed_by_id == person.id)
    ).all()
    actions = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.actor_id == person.id).order_by(AuditEntry.at)
    ).all()
    return {
        "person": {
            "display_name": person.display_name,
            "email": person.email,
            "phone": person.phone,
            "birth_year": person.birth_year,
            "language": person.locale,
            "admin": person.is_admin,
            "created_at": person.created_at.isoformat(),
        },
        "roles": [
            {
                "area": role.area.name,
                "role": role.role.value,
                "verified_at": role.verified_at.isoformat() if role.verified_at else None,
                "since": role.created_at.isoformat(),
            }
            for role in roles
        ],
        "invite_codes_redeemed": [
            {"area": code.batch.area.name, "redeemed_at": code.redeemed_at.isoformat()}
            for code in invites
        ],
        "actions_as_leader": [
            {"at": entry.at.isoformat(), "action": entry.action, "subject": entry.subject}
            for entry in actions
        ],
    }


def delete_account(person: Person) -> None:
    """Remove personal data; the person row stays so their content shows "former resident"."""
    for address in (person.email, person.phone):
        if address:
            db.session.execute(sa.delete(LoginCode).where(LoginCode.address == address))
    db.session.execute(sa.delete(LoginLink).where(LoginLink.person_id == person.id))
    db.session.execute(sa.delete(AreaRole).where(AreaRole.person_id == person.id))
    person.display_name = ""
    person.email = None
    person.phone = None
    person.birth_year = None
    person.is_admin = False
    person.calendar_token = None
    person.deleted_at = utcnow()
    db.session.commit()
