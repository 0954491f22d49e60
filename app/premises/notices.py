"""What bookers and process leaders are told about bookings."""

from __future__ import annotations

import sqlalchemy as sa

from app.clock import local
from app.extensions import db
from app.models import AreaRole, NotificationKind, Role
from app.models.premises import Booking, Premises
from app.notifications.services import notify


def notify_booker(booking: Booking, kind: NotificationKind, reason: str = "") -> None:
    what = f"{booking.premises.name}, {local_label(booking)}"
    notify(booking.person_id, kind, detail=f"{what}\n{reason}" if reason else what)


def notify_leaders(premises: Premises, bookings: list[Booking]) -> None:
    """Tell the area's process leaders that a request (or a series of them) awaits them."""
    first = bookings[0]
    what = f"{premises.name}, {local_label(first)}"
    if len(bookings) > 1:
        what += f" (+{len(bookings) - 1})"
    leaders = db.session.scalars(
        sa.select(AreaRole.person_id).where(
            AreaRole.area_id == premises.area_id, AreaRole.role == Role.LEADER
        )
    )
    for person_id in leaders:
        notify(person_id, NotificationKind.BOOKING_REQUESTED, detail=what)


def local_label(booking: Booking) -> str:
    start, end = local(booking.starts_at), local(booking.ends_at)
    return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"
