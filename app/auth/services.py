"""Addresses, one-time codes and sign-in links."""

import enum
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

import phonenumbers
import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _

from app.extensions import db
from app.models import LoginCode, LoginLink, Person
from app.models.util import utcnow
from app.senders import sender_for
from app.tokens import digest, new_token, same

CODE_VALID = timedelta(minutes=10)
CODE_MAX_TRIES = 5
LINK_VALID = timedelta(minutes=15)
MIN_AGE = 13  # Swedish age of consent for online services (GDPR art. 8, lag 2018:218 2 kap. 4 §).


class InvalidAddress(ValueError):
    """Neither a valid email address nor a valid phone number; the message is translated."""


def normalize_address(raw: str) -> str:
    """An email address lower-cased and checked, or a phone number in E.164 (Sweden default)."""
    raw = (raw or "").strip()
    if not raw:
        raise InvalidAddress(_("Type your mobile number or your email address."))
    if "@" in raw:
        try:
            return validate_email(raw, check_deliverability=False).normalized.lower()
        except EmailNotValidError as error:
            raise InvalidAddress(_("That email address does not look right.")) from error
    try:
        number = phonenumbers.parse(raw, "SE")
    except phonenumbers.NumberParseException as error:
        raise InvalidAddress(_("That phone number does not look right.")) from error
    if not phonenumbers.is_valid_number(number):
        raise InvalidAddress(_("That phone number does not look right."))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def find_person(address: str) -> Person | None:
    column = Person.email if "@" in address else Person.phone
    return db.session.scalar(sa.select(Person).where(column == address))


def issue_code(address: str) -> None:
    """Replace any open code for the address with a new one, and send it."""
    now = utcnow()
    db.session.execute(
        sa.update(LoginCode)
        .where(LoginCode.address == address, LoginCode.used_at.is_(None))
        .values(used_at=now)
    )
    code = f"{secrets.randbelow(1_000_000):06d}"
    db.session.add(
        LoginCode(
            address=address,
            code_hash=digest(f"{address}:{code}"),
            expires_at=now + CODE_VALID,
        )
    )
    db.session.commit()
    sender_for(address).send(
        address,
        _("Your Grannlabb code"),
        _("Your Grannlabb code is %(code)s. It is valid for 10 minutes.", code=code),
    )


class CodeCheck(enum.Enum):
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"
    EXPIRED = "expired"


@dataclass
class CodeResult:
    status: CodeCheck
    tries_left: int = 0


def check_code(address: str, code: str) -> CodeResult:
    """Check a code: every try counts, at most five, and a code is used once."""
    login_code = db.session.scalar(
        sa.select(LoginCode)
        .where(LoginCode.address == address)
        .order_by(LoginCode.id.desc())
        .limit(1)
    )
    now = utcnow()
    if login_code is None:
        return CodeResult(CodeCheck.EXPIRED)
    if login_code.attempts >= CODE_MAX_TRIES:
        return CodeResult(CodeCheck.LOCKED)
    if login_code.used_at is not None or login_code.expires_at <= now:
        return CodeResult(CodeCheck.EXPIRED)
    # Count the try atomically, so simultaneous guesses cannot exceed the limit.
    counted = db.session.execute(
        sa.update(LoginCode)
        .where(LoginCode.id == login_code.id, LoginCode.attempts < CODE_MAX_TRIES)
        .values(attempts=LoginCode.attempts + 1)
    ).rowcount
    db.session.commit()
    if not counted:
        return CodeResult(CodeCheck.LOCKED)
    db.session.refresh(login_code)
    if not same(login_code.code_hash, digest(f"{address}:{code.strip()}")):
        left = CODE_MAX_TRIES - login_code.attempts
        return CodeResult(CodeCheck.WRONG if left else CodeCheck.LOCKED, left)
    used = db.session.execute(
        sa.update(LoginCode)
        .where(LoginCode.id == login_code.id, LoginCode.used_at.is_(None))
        .values(used_at=now)
    ).rowcount
    db.session.commit()
    return CodeResult(CodeCheck.OK if used else CodeCheck.EXPIRED)


def birth_year_error(birth_year: int, today: date | None = None) -> str | None:
    """A kind, translated explanation when the birth year cannot have an account."""
    year = (today or date.today()).year
    if birth_year > year:
        return _("The birth year cannot be in the future.")
    if birth_year < year - 120:
        return _("Check the birth year: it looks too early.")
    if year - birth_year < MIN_AGE:
        return _(
            "You need to be 13 to have an account. That is the Swedish age limit for online "
            "services. Until then, a parent or guardian can sign you up for activities, and "
            "you are always welcome at the meeting place."
        )
    return None


def create_person(address: str, display_name: str, locale: str, birth_year: int) -> Person:
    person = Person(display_name=display_name, locale=locale, birth_year=birth_year)
    if "@" in address:
        person.email = address
    else:
        person.phone = address
    db.session.add(person)
    db.session.commit()
    return person


def create_login_link(person: Person) -> str:
    """Store a single-use sign-in link for the person and return its token."""
    token = new_token()
    db.session.add(
        LoginLink(person=person, token_hash=digest(token), expires_at=utcnow() + LINK_VALID)
    )
    db.session.commit()
    return token


def find_login_link(token: str) -> LoginLink | None:
    """The link if it is unused and unexpired."""
    link = db.session.scalar(sa.select(LoginLink).where(LoginLink.token_hash == digest(token)))
    if link is None or link.used_at is not None or link.expires_at <= utcnow():
        return None
    return link


def use_login_link(token: str) -> Person | None:
    """Mark the link used (only once, even under simultaneous requests) and return its person."""
    link = find_login_link(token)
    if link is None:
        return None
    used = db.session.execute(
        sa.update(LoginLink)
        .where(LoginLink.id == link.id, LoginLink.used_at.is_(None))
        .values(used_at=utcnow())
    ).rowcount
    db.session.commit()
    return link.person if used and link.person.is_active else None
