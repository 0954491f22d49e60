"""Agreements (samverkansavtal): partners, shared goal, indicators and their measurements.

The area's process leaders set up and edit an agreement; representatives of a partner in the
agreement (and the leaders) record measurements. Indicators without a recent measurement
bring a follow-up reminder through the outbox, once per follow-up period.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import format_date, lazy_ngettext
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.exc import StaleDataError

from app.agreements.readings import Reading, is_entered, readings
from app.areas.services import is_leader
from app.charts import progress_percent
from app.extensions import db
from app.models import Area, AreaRole, NotificationKind, Partner, PartnerRepresentative, Person
from app.models.agreements import (
    Agreement,
    AgreementPartner,
    AgreementStatus,
    Direction,
    Indicator,
    Measurement,
)
from app.models.areas import Role
from app.models.audit import record
from app.models.util import utcnow
from app.notifications.services import notify
from app.refusals import Refused
from app.results.measures import MEASURES

MIN_YEARS = 5
MAX_VALUE = 1e12

STATUS_LABELS = {
    AgreementStatus.DRAFT: _l("Draft"),
    AgreementStatus.ACTIVE: _l("Active"),
    AgreementStatus.ENDED: _l("Ended"),
}
DIRECTION_LABELS = {
    Direction.UP: _l("Higher is better"),
    Direction.DOWN: _l("Lower is better"),
}

_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def parse_number(text: str | None) -> float:
    """A number as people type it: "12,5", "12.5", "1 234,5", "−3". Refused (422) otherwise."""
    cleaned = (text or "").strip().replace("\u2212", "-")
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", cleaned)
    if not _NUMBER.match(cleaned):
        raise Refused(_l("Write a number, for example 12 or 12,5."), 422)
    value = float(cleaned.replace(",", "."))
    if abs(value) > MAX_VALUE:
        raise Refused(_l("Write a number, for example 12 or 12,5."), 422)
    return value


# Who may do what


def representative_partner_ids(person: Person) -> set[int]:
    if not person.is_authenticated:
        return set()
    return set(
        db.session.scalars(
            sa.select(PartnerRepresentative.partner_id).where(
                PartnerRepresentative.person_id == person.id
            )
        )
    )


def can_manage(person: Person, area: Area) -> bool:
    """Only the area's process leaders (and admins) create and edit its agreements."""
    return is_leader(person, area)


def is_party(person: Person, agreement: Agreement) -> bool:
    """A representative of one of the agreement's partners."""
    mine = representative_partner_ids(person)
    return any(party.partner_id in mine for party in agreement.parties)


def can_measure(person: Person, agreement: Agreement) -> bool:
    return can_manage(person, agreement.area) or is_party(person, agreement)


def can_view(person: Person, agreement: Agreement) -> bool:
    """Active and ended agreements are public; drafts only for those who work on them."""
    return agreement.status is not AgreementStatus.DRAFT or can_measure(person, agreement)


def is_short(agreement: Agreement) -> bool:
    """Shorter than five years: the seeds' partnerships held for at least five."""
    start = agreement.starts_on
    if start.year + MIN_YEARS > date.max.year:
        return False
    try:
        five_years = start.replace(year=start.year + MIN_YEARS)
    except ValueError:  # 29 February
        five_years = date(start.year + MIN_YEARS, 3, 1)
    return agreement.ends_on < five_years


# Reading


def _loaded():
    return (
        sa.orm.joinedload(Agreement.area),
        sa.orm.selectinload(Agreement.parties).joinedload(AgreementPartner.partner),
        sa.orm.selectinload(Agreement.indicators).selectinload(Indicator.measurements),
    )


def _listed():
    return (
        sa.orm.joinedload(Agreement.area),
        sa.orm.selectinload(Agreement.parties).joinedload(AgreementPartner.partner),
    )


def agreement_or_404(agreement_id: int) -> Agreement:
    return db.first_or_404(
        sa.select(Agreement).where(Agreement.id == agreement_id).options(*_loaded())
    )


def agreements_in(area: Area, person: Person) -> list[Agreement]:
    """The area's agreements, newest first; drafts only for leaders and their partners."""
    rows = db.session.scalars(
        sa.select(Agreement)
        .where(Agreement.area_id == area.id)
        .options(*_listed())
        .order_by(Agreement.starts_on.desc(), Agreement.id.desc())
    ).all()
    leader = can_manage(person, area)
    mine = representative_partner_ids(person)
    return [
        a
        for a in rows
        if a.status is not AgreementStatus.DRAFT
        or leader
        or any(p.partner_id in mine for p in a.parties)
    ]


def agreements_of(person: Person) -> list[Agreement]:
    """Agreements the person leads (as a leader of the area) or is a party to."""
    if not person.is_authenticated:
        return []
    led = sa.select(AreaRole.area_id).where(
        AreaRole.person_id == person.id, AreaRole.role == Role.LEADER
    )
    partners = sa.select(PartnerRepresentative.partner_id).where(
        PartnerRepresentative.person_id == person.id
    )
    party = sa.select(AgreementPartner.agreement_id).where(
        AgreementPartner.partner_id.in_(partners)
    )
    return list(
        db.session.scalars(
            sa.select(Agreement)
            .where(sa.or_(Agreement.area_id.in_(led), Agreement.id.in_(party)))
            .options(*_listed())
            .order_by(Agreement.starts_on.desc(), Agreement.id.desc())
        )
    )


def agreements_of_partner(partner: Partner) -> list[Agreement]:
    """The partner's agreements anyone may see."""
    return list(
        db.session.scalars(
            sa.select(Agreement)
            .join(AgreementPartner, AgreementPartner.agreement_id == Agreement.id)
            .where(
                AgreementPartner.partner_id == partner.id,
                Agreement.status != AgreementStatus.DRAFT,
            )
            .options(sa.orm.joinedload(Agreement.area))
            .order_by(Agreement.starts_on.desc())
        )
    )


@dataclass(frozen=True)
class Progress:
    """Where an indicator stands: its latest measurement and % of the way to the target."""

    latest: Reading | None
    percent: float | None

    @property
    def shown_percent(self) -> int | None:
        return None if self.percent is None else round(self.percent)


def progress(indicator: Indicator, values: list[Reading] | None = None) -> Progress:
    """From the indicator's readings (``readings.readings``, asked here when not given)."""
    if values is None:
        values = readings([indicator], utcnow())[indicator.id]
    latest = values[-1] if values else None
    percent = progress_percent(
        indicator.baseline_value, indicator.target_value, latest.value if latest else None
    )
    # Moving away from the target in the stated direction counts as going backwards.
    if percent is not None:
        towards_up = indicator.target_value > indicator.baseline_value
        if towards_up != (indicator.direction is Direction.UP):
            percent = None  # baseline and target contradict the direction: no honest figure
    return Progress(latest, percent)


# Writing


@dataclass
class Party:
    partner_id: int
    responsibilities: str


def save_agreement(
    agreement: Agreement | None,
    area: Area,
    by: Person,
    *,
    title: str,
    goal: str,
    strategy: str,
    starts_on: date,
    ends_on: date,
    status: AgreementStatus,
    follow_up_days: int,
    parties: list[Party],
) -> Agreement:
    """Create (``agreement`` None) or update an agreement between two or more partners."""
    if not can_manage(by, area):
        raise Refused(_l("Only the area's process leaders can change its agreements."), 403)
    if ends_on <= starts_on:
        raise Refused(_l("The agreement must end after it starts."), 422)
    wanted = {party.partner_id: party for party in parties}
    if len(wanted) < 2:
        raise Refused(_l("Choose at least two partners."), 422)
    partners = {
        partner.id: partner
        for partner in db.session.scalars(
            sa.select(Partner).where(Partner.id.in_(wanted), Partner.areas.any(Area.id == area.id))
        )
    }
    if len(partners) != len(wanted):
        raise Refused(_l("Choose partners that are active in the area."), 422)
    creating = agreement is None
    if creating:
        agreement = Agreement(area_id=area.id, created_by_id=by.id, created_at=utcnow())
        db.session.add(agreement)
    agreement.title = title
    agreement.goal = goal
    agreement.strategy = strategy
    agreement.starts_on = starts_on
    agreement.ends_on = ends_on
    agreement.status = status
    agreement.follow_up_days = follow_up_days
    existing = {party.partner_id: party for party in agreement.parties}
    for partner_id, party in existing.items():
        if partner_id not in wanted:
            agreement.parties.remove(party)
    for partner_id, party in wanted.items():
        if partner_id in existing:
            existing[partner_id].responsibilities = party.responsibilities
        else:
            agreement.parties.append(
                AgreementPartner(partner_id=partner_id, responsibilities=party.responsibilities)
            )
    _save_and_record(
        by,
        "create_agreement" if creating else "edit_agreement",
        area.id,
        lambda: f"agreement {agreement.id}",
    )
    return agreement


def save_indicator(
    indicator: Indicator | None,
    agreement: Agreement,
    by: Person,
    *,
    name: str,
    unit: str,
    baseline_value: float,
    baseline_on: date,
    target_value: float,
    target_on: date,
    direction: Direction,
    measure: str | None = None,
    measured_from: date | None = None,
) -> Indicator:
    """``measure``: computed from the app's records from ``measured_from`` on (see readings)."""
    if not can_manage(by, agreement.area):
        raise Refused(_l("Only the area's process leaders can change its agreements."), 403)
    if target_on < baseline_on:
        raise Refused(_l("The target date cannot be before the baseline date."), 422)
    if target_value == baseline_value:
        raise Refused(_l("The target must differ from the baseline."), 422)
    if (target_value > baseline_value) != (direction is Direction.UP):
        raise Refused(
            _l(
                "With “higher is better” the target must be above the baseline; "
                "with “lower is better”, below it."
            ),
            422,
        )
    if measure is not None:
        _check_computed(indicator, measure, measured_from)
    creating = indicator is None
    if creating:
        indicator = Indicator(agreement=agreement)
        db.session.add(indicator)
    indicator.measure = measure
    indicator.measured_from = measured_from if measure is not None else None
    indicator.name = name
    indicator.unit = unit
    indicator.baseline_value = baseline_value
    indicator.baseline_on = baseline_on
    indicator.target_value = target_value
    indicator.target_on = target_on
    indicator.direction = direction
    _save_and_record(
        by,
        "add_indicator" if creating else "edit_indicator",
        agreement.area_id,
        lambda: f"agreement {agreement.id} indicator {indicator.id}",
    )
    return indicator


def _check_computed(indicator: Indicator | None, measure: str, measured_from: date | None) -> None:
    if measure not in MEASURES:
        raise Refused(_l("Choose what Grannlabb counts from the list."), 422)
    if measured_from is None:
        raise Refused(_l("Choose the date from which Grannlabb counts it."), 422)
    later = [
        m for m in (indicator.measurements if indicator else []) if m.measured_on >= measured_from
    ]
    if later:
        raise Refused(
            lazy_ngettext(
                "%(num)d measurement entered by hand is dated on or after that date. "
                "Delete it, or choose a later date.",
                "%(num)d measurements entered by hand are dated on or after that date. "
                "Delete them, or choose a later date.",
                len(later),
            ),
            422,
        )


def _check_entered(indicator: Indicator, measured_on: date) -> None:
    if not is_entered(indicator, measured_on):
        raise Refused(
            _l(
                "Grannlabb computes this indicator from its records from %(date)s: "
                "a measurement from that date on cannot be entered.",
                date=format_date(indicator.measured_from),
            ),
            422,
        )


def record_measurement(
    indicator: Indicator,
    by: Person,
    *,
    measured_on: date,
    value: str | float,
    source: str,
    today: date | None = None,
) -> Measurement:
    """A dated value with its source, from a leader or a representative of a party."""
    agreement = indicator.agreement
    if not can_measure(by, agreement):
        raise Refused(
            _l("Only the area's process leaders and the agreement's partners record measurements."),
            403,
        )
    number = _measured_value(agreement, measured_on, value, today)
    _check_entered(indicator, measured_on)
    measurement = Measurement(
        indicator=indicator,
        measured_on=measured_on,
        value=number,
        source=source,
        entered_by_id=by.id,
        created_at=utcnow(),
    )
    db.session.add(measurement)
    _save_and_record(
        by,
        "record_measurement",
        agreement.area_id,
        lambda: f"indicator {indicator.id} measurement {measurement.id}",
    )
    return measurement


def _measured_value(
    agreement: Agreement, measured_on: date, value: str | float, today: date | None
) -> float:
    """The value as a number, refused when it is dated before the agreement or in the future."""
    number = value if isinstance(value, float | int) else parse_number(value)
    today = today or date.today()
    if measured_on < agreement.starts_on:
        raise Refused(_l("The date is before the agreement starts."), 422)
    if measured_on > today:
        raise Refused(_l("The date is in the future."), 422)
    return float(number)


def _save_and_record(by: Person, action: str, area_id: int, what: Callable[[], str]) -> None:
    """Flush (so new rows have their ids), write the audit line that names them, commit."""
    db.session.flush()
    record(by.id, action, area_id, what())
    db.session.commit()


def _shares_a_party(person: Person, measurement: Measurement) -> bool:
    """The person represents a partner of the agreement that the one who entered the
    measurement also represents (the representative themselves, or a colleague)."""
    if not person.is_authenticated or measurement.entered_by_id is None:
        return False
    parties = {party.partner_id for party in measurement.indicator.agreement.parties}
    mine = representative_partner_ids(person) & parties
    if not mine:
        return False
    if measurement.entered_by_id == person.id:
        return True
    theirs = set(
        db.session.scalars(
            sa.select(PartnerRepresentative.partner_id).where(
                PartnerRepresentative.person_id == measurement.entered_by_id,
                PartnerRepresentative.partner_id.in_(mine),
            )
        )
    )
    return bool(theirs)


def can_change_measurement(person: Person, measurement: Measurement) -> bool:
    """The area's leaders, or a representative of the partner whose representative entered it."""
    return can_manage(person, measurement.indicator.agreement.area) or _shares_a_party(
        person, measurement
    )


def changeable_measurements(person: Person, agreement: Agreement) -> set[int]:
    """Ids of the agreement's measurements the person may correct or delete (one query at most)."""
    measurements = [m for i in agreement.indicators for m in i.measurements]
    if not measurements or not person.is_authenticated:
        return set()
    if can_manage(person, agreement.area):
        return {m.id for m in measurements}
    mine = representative_partner_ids(person) & {p.partner_id for p in agreement.parties}
    if not mine:
        return set()
    colleagues = set(
        db.session.scalars(
            sa.select(PartnerRepresentative.person_id).where(
                PartnerRepresentative.partner_id.in_(mine)
            )
        )
    ) | {person.id}
    return {m.id for m in measurements if m.entered_by_id in colleagues}


def _described(measurement: Measurement) -> str:
    """The measurement as the audit log keeps it (old value, date and source)."""
    text = (
        f"indicator {measurement.indicator_id} measurement {measurement.id}: "
        f"was {measurement.value:g} on {measurement.measured_on.isoformat()}, "
        f"source: {measurement.source}"
    )
    return text[:200]


def _check_change(measurement: Measurement, by: Person) -> None:
    if not can_change_measurement(by, measurement):
        raise Refused(
            _l(
                "Only the area's process leaders and the partner who entered a measurement "
                "can change it."
            ),
            403,
        )


def correct_measurement(
    measurement: Measurement,
    by: Person,
    *,
    measured_on: date,
    value: str | float,
    source: str,
    today: date | None = None,
) -> Measurement:
    """Correct a measurement's date, value or source; the audit log keeps the old value."""
    _check_change(measurement, by)
    agreement = measurement.indicator.agreement
    number = _measured_value(agreement, measured_on, value, today)
    _check_entered(measurement.indicator, measured_on)
    record(by.id, "correct_measurement", agreement.area_id, _described(measurement))
    measurement.measured_on = measured_on
    measurement.value = number
    measurement.source = source
    _commit_or_gone()
    return measurement


def delete_measurement(measurement: Measurement, by: Person) -> None:
    """Delete a measurement; the audit log keeps what it said."""
    _check_change(measurement, by)
    agreement = measurement.indicator.agreement
    described = _described(measurement)
    # A plain DELETE that counts its rows: when two people delete at once, one deletes.
    deleted = db.session.execute(
        sa.delete(Measurement)
        .where(Measurement.id == measurement.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not deleted:
        db.session.rollback()
        raise Refused(_l("Someone has just deleted this measurement."), 409)
    record(by.id, "delete_measurement", agreement.area_id, described)
    db.session.commit()
    db.session.expunge(measurement)


def _commit_or_gone() -> None:
    """Commit; if someone deleted the measurement meanwhile, nothing is written (409)."""
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise Refused(_l("Someone has just deleted this measurement."), 409) from None


# Follow-up reminders


def _due(indicator: Indicator, last_measured: date | None, days: int) -> date:
    """The day a reminder is due: N days after the last measurement (or the baseline, or the
    agreement's start) and N days after the last reminder."""
    since = max(
        d
        for d in (
            last_measured,
            indicator.agreement.starts_on,
            indicator.reminded_at.date() if indicator.reminded_at else None,
        )
        if d is not None
    )
    return since + timedelta(days=days)


def queue_follow_ups(today: date | None = None) -> int:
    """Notify leaders and partner representatives of indicators overdue for a measurement.

    One notice per person and agreement. Each indicator is claimed with a conditional UPDATE
    of ``reminded_at``, so simultaneous runs remind once. Returns the number of notices.
    """
    today = today or date.today()
    last = (
        sa.select(Measurement.indicator_id, sa.func.max(Measurement.measured_on).label("last"))
        .group_by(Measurement.indicator_id)
        .subquery()
    )
    rows = db.session.execute(
        sa.select(Indicator, last.c.last)
        .join(Indicator.agreement)
        .outerjoin(last, last.c.indicator_id == Indicator.id)
        .where(
            Agreement.status == AgreementStatus.ACTIVE,
            Agreement.starts_on <= today,
            Agreement.ends_on >= today,
            # Computed from the records, once they are: nobody needs to measure.
            sa.or_(Indicator.measure.is_(None), Indicator.measured_from > today),
        )
        .options(sa.orm.contains_eager(Indicator.agreement))
        .order_by(Indicator.agreement_id, Indicator.id)
    ).all()
    due: dict[int, list[Indicator]] = {}
    for indicator, last_measured in rows:
        if today >= _due(indicator, last_measured, indicator.agreement.follow_up_days):
            due.setdefault(indicator.agreement_id, []).append(indicator)
    now = utcnow()
    sent = 0
    for indicators in due.values():
        claimed = [indicator for indicator in indicators if _claim(indicator, now)]
        if claimed:
            agreement = claimed[0].agreement
            detail = f"{agreement.title}: " + ", ".join(i.name for i in claimed)
            for person_id in sorted(_follow_up_people(agreement)):
                notify(person_id, NotificationKind.AGREEMENT_FOLLOW_UP, detail=detail)
                sent += 1
        db.session.commit()
    return sent


def _claim(indicator: Indicator, now) -> bool:
    """Set ``reminded_at`` only if no other run has changed it since we read it."""
    previous = indicator.reminded_at
    return bool(
        db.session.execute(
            sa.update(Indicator)
            .where(
                Indicator.id == indicator.id,
                Indicator.reminded_at.is_(None)
                if previous is None
                else Indicator.reminded_at == previous,
            )
            .values(reminded_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
    )


def _follow_up_people(agreement: Agreement) -> set[int]:
    leaders = db.session.scalars(
        sa.select(AreaRole.person_id).where(
            AreaRole.area_id == agreement.area_id, AreaRole.role == Role.LEADER
        )
    )
    reps = db.session.scalars(
        sa.select(PartnerRepresentative.person_id)
        .join(AgreementPartner, AgreementPartner.partner_id == PartnerRepresentative.partner_id)
        .where(AgreementPartner.agreement_id == agreement.id)
    )
    return set(leaders) | set(reps)
