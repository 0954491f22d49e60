"""Assisted mode: at the meeting place a process leader acts for a resident who is present
and has no phone of their own (DESIGN.md §10).

The leader registers the resident (a name, a birth year where the rules need it, no contact
data), or finds them by name, and then *helps* them: for as long as the help lasts, the ideas,
votes, comments, sign-ups and bookings the leader makes are the resident's own, each stored
with the leader as ``assisted_by`` and, for ideas, votes and comments, shown by role in the
area's public moderation log. One person, one vote still holds: the vote is the resident's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import g, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from app.areas.services import is_leader, paper_code, role_in
from app.extensions import db
from app.ideas.services import log_assisted
from app.models import Area, AreaRole, Decision, Person, Role
from app.models.assisted import AccountClaim
from app.models.audit import record
from app.models.util import utcnow
from app.refusals import Refused
from app.textinput import contains
from app.tokens import digest

SESSION_KEY = "assisting"
CLAIM_SESSION_KEY = "claim"
# Help ends by itself: a leader who walks away from a shared computer leaves no one acting.
HELP_LASTS = timedelta(minutes=60)
CARD_VALID = timedelta(days=60)
CARD_LENGTH = 10
SEARCH_LIMIT = 20


@dataclass
class Helping:
    """The resident a leader is helping now, in which area."""

    person: Person
    area: Area
    leader: Person
    until: datetime


def _refuse_outside(leader: Person, area: Area) -> None:
    if not is_leader(leader, area):
        raise Refused(_l("Only the area's process leaders help residents at the meeting place."))


def resident_of(area: Area, person_id: int | None) -> Person:
    """A resident of the area (verified or not), or a clear refusal."""
    person = db.session.get(Person, person_id) if person_id else None
    if (
        person is None
        or person.deleted_at is not None
        or role_in(person, area, Role.RESIDENT) is None
    ):
        raise Refused(_l("Choose a resident of this area."), 404)
    return person


def start(leader: Person, area: Area, person_id: int | None) -> Person:
    """Begin helping a resident of the area who is here with the leader."""
    _refuse_outside(leader, area)
    person = resident_of(area, person_id)
    if person.id == leader.id:
        raise Refused(_l("You act for yourself without assisted mode."), 409)
    session[SESSION_KEY] = {
        "person": person.id,
        "area": area.id,
        "leader": leader.id,
        "until": (utcnow() + HELP_LASTS).isoformat(),
    }
    g.pop("helping", None)
    record(leader.id, "assist_start", area.id, f"person {person.id}")
    db.session.commit()
    return person


def stop() -> None:
    session.pop(SESSION_KEY, None)
    g.pop("helping", None)


def helping() -> Helping | None:
    """Whom the signed-in leader is helping now, checked again on every request: help ends
    when it runs out, when the leader is no longer a leader there, or the person no longer
    a resident."""
    if "helping" in g:
        return g.helping
    g.helping = None
    data = session.get(SESSION_KEY)
    if not data or not current_user.is_authenticated:
        return None
    try:
        until = datetime.fromisoformat(data["until"])
        person = db.session.get(Person, int(data["person"]))
        area = db.session.get(Area, int(data["area"]))
        leader_id = int(data["leader"])
    except (KeyError, TypeError, ValueError):
        stop()
        return None
    leader = current_user._get_current_object()
    if (
        leader_id != leader.id
        or until <= utcnow()
        or area is None
        or person is None
        or person.deleted_at is not None
        or not is_leader(leader, area)
        or role_in(person, area, Role.RESIDENT) is None
    ):
        stop()
        return None
    g.helping = Helping(person, area, leader, until)
    return g.helping


def actor(area: Area) -> tuple[Person, Person | None]:
    """Who acts in ``area``: the resident being helped and the helping leader, or the signed-in
    person alone. A leader helping someone in another area is refused, never silently
    switched back to acting for themselves."""
    now_helping = helping()
    if now_helping is None:
        return current_user._get_current_object(), None
    if now_helping.area.id != area.id:
        raise Refused(
            _l(
                "You are helping %(name)s in %(area)s. Stop helping first to act in another area.",
                name=now_helping.person.display_name,
                area=now_helping.area.name,
            ),
            409,
        )
    return now_helping.person, now_helping.leader


def viewer(area: Area) -> Person:
    """Whose votes and sign-ups a page shows: the resident being helped here, else the
    signed-in person."""
    now_helping = helping()
    if now_helping is not None and now_helping.area.id == area.id:
        return now_helping.person
    return current_user


# --- Registering a resident at the meeting place ---------------------------------------------


def same_name_residents(area: Area, name: str) -> list[Person]:
    return [p for p in search(area, name) if p.display_name.casefold() == name.casefold()]


def register(
    leader: Person,
    area: Area,
    name: str,
    birth_year: int | None,
    language: str,
    another_person: bool = False,
) -> Person:
    """A resident without a phone or email, verified in the area by the leader who met
    them. A name that a resident of the area already has is refused unless the leader says
    this is another person: one person, one vote."""
    _refuse_outside(leader, area)
    name = " ".join(name.split())
    if not another_person and same_name_residents(area, name):
        raise Refused(
            _l(
                "A resident called %(name)s is already registered here. Help them from the "
                "list, or tick that this is another person.",
                name=name,
            ),
            409,
        )
    person = Person(display_name=name, birth_year=birth_year, locale=language)
    db.session.add(person)
    db.session.flush()
    now = utcnow()
    db.session.add(
        AreaRole(
            person_id=person.id,
            area_id=area.id,
            role=Role.RESIDENT,
            verified_at=now,
            verified_by_id=leader.id,
        )
    )
    log_assisted(leader, area, Decision.ASSIST_REGISTER)
    record(leader.id, "assist_register", area.id, f"person {person.id}")
    db.session.commit()
    return person


def search(area: Area, text: str, limit: int = SEARCH_LIMIT) -> list[Person]:
    """Residents of the area whose name contains ``text``: display names only, one query."""
    query = (
        sa.select(Person)
        .join(AreaRole, AreaRole.person_id == Person.id)
        .where(
            AreaRole.area_id == area.id,
            AreaRole.role == Role.RESIDENT,
            Person.deleted_at.is_(None),
        )
    )
    text = " ".join((text or "").split())
    if text:
        query = query.where(contains(Person.display_name, text))
    return list(db.session.scalars(query.order_by(Person.display_name, Person.id).limit(limit)))


# --- The card: taking the account over on a phone later -------------------------------------


def card_label(code: str) -> str:
    """The code as printed, in groups easy to read aloud: "ABCDE-FGHJK"."""
    return f"{code[:5]}-{code[5:]}"


def issue_card(leader: Person, area: Area, person_id: int | None) -> tuple[Person, str, datetime]:
    """A new one-time code for a resident without contact data; an earlier card stops
    working. Returns the person, the code (shown once, on the card) and when it expires."""
    _refuse_outside(leader, area)
    person = resident_of(area, person_id)
    if person.email or person.phone:
        raise Refused(_l("%(name)s already signs in on their own.", name=person.display_name), 409)
    now = utcnow()
    db.session.execute(
        sa.update(AccountClaim)
        .where(AccountClaim.person_id == person.id, AccountClaim.used_at.is_(None))
        .values(used_at=now)
    )
    code = paper_code(CARD_LENGTH)
    expires = now + CARD_VALID
    db.session.add(
        AccountClaim(
            person_id=person.id,
            code_hash=digest(f"card:{code}"),
            created_by_id=leader.id,
            expires_at=expires,
        )
    )
    record(leader.id, "assist_card", area.id, f"person {person.id}")
    db.session.commit()
    return person, card_label(code), expires


def normal_card_code(typed: str) -> str:
    return "".join(ch for ch in (typed or "").upper() if ch.isalnum())


def find_claim(typed: str) -> AccountClaim | None:
    """The open card whose code this is (dashes, spaces and case do not matter)."""
    code = normal_card_code(typed)
    if len(code) != CARD_LENGTH:
        return None
    claim = db.session.scalar(
        sa.select(AccountClaim).where(AccountClaim.code_hash == digest(f"card:{code}"))
    )
    if (
        claim is None
        or claim.used_at is not None
        or claim.expires_at <= utcnow()
        or claim.person.deleted_at is not None
        or claim.person.email
        or claim.person.phone
    ):
        return None
    return claim


def remember_claim(claim: AccountClaim) -> None:
    """The card's code was right: the next sign-in code confirms the address it gets."""
    session[CLAIM_SESSION_KEY] = claim.id


def forget_claim() -> None:
    session.pop(CLAIM_SESSION_KEY, None)


def claim_in_session() -> bool:
    return isinstance(session.get(CLAIM_SESSION_KEY), int)


def finish_claim(address: str) -> Person | None:
    """After a sign-in code confirmed ``address`` (which has no account yet): the person of
    the card typed in this session gets it, and the card is used up. None when the card was
    used or expired meanwhile (simultaneous requests too)."""
    claim_id = session.pop(CLAIM_SESSION_KEY, None)
    if not isinstance(claim_id, int):
        return None
    return _take_over(claim_id, address)


def _take_over(claim_id: int, address: str) -> Person | None:
    now = utcnow()
    used = db.session.execute(
        sa.update(AccountClaim)
        .where(
            AccountClaim.id == claim_id,
            AccountClaim.used_at.is_(None),
            AccountClaim.expires_at > now,
        )
        .values(used_at=now)
    ).rowcount
    if not used:
        db.session.rollback()
        return None
    claim = db.session.get(AccountClaim, claim_id)
    person = claim.person
    if "@" in address:
        person.email = address
    else:
        person.phone = address
    record(person.id, "assist_take_over", None, f"person {person.id}")
    try:
        db.session.commit()
    except IntegrityError:  # the address got an account of its own meanwhile
        db.session.rollback()
        return None
    return person
