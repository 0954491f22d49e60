"""Demo summer jobs as rows: next summer's jobs, last summer's, who applies and why.

Demo summer jobs: next summer's jobs in Lina Hage and Boden (in weeks from the first
Monday of the summer), last summer's park job, and who applies with which motivation.

The coming jobs go through the services (post, apply, place), so the age bands, deadlines and
places apply as for real; the under-18s placed wait for their guardian's consent. One youth
was placed on last summer's park job, so on this summer's they are listed with one earlier
placement after the first-timers, who are placed first.
"""

LINA_EMPLOYER = "Södertälje kommun"
PARK = "Parkskötsel med Södertälje kommun"
PARK_TASKS = (
    "Rensa rabatter, plocka skräp och vattna planteringarna i Lina Hage och Hovsjö. "
    "Arbetskläder och lunch ingår."
)
CAFE = "Café på äldreboendet"  # the marker: seeding stops when this job is there
CAFE_TASKS = (
    "Baka, duka och servera fika för de boende, prata och spela spel med dem. "
    "Du arbetar tillsammans med personalen på äldreboendet."
)
BODEN_EMPLOYER = "Bodens kommun"
YOUTH_CENTRE = "Sommarjobb på fritidsgården"
YOUTH_CENTRE_TASKS = (
    "Planera och leda aktiviteter för yngre barn: sport, pyssel och utflykter. "
    "Du hjälper också till i fritidsgårdens kiosk."
)

MOTIVATIONS = {
    "sv": "Jag vill tjäna egna pengar och lära mig hur ett riktigt jobb fungerar.",
    "ar": "أريد أن أعمل هذا الصيف وأساعد في حيّنا وأتعلم أشياء جديدة.",
    "so": "Waxaan rabaa inaan xagaagan shaqeeyo oo aan wax cusub barto.",
}

FIRST_DAY = (6, 15)  # the jobs start from mid June
DEADLINE_WEEKS = 3  # apply at least three weeks before the first day

PARK_JOB = {
    "area": "lina-hage",
    "employer": LINA_EMPLOYER,
    "workplace": PARK,
    "week": 0,
    "days": 18,
    "places": 2,
    "min_age": 15,
    "max_age": 17,
    "tasks": PARK_TASKS,
    "light_work": True,  # weeding, watering, picking litter: light work
    "supervisor_name": "Anders Wikström, parkarbetare",
}

# Next summer's jobs. ``applicants``: the first of Lina Hage's youth aged 16–17 then speaking
# each language in turn; ``placed``: how many of them the leader places.
JOBS = [
    # Last summer's youth applies first; the first-timers still go first.
    {**PARK_JOB, "last_summer_applies": True, "applicants": ("sv", "ar", "so"), "placed": 2},
    {
        "area": "lina-hage",
        "employer": LINA_EMPLOYER,
        "workplace": CAFE,
        "week": 3,
        "days": 11,
        "places": 2,
        "min_age": 16,
        "max_age": 17,
        "tasks": CAFE_TASKS,
        "light_work": True,  # baking, serving and talking with the residents: light work
        "supervisor_name": "Marita Sjöberg, undersköterska",
        "applicants": ("ar", "so", "sv"),
        "placed": 1,
    },
    {
        "area": "boden",
        "employer": BODEN_EMPLOYER,
        "workplace": YOUTH_CENTRE,
        "week": 1,
        "days": 25,
        "places": 4,
        "min_age": 16,
        "max_age": 17,
        "tasks": YOUTH_CENTRE_TASKS,
        "light_work": False,
        "supervisor_name": "Pekka Niemi, fritidsledare",
        "applicants": (),
        "placed": 0,
    },
]

# Last summer's park job, over, with one youth placed (the guardian consented then), who
# speaks this language and applies first to this summer's park job as well.
LAST_SUMMER = {**PARK_JOB, "places": 3}
LAST_SUMMER_PLACED = "sv"
# Applied on (month, day) at 10:00 UTC, placed this many days later; the job was posted this
# many days before the application.
LAST_SUMMER_APPLIED = (5, 2)
LAST_SUMMER_PLACED_AFTER_DAYS = 25
LAST_SUMMER_POSTED_DAYS_BEFORE = 20
