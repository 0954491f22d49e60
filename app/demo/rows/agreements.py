"""Demo agreements as rows: the housing company, goals, indicators, partners' profiles.

Demo agreements: in each area the housing company and two partners agree on a shared goal
with two or three indicators and a few years of measurements (entered through the services,
by the area's leader and the partners' representatives), and the partners' profiles. Lina
Hage's agreement runs three years only, so its page shows the warning about agreements shorter
than five years.

Dates are (years from this year, month, day).
"""

from app.models import PartnerKind
from app.models.agreements import Direction

HOUSING = "Grannbo Bostäder"
HOUSING_KIND = PartnerKind.COMPANY
HOUSING_TEXT = "Det allmännyttiga bostadsbolaget: lokaler, gårdar, belysning och trygghetsvärdar."

# (area slug, title, goal, strategy, start, end, follow-up days,
#  {partner: responsibilities}, [(indicator, unit, baseline, target, direction, per year)])
AGREEMENTS = [
    (
        "boden",
        "Samverkansavtal Boden: från språkcafé till arbete",
        "Fler nyanlända i Boden har arbete eller studerar, och fler boende möts över språkgränserna.",
        "Språkcafé varje vecka i områdeslokalen, studiecirklar som leder till validering, och "
        "en kontaktperson hos bostadsbolaget som hjälper till med praktikplatser.",
        (-3, 1, 1),
        (3, 12, 31),
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
        (-3, 3, 1),
        (2, 3, 1),
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
        (-4, 1, 1),
        (3, 12, 31),
        90,
        {
            HOUSING: "Ungdomscaféets lokal och sommarjobb i utemiljön.",
            "Svenska kyrkan": "Sommarlovsaktiviteter och vuxna förebilder på kvällstid.",
            "Röda korset": "Läxhjälp och utbildning i första hjälpen för unga ledare.",
        },
        [
            ("Ungdomsaktiviteter per år", "aktiviteter", 40, 250, Direction.UP, 2),
            ("Unga med sommarjobb", "personer", 10, 30, Direction.UP, 1),
        ],
    ),
    (
        "lina-hage",
        "Samverkansavtal Lina Hage: gården är vår",
        "Fler boende i Lina Hage är med och bestämmer om gården och lokalerna, och fler stannar "
        "kvar i området.",
        "Gårdsmöten varje månad, odlingslotter och en boenderåd som följer upp avtalet.",
        (-2, 1, 1),
        (1, 6, 30),  # three and a half years: the page warns
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


# Indicators Grannlabb computes from the area's records, from the day the demo's year of
# youth activities begins (364 days ago); before it the partners' attendance lists were
# entered by hand. (area slug, indicator): measure.
COMPUTED = {("rannebergen", "Ungdomsaktiviteter per år"): "youth-activities"}
RECORDED_DAYS = 364


# What each demo partner offers residents, and its logo's colour (a drawn initial).
PROFILES = {
    HOUSING: ("Lokaler för föreningar, sommarjobb i utemiljön, trygghetsvärdar.", (11, 110, 79)),
    "Röda korset": ("Språkcafé på tisdagar, läxhjälp, kurser i första hjälpen.", (200, 16, 46)),
    "Svenska kyrkan": ("Sommarlovsaktiviteter, familjeträffar, samtalsstöd.", (0, 84, 147)),
    "ABF": ("Studiecirklar, kurser i svenska och data, stöd att starta föreningar.", (190, 30, 45)),
    "Hyresgästföreningen": ("Gårdsmöten, boenderåd, hjälp med frågor om boendet.", (0, 120, 60)),
}
