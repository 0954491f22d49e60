"""Demo activities as rows: the youth, the past weekly plans and what is coming up.

Demo activities: a year of youth activities in Rannebergen, two years of attendance in
Lina Hage (distinct youth taking part grow by 80 %), and something coming up in every area.

Rannebergen's year has over 100 distinct activities: every Saturday evening at the café and
every Thursday workshop is its own one-off activity with its own title (about 52 + 52), beside
the weekly series (Friday café, homework help, football) and the summer camp. A past weekly
activity is a ``Plan``; an activity coming up is a row of ``UPCOMING``.

The demo youth are records only: no email or phone, so they can never sign in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time

from app.models import Audience, Category

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

# The ages this year of each area's youth, dealt out at random (13–17 this year); in Lina Hage
# the older ones took part already the year before last.
YOUTH_AGE_PATTERNS = {
    "rannebergen": [13, 14, 15, 16, 17],
    "lina-hage": [17, 16, 15] * 10 + [14] * 8 + [13] * 2,
}

# The youth joined in August three years ago: (years back, month, day).
YOUTH_JOINED = (3, 8, 20)

# The seed of the random attendance, so the demo is the same every time.
RANDOM_SEED = 4


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

# The summer camp: the week after midsummer (the Monday after this date), in the last twelve
# months.
CAMP_AFTER = (6, 20)
CAMP_DAYS = 5
CAMP_DAYS_SOME_MISS = (2, 4)  # on these days two campers stay away


@dataclass(frozen=True)
class Coming:
    """An activity coming up, made through the services. ``by`` is "leader" or a partner's
    name (its representative creates it). ``day`` is ("tomorrow",), ("next", weekday) — the
    first such weekday after today — or ("next week", weekday). ``sign_ups`` per date of the
    series: ("youth", from, to) for the area's youth of age, in the order created, or
    ("names", name, …)."""

    area: str
    by: str
    title: str
    description: str
    category: Category
    audience: Audience
    place: str
    day: tuple
    hours: tuple[time, time]
    capacity: int | None
    partner: str | None = None
    weeks: int = 1
    sign_ups: tuple[tuple, ...] = field(default=())


UPCOMING = [
    Coming(
        "rannebergen",
        "leader",
        "Ungdomscafé",
        RANNEBERGEN_PLANS[0].description,
        Category.SCHOOL_YOUTH,
        Audience.YOUTH,
        RANNEBERGEN_PLANS[0].place,
        ("next", 4),
        (time(18), time(22)),
        25,
        weeks=4,
        sign_ups=(("youth", 0, 9), ("youth", 9, 13)),
    ),
    # Full, with a waiting list: the place to try a sign-up that waits.
    Coming(
        "rannebergen",
        "Röda korset",
        "Läxhjälp inför provveckan",
        "Extra läxhjälp inför proven. Åtta platser, anmäl dig så vi vet hur många volontärer "
        "som behövs.",
        Category.SCHOOL_YOUTH,
        Audience.YOUTH,
        "Biblioteket i Rannebergen",
        ("next week", 1),
        (time(16), time(18)),
        8,
        partner="Röda korset",
        sign_ups=(("youth", 13, 23),),
    ),
    Coming(
        "lina-hage",
        "leader",
        "Ungdomskväll",
        LINA_HAGE_PLANS[0].description,
        Category.SCHOOL_YOUTH,
        Audience.YOUTH,
        LINA_HAGE_PLANS[0].place,
        ("tomorrow",),
        (time(18), time(21)),
        40,
        weeks=4,
        sign_ups=(("youth", 0, 7),),
    ),
    Coming(
        "boden",
        "Röda korset",
        "Språkcafé",
        "Öva svenska över en fika med grannar och volontärer från Röda korset. Alla nivåer.",
        Category.SERVICES,
        Audience.EVERYONE,
        "Träffpunkten, Bodens bibliotek",
        ("tomorrow",),
        (time(17, 30), time(19)),
        None,
        partner="Röda korset",
        weeks=4,
        sign_ups=(("names", "Amina Hassan", "Tesfay Gebremariam"),),
    ),
    Coming(
        "portalen",
        "leader",
        "Syjunta för kvinnor",
        "Vi syr, lagar och lär av varandra. Symaskiner finns. Barn är välkomna.",
        Category.CULTURE_LEISURE,
        Audience.WOMEN,
        "Portalens mötesplats",
        ("tomorrow",),
        (time(18), time(20)),
        12,
        weeks=4,
        sign_ups=(("names", "Fatima Al-Sayed", "Maryam Rahimi", "Hodan Abdi"),),
    ),
]
