"""Shared builders for the tests of this domain."""

from app.extensions import db
from app.models import (
    Idea,
    IdeaStatus,
    Vote,
)
from app.models.ideas import Category
from app.models.util import utcnow
from tests.conftest import post


def make_idea(area, author, title="Grillplats vid lekparken", status=IdeaStatus.PUBLISHED, **kw):
    """An idea in any status, made directly (no timeline entries or notices)."""
    now = utcnow()
    idea = Idea(
        area_id=area.id,
        author_id=author.id if author else None,
        title=title,
        text=kw.pop("text", "Bygg en grillplats vid lekparken."),
        language="sv",
        category=kw.pop("category", Category.ENVIRONMENT),
        status=status,
        published_at=None if status is IdeaStatus.SUBMITTED else now,
        **kw,
    )
    db.session.add(idea)
    db.session.commit()
    return idea


def add_votes(idea, people):
    for person in people:
        db.session.add(Vote(idea_id=idea.id, person_id=person.id))
    idea.vote_count += len(people)
    db.session.commit()


def decide(client, idea, action, data=None):
    return post(client, f"/ideas/{idea.id}/moderate/{action}", data or {})
