"""Programmes: set up by the area's process leaders; enrolment with explicit consent (given by
the participant, or recorded by a leader in assisted mode); dated outcomes; withdrawal, which
deletes the outcomes and the enrolment's link to the person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from app.areas.services import is_leader, role_in
from app.clock import local
from app.extensions import db
from app.models import Area, AreaRole, Partner, Person, Role
from app.models.audit import record
from app.models.programmes import (
    RETENTION_MONTHS,
    ConsentMode,
    Enrolment,
    Outcome,
    Programme,
    ProgrammeOutcome,
)
from app.models.util import utcnow
from app.refusals import Refused

OUTCOME_LABELS = {
    Outcome.WORK: _l("Work"),
    Outcome.INTERNSHIP: _l("Internship"),
    Outcome.STUDIES: _l("Studies"),
    Outcome.OWN_BUSINESS: _l("Own business"),
    Outcome.PLANNING_COOPERATIVE: _l("Planning a cooperative"),
    Outcome.NONE_YET: _l("None yet"),
}


@dataclass
class ProgrammeInput:
    name: str
    description: str
    for_whom: str
    retention_months: int
    partner_id: int | None


def programme_or_404(programme_id: int) -> Programme:
    return db.get_or_404(
        Programme,
        programme_id,
        options=[so.joinedload(Programme.area), so.joinedload(Programme.partner)],
    )


def enrolment_or_404(enrolment_id: int) -> Enrolment:
    return db.get_or_404(
        Enrolment,
        enrolment_id,
        options=[so.joinedload(Enrolment.programme).joinedload(Programme.area)],
    )


def can_manage(person: Person, programme_or_area: Programme | Area) -> bool:
    area = programme_or_area.area if isinstance(programme_or_area, Programme) else programme_or_area
    return is_leader(person, area)


def _require_manager(person: Person, area: Area) -> None:
    if not is_leader(person, area):
        raise Refused(_("Only the area's process leaders can do this."), 403)


def partner_choices(area: Area) -> list[Partner]:
    return list(
        db.session.scalars(
            sa.select(Partner).where(Partner.areas.any(Area.id == area.id)).order_by(Partner.name)
        )
    )


def _check(area: Area, data: ProgrammeInput) -> None:
    low, high = RETENTION_MONTHS
    if not low <= data.retention_months <= high:
        raise Refused(
            _("Keep the data between %(low)d and %(high)d months.", low=low, high=high), 422
        )
    if data.partner_id is not None and data.partner_id not in {p.id for p in partner_choices(area)}:
        raise Refused(_("Choose a partner active in the area."), 422)


def create(area: Area, by: Person, data: ProgrammeInput) -> Programme:
    _require_manager(by, area)
    _check(area, data)
    programme = Programme(area_id=area.id, created_by_id=by.id, **vars(data))
    db.session.add(programme)
    db.session.flush()
    record(by.id, "create_programme", area.id, f"programme {programme.id}")
    db.session.commit()
    return programme


def update(programme: Programme, by: Person, data: ProgrammeInput) -> None:
    _require_manager(by, programme.area)
    _check(programme.area, data)
    for key, value in vars(data).items():
        setattr(programme, key, value)
    record(by.id, "edit_programme", programme.area_id, f"programme {programme.id}")
    db.session.commit()


def programmes_in(area: Area) -> list[Programme]:
    return list(
        db.session.scalars(
            sa.select(Programme)
            .where(Programme.area_id == area.id)
            .options(so.joinedload(Programme.partner))
            .order_by(Programme.name, Programme.id)
        )
    )


# --- Consent ------------------------------------------------------------------------------------


def consent_text(programme: Programme) -> str:
    """What the participant agrees to, in the current language; stored with the enrolment."""
    parts = [
        _(
            "What is stored: that you take part in “%(programme)s” (%(area)s), and your "
            "outcomes with a date – work, internship, studies, own business, planning a "
            "cooperative, or none yet.",
            programme=programme.name,
            area=programme.area.name,
        ),
        _(
            "Why: so that the process leaders can follow your path, and so that the area's "
            "results can show how many participants reached each outcome. Results only ever "
            "show totals, never names, and totals of fewer than 5 people are not shown."
        ),
        _(
            "For how long: %(months)d months from the day you enrol; then it is deleted.",
            months=programme.retention_months,
        ),
        _(
            "How to withdraw: at any time, under My programmes on your account, or by asking a "
            "process leader. Your outcomes are then deleted and you are no longer counted."
        ),
    ]
    who = _("Who sees it: only the area's process leaders.")
    if programme.partner is not None:
        who += " " + _(
            "%(partner)s, who runs the programme with them, sees only the totals.",
            partner=programme.partner.name,
        )
    parts.insert(2, who)
    return "\n\n".join(parts)


def enrolment_of(programme: Programme, person: Person) -> Enrolment | None:
    if not person.is_authenticated:
        return None
    return db.session.scalar(
        sa.select(Enrolment).where(
            Enrolment.programme_id == programme.id, Enrolment.person_id == person.id
        )
    )


def _enrol(
    programme: Programme, person: Person, mode: ConsentMode, assisted_by: Person | None
) -> Enrolment:
    if person.deleted_at is not None:
        raise Refused(_("This account no longer exists."), 404)
    enrolment = Enrolment(
        programme_id=programme.id,
        person_id=person.id,
        consent_text=consent_text(programme),
        consent_mode=mode,
        consented_at=utcnow(),
        assisted_by_id=assisted_by.id if assisted_by else None,
    )
    try:
        with db.session.begin_nested():
            db.session.add(enrolment)
    except IntegrityError:
        raise Refused(_("Already enrolled in this programme."), 409) from None
    return enrolment


def may_enrol_self(person: Person, programme: Programme) -> bool:
    """Only residents of the programme's area enrol themselves (verified or not: the leaders
    meet the participants in person). Others ask a process leader to enrol them."""
    return role_in(person, programme.area, Role.RESIDENT) is not None


def enrol_self(programme: Programme, person: Person, consent: bool) -> Enrolment:
    """The participant has read the consent text and ticked that they agree."""
    if not may_enrol_self(person, programme):
        raise Refused(
            _(
                "Only residents of %(area)s can enrol in this programme. Join the area on its "
                "page first, or ask a process leader to enrol you.",
                area=programme.area.name,
            ),
            403,
        )
    if not consent:
        raise Refused(_("Tick that you agree, or you cannot be enrolled."), 422)
    enrolment = _enrol(programme, person, ConsentMode.SELF, None)
    db.session.commit()
    return enrolment


def enrol_assisted(
    programme: Programme,
    leader: Person,
    confirmed: bool,
    person_id: int | None = None,
    new_name: str = "",
) -> Enrolment:
    """A leader records that the participant, having heard the text, agreed: a resident of
    the area, or someone without an account (a name only, no contact data)."""
    _require_manager(leader, programme.area)
    if not confirmed:
        raise Refused(
            _("Confirm that the participant has heard the text and agrees, or do not enrol."),
            422,
        )
    if new_name:
        person = _new_participant(programme.area, leader, new_name)
    else:
        person = resident_or_refuse(programme.area, person_id)
    enrolment = _enrol(programme, person, ConsentMode.ASSISTED, leader)
    record(leader.id, "enrol_assisted", programme.area_id, f"enrolment {enrolment.id}")
    db.session.commit()
    return enrolment


def area_residents(area: Area) -> list[Person]:
    """People a leader can enrol in assisted mode: residents of the area."""
    return list(
        db.session.scalars(
            sa.select(Person)
            .join(AreaRole, AreaRole.person_id == Person.id)
            .where(
                AreaRole.area_id == area.id,
                AreaRole.role == Role.RESIDENT,
                Person.deleted_at.is_(None),
            )
            .distinct()
            .order_by(Person.display_name, Person.id)
        )
    )


def resident_or_refuse(area: Area, person_id: int | None) -> Person:
    person = db.session.get(Person, person_id) if person_id else None
    if person is None or person.id not in {p.id for p in area_residents(area)}:
        raise Refused(_("Choose a resident of the area."), 422)
    return person


def _new_participant(area: Area, leader: Person, name: str) -> Person:
    person = Person(display_name=name, locale=leader.locale)
    db.session.add(person)
    db.session.flush()
    db.session.add(
        AreaRole(
            person_id=person.id,
            area_id=area.id,
            role=Role.RESIDENT,
            verified_at=utcnow(),
            verified_by_id=leader.id,
        )
    )
    return person


# --- Outcomes and withdrawal --------------------------------------------------------------------


def record_outcome(enrolment: Enrolment, by: Person, outcome: Outcome, on: date) -> None:
    _require_manager(by, enrolment.programme.area)
    if not enrolment.active:
        raise Refused(_("This participant has withdrawn their consent."), 409)
    if on > local(utcnow()).date():
        raise Refused(_("The date cannot be in the future."), 422)
    if on < local(enrolment.consented_at).date() - timedelta(days=366 * 5):
        raise Refused(_("The date is too long before the enrolment."), 422)
    db.session.add(
        ProgrammeOutcome(enrolment_id=enrolment.id, outcome=outcome, on=on, recorded_by_id=by.id)
    )
    record(by.id, "record_outcome", enrolment.programme.area_id, f"enrolment {enrolment.id}")
    db.session.commit()


def can_withdraw(person: Person, enrolment: Enrolment) -> bool:
    if not person.is_authenticated or not enrolment.active:
        return False
    return enrolment.person_id == person.id or is_leader(person, enrolment.programme.area)


def _unlink(enrolment: Enrolment) -> None:
    db.session.execute(
        sa.delete(ProgrammeOutcome).where(ProgrammeOutcome.enrolment_id == enrolment.id)
    )
    enrolment.person_id = None
    enrolment.withdrawn_at = utcnow()


def withdraw(enrolment: Enrolment, by: Person) -> None:
    """Consent withdrawn, by the participant or a leader on their behalf: the outcomes are
    deleted and the enrolment no longer points at the person."""
    if not enrolment.active:
        raise Refused(_("Consent is already withdrawn."), 409)
    if not can_withdraw(by, enrolment):
        raise Refused(_("Only the participant or a process leader can do this."), 403)
    on_behalf = enrolment.person_id != by.id
    _unlink(enrolment)
    if on_behalf:
        record(
            by.id, "withdraw_enrolment", enrolment.programme.area_id, f"enrolment {enrolment.id}"
        )
    db.session.commit()
    db.session.expire(enrolment, ["outcomes"])


def withdraw_all(person: Person) -> None:
    """Account deletion: every enrolment of the person, without committing."""
    for enrolment in db.session.scalars(
        sa.select(Enrolment).where(Enrolment.person_id == person.id)
    ):
        _unlink(enrolment)


def delete_expired(now=None) -> int:
    """Enrolments older than their programme's retention period lose their personal data."""
    now = now or utcnow()
    expired = 0
    rows = db.session.scalars(
        sa.select(Enrolment)
        .where(Enrolment.person_id.is_not(None))
        .options(so.joinedload(Enrolment.programme))
    ).all()
    for enrolment in rows:
        if _add_months(enrolment.consented_at, enrolment.programme.retention_months) <= now:
            _unlink(enrolment)
            expired += 1
    db.session.commit()
    return expired


def _add_months(moment, months: int):
    month = moment.month - 1 + months
    year, month = moment.year + month // 12, month % 12 + 1
    day = min(moment.day, 28)
    return moment.replace(year=year, month=month, day=day)


# --- Pages --------------------------------------------------------------------------------------


def participants(programme: Programme) -> list[Enrolment]:
    """Active enrolments with their people and outcomes, for the leaders' view."""
    return list(
        db.session.scalars(
            sa.select(Enrolment)
            .where(Enrolment.programme_id == programme.id, Enrolment.person_id.is_not(None))
            .options(
                so.joinedload(Enrolment.person),
                so.joinedload(Enrolment.assisted_by),
                so.selectinload(Enrolment.outcomes),
            )
            .order_by(Enrolment.consented_at, Enrolment.id)
        )
    )


def my_enrolments(person: Person) -> list[Enrolment]:
    return list(
        db.session.scalars(
            sa.select(Enrolment)
            .where(Enrolment.person_id == person.id)
            .options(
                so.joinedload(Enrolment.programme).joinedload(Programme.area),
                so.selectinload(Enrolment.outcomes),
            )
            .order_by(Enrolment.consented_at.desc(), Enrolment.id)
        )
    )


def export(person: Person) -> list[dict]:
    """The person's enrolments for the account's data export."""
    return [
        {
            "programme": e.programme.name,
            "area": e.programme.area.name,
            "consent_text": e.consent_text,
            "consent": e.consent_mode.value,
            "consented_at": e.consented_at.isoformat(),
            "outcomes": [{"outcome": o.outcome.value, "on": o.on.isoformat()} for o in e.outcomes],
        }
        for e in my_enrolments(person)
    ]
