"""Ideas, votes, comments, reports, moderation decisions and the idea timeline."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
import sqlalchemy.orm as so

from app.extensions import db
from app.models.areas import Area
from app.models.people import Person
from app.models.util import UTCDateTime, utcnow

TITLE_MAX = 120
TEXT_MAX = 4000
COMMENT_MAX = 2000


def str_enum(enum_class: type[enum.Enum], length: int = 20) -> sa.Enum:
    """An enum stored as its string value (a VARCHAR with a CHECK), the same on every engine."""
    return sa.Enum(
        enum_class,
        native_enum=False,
        length=length,
        values_callable=lambda members: [m.value for m in members],
    )


class Category(enum.StrEnum):
    WORK_STUDIES = "work_studies"
    SCHOOL_YOUTH = "school_youth"
    SAFETY = "safety"
    SERVICES = "services"
    ENVIRONMENT = "environment"
    CULTURE_LEISURE = "culture_leisure"
    HOUSING_PREMISES = "housing_premises"


class IdeaStatus(enum.StrEnum):
    SUBMITTED = "submitted"
    PUBLISHED = "published"
    ON_AGENDA = "on_agenda"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_FEASIBLE = "not_feasible"
    HIDDEN = "hidden"
    DUPLICATE = "duplicate"


# Residents may vote while an idea is open; after that the count is kept as it was.
VOTABLE = frozenset({IdeaStatus.PUBLISHED, IdeaStatus.ON_AGENDA, IdeaStatus.IN_PROGRESS})
# Visible in public lists (submitted ideas wait for moderation; hidden ones show a reason).
LISTED = frozenset(
    {
        IdeaStatus.PUBLISHED,
        IdeaStatus.ON_AGENDA,
        IdeaStatus.IN_PROGRESS,
        IdeaStatus.DONE,
        IdeaStatus.NOT_FEASIBLE,
    }
)


class Idea(db.Model):
    __table_args__ = (
        # The ranked list: an area's open ideas by votes, newest first among equals.
        sa.Index("ix_idea_ranking", "area_id", "status", "vote_count", "id"),
        sa.Index("ix_idea_activity", "area_id", "status", "last_activity_at"),
        sa.CheckConstraint("vote_count >= 0", name="vote_count_not_negative"),
    )

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    area_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("area.id", ondelete="CASCADE"))
    author_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    assisted_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    title: so.Mapped[str] = so.mapped_column(sa.String(TITLE_MAX))
    text: so.Mapped[str] = so.mapped_column(sa.Text)
    language: so.Mapped[str] = so.mapped_column(sa.String(5))
    category: so.Mapped[Category] = so.mapped_column(str_enum(Category, 30))
    photo: so.Mapped[str | None] = so.mapped_column(sa.String(80))
    # Why moderation removed the photo (the idea itself stays), shown in its place.
    photo_hidden_reason: so.Mapped[str | None] = so.mapped_column(sa.Text)
    status: so.Mapped[IdeaStatus] = so.mapped_column(
        str_enum(IdeaStatus), default=IdeaStatus.SUBMITTED
    )
    # The public reason shown in place of a hidden idea, or why it is not feasible.
    public_reason: so.Mapped[str | None] = so.mapped_column(sa.Text)
    result_note: so.Mapped[str | None] = so.mapped_column(sa.Text)
    duplicate_of_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("idea.id", ondelete="SET NULL")
    )
    vote_count: so.Mapped[int] = so.mapped_column(default=0)
    comment_count: so.Mapped[int] = so.mapped_column(default=0)
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    published_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    last_activity_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)

    area: so.Mapped[Area] = so.relationship()
    author: so.Mapped[Person | None] = so.relationship(foreign_keys=[author_id])
    duplicate_of: so.Mapped[Idea | None] = so.relationship(remote_side=[id])

    @property
    def votable(self) -> bool:
        return self.status in VOTABLE


class Vote(db.Model):
    """One person, one vote per idea: the unique constraint is the rule."""

    __table_args__ = (sa.UniqueConstraint("idea_id", "person_id"),)

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    idea_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("idea.id", ondelete="CASCADE"))
    person_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    assisted_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)


class Comment(db.Model):
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    idea_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("idea.id", ondelete="CASCADE"), index=True
    )
    parent_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("comment.id", ondelete="CASCADE")
    )
    author_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    text: so.Mapped[str] = so.mapped_column(sa.Text)
    # The language it is written in: the writer's, unless they choose another.
    language: so.Mapped[str] = so.mapped_column(sa.String(5), server_default="sv")
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    edited_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)
    hidden_reason: so.Mapped[str | None] = so.mapped_column(sa.Text)
    # The process leader who did this for the person at the meeting place (assisted mode).
    assisted_by_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )

    author: so.Mapped[Person | None] = so.relationship(foreign_keys=[author_id])


class ReportReason(enum.StrEnum):
    OFFENSIVE = "offensive"
    SPAM = "spam"
    PERSONAL_DATA = "personal_data"
    OTHER = "other"


class Report(db.Model):
    """A resident's report of an idea or a comment, waiting in the moderation queue."""

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    area_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("area.id", ondelete="CASCADE"), index=True
    )
    idea_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey("idea.id", ondelete="CASCADE"))
    comment_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("comment.id", ondelete="CASCADE")
    )
    reporter_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    reason: so.Mapped[ReportReason] = so.mapped_column(str_enum(ReportReason))
    note: so.Mapped[str] = so.mapped_column(sa.String(500), default="")
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
    resolved_at: so.Mapped[datetime | None] = so.mapped_column(UTCDateTime)

    idea: so.Mapped[Idea] = so.relationship()
    comment: so.Mapped[Comment | None] = so.relationship()


class Decision(enum.StrEnum):
    PUBLISH = "publish"
    HIDE = "hide"
    DUPLICATE = "duplicate"
    NOT_FEASIBLE = "not_feasible"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    HIDE_COMMENT = "hide_comment"
    DISMISS_REPORT = "dismiss_report"
    # Assisted acts at the meeting place (DESIGN.md §10), shown by role like the decisions.
    HIDE_PHOTO = "hide_photo"
    ASSIST_REGISTER = "assist_register"
    ASSIST_IDEA = "assist_idea"
    ASSIST_VOTE = "assist_vote"
    ASSIST_UNVOTE = "assist_unvote"
    ASSIST_COMMENT = "assist_comment"
    # How the area's idea list is ordered, chosen by its leaders.
    ORDER_RANDOM = "order_random"
    ORDER_VOTES = "order_votes"
    # Budget rounds: a costed idea checked, voting opened (the rules froze), the count, and
    # ballots taken at the meeting place or from paper.
    BUDGET_FEASIBLE = "budget_feasible"
    BUDGET_INFEASIBLE = "budget_infeasible"
    BUDGET_OPENED = "budget_opened"
    BUDGET_COUNTED = "budget_counted"
    ASSIST_BALLOT = "assist_ballot"
    PAPER_BALLOT = "paper_ballot"


class HideReason(enum.StrEnum):
    OFFENSIVE = "offensive"
    PERSONAL_DATA = "personal_data"
    SPAM = "spam"
    OFF_TOPIC = "off_topic"
    OTHER = "other"


class ModerationDecision(db.Model):
    """A leader's decision, listed in the area's public moderation log (role, never name)."""

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    area_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("area.id", ondelete="CASCADE"), index=True
    )
    idea_id: so.Mapped[int | None] = so.mapped_column(sa.ForeignKey("idea.id", ondelete="CASCADE"))
    comment_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("comment.id", ondelete="SET NULL")
    )
    actor_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL")
    )
    actor_role: so.Mapped[str] = so.mapped_column(sa.String(20))
    decision: so.Mapped[Decision] = so.mapped_column(str_enum(Decision))
    reason_code: so.Mapped[HideReason | None] = so.mapped_column(str_enum(HideReason))
    reason: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    created_at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)

    idea: so.Mapped[Idea | None] = so.relationship()


class EventKind(enum.StrEnum):
    SUBMITTED = "submitted"
    PUBLISHED = "published"
    HIDDEN = "hidden"
    DUPLICATE = "duplicate"
    NOT_FEASIBLE = "not_feasible"
    ON_AGENDA = "on_agenda"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    PARTNER_LINKED = "partner_linked"
    PARTNER_ACCEPTED = "partner_accepted"
    PARTNER_DECLINED = "partner_declined"
    PARTNER_DELIVERED = "partner_delivered"


class IdeaEvent(db.Model):
    """A dated entry in the idea's public timeline."""

    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    idea_id: so.Mapped[int] = so.mapped_column(
        sa.ForeignKey("idea.id", ondelete="CASCADE"), index=True
    )
    kind: so.Mapped[EventKind] = so.mapped_column(str_enum(EventKind, 30))
    note: so.Mapped[str] = so.mapped_column(sa.Text, default="")
    partner_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("partner.id", ondelete="SET NULL")
    )
    agenda_id: so.Mapped[int | None] = so.mapped_column(
        sa.ForeignKey("agenda.id", ondelete="SET NULL")
    )
    at: so.Mapped[datetime] = so.mapped_column(UTCDateTime, default=utcnow)
