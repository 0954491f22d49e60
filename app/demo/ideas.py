"""Demo ideas for the four areas: written in Swedish, Arabic, Somali and English, with votes,
comments, a hidden idea with its reason, partner links and, in Portalen, a cut agenda.

Everything goes through the same services a person would use, so the timeline, moderation
log and notices look as they would for real.
"""

from datetime import timedelta

import sqlalchemy as sa

from app.agendas import services as agendas
from app.demo.data import REPRESENTATIVES
from app.extensions import db
from app.ideas import services as ideas
from app.models import (
    Agenda,
    Area,
    AreaRole,
    Category,
    Decision,
    HideReason,
    Idea,
    Partner,
    PartnerKind,
    Person,
    Role,
)
from app.models.util import utcnow
from app.moderation import services as moderation
from app.partners import services as partners

# The partners named in the seeds; every area can work with them.
PARTNERS = [
    ("Röda korset", PartnerKind.NGO, "Språkcafé, läxhjälp och mötesplatser för nyanlända."),
    ("Svenska kyrkan", PartnerKind.CHURCH, "Sommarlovsaktiviteter, samtal och stöd i vardagen."),
    ("ABF", PartnerKind.STUDY_ASSOCIATION, "Studiecirklar, kurser och stöd till nya föreningar."),
    (
        "Hyresgästföreningen",
        PartnerKind.TENANTS_UNION,
        "Boendeinflytande, gårdsmöten och lokaler för de boende.",
    ),
]

# (area slug, author's name, language, category, title, text, outcome)
# outcome: "published", "hidden", "submitted", or ("partner", partner name, accepted?)
IDEAS = [
    (
        "boden",
        "Amina Hassan",
        "so",
        Category.WORK_STUDIES,
        "Koorso kombuyuutar oo haweenka loogu talagalay",
        "Waxaan rabnaa koorso kombuyuutar ah oo fiidkii ah, si aan shaqo u raadsanno oo aan "
        "CV u qorno. Xafiiska guriga ayaa lagu qaban karaa.",
        ("partner", "ABF", True),
    ),
    (
        "boden",
        "Tesfay Gebremariam",
        "sv",
        Category.CULTURE_LEISURE,
        "Fotbollsplan med belysning",
        "Planen bakom skolan är mörk från oktober. Med belysning kan ungdomarna spela efter "
        "skolan hela vintern.",
        "published",
    ),
    (
        "boden",
        "Amina Hassan",
        "sv",
        Category.SERVICES,
        "Språkcafé på lördagar",
        "Ett språkcafé där vi som är nya i Boden kan öva svenska med grannar över en fika.",
        ("partner", "Röda korset", False),
    ),
    (
        "portalen",
        "Fatima Al-Sayed",
        "ar",
        Category.WORK_STUDIES,
        "تعاونية للطبخ والتموين",
        "نحن مجموعة من النساء نطبخ جيداً. نريد أن نبدأ تعاونية صغيرة للتموين في الحي، ونحتاج "
        "إلى دورة في إدارة الأعمال ومكان للطبخ.",
        ("partner", "ABF", True),
    ),
    (
        "portalen",
        "Maryam Rahimi",
        "sv",
        Category.SAFETY,
        "Bättre belysning på gångvägen till busshållplatsen",
        "Gångvägen mellan husen och busshållplatsen är mörk och känns otrygg på kvällen.",
        "published",
    ),
    (
        "portalen",
        "Hodan Abdi",
        "so",
        Category.SCHOOL_YOUTH,
        "Caawimaad casharrada guriga",
        "Carruurtu waxay u baahan yihiin caawimaad casharrada guriga ah maalmaha shaqada.",
        "published",
    ),
    (
        "portalen",
        "Fatima Al-Sayed",
        "ar",
        Category.HOUSING_PREMISES,
        "غرفة غسيل مفتوحة في المساء",
        "نرجو فتح غرفة الغسيل حتى الساعة العاشرة مساءً للعائلات العاملة.",
        "published",
    ),
    (
        "rannebergen",
        "Layla Mahmoud",
        "ar",
        Category.SCHOOL_YOUTH,
        "مقهى للشباب في عطلة نهاية الأسبوع",
        "يحتاج الشباب إلى مكان آمن يلتقون فيه أيام الجمعة والسبت مساءً، يديره الشباب أنفسهم.",
        ("partner", "Svenska kyrkan", True),
    ),
    (
        "rannebergen",
        "Erik Johansson",
        "sv",
        Category.ENVIRONMENT,
        "Odlingslotter på gården",
        "Pallkragar på gården där grannar kan odla grönsaker tillsammans. Jag kan lära ut.",
        "published",
    ),
    (
        "rannebergen",
        "Samir Khalil",
        "sv",
        Category.CULTURE_LEISURE,
        "Sälj min gamla cykel – ring 070-123 45 67",
        "Jag säljer en cykel, ring mig på 070-123 45 67 eller kom till port 4.",
        "hidden",
    ),
    (
        "lina-hage",
        "Gabriel Aho",
        "en",
        Category.CULTURE_LEISURE,
        "Open-air cinema in the courtyard",
        "Let's show films in the courtyard on summer evenings, with subtitles in several "
        "languages chosen by the neighbours.",
        ("partner", "Hyresgästföreningen", True),
    ),
    (
        "lina-hage",
        "Nour Haddad",
        "ar",
        Category.WORK_STUDIES,
        "وظائف صيفية للشباب في الحي",
        "نريد وظائف صيفية قريبة من البيت: في المقهى، في الحدائق، ومع كبار السن.",
        "published",
    ),
    (
        "lina-hage",
        "Aram Barsoum",
        "sv",
        Category.SCHOOL_YOUTH,
        "Läxhjälp med äldre elever",
        "Gymnasieelever som hjälper högstadiet med matte och svenska två kvällar i veckan.",
        "submitted",
    ),
]

COMMENTS = [
    (
        "Fotbollsplan med belysning",
        "Erik Johansson",
        "Bra! Jag kan hjälpa till att prata med kommunen.",
    ),
    ("تعاونية للطبخ والتموين", "Maryam Rahimi", "Jag vill vara med! Jag har jobbat i kök i Iran."),
    ("تعاونية للطبخ والتموين", "Hodan Abdi", "Waan ku biirayaa, aad baan u jeclahay fikraddan."),
    ("Odlingslotter på gården", "Layla Mahmoud", "فكرة رائعة، أطفالي سيحبون ذلك."),
    ("Open-air cinema in the courtyard", "Nour Haddad", "نعم! مع أفلام عربية أيضاً من فضلكم."),
]


def _person(name: str) -> Person | None:
    return db.session.scalar(sa.select(Person).where(Person.display_name == name))


def _leader(area: Area) -> Person | None:
    """The area's first process leader (the demo's other modules use it too)."""
    return db.session.scalar(
        sa.select(Person)
        .join(AreaRole, AreaRole.person_id == Person.id)
        .where(AreaRole.area_id == area.id, AreaRole.role == Role.LEADER)
        .order_by(Person.id)
        .limit(1)
    )


def _verified_residents(area: Area) -> list[Person]:
    return list(
        db.session.scalars(
            sa.select(Person)
            .join(AreaRole, AreaRole.person_id == Person.id)
            .where(
                AreaRole.area_id == area.id,
                AreaRole.role == Role.RESIDENT,
                AreaRole.verified_at.is_not(None),
            )
            .order_by(Person.id)
        )
    )


def _seed_partners(admin: Person, areas: list[Area]) -> dict[str, Partner]:
    found = {}
    for name, kind, description in PARTNERS:
        partner = db.session.scalar(sa.select(Partner).where(Partner.name == name))
        if partner is None:
            partner = partners.save_partner(
                None,
                admin,
                name=name,
                kind=kind,
                description=description,
                website=None,
                area_ids=[area.id for area in areas],
            )
        representative = _person(REPRESENTATIVES[name])
        if not partners.is_representative(representative, partner):
            partners.appoint_representative(partner, representative, admin)
        found[name] = partner
    return found


def seed_demo_ideas() -> None:
    """Add the demo ideas once; ideas already there (by title) are left as they are."""
    areas = {area.slug: area for area in db.session.scalars(sa.select(Area))}
    admin = db.session.scalar(sa.select(Person).where(Person.is_admin))
    partner_by_name = _seed_partners(admin, list(areas.values()))
    for slug, author, language, category, title, text, outcome in IDEAS:
        if db.session.scalar(sa.select(Idea.id).where(Idea.title == title)) is not None:
            continue
        area = areas[slug]
        leader = _leader(area)
        idea = ideas.propose(area, _person(author), title, text, category, language)
        if outcome == "submitted":
            continue
        if outcome == "hidden":
            moderation.decide_idea(
                idea,
                leader,
                Decision.HIDE,
                reason_code=HideReason.PERSONAL_DATA,
                reason="Innehöll ett telefonnummer. Sälj gärna på anslagstavlan i tvättstugan.",
            )
            continue
        moderation.decide_idea(idea, leader, Decision.PUBLISH)
        voters = _verified_residents(area)
        for voter in voters[: 1 + len(title) % len(voters)]:
            ideas.cast_vote(idea, voter, True)
        if isinstance(outcome, tuple):
            _, partner_name, accepted = outcome
            partner = partner_by_name[partner_name]
            link = partners.link_idea(idea, partner, "Kan ni hjälpa till?", leader)
            if accepted:
                representative = _person(REPRESENTATIVES[partner_name])
                partners.answer_link(link, "accept", "Vi hjälper gärna till.", representative)
    for idea_title, author, text in COMMENTS:
        idea = db.session.scalar(sa.select(Idea).where(Idea.title == idea_title))
        if idea is not None and idea.comment_count == 0:
            ideas.add_comment(idea, _person(author), text)
    _cut_portalen_agenda(areas["portalen"])


def _cut_portalen_agenda(area: Area) -> None:
    if db.session.scalar(sa.select(Agenda.id).where(Agenda.area_id == area.id)) is not None:
        return
    leader = _leader(area)
    agenda = agendas.create_meeting(
        area,
        leader,
        title="Stormöte i Portalen",
        meeting_at=utcnow() + timedelta(days=14),
        place="Portalens mötesplats",
        idea_count=3,
    )
    agendas.cut(agenda, leader)
