"""Partners: the directory, their representatives, and ideas linked to them.

A process leader asks a partner active in the idea's area to take it on (a link, *proposed*);
a representative of that partner accepts (the idea is then in progress), declines with a
reason, or, once accepted, marks it delivered. Every step is a dated entry in the idea's
public timeline and a notice to the idea's author.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from app.auth.sessions import end_all as end_all_sign_ins
from app.extensions import db
from app.ideas.services import add_event, change_status
from app.models import (
    Area,
    EventKind,
    Idea,
    IdeaStatus,
    LinkStatus,
    NotificationKind,
    Partner,
    PartnerKind,
    PartnerLink,
    PartnerRepresentative,
    Person,
)
from app.models.audit import record
from app.models.ideas import LISTED
from app.models.util import utcnow
from app.notifications.services import notify
from app.refusals import Refused

KIND_LABELS = {
    PartnerKind.NGO: _l("Non-profit organisation"),
    PartnerKind.CHURCH: _l("Church or faith community"),
    PartnerKind.STUDY_ASSOCIATION: _l("Study association"),
    PartnerKind.TENANTS_UNION: _l("Tenants' union"),
    PartnerKind.MUNICIPALITY: _l("Municipality"),
    PartnerKind.COMPANY: _l("Company"),
}

LINK_LABELS = {
    LinkStatus.PROPOSED: _l("Asked, waiting for an answer"),
    LinkStatus.ACCEPTED: _l("Accepted"),
    LinkStatus.DECLINED: _l("Declined"),
    LinkStatus.DELIVERED: _l("Delivered"),
}

# Ideas a leader may ask a partner about: open, not yet done or closed.
LINKABLE = frozenset({IdeaStatus.PUBLISHED, IdeaStatus.ON_AGENDA, IdeaStatus.IN_PROGRESS})
# Accepting moves an idea that is still waiting for action on to "in progress".
STARTS_WORK = frozenset({IdeaStatus.PUBLISHED, IdeaStatus.ON_AGENDA})


class Answer:
    ACCEPT = "accept"
    DECLINE = "decline"
    DELIVER = "deliver"


# What each answer needs the link to be, what it makes it, and its timeline entry.
_ANSWERS = {
    Answer.ACCEPT: ({LinkStatus.PROPOSED}, LinkStatus.ACCEPTED, EventKind.PARTNER_ACCEPTED),
    Answer.DECLINE: (
        {LinkStatus.PROPOSED, LinkStatus.ACCEPTED},
        LinkStatus.DECLINED,
        EventKind.PARTNER_DECLINED,
    ),
    Answer.DELIVER: ({LinkStatus.ACCEPTED}, LinkStatus.DELIVERED, EventKind.PARTNER_DELIVERED),
}
ANSWERS = frozenset(_ANSWERS)
OPEN = frozenset({LinkStatus.PROPOSED, LinkStatus.ACCEPTED})


def partner_or_404(partner_id: int) -> Partner:
    return db.get_or_404(Partner, partner_id)


def directory(area: Area | None = None, kind: PartnerKind | None = None) -> list[Partner]:
    """Partners by name with their areas (two queries whatever the number of partners)."""
    query = sa.select(Partner).options(sa.orm.selectinload(Partner.areas)).order_by(Partner.name)
    if area is not None:
        query = query.where(Partner.areas.any(Area.id == area.id))
    if kind is not None:
        query = query.where(Partner.kind == kind)
    return list(db.session.scalars(query))


def public_links(partner: Partner) -> list[PartnerLink]:
    """The partner's links to ideas anyone may see, newest first, with idea and area."""
    return list(
        db.session.scalars(
            sa.select(PartnerLink)
            .join(PartnerLink.idea)
            .where(PartnerLink.partner_id == partner.id, Idea.status.in_(LISTED))
            .options(
                sa.orm.contains_eager(PartnerLink.idea).joinedload(Idea.area),
            )
            .order_by(PartnerLink.id.desc())
        )
    )


def idea_links(idea: Idea) -> list[PartnerLink]:
    """Every partner asked about the idea, in the order they were asked."""
    return list(
        db.session.scalars(
            sa.select(PartnerLink)
            .where(PartnerLink.idea_id == idea.id)
            .options(sa.orm.joinedload(PartnerLink.partner))
            .order_by(PartnerLink.id)
        )
    )


def partners_in(area: Area) -> list[Partner]:
    return list(
        db.session.scalars(
            sa.select(Partner).where(Partner.areas.any(Area.id == area.id)).order_by(Partner.name)
        )
    )


def is_representative(person: Person, partner: Partner) -> bool:
    if not person.is_authenticated:
        return False
    return (
        db.session.scalar(
            sa.select(PartnerRepresentative.id).where(
                PartnerRepresentative.partner_id == partner.id,
                PartnerRepresentative.person_id == person.id,
            )
        )
        is not None
    )


def require_representative(partner: Partner) -> None:
    """Only the partner's own representatives answer for it (not admins, not leaders)."""
    if not is_representative(current_user, partner):
        abort(403)


def represented_by(person: Person) -> list[Partner]:
    if not person.is_authenticated:
        return []
    return list(
        db.session.scalars(
            sa.select(Partner)
            .join(PartnerRepresentative, PartnerRepresentative.partner_id == Partner.id)
            .where(PartnerRepresentative.person_id == person.id)
            .order_by(Partner.name)
        )
    )


def representatives(partner: Partner) -> list[PartnerRepresentative]:
    return list(
        db.session.scalars(
            sa.select(PartnerRepresentative)
            .join(PartnerRepresentative.person)
            .where(PartnerRepresentative.partner_id == partner.id)
            .options(sa.orm.contains_eager(PartnerRepresentative.person))
            .order_by(Person.display_name)
        )
    )


def name_taken(name: str, partner_id: int | None = None) -> bool:
    query = sa.select(Partner.id).where(sa.func.lower(Partner.name) == name.lower())
    if partner_id is not None:
        query = query.where(Partner.id != partner_id)
    return db.session.scalar(query) is not None


def save_partner(
    partner: Partner | None,
    by: Person,
    *,
    name: str,
    kind: PartnerKind,
    description: str,
    website: str | None,
    area_ids: list[int],
    offers: str | None = None,
) -> Partner:
    """Create (``partner`` None) or update a partner. Raises Refused (409) for a taken name."""
    if name_taken(name, partner.id if partner else None):
        raise Refused(_l("Another partner already has this name."), 409)
    creating = partner is None
    if creating:
        partner = Partner()
        db.session.add(partner)
    partner.name = name
    partner.kind = kind
    partner.description = description
    partner.website = website or None
    if offers is not None:
        partner.offers = offers
    partner.areas = (
        list(db.session.scalars(sa.select(Area).where(Area.id.in_(area_ids)))) if area_ids else []
    )
    try:
        db.session.flush()
    except IntegrityError as error:  # the same name saved at the same moment
        db.session.rollback()
        raise Refused(_l("Another partner already has this name."), 409) from error
    record(by.id, "create_partner" if creating else "edit_partner", None, f"partner {partner.id}")
    db.session.commit()
    return partner


def appoint_representative(partner: Partner, person: Person, by: Person) -> bool:
    """Make the person a representative of the partner; False if they already were one."""
    try:
        with db.session.begin_nested():
            db.session.add(PartnerRepresentative(partner_id=partner.id, person_id=person.id))
    except IntegrityError:
        db.session.rollback()
        return False
    record(
        by.id, "appoint_partner_representative", None, f"partner {partner.id} person {person.id}"
    )
    db.session.commit()
    return True


def remove_representative(partner: Partner, person_id: int, by: Person) -> None:
    removed = db.session.execute(
        sa.delete(PartnerRepresentative).where(
            PartnerRepresentative.partner_id == partner.id,
            PartnerRepresentative.person_id == person_id,
        )
    ).rowcount
    if removed:
        # What the person could do rested on the role: their sign-ins end with it.
        end_all_sign_ins(person_id)
        record(
            by.id, "remove_partner_representative", None, f"partner {partner.id} person {person_id}"
        )
    db.session.commit()


def _timeline_note(partner: Partner, text: str) -> str:
    return f"{partner.name}: {text}" if text else partner.name


def link_idea(idea: Idea, partner: Partner, note: str, by: Person) -> PartnerLink:
    """A leader asks a partner active in the idea's area to take the idea on."""
    if idea.status not in LINKABLE:
        raise Refused(
            _l(
                "Only open ideas (published, on the agenda or in progress) can be linked to a partner."
            ),
            409,
        )
    if idea.area_id not in {area.id for area in partner.areas}:
        raise Refused(_l("This partner is not active in the idea's area."), 422)
    refusal = Refused(
        _l("%(partner)s has already been asked about this idea.", partner=partner.name), 409
    )
    exists = db.session.scalar(
        sa.select(PartnerLink.id).where(
            PartnerLink.idea_id == idea.id, PartnerLink.partner_id == partner.id
        )
    )
    if exists is not None:
        raise refusal
    link = PartnerLink(
        idea_id=idea.id, partner_id=partner.id, note=note, created_by_id=by.id, created_at=utcnow()
    )
    try:
        with db.session.begin_nested():
            db.session.add(link)
    except IntegrityError as error:  # the same link made at the same moment
        db.session.rollback()
        raise refusal from error
    add_event(idea, EventKind.PARTNER_LINKED, _timeline_note(partner, note), partner_id=partner.id)
    for representative in representatives(partner):
        notify(
            representative.person_id, NotificationKind.PARTNER_ASKED, idea.id, detail=partner.name
        )
    record(by.id, "link_partner", idea.area_id, f"idea {idea.id} partner {partner.id}")
    db.session.commit()
    return link


def open_requests(partner: Partner) -> list[PartnerLink]:
    """Links still waiting for the partner: proposed ones, then accepted ones to deliver."""
    return list(
        db.session.scalars(
            sa.select(PartnerLink)
            .join(PartnerLink.idea)
            .where(PartnerLink.partner_id == partner.id, PartnerLink.status.in_(OPEN))
            .options(sa.orm.contains_eager(PartnerLink.idea).joinedload(Idea.area))
            .order_by(PartnerLink.status.desc(), PartnerLink.id)
        )
    )


def open_request_counts(partners: list[Partner]) -> dict[int, int]:
    """How many requests each partner has still to answer or deliver (one query)."""
    if not partners:
        return {}
    rows = db.session.execute(
        sa.select(PartnerLink.partner_id, sa.func.count())
        .where(
            PartnerLink.partner_id.in_([p.id for p in partners]),
            PartnerLink.status.in_(OPEN),
        )
        .group_by(PartnerLink.partner_id)
    ).all()
    return {partner.id: 0 for partner in partners} | dict(rows)


def answer_link(link: PartnerLink, action: str, text: str, by: Person) -> PartnerLink:
    """The partner's answer: accept, decline (with a reason) or deliver (after accepting).

    The status moves with a conditional UPDATE, so two answers sent at the same moment
    cannot both count.
    """
    if action not in _ANSWERS:
        raise Refused(_l("Choose an answer."), 400)
    allowed_from, new_status, event = _ANSWERS[action]
    text = (text or "").strip()
    if action == Answer.DECLINE and not text:
        raise Refused(_l("Write why you decline, so the residents know."), 422)
    if link.status not in allowed_from:
        if action == Answer.DELIVER:
            raise Refused(_l("Accept the request before marking it delivered."), 409)
        raise Refused(_l("This request has already been answered."), 409)
    now = utcnow()
    moved = db.session.execute(
        sa.update(PartnerLink)
        .where(PartnerLink.id == link.id, PartnerLink.status.in_(allowed_from))
        .values(status=new_status, answer=text, answered_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not moved:
        db.session.rollback()
        raise Refused(_l("This request has already been answered."), 409)
    db.session.refresh(link)
    idea, partner = link.idea, link.partner
    add_event(idea, event, _timeline_note(partner, text), partner_id=partner.id)
    if action == Answer.ACCEPT and idea.status in STARTS_WORK:
        change_status(idea, IdeaStatus.IN_PROGRESS, partner.name)
    notify(
        idea.author_id,
        NotificationKind.PARTNER_ANSWERED,
        idea.id,
        detail=f"{partner.name}: {new_status.value}" + (f" – {text}" if text else ""),
    )
    record(by.id, f"partner_{action}", idea.area_id, f"idea {idea.id} partner {partner.id}")
    db.session.commit()
    return link


def can_edit_profile(person: Person, partner: Partner) -> bool:
    """The partner's own representatives, and admins."""
    return person.is_authenticated and (person.is_admin or is_representative(person, partner))


def save_profile(
    partner: Partner,
    by: Person,
    *,
    description: str,
    offers: str,
    website: str | None,
    logo: str | None = None,
    remove_logo: bool = False,
    language: str | None = None,
) -> Partner:
    """What the partner tells residents about itself; ``logo`` is a stored file's name."""
    from app.partners.logos import remove_logo as delete_logo_file

    if not can_edit_profile(by, partner):
        raise Refused(_l("Only the partner's representatives can change its profile."), 403)
    partner.description = description
    partner.offers = offers
    partner.language = language or partner.language
    partner.website = website or None
    old = partner.logo
    if logo is not None or remove_logo:
        partner.logo = logo
    record(by.id, "edit_partner_profile", None, f"partner {partner.id}")
    db.session.commit()
    if old and old != partner.logo:
        delete_logo_file(old)
    return partner


def partner_activities(partner: Partner, limit: int = 20) -> tuple[list, list]:
    """The partner's coming activities (soonest first) and recent ones (latest first)."""
    from app.models import Activity

    now = utcnow()
    base = sa.select(Activity).where(Activity.partner_id == partner.id)
    base = base.options(sa.orm.joinedload(Activity.area))
    coming = db.session.scalars(
        base.where(Activity.starts_at >= now).order_by(Activity.starts_at).limit(limit)
    ).all()
    past = db.session.scalars(
        base.where(Activity.starts_at < now).order_by(Activity.starts_at.desc()).limit(limit)
    ).all()
    return list(coming), list(past)


def export_for(person: Person) -> dict:
    """For the account export: partners represented, invitations, measurements entered."""
    from app.models.agreements import Indicator, Measurement
    from app.models.partners import PartnerInvitation

    invited = db.session.scalars(
        sa.select(PartnerInvitation)
        .where(PartnerInvitation.person_id == person.id)
        .options(sa.orm.joinedload(PartnerInvitation.partner))
        .order_by(PartnerInvitation.id)
    ).all()
    measured = db.session.execute(
        sa.select(Measurement, Indicator.name)
        .join(Indicator, Measurement.indicator_id == Indicator.id)
        .where(Measurement.entered_by_id == person.id)
        .order_by(Measurement.id)
    ).all()
    return {
        "represents": [partner.name for partner in represented_by(person)],
        "invitations": [
            {
                "partner": i.partner.name,
                "at": i.created_at.isoformat(),
                "accepted_at": i.accepted_at.isoformat() if i.accepted_at else None,
            }
            for i in invited
        ],
        "measurements_entered": [
            {
                "indicator": name,
                "date": m.measured_on.isoformat(),
                "value": m.value,
                "source": m.source,
            }
            for m, name in measured
        ],
    }


def forget(person: Person) -> None:
    """Account deletion: no longer a representative; invitations to the person removed.
    Measurements stay (they are the partnership's figures) without naming who entered them."""
    from app.models.agreements import Measurement
    from app.models.partners import PartnerInvitation

    db.session.execute(
        sa.delete(PartnerRepresentative).where(PartnerRepresentative.person_id == person.id)
    )
    db.session.execute(sa.delete(PartnerInvitation).where(PartnerInvitation.person_id == person.id))
    db.session.execute(
        sa.update(Measurement)
        .where(Measurement.entered_by_id == person.id)
        .values(entered_by_id=None)
        .execution_options(synchronize_session=False)
    )
