"""Moderation: a process leader's decisions on ideas, comments and reports.

Every decision is one transaction: the status change (through ``change_status``, which writes
the timeline entry and queues the notices), a ``ModerationDecision`` row for the public log,
the related reports resolved, and an audit entry. Votes are never touched: moderation may close
an idea for votes but never changes who voted or the count.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.ideas import ordering
from app.ideas.photos import delete_photo
from app.ideas.services import ADMIN, PROCESS_LEADER, STATUS_LABELS, actor_role, change_status
from app.models import (
    Area,
    Comment,
    Decision,
    HideReason,
    Idea,
    IdeaStatus,
    ModerationDecision,
    NotificationKind,
    Person,
    Report,
)
from app.models.audit import record
from app.models.ideas import LISTED
from app.models.util import utcnow
from app.notifications.services import notify
from app.pagination import rows_page
from app.refusals import Refused
from app.textinput import contains
from app.translations import services as translations

QUEUE_LIMIT = 50
LOG_PER_PAGE = 30
REASON_MAX = 1000

HIDE_REASON_LABELS = {
    HideReason.OFFENSIVE: _l("Offensive or hateful"),
    HideReason.PERSONAL_DATA: _l("Personal data about someone"),
    HideReason.SPAM: _l("Spam or advertising"),
    HideReason.OFF_TOPIC: _l("Not about the area"),
    HideReason.OTHER: _l("Other reason"),
}

DECISION_LABELS = {
    Decision.PUBLISH: _l("Published"),
    Decision.HIDE: _l("Idea hidden"),
    Decision.DUPLICATE: _l("Marked as a duplicate"),
    Decision.NOT_FEASIBLE: _l("Not feasible"),
    Decision.IN_PROGRESS: _l("In progress"),
    Decision.DONE: _l("Done"),
    Decision.HIDE_COMMENT: _l("Comment hidden"),
    Decision.DISMISS_REPORT: _l("Report dismissed"),
    Decision.HIDE_PHOTO: _l("Photo removed"),
    Decision.ASSIST_REGISTER: _l("A resident registered at the meeting place"),
    Decision.ASSIST_IDEA: _l("Idea proposed at the meeting place, for a resident who was there"),
    Decision.ASSIST_VOTE: _l("Vote registered at the meeting place, for a resident who was there"),
    Decision.ASSIST_UNVOTE: _l("Vote withdrawn at the meeting place, for a resident who was there"),
    Decision.ASSIST_COMMENT: _l(
        "Comment written at the meeting place, for a resident who was there"
    ),
    Decision.ORDER_RANDOM: _l(
        "Ideas listed in random order while voting is open, a different one for each person"
    ),
    Decision.ORDER_VOTES: _l("Ideas listed by most votes"),
    Decision.BUDGET_FEASIBLE: _l("Checked for the budget round: feasible"),
    Decision.BUDGET_INFEASIBLE: _l("Checked for the budget round: not feasible"),
    Decision.BUDGET_OPENED: _l("Budget round: voting opened, the rules frozen"),
    Decision.BUDGET_COUNTED: _l("Budget round: the votes counted"),
    Decision.ASSIST_BALLOT: _l(
        "Budget ballot cast at the meeting place, for a resident who was there"
    ),
    Decision.PAPER_BALLOT: _l("Paper budget ballot confirmed by a second leader"),
}

ROLE_LABELS = {
    PROCESS_LEADER: _l("Process leader"),
    ADMIN: _l("Admin"),
    "partner": _l("Partner representative"),
}

# Which idea statuses each decision may start from. A hidden idea may be published again
# after review; a wrongly marked duplicate or a reconsidered "not feasible" may be reopened.
ALLOWED_FROM: dict[Decision, frozenset[IdeaStatus]] = {
    Decision.PUBLISH: frozenset(
        {IdeaStatus.SUBMITTED, IdeaStatus.HIDDEN, IdeaStatus.DUPLICATE, IdeaStatus.NOT_FEASIBLE}
    ),
    Decision.HIDE: frozenset(set(IdeaStatus) - {IdeaStatus.HIDDEN}),
    Decision.DUPLICATE: frozenset(
        {IdeaStatus.SUBMITTED, IdeaStatus.PUBLISHED, IdeaStatus.ON_AGENDA}
    ),
    Decision.NOT_FEASIBLE: frozenset(
        {IdeaStatus.SUBMITTED, IdeaStatus.PUBLISHED, IdeaStatus.ON_AGENDA, IdeaStatus.IN_PROGRESS}
    ),
    Decision.IN_PROGRESS: frozenset({IdeaStatus.PUBLISHED, IdeaStatus.ON_AGENDA}),
    Decision.DONE: frozenset({IdeaStatus.PUBLISHED, IdeaStatus.ON_AGENDA, IdeaStatus.IN_PROGRESS}),
}

RESULT_STATUS = {
    Decision.PUBLISH: IdeaStatus.PUBLISHED,
    Decision.HIDE: IdeaStatus.HIDDEN,
    Decision.DUPLICATE: IdeaStatus.DUPLICATE,
    Decision.NOT_FEASIBLE: IdeaStatus.NOT_FEASIBLE,
    Decision.IN_PROGRESS: IdeaStatus.IN_PROGRESS,
    Decision.DONE: IdeaStatus.DONE,
}

IDEA_DECISIONS = tuple(ALLOWED_FROM)


class BadOriginal(Refused):
    """The idea named as the original of a duplicate cannot be one (a form error, 422)."""

    def __init__(self, message):
        super().__init__(message, 422)


def allowed_decisions(idea: Idea) -> list[Decision]:
    return [decision for decision in IDEA_DECISIONS if idea.status in ALLOWED_FROM[decision]]


def public_reason(area: Area, reason_code: HideReason, text: str) -> str:
    """The reason shown in place of hidden content, in the area's own language."""
    with force_locale(area.default_locale):
        label = str(HIDE_REASON_LABELS[reason_code])
    return f"{label}: {text}" if text else label


def _not_now(idea: Idea) -> Refused:
    return Refused(
        _l(
            "That decision is not possible while the idea is “%(status)s”.",
            status=STATUS_LABELS[idea.status],
        ),
        409,
    )


def _raced() -> Refused:
    db.session.rollback()
    return Refused(
        _l("Someone else decided on this at the same moment. Reload the page and look again."),
        409,
    )


def _resolve_reports(idea_id: int, comment_id: int | None = None, whole_idea: bool = False) -> int:
    """Mark the open reports about the idea itself (or one comment, or everything) handled."""
    statement = sa.update(Report).where(Report.idea_id == idea_id, Report.resolved_at.is_(None))
    if comment_id is not None:
        statement = statement.where(Report.comment_id == comment_id)
    elif not whole_idea:
        statement = statement.where(Report.comment_id.is_(None))
    return db.session.execute(
        statement.values(resolved_at=utcnow()).execution_options(synchronize_session=False)
    ).rowcount


def _log(
    area: Area,
    actor: Person,
    decision: Decision,
    idea_id: int | None,
    comment_id: int | None = None,
    reason_code: HideReason | None = None,
    reason: str = "",
) -> None:
    db.session.add(
        ModerationDecision(
            area_id=area.id,
            idea_id=idea_id,
            comment_id=comment_id,
            actor_id=actor.id,
            actor_role=actor_role(actor, area),
            decision=decision,
            reason_code=reason_code,
            reason=reason,
        )
    )
    subject = f"comment {comment_id}" if comment_id else (f"idea {idea_id}" if idea_id else "")
    record(actor.id, f"moderation_{decision.value}", area.id, subject)


def original_for(idea: Idea, original_id: int | None) -> Idea:
    """The idea this one duplicates: another listed idea of the same area."""
    original = db.session.get(Idea, original_id) if original_id else None
    if original is None:
        raise BadOriginal(_l("There is no idea with number %(id)s.", id=original_id))
    if original.id == idea.id:
        raise BadOriginal(_l("An idea cannot be a duplicate of itself."))
    if original.area_id != idea.area_id:
        raise BadOriginal(
            _l(
                "Idea %(id)s belongs to another area. Choose an idea from %(area)s.",
                id=original.id,
                area=idea.area.name,
            )
        )
    if original.status not in LISTED:
        raise BadOriginal(
            _l(
                "Idea %(id)s is not public (it waits for moderation, is hidden or is itself a "
                "duplicate). Choose the original idea.",
                id=original.id,
            )
        )
    return original


ORIGINALS_SHOWN = 10


def originals(idea: Idea, text: str) -> list[Idea]:
    """Public ideas of the same area that this one may duplicate, found by words of their
    title (or their number), most votes first: one query."""
    text = " ".join((text or "").split())[:100]
    if not text:
        return []
    match = contains(Idea.title, text)
    if text.lstrip("#").isdigit() and len(text) < 10:
        match = sa.or_(match, Idea.id == int(text.lstrip("#")))
    return list(
        db.session.scalars(
            sa.select(Idea)
            .where(
                Idea.area_id == idea.area_id,
                Idea.id != idea.id,
                Idea.status.in_(LISTED),
                match,
            )
            .order_by(Idea.vote_count.desc(), Idea.id.desc())
            .limit(ORIGINALS_SHOWN)
        )
    )


def decide_idea(
    idea: Idea,
    actor: Person,
    decision: Decision,
    *,
    reason: str = "",
    reason_code: HideReason | None = None,
    duplicate_of: int | None = None,
) -> None:
    """Publish, hide, mark as duplicate, not feasible, in progress or done — one transaction."""
    if decision not in ALLOWED_FROM:
        raise ValueError(decision)
    if idea.status not in ALLOWED_FROM[decision]:
        raise _not_now(idea)
    reason = (reason or "").strip()
    if decision is Decision.HIDE and reason_code is None:
        raise Refused(_l("Choose a reason."), 422)
    if decision in (Decision.NOT_FEASIBLE, Decision.DONE) and not reason:
        raise Refused(_l("Write the reason residents will read."), 422)
    note = reason
    original = None
    if decision is Decision.HIDE:
        note = public_reason(idea.area, reason_code, reason)
    elif decision is Decision.DUPLICATE:
        original = original_for(idea, duplicate_of)
        note = original.title
    status = RESULT_STATUS[decision]
    # Only one decision wins when two leaders act at the same moment.
    claimed = db.session.execute(
        sa.update(Idea)
        .where(Idea.id == idea.id, Idea.status == idea.status)
        .values(status=status)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not claimed:
        raise _raced()
    if decision is Decision.PUBLISH:
        idea.public_reason = None
        idea.duplicate_of_id = None
    elif decision is Decision.DUPLICATE:
        idea.duplicate_of_id = original.id
    change_status(idea, status, note)
    _resolve_reports(idea.id, whole_idea=decision is Decision.HIDE)
    _log(
        idea.area,
        actor,
        decision,
        idea.id,
        reason_code=reason_code if decision is Decision.HIDE else None,
        reason=note if decision is Decision.DUPLICATE else reason,
    )
    db.session.commit()


def hide_comment(comment: Comment, actor: Person, reason_code: HideReason, reason: str) -> None:
    """Hide a comment: its reason shows in its place; the author hears why."""
    if comment.hidden_reason is not None:
        raise Refused(_l("This comment is already hidden."), 409)
    idea = db.session.get(Idea, comment.idea_id)
    reason = (reason or "").strip()
    shown = public_reason(idea.area, reason_code, reason)
    claimed = db.session.execute(
        sa.update(Comment)
        .where(Comment.id == comment.id, Comment.hidden_reason.is_(None))
        .values(hidden_reason=shown)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not claimed:
        raise _raced()
    notify(comment.author_id, NotificationKind.COMMENT_HIDDEN, idea.id, shown)
    translations.forget("comment", comment.id)
    _resolve_reports(idea.id, comment_id=comment.id)
    _log(idea.area, actor, Decision.HIDE_COMMENT, idea.id, comment.id, reason_code, reason)
    db.session.commit()
    db.session.refresh(comment)


def hide_photo(idea: Idea, actor: Person, reason_code: HideReason, reason: str) -> None:
    """Take the photo down and keep the idea: the file is deleted (it may show faces), the
    reason shows in its place and the author hears why."""
    name = idea.photo
    if name is None:
        raise Refused(_l("This idea has no photo."), 409)
    shown = public_reason(idea.area, reason_code, (reason or "").strip())
    claimed = db.session.execute(
        sa.update(Idea)
        .where(Idea.id == idea.id, Idea.photo == name)
        .values(photo=None, photo_hidden_reason=shown)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not claimed:
        raise _raced()
    notify(idea.author_id, NotificationKind.PHOTO_HIDDEN, idea.id, shown)
    _log(idea.area, actor, Decision.HIDE_PHOTO, idea.id, None, reason_code, reason)
    db.session.commit()
    delete_photo(name)
    db.session.refresh(idea)


def dismiss_report(report: Report, actor: Person, reason: str) -> None:
    """The content stays: every open report about the same idea or comment is handled."""
    if report.resolved_at is not None:
        raise Refused(_l("This report has already been handled."), 409)
    reason = (reason or "").strip()
    if not reason:
        raise Refused(_l("Write why the content stays."), 422)
    if not _resolve_reports(report.idea_id, comment_id=report.comment_id):
        raise _raced()
    area = db.session.get(Area, report.area_id)
    _log(area, actor, Decision.DISMISS_REPORT, report.idea_id, report.comment_id, reason=reason)
    db.session.commit()


@dataclass
class ReportGroup:
    """Open reports about one idea or one comment."""

    idea: Idea
    comment: Comment | None
    reports: list[Report]


@dataclass
class Queue:
    submitted: list[Idea]
    submitted_total: int
    reported: list[ReportGroup]
    reports_total: int


def _group(reports: list[Report]) -> list[ReportGroup]:
    groups: dict[tuple[int, int | None], ReportGroup] = {}
    for entry in reports:
        key = (entry.idea_id, entry.comment_id)
        if key not in groups:
            groups[key] = ReportGroup(entry.idea, entry.comment, [])
        groups[key].reports.append(entry)
    return list(groups.values())


def queue(area: Area) -> Queue:
    """What waits for the area's leaders, oldest first; a constant number of queries."""
    waiting = sa.and_(Idea.area_id == area.id, Idea.status == IdeaStatus.SUBMITTED)
    open_reports = sa.and_(Report.area_id == area.id, Report.resolved_at.is_(None))
    submitted = db.session.scalars(
        sa.select(Idea).where(waiting).order_by(Idea.id).limit(QUEUE_LIMIT)
    ).all()
    reports = db.session.scalars(
        sa.select(Report)
        .where(open_reports)
        .options(sa.orm.joinedload(Report.idea), sa.orm.joinedload(Report.comment))
        .order_by(Report.id)
        .limit(QUEUE_LIMIT)
    ).all()
    return Queue(
        submitted=list(submitted),
        submitted_total=db.session.scalar(sa.select(sa.func.count()).where(waiting)),
        reported=_group(list(reports)),
        reports_total=db.session.scalar(sa.select(sa.func.count()).where(open_reports)),
    )


def open_reports(idea: Idea, comment: Comment | None = None) -> list[Report]:
    """Open reports about the idea itself, or about one of its comments."""
    return list(
        db.session.scalars(
            sa.select(Report)
            .where(
                Report.idea_id == idea.id,
                Report.resolved_at.is_(None),
                Report.comment_id == comment.id if comment else Report.comment_id.is_(None),
            )
            .order_by(Report.id)
        )
    )


@dataclass
class LogPage:
    decisions: list[ModerationDecision]
    has_more: bool
    page: int


def log_page(area: Area, page: int = 1) -> LogPage:
    decisions, has_more = rows_page(
        sa.select(ModerationDecision)
        .where(ModerationDecision.area_id == area.id)
        .options(sa.orm.joinedload(ModerationDecision.idea))
        .order_by(ModerationDecision.id.desc()),
        page,
        LOG_PER_PAGE,
    )
    return LogPage(decisions, has_more, page)


def set_idea_order(area: Area, actor: Person, order: str) -> None:
    """The area's leaders choose how its idea list is ordered (ideas.ordering); residents
    see the choice on the list and in the public moderation log."""
    if order not in (ordering.RANDOM, ordering.VOTES):
        raise Refused(_l("Choose one of the orders."), 422)
    if order == area.idea_order and (order == ordering.VOTES or ordering.is_random(area)):
        return  # already so: nothing to log
    area.idea_order = order
    area.idea_order_since = utcnow()
    decision = Decision.ORDER_RANDOM if order == ordering.RANDOM else Decision.ORDER_VOTES
    _log(area, actor, decision, None)
    db.session.commit()
