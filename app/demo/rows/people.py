"""Demo areas and people as rows: leaders, an admin, residents, youth, representatives.

Demo areas and people: the four areas of the seeds, a process leader each, an admin,
residents, youth and the partners' representatives.

Phone numbers are from the range the Swedish Post and Telecom Authority reserves for fiction
(070-1740605 … 070-1740699); email addresses use the reserved ``.example`` domain. A person is
born in a given year (``born``) or is a given age this year (``age``).
"""

from typing import NamedTuple

from app.models import Role


class AreaRow(NamedTuple):
    slug: str
    name: str
    municipality: str
    locale: str


class PersonRow(NamedTuple):
    name: str
    address: str  # an email address or a phone number
    locale: str
    area: str | None  # None: the admin, in no area
    role: Role | None
    verified: bool = False
    born: int | None = None
    age: int | None = None


AREAS = [
    AreaRow("boden", "Boden", "Bodens kommun", "sv"),
    AreaRow("portalen", "Portalen", "Norrköpings kommun", "sv"),
    AreaRow("rannebergen", "Rannebergen", "Göteborgs stad", "sv"),
    AreaRow("lina-hage", "Lina Hage", "Södertälje kommun", "sv"),
]

L, R, P = Role.LEADER, Role.RESIDENT, Role.PARTNER

PEOPLE = [
    PersonRow("Grannlabb admin", "admin@grannlabb.example", "sv", None, None, born=1980),
    PersonRow("Karin Lindström", "karin.lindstrom@boden.example", "sv", "boden", L, born=1976),
    PersonRow("Johan Ek", "johan.ek@portalen.example", "sv", "portalen", L, born=1984),
    PersonRow(
        "Sara Nilsson", "sara.nilsson@rannebergen.example", "sv", "rannebergen", L, born=1989
    ),
    PersonRow("Ibrahim Yusuf", "ibrahim.yusuf@linahage.example", "sv", "lina-hage", L, born=1981),
    PersonRow("Amina Hassan", "+46701740605", "so", "boden", R, True, born=1987),
    PersonRow("Tesfay Gebremariam", "+46701740606", "ti", "boden", R, True, born=1979),
    PersonRow("Fatima Al-Sayed", "+46701740607", "ar", "portalen", R, True, born=1983),
    PersonRow("Maryam Rahimi", "+46701740608", "fa", "portalen", R, True, born=1990),
    PersonRow("Hodan Abdi", "+46701740609", "so", "portalen", R, born=1985),
    PersonRow("Hawa Ali", "+46701740615", "so", "portalen", R, True, born=1986),
    PersonRow(
        "Erik Johansson",
        "erik.johansson@rannebergen.example",
        "sv",
        "rannebergen",
        R,
        True,
        born=1958,
    ),
    PersonRow("Layla Mahmoud", "+46701740610", "ar", "rannebergen", R, True, born=1992),
    PersonRow("Samir Khalil", "+46701740611", "ar", "rannebergen", R, True, age=15),
    # 14: works in the café within the rules for 13–15-year-olds (signs in from /try).
    PersonRow("Hiba Warsame", "+46701740616", "so", "rannebergen", R, True, age=14),
    PersonRow("Nour Haddad", "+46701740612", "ar", "lina-hage", R, True, age=16),
    PersonRow("Aram Barsoum", "+46701740613", "sv", "lina-hage", R, True, age=14),
    PersonRow("Helen Tekle", "+46701740614", "ti", "boden", R, age=17),
    PersonRow("Gabriel Aho", "gabriel.aho@linahage.example", "en", "lina-hage", R, True, born=1995),
    PersonRow("Lena Berg", "lena.berg@redcross.example", "sv", "boden", P, born=1970),
    PersonRow("Eva Holm", "eva.holm@svenskakyrkan.example", "sv", "rannebergen", P, born=1966),
    PersonRow("Mats Andersson", "mats.andersson@abf.example", "sv", "portalen", P, born=1975),
    PersonRow(
        "Sofia Lund", "sofia.lund@hyresgastforeningen.example", "sv", "lina-hage", P, born=1988
    ),
]

# Who acts for which partner in the demo.
REPRESENTATIVES = {
    "Röda korset": "Lena Berg",
    "Svenska kyrkan": "Eva Holm",
    "ABF": "Mats Andersson",
    "Hyresgästföreningen": "Sofia Lund",
}

DEMO_ADDRESSES = frozenset(person.address for person in PEOPLE)
