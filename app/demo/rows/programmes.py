"""Demo programmes as rows: participants, how they enrolled and their dated outcomes.

Demo programmes with participants enrolled by consent and their dated outcomes, so that the
results page computes the seeds' figures from individual records (never typed-in totals):

- Portalen, "a path into work": 22 unemployed women; 15 into work, an internship, studies or
  their own business, 6 more planning a cooperative, 1 with none yet.
- Boden, guidance for newcomers: 10 enrolled, 9 into work or studies.

Residents with accounts enrol themselves (they ticked the consent text); the others were
enrolled by the process leader in assisted mode, as names without contact data. A month is
30 days; a programme started ``months_ago`` months before today, the participants enrolled
over its first weeks.
"""

from app.models.programmes import Outcome

W, P, S, B = Outcome.WORK, Outcome.INTERNSHIP, Outcome.STUDIES, Outcome.OWN_BUSINESS
C, N = Outcome.PLANNING_COOPERATIVE, Outcome.NONE_YET

# (name, has an account, outcomes as (months after enrolment, outcome)); the last one counts.
PORTALEN = [
    ("Fatima Al-Sayed", True, [(3, N), (7, P), (11, W)]),
    ("Maryam Rahimi", True, [(4, N), (9, S)]),
    ("Hodan Abdi", True, [(5, C)]),
    ("Sahra Warsame", False, [(6, P), (10, W)]),
    ("Nasra Ali", False, [(8, W)]),
    ("Khadija Omar", False, [(5, N), (12, B)]),
    ("Amal Hassan", False, [(9, W)]),
    ("Leila Karimi", False, [(6, P)]),
    ("Nasrin Ahmadi", False, [(10, S)]),
    ("Samira Haddad", False, [(4, N), (8, C)]),
    ("Rasha Khalil", False, [(7, W)]),
    ("Huda Ibrahim", False, [(6, P)]),
    ("Zeinab Mahmoud", False, [(9, C)]),
    ("Aster Haile", False, [(5, P), (11, W)]),
    ("Mebrat Tesfaye", False, [(6, C)]),
    ("Saida Nur", False, [(12, B)]),
    ("Asha Farah", False, [(4, N)]),
    ("Parwin Hosseini", False, [(8, S)]),
    ("Shabnam Rezaei", False, [(7, C)]),
    ("Rukia Jama", False, [(5, N), (10, C)]),
    ("Dalia Saleh", False, [(9, P)]),
    ("Noura Darwish", False, [(3, N), (8, P)]),
]

BODEN = [
    ("Amina Hassan", True, [(4, S)]),
    ("Tesfay Gebremariam", True, [(3, N), (6, W)]),
    ("Yohannes Berhe", False, [(5, W)]),
    ("Abdi Mohamed", False, [(7, S)]),
    ("Mulu Kidane", False, [(4, N), (9, W)]),
    ("Ahmad Rahimi", False, [(6, S)]),
    ("Hawa Ismail", False, [(8, W)]),
    ("Daniel Tsegay", False, [(5, S)]),
    ("Shukri Aden", False, [(4, N)]),
    ("Omid Nazari", False, [(7, W)]),
]

PROGRAMMES = [
    (
        "portalen",
        "Vägen till arbete",
        "Kvinnor i Portalen som söker arbete",
        "Träffar två gånger i veckan med studiebesök, praktik hos företag i Norrköping, "
        "svenska för arbetslivet och stöd att starta eget eller ett kooperativ.",
        "ABF",
        PORTALEN,
        15,
    ),
    (
        "boden",
        "Vägledning för nyanlända",
        "Nyanlända i Boden",
        "Personlig vägledning till arbete och studier: CV, validering av utbildning, "
        "kontakter med arbetsgivare och komvux.",
        "Röda korset",
        BODEN,
        12,
    ),
]

# People enrolled without an account (names only), for the demo's own tests.
DEMO_PARTICIPANTS_WITHOUT_ACCOUNT = sum(
    1 for plan in (PORTALEN, BODEN) for _name, account, _o in plan if not account
)

# Year of birth of those enrolled without an account: 1976 + (7 × their number) mod 22.
BIRTH_YEARS = (1976, 7, 22)
RETENTION_MONTHS = 36
MONTH_DAYS = 30
ENROL_EVERY_DAYS = 2
