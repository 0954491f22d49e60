"""The demo's agreements and the partners' profiles."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from app.agreements import services as agreements
from app.demo.load import lookup
from app.demo.rows import agreements as agreement_rows
from app.extensions import db
from app.models import (
    Partner,
)
from app.models.agreements import Agreement, AgreementStatus
from app.partners import services as partners


def _logo(name: str, colour: tuple[int, int, int]) -> str | None:
    """A drawn initial on the partner's colour, stored through the logo pipeline."""
    from io import BytesIO

    from PIL import Image, ImageDraw, ImageFont

    from app.partners.logos import PhotoError, save_logo

    image = Image.new("RGB", (320, 320), colour)
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.load_default(size=200)
    except TypeError:  # older Pillow
        font = ImageFont.load_default()
    draw.text((160, 160), name[0], fill=(255, 255, 255), font=font, anchor="mm")
    buffer = BytesIO()
    image.save(buffer, "PNG")
    buffer.seek(0)
    try:
        return save_logo(buffer)
    except PhotoError:  # pragma: no cover - the demo goes on without a logo
        return None


def _year_date(spec: tuple[int, int, int], year: int) -> date:
    years, month, day = spec
    return date(year + years, month, day)


def _measured_value(baseline: float, target: float, share: float, step: int, unit: str) -> float:
    """On the way from baseline towards the target, with a small deterministic wobble;
    counts of people or events are whole numbers."""
    wobble = ((step * 7) % 5 - 2) * abs(target - baseline) * 0.03
    value = baseline + (target - baseline) * share + wobble
    return round(value, 1) if unit == "%" else float(round(value))


def _measured_on(start: date, per_year: int, today: date) -> list[date]:
    months = 12 // per_year
    found, year, month = [], start.year, start.month
    while True:
        month += months
        while month > 12:
            month -= 12
            year += 1
        when = date(year, month, 1)
        if when > today:
            return found
        found.append(when)


def _source(name: str, when: date) -> str:
    if "%" in name or "trygga" in name:
        return f"Bostadsbolagets trygghetsenkät {when.year}"
    if "skadegörelse" in name.lower():
        return f"Polisens anmälningsstatistik, {when.year}"
    return f"Närvarolistor och partnernas rapporter, {when.isoformat()}"


def load_agreements() -> None:
    """The housing company, the partners' profiles, and each agreement not there yet (by
    area and title) with its indicators and measurements."""
    areas = lookup.areas()
    admin = lookup.admin()
    if admin is None or not areas:
        return
    if db.session.scalar(sa.select(Partner).where(Partner.name == agreement_rows.HOUSING)) is None:
        partners.save_partner(
            None,
            admin,
            name=agreement_rows.HOUSING,
            kind=agreement_rows.HOUSING_KIND,
            description=agreement_rows.HOUSING_TEXT,
            website=None,
            area_ids=[area.id for area in areas.values()],
        )
    by_name = {p.name: p for p in db.session.scalars(sa.select(Partner))}
    for name, (offers, colour) in agreement_rows.PROFILES.items():
        partner = by_name.get(name)
        if partner is None:
            continue
        if not partner.offers:
            partner.offers = offers
        if partner.logo is None:
            partner.logo = _logo(name, colour)
    db.session.commit()
    today = date.today()
    for row in agreement_rows.AGREEMENTS:
        slug, title, goal, strategy, start, end, days, parties, indicators = row
        start, end = _year_date(start, today.year), _year_date(end, today.year)
        area = areas.get(slug)
        if area is None or any(name not in by_name for name in parties):
            continue
        exists = db.session.scalar(
            sa.select(Agreement.id).where(Agreement.area_id == area.id, Agreement.title == title)
        )
        if exists is not None:
            continue
        leader = lookup.leader(area)
        agreement = agreements.save_agreement(
            None,
            area,
            leader,
            title=title,
            goal=goal,
            strategy=strategy,
            starts_on=start,
            ends_on=end,
            status=AgreementStatus.ACTIVE,
            follow_up_days=days,
            parties=[agreements.Party(by_name[name].id, text) for name, text in parties.items()],
        )
        reps = [rep.person for name in parties for rep in partners.representatives(by_name[name])]
        for number, (name, unit, baseline, target, direction, per_year) in enumerate(indicators):
            measure = agreement_rows.COMPUTED.get((slug, name))
            recorded_from = today - timedelta(days=agreement_rows.RECORDED_DAYS)
            indicator = agreements.save_indicator(
                None,
                agreement,
                leader,
                name=name,
                unit=unit,
                baseline_value=baseline,
                baseline_on=start,
                target_value=target,
                target_on=end,
                direction=direction,
                measure=measure,
                measured_from=recorded_from if measure else None,
            )
            span = (end - start).days
            until = recorded_from - timedelta(days=1) if measure else today
            for step, when in enumerate(_measured_on(start, per_year, until)):
                # Progress a little ahead of the straight line, as the seeds' labs reported.
                share = min(1.0, ((when - start).days / span) ** 0.85)
                entered_by = reps[(step + number) % len(reps)] if reps and step % 2 else leader
                agreements.record_measurement(
                    indicator,
                    entered_by,
                    measured_on=when,
                    value=max(0.0, _measured_value(baseline, target, share, step, unit)),
                    source=_source(name, when),
                    today=today,
                )
