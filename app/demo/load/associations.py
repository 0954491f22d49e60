"""The demo's associations."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import force_locale

from app.associations import founding as association_founding
from app.associations import meetings as association_meetings
from app.associations import membership as association_membership
from app.associations import services as associations
from app.associations import statutes as association_statutes
from app.clock import meeting_time
from app.demo.load import lookup
from app.demo.rows import associations as association_rows
from app.extensions import db
from app.models import (
    Activity,
    Area,
    Person,
)
from app.models.associations import (
    Association,
)


def _association_exists(area: Area, name: str) -> bool:
    found = sa.select(Association.id).where(
        Association.area_id == area.id, Association.name == name
    )
    return db.session.scalar(found) is not None


def _found(association: Association, people: list[Person], held: date, place: str, fee: int):
    """Hold the founding meeting: chair, treasurer, secretary are the first three people."""
    chair, treasurer, secretary = people[:3]
    version = association_statutes.versions(association)[0]
    at = meeting_time(held, association_rows.FOUNDING_MEETING_AT)
    association_meetings.set_meeting(association, chair, at, place)
    association_meetings.save_minutes(
        association,
        chair,
        association_meetings.MinutesInput(
            opened_at=association_rows.MEETING_OPENED_AT,
            meeting_chair_id=chair.id,
            meeting_secretary_id=secretary.id,
            checker_1_id=treasurer.id,
            checker_2_id=people[-1].id,
            decided_to_form=True,
            statutes_version_id=version.id,
            board_chair_id=chair.id,
            board_treasurer_id=treasurer.id,
            board_secretary_id=secretary.id,
            auditor=association_rows.AUDITOR,
            fee=fee,
            other_notes="",
        ),
    )
    association_meetings.record_founding(associations.association_or_404(association.id), chair)


def _load_association(row: dict) -> None:
    area = lookup.area(row["area"])
    if area is None or _association_exists(area, row["name"]):
        return
    people = [lookup.living(name) for name in row["founders"]]
    if None in people:
        return
    # The first person starts it; the others join through the invite link.
    association = association_founding.start(
        area,
        people[0],
        association_founding.Start(
            kind=row["kind"], name=row["name"], purpose=row["purpose"], language="sv"
        ),  # the demo's purposes are written in Swedish
    )
    for person in people[1:]:
        association_founding.join_by_link(association, person, association.invite_token)
    association = associations.association_or_404(association.id)
    invited = lookup.living(row["invited"]) if row.get("invited") else None
    if invited is not None:
        association_founding.invite(association, people[0], invited.id)
    association_statutes.save_answers(
        association,
        people[row["answers_by"]],
        association_statutes.Answers(
            seat=association.area.municipality,
            fee=row["fee"],
            member_contribution=row.get("contribution"),
            **association_rows.ANSWERS,
        ),
    )
    if "meeting" in row:
        meeting = row["meeting"]
        day = date.today() + timedelta(days=meeting["in_days"])
        at = meeting_time(day, meeting["at"])
        association_meetings.set_meeting(association, people[0], at, meeting["place"])
    if "founded" in row:
        founded = row["founded"]
        held = date.today() - timedelta(days=founded["days_ago"])
        _found(association, people, held, founded["place"], row["fee"])
        association = associations.association_or_404(association.id)
        association.description = row["description"]
        db.session.commit()
    member = lookup.living(row["asks_to_join"]) if row.get("asks_to_join") else None
    if member is not None:
        association_membership.request_membership(association, member)
    if "activity" in row:
        activity = row["activity"]
        starts = meeting_time(date.today() + timedelta(days=activity["in_days"]), activity["at"])
        db.session.add(
            Activity(
                area_id=area.id,
                title=activity["title"],
                description=activity["description"],
                category=activity["category"],
                audience=activity["audience"],
                place=activity["place"],
                starts_at=starts,
                ends_at=starts + timedelta(hours=activity["hours"]),
                capacity=activity["capacity"],
                association_id=association.id,
                created_by_id=people[0].id,
                walk_ins=0,
            )
        )
        db.session.commit()


def load_associations() -> None:
    """Each association not there yet (by area and name); statutes drafts in Swedish, as
    the founders would write them."""
    with force_locale("sv"):
        for row in association_rows.ASSOCIATIONS:
            _load_association(row)
