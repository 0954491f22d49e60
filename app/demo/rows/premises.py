"""Demo premises as rows: meeting places, opening hours, holidays closed and bookings.

Demo premises: the meeting places of the four areas with their opening hours, the Swedish
holidays ahead when they are closed, and the bookings of the coming weeks — residents' own, and
Rannebergen's youth café association booking its afternoons in its own name, with the games
afternoon its board member places in the first of them.

A booking is on the first given weekday at least two days from today.
"""

from datetime import time

from app.models import Audience, Category

WEEKDAYS = {day: [(time(9), time(21))] for day in range(5)}
WEEKEND = {5: [(time(10), time(16))]}
EVENINGS = {day: [(time(16), time(22))] for day in range(5)} | {5: [(time(11), time(18))]}

# (area slug, name, capacity, needs approval, hours, accessibility, equipment, rules)
PREMISES = [
    (
        "boden",
        "Mötesplatsen, möteslokalen",
        20,
        False,
        WEEKDAYS | WEEKEND,
        "Entrance at street level, accessible toilet, hearing loop.",
        "Projector, whiteboard, coffee machine, 20 chairs.",
        "Leave the room as you found it. Quiet after 21:00.",
    ),
    (
        "portalen",
        "Portalens mötesplats",
        30,
        False,
        WEEKDAYS,
        "Ramp at the entrance, accessible toilet.",
        "Screen, speakers, sewing machines on request.",
        "Bookings for meetings open to the neighbourhood go first.",
    ),
    (
        "portalen",
        "Köket i Portalen",
        12,
        True,
        EVENINGS,
        "Step-free; the counters are at standard height.",
        "Full kitchen, two ovens, dishwasher, plates for 40.",
        "A process leader approves each booking. Clean the kitchen before you leave.",
    ),
    (
        "rannebergen",
        "Rannebergens mötesplats",
        25,
        False,
        WEEKDAYS | WEEKEND,
        "Lift to the first floor, accessible toilet.",
        "Projector, table tennis, board games, kitchenette.",
        "The youth café has the room on weekday afternoons.",
    ),
    (
        "lina-hage",
        "Lina Hage träffpunkt",
        15,
        False,
        WEEKDAYS,
        "Entrance at street level.",
        "Screen, coffee machine, a children's corner.",
        "No shoes in the children's corner.",
    ),
]


# The meeting places close on these days when they lie ahead: (month, day, name), in the
# year of the coming Christmas, then the new year's.
CHRISTMAS = [
    (12, 24, "Julafton"),
    (12, 25, "Juldagen"),
    (12, 26, "Annandag jul"),
    (12, 31, "Nyårsafton"),
]
NEW_YEAR = [(1, 1, "Nyårsdagen"), (1, 6, "Trettondedag jul")]

MAX_MINUTES = 240
MAX_DAYS_AHEAD = 90
DAYS_AHEAD = 2  # bookings are at least this many days from today

# (premises, booked by, purpose, weekday, from hour, to hour, people)
BOOKINGS = [
    ("Mötesplatsen, möteslokalen", "Amina Hassan", "Somaliska föräldragruppen", 1, 17, 19, 12),
    ("Mötesplatsen, möteslokalen", "Tesfay Gebremariam", "Läxhjälp", 3, 16, 18, 10),
    ("Portalens mötesplats", "Fatima Al-Sayed", "Kvinnogruppens träff", 2, 13, 15, 14),
    ("Köket i Portalen", "Maryam Rahimi", "Matlagning för kooperativet", 3, 17, 20, 10),
    ("Rannebergens mötesplats", "Erik Johansson", "Seniorernas kaffe", 0, 10, 12, 12),
    ("Lina Hage träffpunkt", "Gabriel Aho", "Språkcafé", 1, 18, 20, 12),
]

# Rannebergen's youth café (the first association of the area whose name has "caf") books
# Tuesdays and Thursdays for six weeks, by its first board member.
ASSOCIATION_PREMISES = "Rannebergens mötesplats"
ASSOCIATION_NAME_LIKE = "%caf%"
ASSOCIATION_BOOKING = {
    "purpose": "Ungdomscaféet",
    "weekdays": (1, 3),
    "hours": (time(15), time(19)),
    "people": 20,
    "repeat_weeks": 6,
}

# The activity placed in the association's first coming booking (its place and time are the
# booking's).
ACTIVITY_IN_BOOKING = {
    "title": "Spel och fika på Ungdomscaféet",
    "description": "Brädspel, pingis och fika. Ungdomscaféets förening bjuder på det första "
    "fikat; ta med en kompis.",
    "category": Category.CULTURE_LEISURE,
    "audience": Audience.YOUTH,
    "capacity": 20,
    "min_age": 13,
    "max_age": 17,
}
