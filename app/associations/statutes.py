"""The statutes: the founders' answers, versions written from them or by hand, who reads them."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask_babel import lazy_gettext as _l

from app.associations.services import is_founder, require_forming_founder
from app.associations.statutes_draft import draft
from app.extensions import db
from app.locking import lock_row
from app.models import Person
from app.models.associations import (
    STATUTES_MAX,
    Association,
    AssociationKind,
    AssociationStatus,
    StatutesVersion,
)
from app.refusals import Refused


@dataclass
class Answers:
    seat: str
    open_membership: bool
    fee: int
    board_size: int
    financial_year_start: int
    annual_meeting_month: int
    member_contribution: int | None = None


def check_answers(association: Association, data: Answers) -> None:
    if not data.seat.strip():
        raise Refused(_l("Write the municipality where the association has its seat."), 422)
    if data.fee < 0 or (data.member_contribution or 0) < 0:
        raise Refused(_l("Amounts cannot be negative."), 422)
    if not 3 <= data.board_size <= 15:
        raise Refused(_l("The board has between 3 and 15 members."), 422)
    for month in (data.financial_year_start, data.annual_meeting_month):
        if not 1 <= month <= 12:
            raise Refused(_l("Choose a month."), 422)
    if association.kind is AssociationKind.COOPERATIVE and data.member_contribution is None:
        raise Refused(_l("A cooperative needs a member contribution (it can be 0)."), 422)


def save_answers(association: Association, by: Person, data: Answers) -> StatutesVersion:
    """Store the answers and generate a new draft of the statutes from them."""
    require_forming_founder(by, association)
    check_answers(association, data)
    association.seat = data.seat.strip()
    association.open_membership = data.open_membership
    association.fee = data.fee
    association.board_size = data.board_size
    association.financial_year_start = data.financial_year_start
    association.annual_meeting_month = data.annual_meeting_month
    association.member_contribution = (
        data.member_contribution if association.kind is AssociationKind.COOPERATIVE else None
    )
    association.statutes_answered = True
    return _new_version(association, by, draft(association))


def _new_version(association: Association, by: Person, text: str) -> StatutesVersion:
    lock_row(Association, association.id, Association.version)
    number = (
        db.session.scalar(
            sa.select(sa.func.max(StatutesVersion.number)).where(
                StatutesVersion.association_id == association.id
            )
        )
        or 0
    ) + 1
    version = StatutesVersion(
        association_id=association.id, number=number, text=text, author_id=by.id
    )
    db.session.add(version)
    db.session.commit()
    return version


def save_statutes(association: Association, by: Person, text: str) -> StatutesVersion:
    require_forming_founder(by, association)
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise Refused(_l("The statutes cannot be empty."), 422)
    if len(text) > STATUTES_MAX:
        raise Refused(_l("The statutes are too long."), 422)
    return _new_version(association, by, text)


def versions(association: Association) -> list[StatutesVersion]:
    return list(
        db.session.scalars(
            sa.select(StatutesVersion)
            .where(StatutesVersion.association_id == association.id)
            .options(so.joinedload(StatutesVersion.author))
            .order_by(StatutesVersion.number.desc())
        )
    )


def version_or_404(association: Association, number: int) -> StatutesVersion:
    return db.first_or_404(
        sa.select(StatutesVersion).where(
            StatutesVersion.association_id == association.id, StatutesVersion.number == number
        )
    )


def can_read_statutes(person: Person, association: Association) -> bool:
    """Adopted statutes are public; drafts are for the founders."""
    return association.status is AssociationStatus.FOUNDED or is_founder(person, association)


def can_edit_statutes(person: Person, association: Association) -> bool:
    """The founders, while the association is forming."""
    return is_founder(person, association) and association.status is AssociationStatus.FORMING
