"""The demo's programmes."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask_babel import force_locale

from app.demo.load import lookup
from app.demo.rows import programmes as programme_rows
from app.extensions import db
from app.models import (
    Area,
    Partner,
)
from app.models.programmes import Programme
from app.models.util import utcnow
from app.programmes import services as programmes


def _load_programme(area: Area, row: tuple) -> None:
    name, for_whom, description, partner_name, plan, months_ago = row
    leader = lookup.leader(area)
    partner = db.session.scalar(sa.select(Partner).where(Partner.name == partner_name))
    programme = programmes.create(
        area,
        leader,
        programmes.ProgrammeInput(
            name=name,
            description=description,
            for_whom=for_whom,
            retention_months=programme_rows.RETENTION_MONTHS,
            partner_id=partner.id if partner and area in partner.areas else None,
        ),
    )
    month = timedelta(days=programme_rows.MONTH_DAYS)
    first_born, born_step, born_span = programme_rows.BIRTH_YEARS
    now = utcnow()
    programme.created_at = now - (months_ago + 1) * month
    for index, (person_name, has_account, outcomes) in enumerate(plan):
        if has_account:
            enrolment = programmes.enrol_self(programme, lookup.person(person_name), True)
        else:
            enrolment = programmes.enrol_assisted(programme, leader, True, new_name=person_name)
            enrolment.person.birth_year = first_born + (index * born_step) % born_span
        # Enrolled over the first weeks of the programme.
        enrolment.consented_at = (
            now - months_ago * month + timedelta(days=programme_rows.ENROL_EVERY_DAYS * index)
        )
        db.session.commit()
        for months_after, outcome in outcomes:
            on = (enrolment.consented_at + months_after * month).date()
            programmes.record_outcome(enrolment, leader, outcome, min(on, now.date()))


def load_programmes() -> None:
    """The programmes with their enrolments and outcomes, once (by the first one's name);
    only the dates are moved into the past afterwards."""
    marker = sa.select(Programme.id).where(Programme.name == programme_rows.PROGRAMMES[0][1])
    if db.session.scalar(marker) is not None:
        return
    areas = lookup.areas()
    with force_locale("sv"):
        for slug, *row in programme_rows.PROGRAMMES:
            _load_programme(areas[slug], tuple(row))
