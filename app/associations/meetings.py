"""The founding meeting: its date and place, its minutes, and recording it (the founding)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask_babel import format_date, lazy_ngettext
from flask_babel import lazy_gettext as _l

from app.associations.services import (
    KIND_LABELS,
    MIN_FOUNDERS,
    accepted_founders,
    is_board,
    is_founder,
    needs_three,
    require_forming_founder,
)
from app.clock import STOCKHOLM
from app.extensions import db
from app.locking import lock_row
from app.models import Person
from app.models.associations import (
    Association,
    AssociationKind,
    AssociationStatus,
    FoundingMinutes,
    MemberRole,
    Membership,
    MembershipStatus,
    StatutesVersion,
)
from app.models.util import utcnow
from app.refusals import Refused


def minutes_of(association: Association) -> FoundingMinutes | None:
    return db.session.scalar(
        sa.select(FoundingMinutes)
        .where(FoundingMinutes.association_id == association.id)
        .options(
            so.joinedload(FoundingMinutes.statutes_version),
            so.selectinload(FoundingMinutes.board_members),
            *(
                so.joinedload(getattr(FoundingMinutes, name))
                for name in (
                    "meeting_chair",
                    "meeting_secretary",
                    "checker_1",
                    "checker_2",
                    "board_chair",
                    "board_treasurer",
                    "board_secretary",
                )
            ),
        )
    )


MEETING_DAYS_BACK = 366  # a founding meeting may be recorded after it was held
MEETING_DAYS_AHEAD = 2 * 366


def check_meeting_day(day: date) -> None:
    """Refuse a founding meeting date more than a year back or two years ahead (422)."""
    today = utcnow().astimezone(STOCKHOLM).date()
    if not -MEETING_DAYS_BACK <= (day - today).days <= MEETING_DAYS_AHEAD:
        raise Refused(
            _l(
                "Choose a date between %(first)s and %(last)s.",
                first=format_date(today - timedelta(days=MEETING_DAYS_BACK), "long"),
                last=format_date(today + timedelta(days=MEETING_DAYS_AHEAD), "long"),
            ),
            422,
        )


def set_meeting(association: Association, by: Person, at: datetime, place: str) -> None:
    require_forming_founder(by, association)
    check_meeting_day(at.astimezone(STOCKHOLM).date())
    if not place.strip():
        raise Refused(_l("Write where the meeting is held."), 422)
    association.meeting_at = at
    association.meeting_place = place.strip()
    db.session.commit()


@dataclass
class MinutesInput:
    opened_at: str
    meeting_chair_id: int | None
    meeting_secretary_id: int | None
    checker_1_id: int | None
    checker_2_id: int | None
    decided_to_form: bool
    statutes_version_id: int | None
    board_chair_id: int | None
    board_treasurer_id: int | None
    board_secretary_id: int | None
    auditor: str
    fee: int
    other_notes: str
    # Ordinary board members besides the chair, treasurer and secretary.
    board_member_ids: list[int] = field(default_factory=list)


OFFICERS = 3  # chair, treasurer, secretary


def extra_seats(association: Association) -> int:
    """How many ordinary board members the statutes' board size leaves besides the officers."""
    return max(association.board_size - OFFICERS, 0)


MINUTES_PEOPLE = (
    "meeting_chair_id",
    "meeting_secretary_id",
    "checker_1_id",
    "checker_2_id",
    "board_chair_id",
    "board_treasurer_id",
    "board_secretary_id",
)


def save_minutes(association: Association, by: Person, data: MinutesInput) -> FoundingMinutes:
    """Save what the founders filled in so far (a draft; recording comes after)."""
    require_forming_founder(by, association)
    founders = {f.person_id for f in accepted_founders(association)}
    for name in MINUTES_PEOPLE:
        chosen = getattr(data, name)
        if chosen is not None and chosen not in founders:
            raise Refused(_l("Choose people among the founders."), 422)
    if data.statutes_version_id is not None:
        version = db.session.get(StatutesVersion, data.statutes_version_id)
        if version is None or version.association_id != association.id:
            raise Refused(_l("Choose a version of these statutes."), 422)
    if data.fee < 0:
        raise Refused(_l("Amounts cannot be negative."), 422)
    members = list(dict.fromkeys(data.board_member_ids))
    if not set(members) <= founders:
        raise Refused(_l("Choose people among the founders."), 422)
    if len(members) > extra_seats(association):
        raise Refused(
            _l(
                "The statutes give the board %(num)d members: elect at most %(more)d besides "
                "the chair, the treasurer and the secretary.",
                num=association.board_size,
                more=extra_seats(association),
            ),
            422,
        )
    minutes = minutes_of(association) or FoundingMinutes(association_id=association.id)
    for name, value in vars(data).items():
        if name != "board_member_ids":
            setattr(minutes, name, value.strip() if isinstance(value, str) else value)
    minutes.board_members = [db.session.get(Person, person_id) for person_id in members]
    minutes.updated_at = utcnow()
    minutes.updated_by_id = by.id
    db.session.add(minutes)
    db.session.commit()
    return minutes


def missing_for_founding(association: Association, minutes: FoundingMinutes | None) -> list[str]:
    """What still stops the founding meeting from being recorded, as translated sentences."""
    missing = []
    founders = accepted_founders(association)
    if needs_three(association) and len(founders) < MIN_FOUNDERS:
        missing.append(
            lazy_ngettext(
                "A %(kind)s needs at least %(least)d founders; %(num)d has accepted.",
                "A %(kind)s needs at least %(least)d founders; %(num)d have accepted.",
                len(founders),
                kind=KIND_LABELS[association.kind],
                least=MIN_FOUNDERS,
            )
        )
    if association.meeting_at is None or not association.meeting_place:
        missing.append(_l("Set the date and place of the founding meeting."))
    if minutes is None:
        missing.append(_l("Fill in the minutes."))
        return missing
    if None in (
        minutes.meeting_chair_id,
        minutes.meeting_secretary_id,
        minutes.checker_1_id,
        minutes.checker_2_id,
    ):
        missing.append(_l("Choose the meeting's chair, secretary and two minute checkers."))
    if minutes.checker_1_id is not None and minutes.checker_1_id == minutes.checker_2_id:
        missing.append(_l("The two minute checkers must be two people."))
    if not minutes.decided_to_form:
        missing.append(_l("The meeting must decide to form the association."))
    if needs_three(association) and minutes.statutes_version_id is None:
        missing.append(_l("Choose the version of the statutes the meeting adopted."))
    board_ids = [minutes.board_chair_id, minutes.board_treasurer_id, minutes.board_secretary_id]
    if None in board_ids:
        missing.append(_l("Elect a chair, a treasurer and a secretary."))
    elif needs_three(association) and len(set(board_ids)) < MIN_FOUNDERS:
        missing.append(_l("The board must have at least three different people."))
    members = {p.id for p in minutes.board_members}
    if members & set(board_ids):
        missing.append(_l("The chair, the treasurer and the secretary are on the board already."))
    elif needs_three(association) and len(members) != extra_seats(association):
        missing.append(
            _l(
                "The statutes give the board %(num)d members: elect %(more)d board members "
                "besides the chair, the treasurer and the secretary, or change the board size "
                "in the statutes.",
                num=association.board_size,
                more=extra_seats(association),
            )
        )
    return missing


def record_founding(association: Association, by: Person) -> Association:
    """The founding meeting was held as the minutes say: the association is founded."""
    require_forming_founder(by, association)
    lock_row(Association, association.id, Association.version)
    db.session.refresh(association)
    if association.status is not AssociationStatus.FORMING:
        db.session.rollback()
        raise Refused(_l("The association is already founded."), 409)
    minutes = minutes_of(association)
    missing = missing_for_founding(association, minutes)
    if missing:
        db.session.rollback()
        raise Refused(" ".join(str(m) for m in missing), 422)
    now = utcnow()
    # In an informal group one person may hold several roles: the chair counts first.
    roles = {
        **{p.id: MemberRole.BOARD for p in minutes.board_members},
        minutes.board_secretary_id: MemberRole.SECRETARY,
        minutes.board_treasurer_id: MemberRole.TREASURER,
        minutes.board_chair_id: MemberRole.CHAIR,
    }
    for founder in accepted_founders(association):
        db.session.add(
            Membership(
                association_id=association.id,
                person_id=founder.person_id,
                status=MembershipStatus.MEMBER,
                role=roles.get(founder.person_id, MemberRole.MEMBER),
                decided_at=now,
                decided_by_id=by.id,
            )
        )
    association.status = AssociationStatus.FOUNDED
    association.founded_at = now
    association.fee = minutes.fee
    minutes.recorded_at = now
    minutes.recorded_by_id = by.id
    db.session.commit()
    return association


NEXT_STEPS = {
    AssociationKind.NONPROFIT: [
        _l(
            "Apply for an organisation number from Skatteverket (the Swedish Tax Agency), "
            "with the adopted statutes and the signed minutes."
        ),
        _l("With the organisation number, a bank account can be opened in the association's name."),
        _l("Hold the first board meeting and keep a list of members."),
    ],
    AssociationKind.COOPERATIVE: [
        _l(
            "Register the cooperative (ekonomisk förening) with Bolagsverket (the Swedish "
            "Companies Registration Office); it exists as a legal person once registered."
        ),
        _l("Register for F-tax and, if needed, VAT with Skatteverket."),
        _l("Open a bank account and pay in the members' contributions."),
    ],
    AssociationKind.INFORMAL: [
        _l("An informal group needs no registration. Keep the minutes and a list of members."),
    ],
}


def adopted_statutes(association: Association) -> StatutesVersion | None:
    """The version of the statutes the founding meeting adopted, once founded."""
    if association.status is not AssociationStatus.FOUNDED:
        return None
    minutes = minutes_of(association)
    return minutes.statutes_version if minutes else None


def is_adopted(association: Association, version: StatutesVersion) -> bool:
    """Whether the founding meeting adopted this version of the statutes."""
    minutes = minutes_of(association)
    return (
        association.status is AssociationStatus.FOUNDED
        and minutes is not None
        and minutes.statutes_version_id == version.id
    )


def can_read_minutes(person: Person, association: Association) -> bool:
    """The founders and the board."""
    return is_founder(person, association) or is_board(person, association)
