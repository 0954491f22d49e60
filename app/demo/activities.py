"""Demo activities: a year of youth activities in Rannebergen, two years of attendance in
Lina Hage (distinct youth taking part grow by 80 %), and something coming up in every area.

Rannebergen's year has over 100 distinct activities: every Saturday evening at the café and
every Thursday workshop is its own one-off activity with its own title (about 52 + 52), beside
the weekly series (Friday café, homework help, football) and the summer camp.

The past is written in bulk with the models (sign-up refuses activities that have started):
confirmed registrations marked attended or not, and walk-ins. What is still to come goes
through the services, so the places and the waiting list behave as they would for real.

The demo youth are records only: no email or phone, so they can never sign in.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa

from app.activities import services as activities
from app.clock import STOCKHOLM, meeting_time
from app.extensions import db
from app.models import (
    Activity,
    Area,
    AreaRole,
    Audience,
    Category,
    Partner,
    Person,
    Registration,
    RegistrationStatus,
    Role,
)
from app.models.util import utcnow

# (name, language); birth years are given below so that all are 13–17 this year.
RANNEBERGEN_YOUTH = [
    ("Yasmin Abdullahi", "so"),
    ("Hamza Warsame", "so"),
    ("Ayaan Mohamed", "so"),
    ("Abdirahman Ali", "so"),
    ("Hibaq Farah", "so"),
    ("Mustafa Jama", "so"),
    ("Ali Hussein", "ar"),
    ("Zainab Kadhim", "ar"),
    ("Omar Saleh", "ar"),
    ("Rania Jaber", "ar"),
    ("Yousef Darwish", "ar"),
    ("Mariam Hamdan", "ar"),
    ("Mahdi Ahmadi", "fa"),
    ("Zahra Hosseini", "fa"),
    ("Arash Karimi", "fa"),
    ("Parisa Sadeghi", "fa"),
    ("Reza Mohammadi", "fa"),
    ("Selam Tesfay", "ti"),
    ("Filmon Haile", "ti"),
    ("Winta Berhane", "ti"),
    ("Yonas Kidane", "ti"),
    ("Elsa Karlsson", "sv"),
    ("Liam Andersson", "sv"),
    ("Amir Begić", "sv"),
    ("Alva Svensson", "sv"),
    ("Emir Hodžić", "sv"),
    ("Nora Lindqvist", "sv"),
    ("Dilan Aydin", "sv"),
    ("Ebba Olsson", "sv"),
    ("Adam Berisha", "sv"),
]

LINA_HAGE_YOUTH = [
    ("Ninos Gabriel", "sv"),
    ("Shamiram Isa", "sv"),
    ("Elias Yakoub", "sv"),
    ("Hanna Lahdo", "sv"),
    ("Daniel Kourie", "sv"),
    ("Sara Danho", "sv"),
    ("Jakob Musa", "sv"),
    ("Mariam Bahdi", "sv"),
    ("Gabriel Sabo", "sv"),
    ("Nahrin Aydin", "sv"),
    ("Ilona Malke", "sv"),
    ("Robin Lindberg", "sv"),
    ("Wilma Nyström", "sv"),
    ("Ella Johansson", "sv"),
    ("Matteus Chamoun", "sv"),
    ("Ahmad Khalaf", "ar"),
    ("Lana Haddad", "ar"),
    ("Karim Nasser", "ar"),
    ("Dima Khoury", "ar"),
    ("Sami Rashid", "ar"),
    ("Layal Suleiman", "ar"),
    ("Hadi Mansour", "ar"),
    ("Noor Al-Amin", "ar"),
    ("Youssef Saad", "ar"),
    ("Mohamed Abdi", "so"),
    ("Sagal Hersi", "so"),
    ("Ismail Nur", "so"),
    ("Fadumo Yusuf", "so"),
    ("Abdullahi Osman", "so"),
    ("Bashir Wardere", "so"),
    ("Senait Ghebre", "ti"),
    ("Robel Tekle", "ti"),
    ("Merhawi Asfaha", "ti"),
    ("Ruta Mehari", "ti"),
    ("Eden Tesfamariam", "ti"),
    ("Sina Rostami", "fa"),
    ("Yalda Azimi", "fa"),
    ("Kian Moradi", "fa"),
    ("Shirin Jafari", "fa"),
    ("Tara Nazari", "fa"),
]

DEMO_YOUTH_COUNT = len(RANNEBERGEN_YOUTH) + len(LINA_HAGE_YOUTH)

# Lina Hage: distinct youth who took part, the year before last and last year (+80 %).
LINA_HAGE_PARTICIPANTS = (20, 36)

# Seeding stops here when this series is already there.
MARKER_SERIES = "demo-rannebergen-cafe-fri-0"

YOUTH_AGES = (13, 17)


@dataclass(frozen=True)
class Plan:
    """A weekly past activity: on which weekday, when in the year, and how many come."""

    key: str
    title: str
    description: str
    category: Category
    place: str
    weekday: int
    start: time
    end: time
    capacity: int | None
    registered: tuple[int, int]
    walk_ins: tuple[int, int]
    partner: str | None = None
    term_only: bool = False
    months: tuple[int, ...] = tuple(range(1, 13))
    # One-off activities, one title each: date number i gets title i (no series).
    titles: tuple[str, ...] = ()


# Rannebergen's Saturday evenings at the café, each its own activity (one a week, a year).
CAFE_EVENINGS = tuple(
    f"Cafékväll: {theme}"
    for theme in (
        "FIFA-turnering",
        "Pingisturnering",
        "Karaoke",
        "Filmkväll med komedi",
        "Pizzabak",
        "Brädspel",
        "Frågesport",
        "Tacokväll",
        "Open mic",
        "Biljardturnering",
        "Mario Kart-turnering",
        "Talangjakt",
        "Våfflor",
        "Musikquiz",
        "Bingo",
        "Dansworkshop i hiphop",
        "Beatmaking",
        "Pannkakor",
        "Schackturnering",
        "Filmkväll med skräck",
        "Smoothiebar",
        "Just Dance",
        "Poesi och spoken word",
        "Uno-turnering",
        "Fotboll på storbild",
        "Sushiworkshop",
        "Among Us i storbild",
        "Rapworkshop",
        "Filmkväll med animerat",
        "Kahoot om Rannebergen",
        "Maskerad",
        "Pizza efter omröstning",
        "Minigolf inomhus",
        "Kortspel",
        "Ungdomarnas fotoutställning",
        "Fika med fältassistenterna",
        "Manga och anime",
        "Smash Bros-turnering",
        "Filmkväll med romantik",
        "Glassbar",
        "Teaterimprovisation",
        "Basket i gympasalen",
        "Korvgrillning",
        "Hennamålning",
        "DJ-kväll",
        "Snabbquiz med priser",
        "Pärlplattor och poddlyssning",
        "Kvällspromenad och fika",
        "Escape room",
        "Fortnite-kväll",
        "Wraps och sallader",
        "Ungdomsrådet frågar: vad vill ni göra?",
        "Spelkväll med Wii Sports",
    )
)

# Rannebergen's Thursday workshops, each its own activity (one a week, a year).
WORKSHOPS = tuple(
    f"Verkstad: {topic}"
    for topic in (
        "Screentryck på t-shirts",
        "Bygg en robot",
        "Programmera ett spel",
        "Laga din cykel",
        "Sy en tygkasse",
        "Graffiti på duk",
        "Spela in en podd",
        "Filma med mobilen",
        "Första hjälpen",
        "Skriv ditt CV",
        "Laga mat från Somalia",
        "Laga mat från Syrien",
        "Laga mat från Eritrea",
        "Laga mat från Iran",
        "Baka bröd",
        "Lödning och elektronik",
        "3D-skrivare",
        "Fotografering",
        "Serieteckning",
        "Gör egna smycken",
        "Keramik",
        "Bygg en fågelholk",
        "Smink",
        "Hårflätning",
        "Självförsvar",
        "Yoga och avslappning",
        "Boxning för nybörjare",
        "Klättring",
        "Låtskrivande",
        "Gitarr för nybörjare",
        "Trummor för nybörjare",
        "Stop motion-film",
        "Skriv en novell",
        "Våga tala inför grupp",
        "Din första lön",
        "Källkritik på nätet",
        "Schackskola",
        "Odla i pallkrage",
        "Gör om gamla kläder",
        "Batik",
        "Måla med akryl",
        "Origami",
        "Bygg en drönare",
        "Vattenraketer",
        "Kemiexperiment",
        "Stjärnskådning",
        "Orientering",
        "Fiske vid Surtesjön",
        "Symaskinskörkort",
        "Designa en app",
        "Starta en Youtube-kanal",
        "Mopedkörkort: teorin",
        "Öva inför anställningsintervjun",
    )
)


RANNEBERGEN_PLANS = [
    Plan(
        "cafe-fri",
        "Ungdomscafé",
        "Fika, spel och musik. Caféet drivs av ungdomarna själva tillsammans med fritidsledare.",
        Category.SCHOOL_YOUTH,
        "Ungdomscaféet, Rannebergens centrum",
        4,
        time(18),
        time(22),
        30,
        (4, 8),
        (6, 18),
    ),
    Plan(
        "cafe-sat",
        "Cafékväll",
        "Lördagskväll på caféet med ett nytt tema varje vecka, valt av ungdomarna själva.",
        Category.SCHOOL_YOUTH,
        "Ungdomscaféet, Rannebergens centrum",
        5,
        time(17),
        time(22),
        30,
        (4, 8),
        (8, 20),
        titles=CAFE_EVENINGS,
    ),
    Plan(
        "workshop",
        "Verkstad",
        "Prova något nytt med en ledare som kan det. Material finns; anmäl dig så vi vet hur "
        "många som kommer.",
        Category.CULTURE_LEISURE,
        "Medborgarhuset i Rannebergen",
        3,
        time(16, 30),
        time(18, 30),
        15,
        (4, 10),
        (0, 3),
        titles=WORKSHOPS,
    ),
    Plan(
        "homework",
        "Läxhjälp",
        "Matte, svenska och engelska med volontärer. Ta med det du jobbar med.",
        Category.SCHOOL_YOUTH,
        "Biblioteket i Rannebergen",
        1,
        time(16),
        time(18),
        12,
        (3, 6),
        (0, 4),
        partner="Röda korset",
        term_only=True,
    ),
    Plan(
        "football",
        "Fotboll på konstgräset",
        "Spontanfotboll med ledare. Alla nivåer, skor finns att låna.",
        Category.CULTURE_LEISURE,
        "Konstgräsplanen vid skolan",
        2,
        time(17),
        time(18, 30),
        22,
        (6, 12),
        (0, 6),
        months=(4, 5, 6, 7, 8, 9, 10),
    ),
]

LINA_HAGE_PLANS = [
    Plan(
        "evening",
        "Ungdomskväll",
        "Öppen kväll på fritidsgården: pingis, musikstudio och samtal med fältassistenterna.",
        Category.SCHOOL_YOUTH,
        "Fritidsgården i Lina Hage",
        3,
        time(18),
        time(21),
        40,
        (4, 8),
        (3, 12),
        term_only=True,
    ),
    Plan(
        "homework",
        "Läxhjälp med gymnasieelever",
        "Gymnasieelever hjälper högstadiet med matte och svenska.",
        Category.SCHOOL_YOUTH,
        "Hyresgästföreningens lokal, Lina Hage",
        1,
        time(16),
        time(18),
        15,
        (3, 6),
        (0, 3),
        partner="Hyresgästföreningen",
        term_only=True,
    ),
]

CAMP = Plan(
    "camp",
    "Sommarläger",
    "Fem dagar med bad, friluftsliv och grillning. Lunch ingår. Svenska kyrkan ordnar.",
    Category.CULTURE_LEISURE,
    "Lägergården vid Surtesjön",
    0,
    time(10),
    time(16),
    20,
    (12, 18),
    (0, 0),
    partner="Svenska kyrkan",
)


def _term(day: date) -> bool:
    """School terms, roughly: no summer holiday, no Christmas holiday."""
    if day.month == 7 or (day.month == 6 and day.day > 12) or (day.month == 8 and day.day < 18):
        return False
    return not ((day.month == 12 and day.day > 20) or (day.month == 1 and day.day < 8))


def _today() -> date:
    return utcnow().astimezone(STOCKHOLM).date()


def _next(weekday: int, after: date) -> date:
    """The first day with the weekday after ``after`` (never ``after`` itself)."""
    return after + timedelta(days=(weekday - after.weekday() - 1) % 7 + 1)


class _Writer:
    """Collects activities and registrations and writes them in two bulk inserts."""

    def __init__(self, rng: random.Random, partners: dict[str, Partner]):
        self.rng = rng
        self.partners = partners
        self.activities: list[dict] = []
        self.attendees: list[list[tuple[int, bool]]] = []

    def add(
        self,
        area: Area,
        by: Person,
        plan: Plan,
        day: date,
        series: str | None,
        people: list[tuple[int, bool]],
        title: str | None = None,
    ) -> None:
        starts_at = meeting_time(day, plan.start)
        partner = self.partners.get(plan.partner) if plan.partner else None
        self.activities.append(
            {
                "area_id": area.id,
                "title": title or plan.title,
                "description": plan.description,
                "category": plan.category,
                "audience": Audience.YOUTH,
                "place": plan.place,
                "starts_at": starts_at,
                "ends_at": meeting_time(day, plan.end),
                "capacity": plan.capacity,
                "min_age": YOUTH_AGES[0],
                "max_age": YOUTH_AGES[1],
                "partner_id": partner.id if partner else None,
                "created_by_id": by.id,
                "series_id": series,
                "walk_ins": self.rng.randint(*plan.walk_ins),
                "created_at": starts_at - timedelta(days=21),
            }
        )
        self.attendees.append(people)

    def write(self) -> int:
        if not self.activities:
            return 0
        ids = db.session.scalars(
            sa.insert(Activity).returning(Activity.id, sort_by_parameter_order=True),
            self.activities,
        ).all()
        rows = []
        for activity_id, values, people in zip(ids, self.activities, self.attendees, strict=True):
            for person_id, attended in people:
                rows.append(
                    {
                        "activity_id": activity_id,
                        "person_id": person_id,
                        "status": RegistrationStatus.CONFIRMED,
                        "created_at": values["starts_at"]
                        - timedelta(days=self.rng.randint(1, 6), minutes=self.rng.randint(0, 600)),
                        "attended": attended,
                    }
                )
        if rows:
            db.session.execute(sa.insert(Registration), rows)
        return len(ids)


def _add_youth(
    area: Area, leader: Person, names: list[tuple[str, str]], ages: list[int], since: datetime
) -> list[tuple[int, int]]:
    """Verified young residents without contact data; returns (person id, birth year)."""
    year = _today().year
    people = [
        {
            "display_name": name,
            "email": None,
            "phone": None,
            "birth_year": year - age,
            "locale": language,
            "is_admin": False,
            "created_at": since,
        }
        for (name, language), age in zip(names, ages, strict=True)
    ]
    ids = db.session.scalars(
        sa.insert(Person).returning(Person.id, sort_by_parameter_order=True), people
    ).all()
    db.session.execute(
        sa.insert(AreaRole),
        [
            {
                "person_id": person_id,
                "area_id": area.id,
                "role": Role.RESIDENT,
                "verified_at": since,
                "verified_by_id": leader.id,
                "created_at": since,
            }
            for person_id in ids
        ],
    )
    return [(person_id, p["birth_year"]) for person_id, p in zip(ids, people, strict=True)]


def _eligible(youth: list[tuple[int, int]], year: int) -> list[int]:
    low, high = YOUTH_AGES
    return [person_id for person_id, born in youth if low <= year - born <= high]


def _pick(
    rng: random.Random, plan: Plan, pool: list[int], first: list[int] | None = None
) -> list[tuple[int, bool]]:
    """Who registered: most came (attended), a few did not. ``first`` are sure to come."""
    wanted = min(rng.randint(*plan.registered), len(pool), plan.capacity or len(pool))
    chosen = list(dict.fromkeys((first or [])[:wanted]))
    rest = [p for p in pool if p not in chosen]
    chosen += rng.sample(rest, wanted - len(chosen))
    no_shows = set(rng.sample(chosen[len(first or []) :], min(1, len(chosen) - len(first or []))))
    if rng.random() < 0.5:
        no_shows = set()
    return [(person_id, person_id not in no_shows) for person_id in chosen]


def _weekly_days(plan: Plan, start: date, end: date) -> list[date]:
    """The plan's days from ``start`` up to, not including, ``end``."""
    day = start + timedelta(days=(plan.weekday - start.weekday()) % 7)
    days = []
    while day < end:
        if day.month in plan.months and (not plan.term_only or _term(day)):
            days.append(day)
        day += timedelta(weeks=1)
    return days


def _series(slug: str, plan: Plan, index: int) -> str:
    """A series per half year, as a leader would create them (at most 26 dates)."""
    return f"demo-{slug}-{plan.key}-{index // 26}"


def _rannebergen_year(writer: _Writer, area: Area, leader: Person, youth) -> None:
    today = _today()
    start = today - timedelta(days=364)
    now = utcnow()
    for plan in RANNEBERGEN_PLANS:
        by = _representative(plan.partner) if plan.partner else leader
        days = _weekly_days(plan, start, today + timedelta(days=1))
        days = [d for d in days if meeting_time(d, plan.end) < now]
        for index, day in enumerate(days):
            pool = _eligible(youth, day.year)
            writer.add(
                area,
                by,
                plan,
                day,
                None if plan.titles else _series("rannebergen", plan, index),
                _pick(writer.rng, plan, pool),
                plan.titles[index] if plan.titles else None,
            )
    # The summer camp: the week after midsummer, in the last twelve months.
    monday = _next(0, date(today.year, 6, 20))
    if meeting_time(monday + timedelta(days=4), CAMP.end) >= now:
        monday = _next(0, date(today.year - 1, 6, 20))
    pool = _eligible(youth, monday.year)
    campers = _pick(writer.rng, CAMP, pool)
    by = _representative(CAMP.partner)
    for offset in range(5):
        # The same campers every day; one or two miss a day.
        away = {p for p, _ in writer.rng.sample(campers, 2)} if offset in (2, 4) else set()
        writer.add(
            area,
            by,
            CAMP,
            monday + timedelta(days=offset),
            "demo-rannebergen-camp",
            [(p, p not in away) for p, _ in campers],
        )


def _lina_hage_years(writer: _Writer, area: Area, leader: Person, youth) -> None:
    """Two calendar years; the earlier with its 20 participants, the later with 36."""
    year = _today().year
    earlier_count, later_count = LINA_HAGE_PARTICIPANTS
    earlier_pool = _eligible(youth, year - 2)[:earlier_count]
    # Two of the earlier participants stopped coming; everyone else of age joined.
    later_eligible = _eligible(youth, year - 1)
    later_pool = [p for p in later_eligible if p not in earlier_pool[:2]][:later_count]
    for offset, pool, plans in (
        (2, earlier_pool, LINA_HAGE_PLANS[:1]),
        (1, later_pool, LINA_HAGE_PLANS),
    ):
        first_day, last_day = date(year - offset, 1, 1), date(year - offset + 1, 1, 1)
        waiting = list(pool)  # everyone in the pool comes at least once
        writer.rng.shuffle(waiting)
        for plan in plans:
            by = _representative(plan.partner) if plan.partner else leader
            for index, day in enumerate(_weekly_days(plan, first_day, last_day)):
                first, waiting = waiting[:2], waiting[2:]
                series = f"demo-lina-hage-{plan.key}-{year - offset}-{index // 26}"
                writer.add(area, by, plan, day, series, _pick(writer.rng, plan, pool, first))
        assert not waiting, "too few dates for everyone to come once"


def _representative(partner_name: str) -> Person:
    from app.demo.data import REPRESENTATIVES

    return db.session.scalar(
        sa.select(Person).where(Person.display_name == REPRESENTATIVES[partner_name])
    )


def _ages(count: int, pattern: list[int], rng: random.Random) -> list[int]:
    ages = (pattern * (count // len(pattern) + 1))[:count]
    rng.shuffle(ages)
    return ages


# --- What is coming up, through the services ----------------------------------------------------


def _upcoming(
    area: Area,
    by: Person,
    title: str,
    description: str,
    category: Category,
    audience: Audience,
    place: str,
    day: date,
    hours: tuple[time, time],
    capacity: int | None,
    partner: Partner | None = None,
    weeks: int = 1,
) -> list[Activity]:
    youth = audience is Audience.YOUTH
    return activities.create(
        area,
        by,
        activities.ActivityInput(
            title=title,
            description=description,
            category=category,
            audience=audience,
            place=place,
            day=day,
            start=hours[0],
            end=hours[1],
            capacity=capacity,
            min_age=YOUTH_AGES[0] if youth else None,
            max_age=YOUTH_AGES[1] if youth else None,
            partner_id=partner.id if partner else None,
            repeat_weeks=weeks,
        ),
    )


def _sign_up(activity: Activity, person_ids: list[int]) -> None:
    for person_id in person_ids:
        activities.sign_up(activity, db.session.get(Person, person_id))


def _seed_upcoming(areas: dict[str, Area], youth: dict[str, list[tuple[int, int]]]) -> None:
    from app.demo.ideas import _leader

    today = _today()
    tomorrow = today + timedelta(days=1)
    partners = {p.name: p for p in db.session.scalars(sa.select(Partner))}
    year = today.year

    ranne = areas["rannebergen"]
    ranne_youth = _eligible(youth["rannebergen"], year)
    cafe = _upcoming(
        ranne,
        _leader(ranne),
        "Ungdomscafé",
        RANNEBERGEN_PLANS[0].description,
        Category.SCHOOL_YOUTH,
        Audience.YOUTH,
        RANNEBERGEN_PLANS[0].place,
        _next(4, today),
        (time(18), time(22)),
        25,
        weeks=4,
    )
    _sign_up(cafe[0], ranne_youth[:9])
    _sign_up(cafe[1], ranne_youth[9:13])
    # Full, with a waiting list: the place to try a sign-up that waits.
    homework = _upcoming(
        ranne,
        _representative("Röda korset"),
        "Läxhjälp inför provveckan",
        "Extra läxhjälp inför proven. Åtta platser, anmäl dig så vi vet hur många volontärer "
        "som behövs.",
        Category.SCHOOL_YOUTH,
        Audience.YOUTH,
        "Biblioteket i Rannebergen",
        today + timedelta(days=8 - today.weekday()),  # Tuesday next week
        (time(16), time(18)),
        8,
        partner=partners["Röda korset"],
    )
    _sign_up(homework[0], ranne_youth[13:23])

    lina = areas["lina-hage"]
    lina_youth = _eligible(youth["lina-hage"], year)
    evening = _upcoming(
        lina,
        _leader(lina),
        "Ungdomskväll",
        LINA_HAGE_PLANS[0].description,
        Category.SCHOOL_YOUTH,
        Audience.YOUTH,
        LINA_HAGE_PLANS[0].place,
        tomorrow,
        (time(18), time(21)),
        40,
        weeks=4,
    )
    _sign_up(evening[0], lina_youth[:7])

    boden = areas["boden"]
    language_cafe = _upcoming(
        boden,
        _representative("Röda korset"),
        "Språkcafé",
        "Öva svenska över en fika med grannar och volontärer från Röda korset. Alla nivåer.",
        Category.SERVICES,
        Audience.EVERYONE,
        "Träffpunkten, Bodens bibliotek",
        tomorrow,
        (time(17, 30), time(19)),
        None,
        partner=partners["Röda korset"],
        weeks=4,
    )
    _sign_up(language_cafe[0], _people("Amina Hassan", "Tesfay Gebremariam"))

    portalen = areas["portalen"]
    sewing = _upcoming(
        portalen,
        _leader(portalen),
        "Syjunta för kvinnor",
        "Vi syr, lagar och lär av varandra. Symaskiner finns. Barn är välkomna.",
        Category.CULTURE_LEISURE,
        Audience.WOMEN,
        "Portalens mötesplats",
        tomorrow,
        (time(18), time(20)),
        12,
        weeks=4,
    )
    _sign_up(sewing[0], _people("Fatima Al-Sayed", "Maryam Rahimi", "Hodan Abdi"))


def _people(*names: str) -> list[int]:
    return list(
        db.session.scalars(
            sa.select(Person.id).where(Person.display_name.in_(names)).order_by(Person.id)
        )
    )


def seed_demo_activities() -> None:
    """Add the demo activities and youth once; the second time nothing changes."""
    if db.session.scalar(sa.select(Activity.id).where(Activity.series_id == MARKER_SERIES)):
        return
    from app.demo.ideas import _leader

    rng = random.Random(4)
    today = _today()
    areas = {area.slug: area for area in db.session.scalars(sa.select(Area))}
    partners = {p.name: p for p in db.session.scalars(sa.select(Partner))}

    ranne, lina = areas["rannebergen"], areas["lina-hage"]
    ranne_leader, lina_leader = _leader(ranne), _leader(lina)
    joined = datetime(today.year - 3, 8, 20, 12, tzinfo=UTC)
    youth = {
        # Ages 13–17 this year.
        "rannebergen": _add_youth(
            ranne,
            ranne_leader,
            RANNEBERGEN_YOUTH,
            _ages(len(RANNEBERGEN_YOUTH), [13, 14, 15, 16, 17], rng),
            joined,
        ),
        # The older ones took part already the year before last.
        "lina-hage": _add_youth(
            lina,
            lina_leader,
            LINA_HAGE_YOUTH,
            _ages(len(LINA_HAGE_YOUTH), [17, 16, 15] * 10 + [14] * 8 + [13] * 2, rng),
            joined,
        ),
    }
    writer = _Writer(rng, partners)
    _rannebergen_year(writer, ranne, ranne_leader, youth["rannebergen"])
    _lina_hage_years(writer, lina, lina_leader, youth["lina-hage"])
    writer.write()
    db.session.commit()
    _seed_upcoming(areas, youth)
