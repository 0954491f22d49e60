"""Looking up premises and bookings, and today's date on the Swedish clock."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from app.clock import local
from app.extensions import db
from app.models import Area
from app.models.premises import Booking, Premises
from app.models.util import utcnow


def premises_or_404(premises_id: int) -> Premises:
    return db.get_or_404(
        Premises,
        premises_id,
        options=[
            sa.orm.joinedload(Premises.area),
            sa.orm.selectinload(Premises.spans),
            sa.orm.selectinload(Premises.closed_dates),
        ],
    )


def booking_or_404(booking_id: int) -> Booking:
    return db.get_or_404(
        Booking,
        booking_id,
        options=[sa.orm.joinedload(Booking.premises).joinedload(Premises.area)],
    )


def in_area(area: Area) -> list[Premises]:
    return list(
        db.session.scalars(
            sa.select(Premises)
            .where(Premises.area_id == area.id)
            .options(sa.orm.selectinload(Premises.spans))
            .order_by(Premises.name, Premises.id)
        )
    )


def today() -> date:
    return local(utcnow()).date()


def premises_id_of(booking_id: int) -> int:
    """The premises of a booking that exists."""
    return db.session.get(Booking, booking_id).premises_id


def photo_in_use(name: str) -> bool:
    """Whether some premises show the photo of this name."""
    return db.session.scalar(sa.select(Premises.id).where(Premises.photo == name)) is not None
