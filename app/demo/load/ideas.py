"""The demo's partners, ideas, comments, agendas."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from app.agendas import services as agendas
from app.demo.load import lookup
from app.demo.rows import ideas as idea_rows
from app.extensions import db
from app.ideas import services as ideas
from app.models import (
    Agenda,
    Area,
    Comment,
    Decision,
    Idea,
    Partner,
    Person,
)
from app.models.util import utcnow
from app.moderation import services as moderation
from app.partners import services as partners


def _load_partners(admin: Person, areas: list[Area]) -> dict[str, Partner]:
    found = {}
    for name, kind, description in idea_rows.PARTNERS:
        partner = db.session.scalar(sa.select(Partner).where(Partner.name == name))
        if partner is None:
            partner = partners.save_partner(
                None,
                admin,
                name=name,
                kind=kind,
                description=description,
                website=None,
                area_ids=[area.id for area in areas],
            )
        representative = lookup.representative(name)
        if not partners.is_representative(representative, partner):
            partners.appoint_representative(partner, representative, admin)
        found[name] = partner
    return found


def load_ideas() -> None:
    """The partners, then each idea not there yet (by title) through moderation, votes and
    partner links; the comments of ideas without any; the agendas of areas without one."""
    areas = lookup.areas()
    partner_by_name = _load_partners(lookup.admin(), list(areas.values()))
    for slug, author, language, category, title, text, outcome in idea_rows.IDEAS:
        if db.session.scalar(sa.select(Idea.id).where(Idea.title == title)) is not None:
            continue
        area = areas[slug]
        leader = lookup.leader(area)
        idea = ideas.propose(area, lookup.person(author), title, text, category, language)
        if outcome == "submitted":
            continue
        if outcome == "hidden":
            reason_code, reason = idea_rows.HIDDEN_BECAUSE
            moderation.decide_idea(
                idea, leader, Decision.HIDE, reason_code=reason_code, reason=reason
            )
            continue
        moderation.decide_idea(idea, leader, Decision.PUBLISH)
        voters = lookup.verified_residents(area)
        for voter in voters[: 1 + len(title) % len(voters)]:
            ideas.cast_vote(idea, voter, True)
        if isinstance(outcome, tuple):
            _, partner_name, accepted = outcome
            partner = partner_by_name[partner_name]
            link = partners.link_idea(idea, partner, idea_rows.LINK_QUESTION, leader)
            if accepted:
                representative = lookup.representative(partner_name)
                partners.answer_link(link, "accept", idea_rows.LINK_ANSWER, representative)
    for idea_title, author, text, language in idea_rows.COMMENTS:
        idea = db.session.scalar(sa.select(Idea).where(Idea.title == idea_title))
        written = sa.select(Comment.id).where(Comment.text == text)
        if idea is not None and db.session.scalar(written) is None:
            ideas.add_comment(idea, lookup.person(author), text, language=language)
    for row in idea_rows.AGENDAS:
        area = areas[row["area"]]
        if db.session.scalar(sa.select(Agenda.id).where(Agenda.area_id == area.id)) is not None:
            continue
        leader = lookup.leader(area)
        agenda = agendas.create_meeting(
            area,
            leader,
            title=row["title"],
            meeting_at=utcnow() + timedelta(days=row["in_days"]),
            place=row["place"],
            idea_count=row["idea_count"],
        )
        agendas.cut(agenda, leader)
