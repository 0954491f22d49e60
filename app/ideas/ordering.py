"""The order of an area's idea list: most votes first, or — when the area's leaders choose
it — a random order while voting is open, so that early ideas do not gather votes only
because they are seen first (Decidim's rule, decidim #827).

The random order is the same for a visitor all day and paginates without repeats: the area's
listed idea ids (one small query) are shuffled by a random generator seeded from who is
looking, the area and the date, and each page takes its slice of that one order. When the
next agenda is cut from the ranked list, voting for that round is over and the list shows most
votes again.
"""

from __future__ import annotations

import hashlib
import random
import secrets
from datetime import date

import sqlalchemy as sa
from flask import session
from flask_login import current_user

from app.clock import local
from app.extensions import db
from app.models import Area
from app.models.agendas import Agenda
from app.models.util import utcnow

RANDOM, VOTES = "random", "votes"


def is_random(area: Area) -> bool:
    """Random while the leaders' choice stands and no agenda has been cut since (one query)."""
    if area.idea_order != RANDOM or area.idea_order_since is None:
        return False
    cut_since = db.session.scalar(
        sa.select(Agenda.id)
        .where(Agenda.area_id == area.id, Agenda.cut_at >= area.idea_order_since)
        .limit(1)
    )
    return cut_since is None


def visitor() -> str:
    """Who is looking: the signed-in person, or a visitor kept in the session cookie."""
    if current_user.is_authenticated:
        return f"person:{current_user.id}"
    if "visitor" not in session:
        session["visitor"] = secrets.token_hex(8)
    return f"visitor:{session['visitor']}"


def seed(who: str, area: Area, day: date | None = None) -> int:
    """The visitor's seed for this area and day: the same all day, another tomorrow."""
    day = day or local(utcnow()).date()
    digest = hashlib.sha256(f"{who}|{area.id}|{day.isoformat()}".encode()).digest()
    return int.from_bytes(digest[:16], "big")


def shuffled(ids: list[int], key: int) -> list[int]:
    """The ids in the visitor's order (a uniform random permutation, the same for one key)."""
    order = sorted(ids)
    random.Random(key).shuffle(order)
    return order
