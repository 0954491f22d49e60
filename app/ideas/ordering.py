"""The order of an area's idea list: most votes first, or — when the area's leaders choose
it — a random order while voting is open, so that early ideas do not gather votes only
because they are seen first (Decidim's rule, decidim #827).

The random order is the same for a visitor all day (a seed from who they are and the date)
and paginates without repeats: each idea's place is ``(id × a + b) mod p`` for a prime p
above any id, a permutation of the ideas computed by the database (the same integer
arithmetic on SQLite and PostgreSQL), ties impossible. When the next agenda is cut from the
ranked list, voting for that round is over and the list shows most votes again.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date

import sqlalchemy as sa
from flask import session
from flask_login import current_user

from app.clock import local
from app.extensions import db
from app.models import Area, Idea
from app.models.agendas import Agenda
from app.models.util import utcnow

RANDOM, VOTES = "random", "votes"
PRIME = 2_147_483_647  # 2^31 - 1: above any id an integer column holds


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


def seed(who: str, area: Area, day: date | None = None) -> tuple[int, int]:
    """(a, b) for this visitor, area and day: the same all day, another tomorrow."""
    day = day or local(utcnow()).date()
    digest = hashlib.sha256(f"{who}|{area.id}|{day.isoformat()}".encode()).digest()
    a = 1 + int.from_bytes(digest[:8], "big") % (PRIME - 1)
    b = int.from_bytes(digest[8:16], "big") % PRIME
    return a, b


def place(key: tuple[int, int]):
    """The idea's place in the visitor's order, as a SQL expression."""
    a, b = key
    return (sa.cast(Idea.id, sa.BigInteger) * a + b) % PRIME
