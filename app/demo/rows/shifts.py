"""Demo shifts as rows: the youth café, its hours and who works which day from today.

Demo shifts: Rannebergen's youth café, its roles and hours, who works last week, today and
in the coming week (in days from today), and the guardians' fictional numbers.

The café declares its tasks light work (counter, baking, dishes), so 13–15-year-olds may work
there. The coming days go through the services, so the rules for minors (with the area's
school calendar), the places and the waiting list apply as for real: the minors await their
guardian's consent (one guardian has consented already); an adult neighbour is confirmed.
Today's shifts and the past week are written with the models (the services refuse shifts that
have started). Samir Khalil (15) and Hiba Warsame (14) sign in from /try; Samir works in both
weeks, Hiba today and twice in the coming week. Erik Johansson (a board member of the café's
association, signs in from /try) is the café's supervisor account.
"""

from datetime import time

AREA = "rannebergen"
CAFE = "Ungdomscaféet"
CAFE_DESCRIPTION = (
    "Caféet i Rannebergens centrum drivs av ungdomar tillsammans med fritidsledare. I kassan "
    "tar du betalt och håller ordning vid disken; i köket bakar du, gör smörgåsar och diskar."
)
SUPERVISOR = "Erik Johansson, Ungdomscaféet"
SUPERVISOR_ACCOUNT = "Erik Johansson"  # an adult resident of Rannebergen marks arrival
ROLES = ("Kassa", "Kök")
PLACES = 2  # per role and day
MIN_AGE = 13

# Monday–Friday after school (2 h, allowed on a school day from 13), Saturday longer (5 h,
# within 7 h on a school-free day and 12 h in a school week for 13–15), by weekday.
SCHOOL_DAY_HOURS = (time(15), time(17))
SATURDAY_HOURS = (time(11), time(16))
SUNDAY_HOURS = (time(12), time(15))
HOURS = {**dict.fromkeys(range(5), SCHOOL_DAY_HOURS), 5: SATURDAY_HOURS, 6: SUNDAY_HOURS}
COMING_DAYS = 8  # today and the seven days after it
PAST_WEEK_DAYS = 6  # last week, Monday to Saturday

SAMIR = "Samir Khalil"
HIBA = "Hiba Warsame"  # 14
NEIGHBOUR = "Layla Mahmoud"  # an adult resident of Rannebergen helps in the kitchen
GUARDIAN_PHONE = "+4670174069{}"  # fictional numbers, 0690–0699
YOUTH_WORKERS = 5  # demo youth of Rannebergen who work beside Samir

# Last week every place is filled in turn from the workers (Samir, the youth; not Hiba),
# starting at this turn so that Samir gets the Saturday; a no-show every seventh turn (at
# turn 3 of 7), never Samir.
PAST_WEEK_FIRST_TURN = 2
NO_SHOW_EVERY = (7, 3)

# Today (they may have started): who has each role's place, confirmed, arrival not marked.
TODAY = {"Kassa": HIBA, "Kök": NEIGHBOUR}

# The coming week: (days after today, role, who) — SAMIR, HIBA or the number of a youth
# worker. At most two coming shifts each, so every minor stays within 2 h a school day and
# 12 h a week whatever weekday today is; places left on most days for someone who wants to
# try; day 5's counter full, with one waiting.
COMING = [
    (1, "Kassa", SAMIR),
    (1, "Kök", 0),
    (2, "Kassa", HIBA),
    (3, "Kök", SAMIR),
    (3, "Kassa", 1),
    (4, "Kök", 2),
    (5, "Kassa", 3),
    (5, "Kassa", 4),
    (5, "Kassa", 0),
    (6, "Kök", 1),
    (7, "Kassa", HIBA),
]
# The one guardian who has already consented: (days after today, who).
CONSENTED = (1, SAMIR)
# The adult neighbour, confirmed at once: (days after today, role).
NEIGHBOUR_COMING = (6, "Kök")
