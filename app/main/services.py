"""What the signed-in home page shows next: places to confirm, consents awaited, what is
coming, the newest ideas in the person's areas and whether to verify (a fixed number of
queries)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from app.areas.services import is_settled
from app.extensions import db
from app.models import (
    ApplicationStatus,
    Area,
    AreaRole,
    Idea,
    Person,
    RegistrationStatus,
    SignupStatus,
)
from app.models.ideas import LISTED
from app.shifts.mine import my_signups

COMING_SHOWN = 3
IDEAS_SHOWN = 3


@dataclass(frozen=True)
class Coming:
    """One coming shift or activity: when it starts, what it is, where it opens."""

    starts_at: datetime
    ends_at: datetime
    title: str
    url_kind: str  # "shift" or "activity"
    url_id: int
    status: object  # ShiftSignup status or Registration status


@dataclass(frozen=True)
class NextSteps:
    to_confirm: list  # offered places: Registration or ShiftSignup
    awaiting_guardian: list  # ShiftSignup or JobApplication waiting for a guardian
    coming: list[Coming]
    more_coming: int
    ideas: list[Idea]
    areas: list[Area]
    verify: bool

    @property
    def nothing_planned(self) -> bool:
        return not (self.to_confirm or self.awaiting_guardian or self.coming)


def next_steps(person: Person) -> NextSteps:
    mine = my_signups(person)
    registrations = [registration for registration, _ in mine.registrations]
    to_confirm = [r for r in registrations if r.status is RegistrationStatus.OFFERED] + [
        s for s in mine.shifts if s.status is SignupStatus.OFFERED
    ]
    awaiting = [s for s in mine.shifts if s.status is SignupStatus.AWAITING_GUARDIAN] + [
        a for a in mine.applications if a.status is ApplicationStatus.AWAITING_GUARDIAN
    ]
    coming = sorted(
        [
            Coming(
                s.shift.starts_at,
                s.shift.ends_at,
                s.shift.workplace.name,
                "shift",
                s.shift_id,
                s.status,
            )
            for s in mine.shifts
            if s.status is SignupStatus.CONFIRMED
        ]
        + [
            Coming(
                r.activity.starts_at,
                r.activity.ends_at,
                r.activity.title,
                "activity",
                r.activity_id,
                r.status,
            )
            for r in registrations
            if r.status is RegistrationStatus.CONFIRMED
        ],
        key=lambda item: item.starts_at,
    )
    areas = list(
        db.session.scalars(
            sa.select(Area)
            .join(AreaRole, AreaRole.area_id == Area.id)
            .where(AreaRole.person_id == person.id)
            .distinct()
            .order_by(Area.name)
        )
    )
    ideas = []
    if areas:
        ideas = list(
            db.session.scalars(
                sa.select(Idea)
                .where(Idea.area_id.in_([area.id for area in areas]), Idea.status.in_(LISTED))
                .order_by(Idea.published_at.desc().nulls_last(), Idea.id.desc())
                .limit(IDEAS_SHOWN)
            )
        )
    return NextSteps(
        to_confirm=to_confirm,
        awaiting_guardian=awaiting,
        coming=coming[:COMING_SHOWN],
        more_coming=max(len(coming) - COMING_SHOWN, 0),
        ideas=ideas,
        areas=areas,
        verify=not is_settled(person),
    )
