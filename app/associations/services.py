"""Associations and cooperatives: starting one, statutes, founding meeting, membership.

An association is *forming* while its founders gather (a non-profit or a cooperative needs at
least three who accepted), answer the statutes questions, edit the statutes (every save a new
version) and fill in the minutes of the founding meeting online. Recording the minutes makes it
*founded*: the founders become members and the elected board's roles become memberships with
roles. After that, people ask to join and the board approves or declines.

Recording the meeting and deciding on a join request happen under a lock on the association
row (see ``app.locking.lock_row``), so two simultaneous clicks record once.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from app.areas.services import is_leader
from app.clock import STOCKHOLM
from app.extensions import db
from app.locking import lock_row
from app.models import (
    Activity,
    Area,
    AreaRole,
    Idea,
    Notification,
    NotificationKind,
    Person,
    Role,
)
from app.models.associations import (
    BOARD_ROLES,
    INVITE_TOKEN_BYTES,
    Association,
    AssociationKind,
    AssociationStatus,
    ContactMessage,
    Founder,
    FoundingMinutes,
    MemberRole,
    Membership,
    MembershipStatus,
    StatutesVersion,
)
from app.models.audit import record
from app.models.ideas import LISTED
from app.models.util import utcnow
from app.refusals import Refused

MIN_FOUNDERS = 3
SEARCH_LIMIT = 20
CONTACT_PER_HOUR = 3
CONTACT_MAX = 2000
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


# --- Looking up -------------------------------------------------------------------------------


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


# --- Starting one -----------------------------------------------------------------------------


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


def _require_forming_founder(person: Person, association: Association) -> None:
    if not is_founder(person, association):
        raise Refused(_l("Only the founders can do this."), 403)
    if association.status is not AssociationStatus.FORMING:
        raise Refused(_l("The association is already founded."), 409)


def can_describe(person: Person, association: Association) -> bool:
    """Founders while forming, the board once founded."""
    if association.status is AssociationStatus.FORMING:
        return is_founder(person, association)
    return is_board(person, association)


def describe(association: Association, by: Person, description: str) -> None:
    """The description on the public page."""
    if not can_describe(by, association):
        raise Refused(_l("Only the founders or the board can change the description."), 403)
    from app.models.associations import DESCRIPTION_MAX

    description = description.replace("\r\n", "\n").strip()
    if len(description) > DESCRIPTION_MAX:
        raise Refused(_l("The description is too long."), 422)
    association.description = description
    db.session.commit()


# --- Founders ---------------------------------------------------------------------------------


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
    _require_forming_founder(by, association)
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
    _require_forming_founder(by, association)
    association.invite_token = secrets.token_urlsafe(INVITE_TOKEN_BYTES)
    db.session.commit()


# --- Statutes ---------------------------------------------------------------------------------


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
    _require_forming_founder(by, association)
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
    from app.associations.statutes import draft

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
    _require_forming_founder(by, association)
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise Refused(_l("The statutes cannot be empty."), 422)
    from app.models.associations import STATUTES_MAX

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


# --- Founding meeting -------------------------------------------------------------------------


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
    _require_forming_founder(by, association)
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
    _require_forming_founder(by, association)
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
            _l(
                "A %(kind)s needs at least %(num)d founders; %(have)d have accepted.",
                kind=KIND_LABELS[association.kind],
                num=MIN_FOUNDERS,
                have=len(founders),
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
    _require_forming_founder(by, association)
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


# --- Membership -------------------------------------------------------------------------------


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


def membership_or_404(membership_id: int) -> Membership:
    return db.get_or_404(Membership, membership_id, options=[so.joinedload(Membership.association)])


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


# --- The person's own data --------------------------------------------------------------------


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
