"""Signed-in devices: each sign-in is a row whose secret the session and the remember cookie
carry; signing out ends it, so a cookie copied or replayed afterwards opens nothing."""

import sqlalchemy as sa
from flask import current_app
from flask_login import login_user, logout_user

from app.extensions import db
from app.models import Person, SignIn
from app.models.util import utcnow
from app.tokens import digest, new_token


def start(person: Person, remember: bool = False) -> None:
    """Sign ``person`` in on this device (Flask-Login's ``login_user`` with a new sign-in)."""
    person.session_key = new_session_key(person.id)
    login_user(person, remember=remember)


def new_session_key(person_id: int) -> str:
    """A new sign-in of the person (their ended and expired ones are cleared away): what the
    session and the remember cookie carry."""
    now = utcnow()
    db.session.execute(
        sa.delete(SignIn).where(
            SignIn.person_id == person_id,
            sa.or_(SignIn.expires_at <= now, SignIn.ended_at.is_not(None)),
        )
    )
    secret = new_token()
    db.session.add(
        SignIn(
            person_id=person_id,
            secret_hash=digest(secret),
            expires_at=now + current_app.config["REMEMBER_COOKIE_DURATION"],
        )
    )
    db.session.commit()
    return f"{person_id}:{secret}"


def load(session_key: str) -> Person | None:
    """The person of a live sign-in, or None (ended, expired, deleted, or not a sign-in)."""
    person_id, _, secret = (session_key or "").partition(":")
    if not person_id.isdigit() or not secret or len(secret) > 100:
        return None
    person = db.session.scalar(
        sa.select(Person)
        .join(SignIn, SignIn.person_id == Person.id)
        .where(
            SignIn.secret_hash == digest(secret),
            SignIn.person_id == int(person_id),
            SignIn.ended_at.is_(None),
            SignIn.expires_at > utcnow(),
            Person.deleted_at.is_(None),
        )
    )
    if person is not None:
        person.session_key = session_key
    return person


def _secret_hash(person: Person) -> str | None:
    _, _, secret = (person.session_key or "").partition(":")
    return digest(secret) if secret else None


def end(person: Person) -> None:
    """Sign out on this device: this sign-in ends, and the cookies are cleared."""
    secret_hash = _secret_hash(person)
    if secret_hash:
        db.session.execute(
            sa.update(SignIn)
            .where(SignIn.secret_hash == secret_hash, SignIn.ended_at.is_(None))
            .values(ended_at=utcnow())
        )
        db.session.commit()
    logout_user()


def end_all(person_id: int) -> int:
    """End every sign-in of a person (all devices); the caller commits. How many ended."""
    return db.session.execute(
        sa.update(SignIn)
        .where(SignIn.person_id == person_id, SignIn.ended_at.is_(None))
        .values(ended_at=utcnow())
    ).rowcount


def live_count(person: Person) -> int:
    """On how many devices the person is signed in."""
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(SignIn)
        .where(
            SignIn.person_id == person.id,
            SignIn.ended_at.is_(None),
            SignIn.expires_at > utcnow(),
        )
    )
