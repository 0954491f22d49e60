"""Demo data: the four areas of the seeds, a process leader each, an admin, residents, youth.

Phone numbers are from the range the Swedish Post and Telecom Authority reserves for fiction
(070-1740605 … 070-1740699); email addresses use the reserved ``.example`` domain.
"""

from datetime import date

import sqlalchemy as sa

from app.extensions import db
from app.models import Area, AreaRole, Person, Role
from app.models.util import utcnow

AREAS = [
    ("boden", "Boden", "Bodens kommun", "sv"),
    ("portalen", "Portalen", "Norrköpings kommun", "sv"),
    ("rannebergen", "Rannebergen", "Göteborgs stad", "sv"),
    ("lina-hage", "Lina Hage", "Södertälje kommun", "sv"),
]

_YEAR = date.today().year

# (display name, email or phone, language, birth year, area slug, role, verified)
PEOPLE = [
    ("Grannlabb admin", "admin@grannlabb.example", "sv", 1980, None, None, False),
    ("Karin Lindström", "karin.lindstrom@boden.example", "sv", 1976, "boden", Role.LEADER, False),
    ("Johan Ek", "johan.ek@portalen.example", "sv", 1984, "portalen", Role.LEADER, False),
    (
        "Sara Nilsson",
        "sara.nilsson@rannebergen.example",
        "sv",
        1989,
        "rannebergen",
        Role.LEADER,
        False,
    ),
    (
        "Ibrahim Yusuf",
        "ibrahim.yusuf@linahage.example",
        "sv",
        1981,
        "lina-hage",
        Role.LEADER,
        False,
    ),
    ("Amina Hassan", "+46701740605", "so", 1987, "boden", Role.RESIDENT, True),
    ("Tesfay Gebremariam", "+46701740606", "ti", 1979, "boden", Role.RESIDENT, True),
    ("Fatima Al-Sayed", "+46701740607", "ar", 1983, "portalen", Role.RESIDENT, True),
    ("Maryam Rahimi", "+46701740608", "fa", 1990, "portalen", Role.RESIDENT, True),
    ("Hodan Abdi", "+46701740609", "so", 1985, "portalen", Role.RESIDENT, False),
    ("Hawa Ali", "+46701740615", "so", 1986, "portalen", Role.RESIDENT, True),
    (
        "Erik Johansson",
        "erik.johansson@rannebergen.example",
        "sv",
        1958,
        "rannebergen",
        Role.RESIDENT,
        True,
    ),
    ("Layla Mahmoud", "+46701740610", "ar", 1992, "rannebergen", Role.RESIDENT, True),
    ("Samir Khalil", "+46701740611", "ar", _YEAR - 15, "rannebergen", Role.RESIDENT, True),
    # 14: works in the café within the rules for 13–15-year-olds (signs in from /try).
    ("Hiba Warsame", "+46701740616", "so", _YEAR - 14, "rannebergen", Role.RESIDENT, True),
    ("Nour Haddad", "+46701740612", "ar", _YEAR - 16, "lina-hage", Role.RESIDENT, True),
    ("Aram Barsoum", "+46701740613", "sv", _YEAR - 14, "lina-hage", Role.RESIDENT, True),
    ("Helen Tekle", "+46701740614", "ti", _YEAR - 17, "boden", Role.RESIDENT, False),
    ("Gabriel Aho", "gabriel.aho@linahage.example", "en", 1995, "lina-hage", Role.RESIDENT, True),
    ("Lena Berg", "lena.berg@redcross.example", "sv", 1970, "boden", Role.PARTNER, False),
    ("Eva Holm", "eva.holm@svenskakyrkan.example", "sv", 1966, "rannebergen", Role.PARTNER, False),
    ("Mats Andersson", "mats.andersson@abf.example", "sv", 1975, "portalen", Role.PARTNER, False),
    (
        "Sofia Lund",
        "sofia.lund@hyresgastforeningen.example",
        "sv",
        1988,
        "lina-hage",
        Role.PARTNER,
        False,
    ),
]

# Who acts for which partner in the demo.
REPRESENTATIVES = {
    "Röda korset": "Lena Berg",
    "Svenska kyrkan": "Eva Holm",
    "ABF": "Mats Andersson",
    "Hyresgästföreningen": "Sofia Lund",
}

DEMO_ADDRESSES = frozenset(address for _, address, *_rest in PEOPLE)


def _address_column(address: str):
    return Person.email if "@" in address else Person.phone


def seed_demo() -> None:
    """Create the demo areas and people; running it again changes nothing."""
    areas: dict[str, Area] = {}
    for slug, name, municipality, locale in AREAS:
        area = db.session.scalar(sa.select(Area).where(Area.slug == slug))
        if area is None:
            area = Area(slug=slug, name=name, municipality=municipality, default_locale=locale)
            db.session.add(area)
        areas[slug] = area
    db.session.flush()
    for name, address, locale, birth_year, slug, role, verified in PEOPLE:
        person = db.session.scalar(sa.select(Person).where(_address_column(address) == address))
        if person is None:
            person = Person(display_name=name, locale=locale, birth_year=birth_year)
            if "@" in address:
                person.email = address
            else:
                person.phone = address
            person.is_admin = slug is None
            db.session.add(person)
            db.session.flush()
        if slug is None:
            continue
        exists = db.session.scalar(
            sa.select(AreaRole.id).where(
                AreaRole.person_id == person.id,
                AreaRole.area_id == areas[slug].id,
                AreaRole.role == role,
            )
        )
        if exists is None:
            db.session.add(
                AreaRole(
                    person_id=person.id,
                    area_id=areas[slug].id,
                    role=role,
                    verified_at=utcnow() if verified else None,
                )
            )
    db.session.commit()

    from app.demo.activities import seed_demo_activities
    from app.demo.agreements import seed_demo_agreements
    from app.demo.associations import seed_demo_associations
    from app.demo.ideas import seed_demo_ideas  # uses the services, which use these people
    from app.demo.jobs import seed_demo_jobs  # after the activities: uses their youth
    from app.demo.premises import seed_demo_premises
    from app.demo.programmes import seed_demo_programmes
    from app.demo.shifts import seed_demo_shifts  # after the activities: uses their youth

    seed_demo_ideas()
    seed_demo_activities()
    seed_demo_shifts()
    seed_demo_jobs()
    seed_demo_associations()
    seed_demo_premises()  # after the associations: the youth café books in its own name
    seed_demo_agreements()
    seed_demo_programmes()


def demo_people() -> list[Person]:
    """The demo people who still exist, for the "try it as…" page."""
    emails = [a for a in DEMO_ADDRESSES if "@" in a]
    phones = [a for a in DEMO_ADDRESSES if "@" not in a]
    return db.session.scalars(
        sa.select(Person)
        .where(sa.or_(Person.email.in_(emails), Person.phone.in_(phones)))
        .options(sa.orm.selectinload(Person.roles).joinedload(AreaRole.area))
        .order_by(Person.id)
    ).all()
