"""Notifications: written in the same transaction as their event, delivered by a worker."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.extensions import db
from app.models.activities import Activity
from app.models.ideas import Idea, str_enum
from app.models.people import Person
from app.models.shifts import Shift
from app.models.util import UTCDateTime, utcnow

if TYPE_CHECKING:
    from app.models.associations import Association


class NotificationKind(enum.StrEnum):
    IDEA_PUBLISHED = "idea_published"
    IDEA_HIDDEN = "idea_hidden"
    IDEA_STATUS = "idea_status"
    PARTNER_ANSWERED = "partner_answered"
    ON_AGENDA = "on_agenda"
    IDEA_DONE = "idea_done"
    COMMENT_HIDDEN = "comment_hidden"
    PHOTO_HIDDEN = "photo_hidden"
    TRANSLATION_CORRECTED = "translation_corrected"
    PLACE_OFFERED = "place_offered"
    ACTIVITY_REMINDER = "activity_reminder"
    AGREEMENT_FOLLOW_UP = "agreement_follow_up"
    PARTNER_INVITATION = "partner_invitation"
    BOOKING_APPROVED = "booking_approved"
    BOOKING_DECLINED = "booking_declined"
    BOOKING_REQUESTED = "booking_requested"
    BOOKING_CANCELLED = "booking_cancelled"
    ACTIVITY_PLACE_LOST = "activity_place_lost"
    SHIFT_REMINDER = "shift_reminder"
    SHIFT_TAKEN_OVER = "shift_taken_over"
    SHIFT_PLACE_GIVEN = "shift_place_given"
    ASSOCIATION_MESSAGE = "association_message"
    ASSOCIATION_JOIN_REQUEST = "association_join_request"
    ASSOCIATION_FOUNDER_INVITE = "association_founder_invite"
    ROLE_ENDED = "role_ended"
    # A guardian's answer, to the youth (a shift sign-up, or a summer job when no shift_id).
    GUARDIAN_CONSENTED = "guardian_consented"
    GUARDIAN_DECLINED = "guardian_declined"
    GUARDIAN_WITHDREW = "guardian_withdrew"
    # To a partner's representatives: a leader asks the partner about an idea.
    PARTNER_ASKED = "partner_asked"
    # To an applicant: a leader gave her a place at a summer job (detail: "minor" or
    # "adult", the job's id, then the employer and workplace, one per line).
    JOB_PLACED = "job_placed"
    # To everyone with a place: a leader cancelled the shift (detail: the reason).
    SHIFT_CANCELLED = "shift_cancelled"
    # To everyone on a shift: a leader changed its time or role.
    SHIFT_CHANGED = "shift_changed"
    # To an idea's author: a leader checked it for a budget round (detail: "feasible" or
    # "not-feasible", the checked cost, the public reason, one per line).
    BUDGET_CHECKED = "budget_checked"
    # To an idea's author after the count: funded (detail: the amount) or not.
    BUDGET_FUNDED = "budget_funded"
    BUDGET_NOT_FUNDED = "budget_not_funded"
    # To a resident: the paper ballot they handed in is entered and confirmed by two leaders
    # (detail: the round's title), so that nobody votes in their name unseen.
    BUDGET_PAPER_COUNTED = "budget_paper_counted"


class Notification(db.Model):
    """In-app notice and outbox row in one: ``sent_at`` is delivery, ``read_at`` the app."""

    __table_args__ = (sa.Index("ix_notification_unsent", "sent_at", "id"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    person_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    kind: so.Mapped[NotificationKind] = so.mapped_column(str_enum(NotificationKind, 30))
    idea_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("idea.id", ondelete="CASCADE"))
    activity_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("activity.id", ondelete="CASCADE")
    )
    association_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("association.id", ondelete="CASCADE")
    )
    shift_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("shift.id", ondelete="CASCADE")
    )
    # Words that vary per notice (a reason, a partner's name); the sentence is translated at
    # delivery, in the person's language then.
    detail: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    sent_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    attempts: so.Mapped[int] = so.mapped_column(default=0)
    last_error: so.Mapped[str | None] = so.mapped_column(sa.String(300))
    read_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)

    person: so.Mapped[Person] = so.relationship()
    idea: so.Mapped[Idea | None] = so.relationship()
    activity: so.Mapped[Activity | None] = so.relationship()
    shift: so.Mapped[Shift | None] = so.relationship()
    association: so.Mapped[Association | None] = so.relationship()
