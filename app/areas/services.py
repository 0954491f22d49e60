"""Roles per area, residency invite codes and verification."""

import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import abort
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from app.auth.sessions import end_all as end_all_sign_ins
from app.extensions import db
from app.models import Area, AreaRole, InviteBatch, InviteCode, NotificationKind, Person, Role
from app.models.audit import record
from app.models.util import utcnow
from app.notifications.services import notify

# No 0/O, 1/I/L: codes are typed from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
MAX_BATCH = 200


class InviteError(ValueError):
    """The invite code cannot be redeemed; the message is translated."""


def area_or_404(slug: str) -> Area:
    return db.first_or_404(sa.select(Area).where(Area.slug == slug))


def role_in(person: Person, area: Area, role: Role) -> AreaRole | None:
    if not person.is_authenticated:
        return None
    return db.session.scalar(
        sa.select(AreaRole).where(
            AreaRole.person_id == person.id, AreaRole.area_id == area.id, AreaRole.role == role
        )
    )


def is_leader(person: Person, area: Area) -> bool:
    """Process leaders of the area, and admins, may do a leader's work there."""
    if not person.is_authenticated:
        return False
    return person.is_admin or role_in(person, area, Role.LEADER) is not None


def require_leader(area: Area) -> None:
    if not is_leader(current_user, area):
        abort(403)


def _get_or_create_role(person: Person, area: Area, role: Role) -> AreaRole:
    existing = role_in(person, area, role)
    if existing is not None:
        return existing
    area_role = AreaRole(person_id=person.id, area_id=area.id, role=role)
    try:
        with db.session.begin_nested():
            db.session.add(area_role)
    except IntegrityError:  # a simultaneous request created it first
        return role_in(person, area, role)
    return area_role


def join_as_resident(person: Person, area: Area) -> AreaRole:
    """Say "I live here": an unverified resident until a code or a leader verifies them."""
    area_role = _get_or_create_role(person, area, Role.RESIDENT)
    db.session.commit()
    return area_role


def appoint(person: Person, area: Area, role: Role, by: Person | None = None) -> AreaRole:
    area_role = _get_or_create_role(person, area, role)
    record(by.id if by else None, f"appoint_{role.value}", area.id, f"person {person.id}")
    db.session.commit()
    return area_role


def end_role(area_role: AreaRole, by: Person) -> None:
    """An admin ends someone's process-leader or partner role in an area: the role goes,
    every sign-in of the person ends (what they could do rested on it), and they are told."""
    person_id, area = area_role.person_id, area_role.area
    db.session.delete(area_role)
    end_all_sign_ins(person_id)
    record(by.id, f"end_{area_role.role.value}", area.id, f"person {person_id}")
    notify(person_id, NotificationKind.ROLE_ENDED, detail=f"{area_role.role.value}\n{area.name}")
    db.session.commit()


def paper_code(length: int = CODE_LENGTH) -> str:
    """A random code to type from paper (invite letters, meeting-place cards)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def generate_invites(area: Area, leader: Person, count: int, valid_days: int) -> InviteBatch:
    batch = InviteBatch(
        area_id=area.id,
        created_by_id=leader.id,
        expires_at=utcnow() + timedelta(days=valid_days),
    )
    batch.codes = [InviteCode(code=paper_code()) for _ in range(count)]
    db.session.add(batch)
    record(leader.id, "generate_invites", area.id, f"{count} codes, {valid_days} days")
    db.session.commit()
    return batch


def normalize_code(raw: str) -> str:
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


def format_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def redeem_invite(person: Person, raw_code: str) -> Area:
    """Verify the person as a resident of the code's area. Each code works once."""
    code = normalize_code(raw_code)
    invite = db.session.scalar(sa.select(InviteCode).where(InviteCode.code == code))
    if invite is None:
        raise InviteError(_("We do not recognise that code. Check the letters and try again."))
    if invite.redeemed_at is not None:
        raise InviteError(
            _("That code has already been used. Ask your process leader for a new one.")
        )
    if invite.batch.expires_at <= utcnow():
        raise InviteError(_("That code has expired. Ask your process leader for a new one."))
    now = utcnow()
    claimed = db.session.execute(
        sa.update(InviteCode)
        .where(InviteCode.id == invite.id, InviteCode.redeemed_at.is_(None))
        .values(redeemed_at=now, redeemed_by_id=person.id)
    ).rowcount
    if not claimed:
        db.session.rollback()
        raise InviteError(
            _("That code has already been used. Ask your process leader for a new one.")
        )
    area = invite.batch.area
    area_role = _get_or_create_role(person, area, Role.RESIDENT)
    if area_role.verified_at is None:
        area_role.verified_at = now
    db.session.commit()
    return area


def verify_resident(area: Area, leader: Person, person_id: int) -> AreaRole:
    """A leader verifies a resident directly (for example, known at the meeting place)."""
    area_role = db.session.scalar(
        sa.select(AreaRole).where(
            AreaRole.person_id == person_id,
            AreaRole.area_id == area.id,
            AreaRole.role == Role.RESIDENT,
        )
    )
    if area_role is None:
        abort(404)
    if area_role.verified_at is None:
        area_role.verified_at = utcnow()
        area_role.verified_by_id = leader.id
        record(leader.id, "verify_resident", area.id, f"person {person_id}")
        db.session.commit()
    return area_role


def residents(area: Area) -> list[AreaRole]:
    """Residents of the area with their person loaded in the same query."""
    return db.session.scalars(
        sa.select(AreaRole)
        .join(AreaRole.person)
        .where(AreaRole.area_id == area.id, AreaRole.role == Role.RESIDENT)
        .options(sa.orm.contains_eager(AreaRole.person))
        .order_by(AreaRole.verified_at.is_not(None), Person.display_name)
    ).all()


def batches(area: Area) -> list[InviteBatch]:
    return db.session.scalars(
        sa.select(InviteBatch)
        .where(InviteBatch.area_id == area.id)
        .options(sa.orm.selectinload(InviteBatch.codes))
        .order_by(InviteBatch.id.desc())
    ).all()


def is_settled(person: Person) -> bool:
    """Someone with nothing left to verify: a verified resident somewhere, a process leader
    or an administrator (the menu offers "Verify" to everyone else)."""
    if person.is_admin:
        return True
    return (
        db.session.scalar(
            sa.select(AreaRole.id)
            .where(
                AreaRole.person_id == person.id,
                sa.or_(AreaRole.verified_at.is_not(None), AreaRole.role == Role.LEADER),
            )
            .limit(1)
        )
        is not None
    )
