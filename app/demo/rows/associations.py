"""Demo associations as rows: founders, statutes answers and founding meetings.

Demo associations, one row each: who founds it, the statutes answers, and the founding
meeting — set but not yet held (``meeting``) or held and recorded (``founded``), in days from
today.

- Portalen: the women's group gathering to found a cooperative (four founders, one still
  invited; a statutes draft; the founding meeting set but not yet held).
- Lina Hage: a youth association, founded (board, members, minutes recorded, an activity).
- Rannebergen: the youth café as a founded association (the premises demo books for it).

The founders are named in order: the first starts it, the others join by the invite link; at a
founding meeting the first three become chair, treasurer and secretary.
"""

from datetime import time

from app.models import Audience, Category
from app.models.associations import AssociationKind

WOMEN = "Kvinnokooperativet Portalen"
YOUTH = "Lina Hage Unga"
CAFE = "Ungdomscaféet Rannebergen"

AUDITOR = "Birgitta Lund"
MEETING_OPENED_AT = "18:05"
FOUNDING_MEETING_AT = time(18)
# The statutes answers every demo association gives, beside its fee.
ANSWERS = {
    "open_membership": True,
    "board_size": 3,
    "financial_year_start": 1,
    "annual_meeting_month": 3,
}

ASSOCIATIONS = [
    {
        "area": "portalen",
        "kind": AssociationKind.COOPERATIVE,
        "name": WOMEN,
        "purpose": "Catering och sömnad: vi lagar mat till möten och fester i området och syr "
        "på beställning, så att kvinnor i Portalen får egna inkomster och "
        "arbetslivserfarenhet.",
        "founders": ("Fatima Al-Sayed", "Maryam Rahimi", "Hodan Abdi"),
        # Invited by name, not yet accepted: she can on /try.
        "invited": "Hawa Ali",
        "answers_by": 1,
        "fee": 100,
        "contribution": 500,
        "meeting": {"in_days": 12, "at": time(17, 30), "place": "Portalens mötesplats"},
    },
    {
        "area": "lina-hage",
        "kind": AssociationKind.NONPROFIT,
        "name": YOUTH,
        "purpose": "Unga i Lina Hage ordnar läxhjälp, idrott och resor tillsammans, och har en "
        "röst i områdets utveckling.",
        "founders": ("Gabriel Aho", "Nour Haddad", "Aram Barsoum"),
        "answers_by": 0,
        "fee": 20,
        "founded": {"days_ago": 60, "place": "Lina Hage träffpunkt"},
        "description": "Föreningen för unga 13–25 år i Lina Hage. Alla är välkomna.",
        "asks_to_join": "Sofia Lund",
        "activity": {
            "title": "Fotbollskväll med Lina Hage Unga",
            "description": "Vi spelar på konstgräsplanen. Ta med vattenflaska.",
            "category": Category.CULTURE_LEISURE,
            "audience": Audience.YOUTH,
            "place": "Konstgräsplanen vid skolan",
            "in_days": 9,
            "at": time(17),
            "hours": 2,
            "capacity": 30,
        },
    },
    {
        "area": "rannebergen",
        "kind": AssociationKind.NONPROFIT,
        "name": CAFE,
        "purpose": "Ungdomscaféet är en trygg mötesplats för unga i Rannebergen, drivet av unga "
        "och vuxna tillsammans, med feriejobb och caféskift för ungdomar.",
        "founders": ("Layla Mahmoud", "Erik Johansson", "Samir Khalil"),
        "answers_by": 0,
        "fee": 50,
        "founded": {"days_ago": 200, "place": "Rannebergens mötesplats"},
        "description": "Öppet vardagseftermiddagar. Fika, läxhjälp och spel.",
    },
]
