"""Records the results are computed from: activities held and who came."""

from datetime import UTC, date, datetime, timedelta

from app.extensions import db
from app.models import Activity, Audience, Category, Registration, RegistrationStatus
from tests.conftest import make_person


def held(area, day: date, audience=Audience.EVERYONE, walk_ins=0) -> Activity:
    starts = datetime(day.year, day.month, day.day, 16, tzinfo=UTC)
    activity = Activity(
        area_id=area.id,
        title="Läxhjälp",
        category=Category.SCHOOL_YOUTH,
        audience=audience,
        place="Biblioteket",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        walk_ins=walk_ins,
    )
    db.session.add(activity)
    db.session.flush()
    return activity


def came(activity, person=None, attended=True, guardian=None, child=None, born=None):
    db.session.add(
        Registration(
            activity_id=activity.id,
            person_id=person.id if person else None,
            guardian_id=guardian.id if guardian else None,
            child_name=child,
            child_birth_year=born,
            status=RegistrationStatus.CONFIRMED,
            attended=attended,
        )
    )


def youth(n, year, prefix="Youth"):
    """n people who are 15 in ``year``."""
    return [make_person(f"{prefix} {i}", birth_year=year - 15) for i in range(n)]
