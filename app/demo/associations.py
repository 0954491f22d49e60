"""Demo associations, made through the same services as residents use.

- Portalen: the women's group gathering to found a cooperative (four founders, one still
  invited; a statutes draft; the founding meeting set but not yet held).
- Lina Hage: a youth association, founded (board, members, minutes recorded, an activity).
- Rannebergen: the youth café as a founded association (the premises demo books for it).

Idempotent: an association is found by area and name and left alone when it exists.
"""

from __future__ import annotations

from datetime import date, time, timedelta

import sqlalchemy as sa
from flask_babel import force_locale

from app.associations import services
from app.clock import meeting_time
from app.extensions import db
from app.models import Activity, Area, Audience, Category, Person
from app.models.associations import Association, AssociationKind

WOMEN = "Kvinnokooperativet Portalen"
YOUTH = "Lina Hage Unga"
CAFE = "Ungdomscaféet Rannebergen"


def _person(name: str) -> Person | None:
    return db.session.scalar(
        sa.select(Person).where(Person.display_name == name, Person.deleted_at.is_(None))
    )


def _area(slug: str) -> Area | None:
    return db.session.scalar(sa.select(Area).where(Area.slug == slug))


def _exists(area: Area, name: str) -> bool:
    return (
        db.session.scalar(
            sa.select(Association.id).where(
                Association.area_id == area.id, Association.name == name
            )
        )
        is not None
    )


def _begin(area: Area, kind: AssociationKind, name: str, purpose: str, people: list[Person]):
    """The first person starts it; the others join through the invite link."""
    association = services.start(
        area, people[0], services.Start(kind=kind, name=name, purpose=purpose)
    )
    for person in people[1:]:
        services.join_by_link(association, person, association.invite_token)
    return services.association_or_404(association.id)


def _answers(association: Association, by: Person, fee: int, contribution: int | None = None):
    return services.save_answers(
        association,
        by,
        services.Answers(
            seat=association.area.municipality,
            open_membership=True,
            fee=fee,
            board_size=3,
            financial_year_start=1,
            annual_meeting_month=3,
            member_contribution=contribution,
        ),
    )


def _found(association: Association, people: list[Person], held: date, place: str, fee: int):
    """Hold the founding meeting: chair, treasurer, secretary are the first three people."""
    chair, treasurer, secretary = people[:3]
    version = services.versions(association)[0]
    services.set_meeting(association, chair, meeting_time(held, time(18)), place)
    services.save_minutes(
        association,
        chair,
        services.MinutesInput(
            opened_at="18:05",
            meeting_chair_id=chair.id,
            meeting_secretary_id=secretary.id,
            checker_1_id=treasurer.id,
            checker_2_id=people[-1].id,
            decided_to_form=True,
            statutes_version_id=version.id,
            board_chair_id=chair.id,
            board_treasurer_id=treasurer.id,
            board_secretary_id=secretary.id,
            auditor="Birgitta Lund",
            fee=fee,
            other_notes="",
        ),
    )
    services.record_founding(services.association_or_404(association.id), chair)


def _portalen() -> None:
    area = _area("portalen")
    if area is None or _exists(area, WOMEN):
        return
    people = [_person(n) for n in ("Fatima Al-Sayed", "Maryam Rahimi", "Hodan Abdi")]
    if None in people:
        return
    association = _begin(
        area,
        AssociationKind.COOPERATIVE,
        WOMEN,
        "Catering och sömnad: vi lagar mat till möten och fester i området och syr på "
        "beställning, så att kvinnor i Portalen får egna inkomster och arbetslivserfarenhet.",
        people,
    )
    hawa = _person("Hawa Ali")
    if hawa is not None:  # invited by name, not yet accepted: she can on /try
        services.invite(association, people[0], hawa.id)
    _answers(association, people[1], fee=100, contribution=500)
    services.set_meeting(
        association,
        people[0],
        meeting_time(date.today() + timedelta(days=12), time(17, 30)),
        "Portalens mötesplats",
    )


def _lina_hage() -> None:
    area = _area("lina-hage")
    if area is None or _exists(area, YOUTH):
        return
    people = [_person(n) for n in ("Gabriel Aho", "Nour Haddad", "Aram Barsoum")]
    if None in people:
        return
    association = _begin(
        area,
        AssociationKind.NONPROFIT,
        YOUTH,
        "Unga i Lina Hage ordnar läxhjälp, idrott och resor tillsammans, och har en röst i "
        "områdets utveckling.",
        people,
    )
    _answers(association, people[0], fee=20)
    _found(association, people, date.today() - timedelta(days=60), "Lina Hage träffpunkt", 20)
    association = services.association_or_404(association.id)
    association.description = "Föreningen för unga 13–25 år i Lina Hage. Alla är välkomna."
    db.session.commit()
    member = _person("Sofia Lund")
    if member is not None:
        services.request_membership(association, member)
    starts = meeting_time(date.today() + timedelta(days=9), time(17))
    db.session.add(
        Activity(
            area_id=area.id,
            title="Fotbollskväll med Lina Hage Unga",
            description="Vi spelar på konstgräsplanen. Ta med vattenflaska.",
            category=Category.CULTURE_LEISURE,
            audience=Audience.YOUTH,
            place="Konstgräsplanen vid skolan",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            capacity=30,
            association_id=association.id,
            created_by_id=people[0].id,
            walk_ins=0,
        )
    )
    db.session.commit()


def _rannebergen() -> None:
    area = _area("rannebergen")
    if area is None or _exists(area, CAFE):
        return
    people = [_person(n) for n in ("Layla Mahmoud", "Erik Johansson", "Samir Khalil")]
    if None in people:
        return
    association = _begin(
        area,
        AssociationKind.NONPROFIT,
        CAFE,
        "Ungdomscaféet är en trygg mötesplats för unga i Rannebergen, drivet av unga och "
        "vuxna tillsammans, med feriejobb och caféskift för ungdomar.",
        people,
    )
    _answers(association, people[0], fee=50)
    _found(association, people, date.today() - timedelta(days=200), "Rannebergens mötesplats", 50)
    association = services.association_or_404(association.id)
    association.description = "Öppet vardagseftermiddagar. Fika, läxhjälp och spel."
    db.session.commit()


def seed_demo_associations() -> None:
    """Statutes drafts are written in Swedish, as the founders would."""
    with force_locale("sv"):
        _portalen()
        _lina_hage()
        _rannebergen()
