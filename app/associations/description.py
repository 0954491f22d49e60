"""The association's public description, written by its founders and later by its board."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.associations.services import is_board, is_founder
from app.extensions import db
from app.models import Person
from app.models.associations import DESCRIPTION_MAX, Association, AssociationStatus
from app.refusals import Refused


def can_describe(person: Person, association: Association) -> bool:
    """Founders while forming, the board once founded."""
    if association.status is AssociationStatus.FORMING:
        return is_founder(person, association)
    return is_board(person, association)


def describe(
    association: Association, by: Person, description: str, language: str | None = None
) -> None:
    """The description on the public page, and the language it and the purpose are in."""
    if not can_describe(by, association):
        raise Refused(_l("Only the founders or the board can change the description."), 403)
    description = description.replace("\r\n", "\n").strip()
    if len(description) > DESCRIPTION_MAX:
        raise Refused(_l("The description is too long."), 422)
    association.description = description
    association.language = language or association.language
    db.session.commit()
