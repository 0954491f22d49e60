"""Residents' texts in another language: made on demand by the translation service, kept
once per text, field and language, and shown honestly as machine translated.

A translation is offered when the server has a translation service, the area has switched it
on, the text is in another language than the reader's, and — for texts by people under 18 —
the area allows sending those too. It is made once and kept until the text changes (the hash
of the text it was made from no longer matches), is hidden by moderation, or is deleted.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from app import translation
from app.areas.services import is_leader
from app.extensions import db
from app.i18n import LANGUAGES, text_direction
from app.minors import age_in_year
from app.models import (
    Activity,
    Area,
    Comment,
    Idea,
    IdeaStatus,
    NotificationKind,
    Partner,
    PartnerRepresentative,
    Person,
)
from app.models.associations import Association
from app.models.audit import record
from app.models.translations import Translation
from app.notifications.services import notify
from app.refusals import Refused

ADULT = 18
NOT_SHOWN = (IdeaStatus.HIDDEN, IdeaStatus.SUBMITTED)


@dataclass(frozen=True)
class Text:
    """A resident's text as it can be translated: its fields in the order shown."""

    kind: str
    id: int
    area: Area
    language: str
    fields: dict[str, str]
    author: Person | None

    @property
    def subject(self) -> str:
        return f"{self.kind}:{self.id}"

    @property
    def dom_id(self) -> str:
        return f"words-{self.kind}-{self.id}"


def idea_text(idea: Idea) -> Text:
    return Text(
        "idea",
        idea.id,
        idea.area,
        idea.language,
        {"title": idea.title, "text": idea.text},
        idea.author,
    )


def comment_text(comment: Comment, idea: Idea) -> Text:
    return Text(
        "comment", comment.id, idea.area, comment.language, {"text": comment.text}, comment.author
    )


def activity_text(activity: Activity) -> Text:
    writer = db.session.get(Person, activity.created_by_id) if activity.created_by_id else None
    return Text(
        "activity",
        activity.id,
        activity.area,
        activity.language,
        {"description": activity.description},
        writer,
    )


def association_text(association: Association) -> Text:
    writer = (
        db.session.get(Person, association.created_by_id) if association.created_by_id else None
    )
    return Text(
        "association",
        association.id,
        association.area,
        association.language,
        {"description": association.description, "purpose": association.purpose},
        writer,
    )


def partner_text(partner: Partner) -> Text:
    """A partner works in several areas: its texts follow the choice of the first of them
    (by name) that translates, else of its first area. Its representatives write them."""
    areas = list(partner.areas)
    area = next((a for a in areas if a.translation), areas[0] if areas else None)
    return Text(
        "partner",
        partner.id,
        area,
        partner.language,
        {"description": partner.description, "offers": partner.offers},
        None,
    )


def text_of(kind: str, object_id: int, shown_only: bool = True) -> Text | None:
    """The text, if it exists and (``shown_only``) is shown to residents: not hidden, not
    awaiting review."""
    if kind == "idea":
        idea = db.session.get(Idea, object_id)
        if idea is None or (shown_only and idea.status in NOT_SHOWN):
            return None
        return idea_text(idea)
    if kind == "comment":
        comment = db.session.get(Comment, object_id)
        if comment is None or (shown_only and comment.hidden_reason is not None):
            return None
        idea = db.session.get(Idea, comment.idea_id)
        if shown_only and idea.status in NOT_SHOWN:
            return None
        return comment_text(comment, idea)
    if kind == "activity":
        activity = db.session.get(Activity, object_id)
        if activity is None or not activity.description.strip():
            return None
        return activity_text(activity)
    if kind == "association":
        association = db.session.get(Association, object_id)
        return association_text(association) if association is not None else None
    if kind == "partner":
        partner = db.session.get(Partner, object_id)
        return partner_text(partner) if partner is not None and partner.areas else None
    return None


def is_minor(author: Person | None, today: date | None = None) -> bool:
    """Under 18 this year (an unknown birth year counts as an adult's)."""
    if author is None or author.birth_year is None:
        return False
    return age_in_year(author.birth_year, (today or date.today()).year) < ADULT


def by_minor(text: Text) -> bool:
    return is_minor(text.author)


def translating_to(area: Area, reader_language: str) -> str | None:
    """The reader's language when the area's texts may be translated at all."""
    if area.translation and reader_language in LANGUAGES and translation.enabled():
        return reader_language
    return None


def offered(text: Text, reader_language: str) -> bool:
    """Whether "Translate to <the reader's language>" is shown for this text."""
    area = text.area
    return (
        area is not None
        and reader_language in LANGUAGES
        and text.language != reader_language
        and area.translation
        and translation.enabled()
        and (area.translate_minors or not by_minor(text))
    )


def source_hash(language: str, value: str) -> str:
    return hashlib.sha256(f"{language}\n{value}".encode()).hexdigest()


@dataclass
class Shown:
    """The text as shown: the original, or its translation into ``language``."""

    text: Text
    language: str
    fields: dict[str, str]
    translated: bool = False
    corrected_by_role: str | None = None
    problem: str | None = None  # why the translation is not shown (see routes)
    can_correct: bool = False
    offer: str | None = None  # the reader's language, when a translation is offered

    @property
    def direction(self) -> str:
        return text_direction(self.language)


def original(text: Text, reader_language: str | None = None, problem: str | None = None) -> Shown:
    return Shown(
        text,
        text.language,
        dict(text.fields),
        offer=reader_language if reader_language and offered(text, reader_language) else None,
        problem=problem,
    )


def _stored(text: Text, target: str) -> dict[str, Translation]:
    rows = db.session.scalars(
        sa.select(Translation).where(
            Translation.subject == text.subject, Translation.language == target
        )
    )
    return {row.field: row for row in rows}


def translated(text: Text, target: str) -> Shown:
    """The text in ``target``: kept translations where they still match the text, the rest
    made now (all or nothing: raises translation.Unavailable or TooLong, keeping nothing)."""
    stored = _stored(text, target)
    fresh = {
        name: row
        for name, row in stored.items()
        if name in text.fields and row.source_hash == source_hash(text.language, text.fields[name])
    }
    made = {
        name: translation.translate(value, text.language, target)
        for name, value in text.fields.items()
        if name not in fresh and value.strip()
    }
    if made:
        _keep(text, target, made, stored)
        fresh = _stored(text, target)
    fields = {
        name: (fresh[name].text if name in fresh else value) for name, value in text.fields.items()
    }
    roles = {row.corrected_by_role for row in fresh.values() if row.corrected_by_role}
    return Shown(
        text,
        target,
        fields,
        translated=True,
        corrected_by_role="leader" if "leader" in roles else next(iter(roles), None),
    )


def _keep(text: Text, target: str, made: dict[str, str], stored: dict[str, Translation]) -> None:
    """Store what was made, replacing stale rows; a simultaneous request that stored the same
    translation first wins (the unique constraint), and ours is dropped."""
    for name in made:
        stale = stored.get(name)
        if stale is not None:
            db.session.delete(stale)
    db.session.flush()
    for name, value in made.items():
        db.session.add(
            Translation(
                subject=text.subject,
                field=name,
                language=target,
                source_language=text.language,
                source_hash=source_hash(text.language, text.fields[name]),
                text=value,
                **{f"{text.kind}_id": text.id},
            )
        )
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()


def forget(kind: str, object_id: int) -> None:
    """Delete every translation of a text (it was hidden); the caller commits."""
    db.session.execute(
        sa.delete(Translation)
        .where(Translation.subject == f"{kind}:{object_id}")
        .execution_options(synchronize_session=False)
    )


def set_area_translation(area: Area, by: Person, *, on: bool, minors: bool) -> None:
    """The area's leaders decide whether its texts may be sent for translation (the caller
    checks that ``by`` leads the area); the audit log keeps the decision."""
    area.translation = on
    area.translate_minors = on and minors
    record(by.id, "area_translation", area.id, f"translation={on} minors={area.translate_minors}")
    db.session.commit()


def can_correct(text: Text, person: Person) -> bool:
    """The writer of the text, or a process leader of its area."""
    if not person.is_authenticated:
        return False
    if text.kind == "partner":  # its representatives write its texts
        return _represents(person, text.id) or is_leader(person, text.area)
    return (text.author is not None and text.author.id == person.id) or is_leader(person, text.area)


def _represents(person: Person, partner_id: int) -> bool:
    found = sa.select(PartnerRepresentative.id).where(
        PartnerRepresentative.person_id == person.id,
        PartnerRepresentative.partner_id == partner_id,
    )
    return db.session.scalar(found) is not None


def correct(text: Text, target: str, values: dict[str, str], by: Person) -> None:
    """Replace the machine's translation with the writer's or a leader's own; it is shown as
    corrected (by role) and kept until the text itself changes. A leader's correction of
    someone else's text is told to the writer."""
    if not can_correct(text, by):
        raise Refused(_l("Only the writer and the area's process leaders can correct it."), 403)
    stored = _stored(text, target)
    fresh = {
        name: row
        for name, row in stored.items()
        if name in text.fields and row.source_hash == source_hash(text.language, text.fields[name])
    }
    if set(fresh) != {name for name, value in text.fields.items() if value.strip()}:
        raise Refused(_l("There is no translation to correct: translate the text first."), 409)
    writer = (text.author is not None and text.author.id == by.id) or (
        text.kind == "partner" and _represents(by, text.id)
    )
    for name, row in fresh.items():
        row.text = values[name]
        row.corrected_by_id = by.id
        row.corrected_by_role = "writer" if writer else "leader"
    record(by.id, "correct_translation", text.area.id, f"{text.subject} {target}")
    if not writer and text.author is not None and text.kind in ("idea", "comment"):
        idea_id = text.id if text.kind == "idea" else db.session.get(Comment, text.id).idea_id
        notify(
            text.author.id, NotificationKind.TRANSLATION_CORRECTED, idea_id, f"{text.kind}:{target}"
        )
    db.session.commit()


MODELS = {
    "idea": Idea,
    "comment": Comment,
    "activity": Activity,
    "association": Association,
    "partner": Partner,
}


def set_language(text: Text, language: str, by: Person) -> None:
    """Correct the language a text is said to be written in: its writer or a leader of its
    area. Its translations no longer match (their hash includes the language) and are made
    anew when next asked for."""
    if not can_correct(text, by):
        raise Refused(_l("Only the writer and the area's process leaders can correct it."), 403)
    if language not in LANGUAGES:
        raise Refused(_l("Choose one of the languages."), 422)
    db.session.get(MODELS[text.kind], text.id).language = language
    record(by.id, "text_language", text.area.id, f"{text.subject} {text.language}->{language}")
    db.session.commit()
