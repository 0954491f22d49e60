"""People and their sign-in secrets."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask_login import UserMixin

from app.extensions import db
from app.models.util import UTCDateTime, utcnow

if TYPE_CHECKING:
    from app.models.areas import AreaRole

DISPLAY_NAME_MAX = 60


class Person(UserMixin, db.Model):
    """Anyone with an account. Contact data is private: only the person and leaders see it."""

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    display_name: so.Mapped[str] = so.mapped_column(sa.String(DISPLAY_NAME_MAX))
    email: so.Mapped[str | None] = so.mapped_column(sa.String(254), unique=True)
    phone: so.Mapped[str | None] = so.mapped_column(sa.String(20), unique=True)
    birth_year: so.Mapped[int | None]
    locale: so.Mapped[str] = so.mapped_column(sa.String(5), default="sv")
    is_admin: so.Mapped[bool] = so.mapped_column(default=False)
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    deleted_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    # The keyed hash of the private calendar feed's secret (/calendar/<token>.ics), if any.
    calendar_token_hash: so.Mapped[str | None] = so.mapped_column(sa.String(64), unique=True)

    roles: so.Mapped[list[AreaRole]] = so.relationship(
        back_populates="person",
        foreign_keys="AreaRole.person_id",
        cascade="all, delete-orphan",
    )

    # Flask-Login's id for this sign-in ("<person id>:<session secret>"); set at sign-in and
    # when a request's session is loaded (``app.auth.sessions``).
    session_key: ClassVar[str | None] = None

    @property
    def is_active(self) -> bool:  # Flask-Login: a deleted account cannot sign in.
        return self.deleted_at is None

    def get_id(self) -> str:
        """What the session and the remember cookie carry: one sign-in, not just the person."""
        if self.session_key is None:
            raise AttributeError("not signed in: start a session with app.auth.sessions")
        return self.session_key

    @property
    def address(self) -> str | None:
        """Where sign-in codes go: the email if there is one, else the phone."""
        return self.email or self.phone

    def age_this_year(self, year: int) -> int | None:
        return None if self.birth_year is None else year - self.birth_year


class LoginCode(db.Model):
    """A 6-digit sign-in code, stored only as a keyed hash."""

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    address: so.Mapped[str] = so.mapped_column(sa.String(254), index=True)
    code_hash: so.Mapped[str] = so.mapped_column(sa.String(64))
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    expires_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime)
    attempts: so.Mapped[int] = so.mapped_column(default=0)
    used_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)


class LoginLink(db.Model):
    """A single-use sign-in link printed by the ``login-link`` command."""

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    person_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("person.id", ondelete="CASCADE"))
    token_hash: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    expires_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime)
    used_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)

    person: so.Mapped[Person] = so.relationship()


class SignIn(db.Model):
    """One signed-in device. Its secret, carried by the session and the remember cookie, is
    stored only as a keyed hash; signing out ends the row, so a replayed cookie opens nothing."""

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    person_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    secret_hash: so.Mapped[str] = so.mapped_column(sa.String(64), unique=True)
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    expires_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime)
    ended_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)

    person: so.Mapped[Person] = so.relationship()
