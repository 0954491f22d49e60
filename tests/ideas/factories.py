"""Shared builders for the tests of this domain."""

from io import BytesIO

from PIL import Image

from app.extensions import db
from app.ideas import photos, services
from app.models import IdeaStatus
from app.models.ideas import Category


def new_idea(area, author, title="Grillplats vid lekparken", status=IdeaStatus.PUBLISHED, **kw):
    idea = services.propose(
        area,
        author,
        title,
        kw.pop("text", "Bygg en grillplats."),
        kw.pop("category", Category.ENVIRONMENT),
        "sv",
    )
    if status is not IdeaStatus.SUBMITTED:
        services.change_status(idea, IdeaStatus.PUBLISHED)
        if status is not IdeaStatus.PUBLISHED:
            services.change_status(idea, status, kw.pop("note", ""))
        db.session.commit()
    for key, value in kw.items():
        setattr(idea, key, value)
    db.session.commit()
    return idea


def propose_form(**overrides):
    data = {
        "title": "Läxhjälp på biblioteket",
        "text": "Varje tisdag.",
        "category": "school_youth",
        "language": "sv",
    }
    data.update(overrides)
    return data


def stored_photo() -> str:
    """A small photo saved as an upload would be; its stored name."""
    buffer = BytesIO()
    Image.new("RGB", (40, 30), "tomato").save(buffer, "JPEG")
    buffer.seek(0)
    return photos.save_photo(buffer)
