"""A person's own data: export everything, delete the account."""

import sqlalchemy as sa

from app.auth.sessions import end_all as end_all_sign_ins
from app.extensions import db
from app.models import (
    Activity,
    AreaRole,
    AuditEntry,
    Comment,
    Idea,
    InviteCode,
    LoginCode,
    LoginLink,
    Notification,
    Person,
    Registration,
    Report,
    Vote,
)
from app.models.activities import ACTIVE
from app.models.util import utcnow
from app.programmes import services as programme_services


def export(person: Person) -> dict:
    """Everything stored about the person, as plain JSON-ready data."""
    from app.associations.personal_data import export_for as association_data
    from app.partners.services import export_for as partner_data
    from app.premises.personal_data import export_for as booking_data
    from app.shifts.privacy import export_for as shift_data

    roles = db.session.scalars(sa.select(AreaRole).where(AreaRole.person_id == person.id)).all()
    invites = db.session.scalars(
        sa.select(InviteCode).where(InviteCode.redeemed_by_id == person.id)
    ).all()
    actions = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.actor_id == person.id).order_by(AuditEntry.at)
    ).all()
    mine = {
        "ideas": sa.select(Idea).where(Idea.author_id == person.id).order_by(Idea.id),
        "comments": sa.select(Comment).where(Comment.author_id == person.id).order_by(Comment.id),
        "votes": sa.select(Vote).where(Vote.person_id == person.id).order_by(Vote.id),
        "reports": sa.select(Report).where(Report.reporter_id == person.id).order_by(Report.id),
        "notifications": sa.select(Notification)
        .where(Notification.person_id == person.id)
        .order_by(Notification.id),
    }
    ideas, comments, votes, reports, notices = (
        db.session.scalars(query).all() for query in mine.values()
    )
    registrations = db.session.execute(
        sa.select(Registration, Activity.title, Activity.starts_at)
        .join(Activity, Registration.activity_id == Activity.id)
        .where(sa.or_(Registration.person_id == person.id, Registration.guardian_id == person.id))
        .order_by(Registration.id)
    ).all()
    return {
        "ideas": [
            {
                "title": idea.title,
                "text": idea.text,
                "status": idea.status.value,
                "created_at": idea.created_at.isoformat(),
            }
            for idea in ideas
        ],
        "comments": [
            {"idea_id": c.idea_id, "text": c.text, "created_at": c.created_at.isoformat()}
            for c in comments
        ],
        "votes": [{"idea_id": v.idea_id, "at": v.created_at.isoformat()} for v in votes],
        "reports": [
            {"idea_id": r.idea_id, "reason": r.reason.value, "note": r.note} for r in reports
        ],
        "notifications": [
            {"kind": n.kind.value, "detail": n.detail, "at": n.created_at.isoformat()}
            for n in notices
        ],
        "programmes": programme_services.export(person),
        "bookings": booking_data(person),
        **shift_data(person),
        "associations": association_data(person),
        "partners": partner_data(person),
        "activity_sign_ups": [
            {
                "activity": title,
                "starts_at": starts_at.isoformat(),
                "status": registration.status.value,
                "child_name": registration.child_name,
                "attended": registration.attended,
            }
            for registration, title, starts_at in registrations
        ],
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
    """Remove personal data; the person row stays so their content shows "former resident".

    Places the person (or their child) holds in coming activities are given up first, so the
    waiting list moves on.
    """
    from app.activities.services import cancel
    from app.associations.personal_data import forget as forget_associations
    from app.partners.services import forget as forget_partners
    from app.premises.personal_data import forget as forget_bookings
    from app.shifts.privacy import forget as forget_shifts

    coming = db.session.scalars(
        sa.select(Registration)
        .join(Activity, Registration.activity_id == Activity.id)
        .where(
            sa.or_(Registration.person_id == person.id, Registration.guardian_id == person.id),
            Registration.status.in_(ACTIVE),
            Activity.ends_at > utcnow(),
        )
    ).all()
    for registration in coming:
        cancel(registration, person)
    for address in (person.email, person.phone):
        if address:
            db.session.execute(sa.delete(LoginCode).where(LoginCode.address == address))
    db.session.execute(sa.delete(LoginLink).where(LoginLink.person_id == person.id))
    programme_services.withdraw_all(person)
    forget_bookings(person)
    forget_shifts(person)
    forget_associations(person)
    forget_partners(person)
    db.session.execute(sa.delete(AreaRole).where(AreaRole.person_id == person.id))
    person.display_name = ""
    person.email = None
    person.phone = None
    person.birth_year = None
    person.is_admin = False
    person.calendar_token_hash = None
    end_all_sign_ins(person.id)
    person.deleted_at = utcnow()
    db.session.commit()
