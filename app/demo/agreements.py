"""Demo agreements: in each area the housing company and two partners agree on a shared goal
with two or three indicators and a few years of measurements (entered through the services,
by the area's leader and the partners' representatives). Lina Hage's agreement runs three
years only, so its page shows the warning about agreements shorter than five years.

Idempotent: an agreement already there (by title) is left as it is.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from app.agreements import services
from app.demo.ideas import _leader
from app.extensions import db
from app.models import Area, Partner, PartnerKind, Person
from app.models.agreements import Agreement, AgreementStatus, Direction
from app.partners import services as partners

HOUSING = "Grannbo Bostäder"
HOUSING_TEXT = "Det allmännyttiga bostadsbolaget: lokaler, gårdar, belysning och trygghetsvärdar."

_Y = date.today().year

# (area slug, title, goal, strategy, start, end, follow-up days,
#  {partner: responsibilities}, [(indicator, unit, baseline, target, direction, per year)])
AGREEMENTS = [
    (
        "boden",
        "Samverkansavtal Boden: från språkcafé till arbete",
        "Fler nyanlända i Boden har arbete eller studerar, och fler boende möts över språkgränserna.",
        "Språkcafé varje vecka i områdeslokalen, studiecirklar som leder till validering, och "
        "en kontaktperson hos bostadsbolaget som hjälper till med praktikplatser.",
        date(_Y - 3, 1, 1),
        date(_Y + 3, 12, 31),
        90,
        {
            HOUSING: "Lokalen kvällstid utan kostnad, två praktikplatser per år.",
            "Röda korset": "Språkcafé varje tisdag, volontärer och läxhjälp.",
            "ABF": "Studiecirklar i svenska och data, intyg för validering.",
        },
        [
            ("Nyanlända i arbete eller studier", "personer", 2, 12, Direction.UP, 4),
            ("Besök på språkcafét per månad", "besök", 15, 40, Direction.UP, 4),
        ],
    ),
    (
        "portalen",
        "Samverkansavtal Portalen: tryggt och eget arbete",
        "Portalen är ett område där fler känner sig trygga och fler kvinnor har egen försörjning.",
        "Trygghetsvandringar två gånger per år, bättre belysning, kvinnors nätverk och "
        "stöd att starta kooperativ.",
        date(_Y - 3, 3, 1),
        date(_Y + 2, 3, 1),
        120,
        {
            HOUSING: "Belysning och buskröjning efter trygghetsvandringarna; lokal för kooperativet.",
            "ABF": "Kurser i att starta och driva kooperativ.",
            "Hyresgästföreningen": "Trygghetsvandringar och gårdsmöten.",
        },
        [
            ("Andel boende som känner sig trygga", "%", 48, 70, Direction.UP, 1),
            ("Anmälda skadegörelser per år", "anmälningar", 140, 70, Direction.DOWN, 2),
            ("Kvinnor med egen försörjning i programmet", "personer", 0, 15, Direction.UP, 2),
        ],
    ),
    (
        "rannebergen",
        "Samverkansavtal Rannebergen: unga tar plats",
        "Unga i Rannebergen har något meningsfullt att göra varje vecka, hela året.",
        "Ungdomscafé som unga driver själva, sommarlovsaktiviteter och sommarjobb hos partnerna.",
        date(_Y - 4, 1, 1),
        date(_Y + 3, 12, 31),
        90,
        {
            HOUSING: "Ungdomscaféets lokal och sommarjobb i utemiljön.",
            "Svenska kyrkan": "Sommarlovsaktiviteter och vuxna förebilder på kvällstid.",
            "Röda korset": "Läxhjälp och utbildning i första hjälpen för unga ledare.",
        },
        [
            ("Ungdomsaktiviteter per år", "aktiviteter", 40, 100, Direction.UP, 2),
            ("Unga med sommarjobb", "personer", 10, 30, Direction.UP, 1),
        ],
    ),
    (
        "lina-hage",
        "Samverkansavtal Lina Hage: gården är vår",
        "Fler boende i Lina Hage är med och bestämmer om gården och lokalerna, och fler stannar "
        "kvar i området.",
        "Gårdsmöten varje månad, odlingslotter och en boenderåd som följer upp avtalet.",
        date(_Y - 2, 1, 1),
        date(_Y + 1, 6, 30),  # three and a half years: the page warns
        180,
        {
            HOUSING: "Odlingslotter, material och ett boenderåd med budget.",
            "Hyresgästföreningen": "Gårdsmöten och utbildning för boenderådet.",
            "Svenska kyrkan": "Familjeträffar på gården under sommaren.",
        },
        [
            ("Boende på gårdsmötena (snitt)", "personer", 8, 30, Direction.UP, 2),
            ("Omflyttning per år", "%", 18, 12, Direction.DOWN, 1),
        ],
    ),
]


# What each demo partner offers residents, and its logo's colour (a drawn initial).
PROFILES = {
    HOUSING: ("Lokaler för föreningar, sommarjobb i utemiljön, trygghetsvärdar.", (11, 110, 79)),
    "Röda korset": ("Språkcafé på tisdagar, läxhjälp, kurser i första hjälpen.", (200, 16, 46)),
    "Svenska kyrkan": ("Sommarlovsaktiviteter, familjeträffar, samtalsstöd.", (0, 84, 147)),
    "ABF": ("Studiecirklar, kurser i svenska och data, stöd att starta föreningar.", (190, 30, 45)),
    "Hyresgästföreningen": ("Gårdsmöten, boenderåd, hjälp med frågor om boendet.", (0, 120, 60)),
}


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


def _profiles(by_name: dict[str, Partner]) -> None:
    for name, (offers, colour) in PROFILES.items():
        partner = by_name.get(name)
        if partner is None:
            continue
        if not partner.offers:
            partner.offers = offers
        if partner.logo is None:
            partner.logo = _logo(name, colour)
    db.session.commit()


def _housing(admin: Person, areas: list[Area]) -> Partner:
    partner = db.session.scalar(sa.select(Partner).where(Partner.name == HOUSING))
    if partner is None:
        partner = partners.save_partner(
            None,
            admin,
            name=HOUSING,
            kind=PartnerKind.COMPANY,
            description=HOUSING_TEXT,
            website=None,
            area_ids=[area.id for area in areas],
        )
    return partner


def _value(baseline: float, target: float, share: float, step: int, unit: str) -> float:
    """On the way from baseline towards the target, with a small deterministic wobble;
    counts of people or events are whole numbers."""
    wobble = ((step * 7) % 5 - 2) * abs(target - baseline) * 0.03
    value = baseline + (target - baseline) * share + wobble
    return round(value, 1) if unit == "%" else float(round(value))


def _dates(start: date, per_year: int, today: date) -> list[date]:
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


def seed_demo_agreements() -> None:
    areas = {area.slug: area for area in db.session.scalars(sa.select(Area))}
    admin = db.session.scalar(sa.select(Person).where(Person.is_admin))
    if admin is None or not areas:
        return
    _housing(admin, list(areas.values()))
    by_name = {p.name: p for p in db.session.scalars(sa.select(Partner))}
    _profiles(by_name)
    today = date.today()
    for slug, title, goal, strategy, start, end, days, parties, indicators in AGREEMENTS:
        area = areas.get(slug)
        if area is None or any(name not in by_name for name in parties):
            continue
        exists = db.session.scalar(
            sa.select(Agreement.id).where(Agreement.area_id == area.id, Agreement.title == title)
        )
        if exists is not None:
            continue
        leader = _leader(area)
        agreement = services.save_agreement(
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
            parties=[services.Party(by_name[name].id, text) for name, text in parties.items()],
        )
        reps = [rep.person for name in parties for rep in partners.representatives(by_name[name])]
        for number, (name, unit, baseline, target, direction, per_year) in enumerate(indicators):
            indicator = services.save_indicator(
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
            )
            dates = _dates(start, per_year, today)
            span = (end - start).days
            for step, when in enumerate(dates):
                # Progress a little ahead of the straight line, as the seeds' labs reported.
                share = min(1.0, ((when - start).days / span) ** 0.85)
                entered_by = reps[(step + number) % len(reps)] if reps and step % 2 else leader
                services.record_measurement(
                    indicator,
                    entered_by,
                    measured_on=when,
                    value=max(0.0, _value(baseline, target, share, step, unit)),
                    source=_source(name, when),
                    today=today,
                )


def _source(name: str, when: date) -> str:
    if "%" in name or "trygga" in name:
        return f"Bostadsbolagets trygghetsenkät {when.year}"
    if "skadegörelse" in name.lower():
        return f"Polisens anmälningsstatistik, {when.year}"
    return f"Närvarolistor och partnernas rapporter, {when.isoformat()}"
