"""Residents' meetings, their agendas cut from the ranked ideas, and printable QR codes.

Cutting an agenda freezes, once, the meeting's number of ideas with the most votes at that
moment among the area's published ideas: by vote count, highest first, and among equal counts
the older idea (lower id) first. Each idea keeps its place and its count at the cut however
the votes move afterwards, and moves on to "on the agenda".
"""

from __future__ import annotations

from datetime import datetime

import segno
import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from app.clock import local_label
from app.extensions import db
from app.ideas.services import change_status
from app.models import Agenda, AgendaItem, Area, Idea, IdeaStatus, Person
from app.models.audit import record
from app.models.util import utcnow
from app.refusals import Refused

MIN_IDEAS, MAX_IDEAS = 1, 30
# The agenda's order: most votes first; among equals the idea proposed first.
AGENDA_ORDER = (Idea.vote_count.desc(), Idea.id.asc())


def agenda_or_404(agenda_id: int) -> Agenda:
    return db.get_or_404(Agenda, agenda_id)


def meetings(area: Area) -> list[Agenda]:
    """The area's meetings: coming ones soonest first, then past ones latest first."""
    now = utcnow()
    query = sa.select(Agenda).where(Agenda.area_id == area.id)
    coming = db.session.scalars(
        query.where(Agenda.meeting_at >= now).order_by(Agenda.meeting_at, Agenda.id)
    ).all()
    past = db.session.scalars(
        query.where(Agenda.meeting_at < now).order_by(Agenda.meeting_at.desc(), Agenda.id.desc())
    ).all()
    return [*coming, *past]


def create_meeting(
    area: Area, by: Person, *, title: str, meeting_at: datetime, place: str, idea_count: int
) -> Agenda:
    if meeting_at <= utcnow():
        raise Refused(_l("The meeting must be in the future."), 422)
    if not MIN_IDEAS <= idea_count <= MAX_IDEAS:
        raise Refused(_l("Choose between 1 and 30 ideas."), 422)
    agenda = Agenda(
        area_id=area.id,
        title=title,
        meeting_at=meeting_at,
        place=place,
        idea_count=idea_count,
        created_by_id=by.id,
    )
    db.session.add(agenda)
    db.session.flush()
    record(by.id, "create_meeting", area.id, f"agenda {agenda.id}")
    db.session.commit()
    return agenda


def _top_published(area_id: int, limit: int):
    return (
        sa.select(Idea)
        .where(Idea.area_id == area_id, Idea.status == IdeaStatus.PUBLISHED)
        .order_by(*AGENDA_ORDER)
        .limit(limit)
    )


def preview(agenda: Agenda) -> list[Idea]:
    """What the agenda would hold if it were cut now (shown before the cut)."""
    return list(db.session.scalars(_top_published(agenda.area_id, agenda.idea_count)))


def items(agenda: Agenda) -> list[AgendaItem]:
    """The frozen agenda in order, with its ideas (one query)."""
    return list(
        db.session.scalars(
            sa.select(AgendaItem)
            .where(AgendaItem.agenda_id == agenda.id)
            .options(sa.orm.joinedload(AgendaItem.idea))
            .order_by(AgendaItem.position)
        )
    )


def cut(agenda: Agenda, by: Person) -> list[AgendaItem]:
    """Freeze the agenda, once, in one transaction.

    A conditional UPDATE claims the cut: of two simultaneous cuts of the same meeting only one
    sees ``cut_at`` empty; the other gets a 409. Cuts of two meetings in the same area wait
    for each other (a row lock on the area on PostgreSQL; SQLite has one writer at a time),
    so an idea never lands on two agendas.
    """
    now = utcnow()
    claimed = db.session.execute(
        sa.update(Agenda)
        .where(Agenda.id == agenda.id, Agenda.cut_at.is_(None))
        .values(cut_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not claimed:
        db.session.rollback()
        raise Refused(_l("The agenda of this meeting is already cut."), 409)
    db.session.execute(sa.select(Area.id).where(Area.id == agenda.area_id).with_for_update())
    top = db.session.scalars(
        _top_published(agenda.area_id, agenda.idea_count).execution_options(populate_existing=True)
    ).all()
    note = f"{agenda.title}, {local_label(agenda.meeting_at)}"
    frozen = []
    for position, idea in enumerate(top, start=1):
        item = AgendaItem(
            agenda_id=agenda.id, idea_id=idea.id, position=position, votes_at_cut=idea.vote_count
        )
        db.session.add(item)
        frozen.append(item)
        change_status(idea, IdeaStatus.ON_AGENDA, note=note, agenda_id=agenda.id)
    record(by.id, "cut_agenda", agenda.area_id, f"agenda {agenda.id}: {len(frozen)} ideas")
    db.session.commit()
    db.session.refresh(agenda)
    return frozen


def idea_url(idea: Idea) -> str:
    """The idea's public address, for print (BASE_URL, not the address of this request)."""
    return current_app.config["BASE_URL"].rstrip("/") + url_for("ideas.idea", idea_id=idea.id)


def qr_svg(url: str, label: str = "") -> Markup:
    """An inline SVG QR code for the address (no script, no style attribute: fits the CSP)."""
    svg = segno.make(url, error="m").svg_inline(
        scale=1, border=4, omitsize=True, svgclass="qr", lineclass=None
    )
    label = escape(label or url)
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))


def excerpt(text: str, limit: int = 600) -> str:
    """The first part of a text, cut at a word, with an ellipsis when shortened."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut_at = text.rfind(" ", 0, limit)
    return text[: cut_at if cut_at > limit // 2 else limit].rstrip() + "…"
