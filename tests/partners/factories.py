"""Shared builders for the tests of this domain."""

from app.extensions import db
from app.ideas import services as ideas
from app.models import (
    Category,
    IdeaStatus,
    Partner,
    PartnerKind,
    PartnerRepresentative,
)
from tests.conftest import make_person


def make_idea(area, author, title="Bättre belysning", status=IdeaStatus.PUBLISHED, votes=0):
    idea = ideas.propose(area, author, title, "Lampor vid gångvägen.", Category.SAFETY, "sv")
    if status is not IdeaStatus.SUBMITTED:
        ideas.change_status(idea, status)
    idea.vote_count = votes
    db.session.commit()
    return idea


def make_partner(name="Studiefrämjandet", kind=PartnerKind.STUDY_ASSOCIATION, areas=()):
    partner = Partner(name=name, kind=kind, description="Cirklar och kurser.")
    partner.areas = list(areas)
    db.session.add(partner)
    db.session.commit()
    return partner


def make_rep(partner, name="Rep"):
    person = make_person(name)
    db.session.add(PartnerRepresentative(partner_id=partner.id, person_id=person.id))
    db.session.commit()
    return person
