"""Ideas: propose, list, vote, comment, report, and the status changes of their lifecycle."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app.areas.services import role_in
from app.extensions import db
from app.ideas import ordering
from app.locking import insert_or_not
from app.models import (
    Area,
    Category,
    Comment,
    Decision,
    EventKind,
    Idea,
    IdeaEvent,
    IdeaStatus,
    ModerationDecision,
    NotificationKind,
    Person,
    Report,
    ReportReason,
    Role,
    Vote,
)
from app.models.ideas import LISTED, VOTABLE
from app.models.util import utcnow
from app.notifications.services import notify, notify_voters
from app.refusals import Refused
from app.translations import services as translations

PER_PAGE = 20
COMMENTS_PER_PAGE = 30  # top-level comments (threads) per page of an idea
COMMENT_ORPHANS = 5  # the last page takes up to this many more instead of a page of its own
COMMENT_EDIT_WINDOW = timedelta(minutes=15)

CATEGORY_LABELS = {
    Category.WORK_STUDIES: _l("Work & studies"),
    Category.SCHOOL_YOUTH: _l("School & youth"),
    Category.SAFETY: _l("Safety"),
    Category.SERVICES: _l("Services"),
    Category.ENVIRONMENT: _l("Environment"),
    Category.CULTURE_LEISURE: _l("Culture & leisure"),
    Category.HOUSING_PREMISES: _l("Housing & premises"),
}

STATUS_LABELS = {
    IdeaStatus.SUBMITTED: _l("Waiting for moderation"),
    IdeaStatus.PUBLISHED: _l("Open for votes"),
    IdeaStatus.ON_AGENDA: _l("On the agenda"),
    IdeaStatus.IN_PROGRESS: _l("In progress"),
    IdeaStatus.DONE: _l("Done"),
    IdeaStatus.NOT_FEASIBLE: _l("Not feasible"),
    IdeaStatus.HIDDEN: _l("Hidden by moderation"),
    IdeaStatus.DUPLICATE: _l("Duplicate"),
}

EVENT_LABELS = {
    EventKind.SUBMITTED: _l("Proposed"),
    EventKind.PUBLISHED: _l("Published, open for votes"),
    EventKind.HIDDEN: _l("Hidden by moderation"),
    EventKind.DUPLICATE: _l("Marked as a duplicate"),
    EventKind.NOT_FEASIBLE: _l("Not feasible"),
    EventKind.ON_AGENDA: _l("On the agenda of the residents' meeting"),
    EventKind.IN_PROGRESS: _l("In progress"),
    EventKind.DONE: _l("Done"),
    EventKind.PARTNER_LINKED: _l("A partner was asked to help"),
    EventKind.PARTNER_ACCEPTED: _l("A partner accepted"),
    EventKind.PARTNER_DECLINED: _l("A partner declined"),
    EventKind.PARTNER_DELIVERED: _l("A partner delivered"),
}

REPORT_REASON_LABELS = {
    ReportReason.OFFENSIVE: _l("Offensive"),
    ReportReason.SPAM: _l("Spam or advertising"),
    ReportReason.PERSONAL_DATA: _l("Personal data about someone"),
    ReportReason.OTHER: _l("Something else"),
}

SORTS = {
    "votes": (Idea.vote_count.desc(), Idea.id.desc()),
    "newest": (Idea.published_at.desc().nulls_last(), Idea.id.desc()),
    "active": (Idea.last_activity_at.desc(), Idea.id.desc()),
}


def add_event(idea: Idea, kind: EventKind, note: str = "", **links) -> None:
    """A dated entry in the idea's public timeline; the idea counts as active now."""
    now = utcnow()
    db.session.add(IdeaEvent(idea_id=idea.id, kind=kind, note=note, at=now, **links))
    idea.last_activity_at = now


# How the public moderation log names whoever acted: by role, never by name.
PROCESS_LEADER = "process_leader"
ADMIN = "admin"


def actor_role(person: Person, area: Area) -> str:
    """How the decision is signed in the public log: the role, never the name."""
    if role_in(person, area, Role.LEADER) is not None:
        return PROCESS_LEADER
    return ADMIN


def log_assisted(
    helper: Person,
    area: Area,
    decision: Decision,
    idea: Idea | None = None,
    comment: Comment | None = None,
) -> None:
    """An act done at the meeting place for a resident, in the area's public moderation
    log by the helper's role (never the resident's name)."""
    db.session.add(
        ModerationDecision(
            area_id=area.id,
            idea_id=idea.id if idea else None,
            comment_id=comment.id if comment else None,
            actor_id=helper.id,
            actor_role=actor_role(helper, area),
            decision=decision,
        )
    )


def propose(
    area: Area,
    author: Person,
    title: str,
    text: str,
    category: Category,
    language: str,
    photo: str | None = None,
    assisted_by: Person | None = None,
) -> Idea:
    """A new idea enters the area's moderation queue."""
    idea = Idea(
        area_id=area.id,
        author_id=author.id,
        assisted_by_id=assisted_by.id if assisted_by else None,
        title=title,
        text=text,
        category=category,
        language=language,
        photo=photo,
    )
    db.session.add(idea)
    db.session.flush()
    add_event(idea, EventKind.SUBMITTED)
    if assisted_by:
        log_assisted(assisted_by, area, Decision.ASSIST_IDEA, idea)
    db.session.commit()
    return idea


@dataclass
class IdeaPage:
    ideas: list[Idea]
    has_more: bool
    page: int


def list_ideas(
    area: Area,
    sort: str = "votes",
    category: Category | None = None,
    status: IdeaStatus | None = None,
    page: int = 1,
    shuffle: int | None = None,
) -> IdeaPage:
    """One page of the area's public ideas; constant queries whatever the data size.

    ``sort="random"`` with ``shuffle`` (``ordering.seed``): the ideas open for votes first,
    in the visitor's random order, then the others in it too (one query over the area's
    listed ideas).

    With all statuses, one SELECT per status joined by UNION ALL: each reads its part of an
    index already in order (ix_idea_ranking: area, status, votes, id; ix_idea_activity) and
    the database merges them, stopping after the page, where ``status IN (...)`` would sort
    every idea of the area.
    """

    def of_status(one: IdeaStatus):
        query = sa.select(Idea).where(Idea.area_id == area.id, Idea.status == one)
        return query if category is None else query.where(Idea.category == category)

    statuses = [status] if status in LISTED else sorted(LISTED)
    if sort == ordering.RANDOM and shuffle is not None:
        return _random_page(area, statuses, category, page, shuffle)
    query = (
        of_status(statuses[0])
        if len(statuses) == 1
        else sa.union_all(*(of_status(one) for one in statuses))
    )
    query = (
        query.order_by(*SORTS.get(sort, SORTS["votes"]))
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE + 1)
    )
    rows = db.session.scalars(sa.select(Idea).from_statement(query)).all()
    return IdeaPage(ideas=list(rows[:PER_PAGE]), has_more=len(rows) > PER_PAGE, page=page)


def _random_page(area, statuses, category, page: int, key: int) -> IdeaPage:
    """The visitor's page of the random order: open ideas first, then the others, each part
    shuffled (two queries: the ids, then the page's ideas)."""
    query = sa.select(Idea.id, Idea.status).where(
        Idea.area_id == area.id, Idea.status.in_(statuses)
    )
    if category is not None:
        query = query.where(Idea.category == category)
    rows = db.session.execute(query).all()
    order = ordering.shuffled([i for i, s in rows if s in VOTABLE], key) + ordering.shuffled(
        [i for i, s in rows if s not in VOTABLE], key
    )
    wanted = order[(page - 1) * PER_PAGE : page * PER_PAGE]
    found = {
        idea.id: idea for idea in db.session.scalars(sa.select(Idea).where(Idea.id.in_(wanted)))
    }
    return IdeaPage(
        ideas=[found[i] for i in wanted if i in found],
        has_more=len(order) > page * PER_PAGE,
        page=page,
    )


def voted_ids(person: Person, idea_ids: list[int]) -> set[int]:
    """Which of these ideas the person has voted for (one query)."""
    if not person.is_authenticated or not idea_ids:
        return set()
    return set(
        db.session.scalars(
            sa.select(Vote.idea_id).where(Vote.person_id == person.id, Vote.idea_id.in_(idea_ids))
        )
    )


def is_verified_resident(person: Person, area: Area) -> bool:
    role = role_in(person, area, Role.RESIDENT)
    return role is not None and role.verified


def check_can_vote(idea: Idea, person: Person) -> None:
    if not idea.votable:
        raise Refused(_l("This idea is not open for votes."), 409)
    if not is_verified_resident(person, idea.area):
        raise Refused(
            _l(
                "Only verified residents of %(area)s can vote. Type the invite code from your "
                "household letter, or ask the process leader at the meeting place to verify you.",
                area=idea.area.name,
            )
        )


def _insert_vote_once(idea_id: int, person_id: int, assisted_by_id: int | None) -> bool:
    """Insert the vote unless it exists; True when this call added it (race-safe)."""
    statement = (
        insert_or_not(Vote)
        .values(
            idea_id=idea_id, person_id=person_id, assisted_by_id=assisted_by_id, created_at=utcnow()
        )
        .on_conflict_do_nothing(index_elements=["idea_id", "person_id"])
        .returning(Vote.id)
    )
    # The returned id says whether a row went in: psycopg reports rowcount -1 for this insert.
    return db.session.execute(statement).first() is not None


def cast_vote(idea: Idea, person: Person, want: bool, assisted_by: Person | None = None) -> bool:
    """Set the person's vote to ``want``; the stored count moves only when a row changes.

    Sending the same choice twice changes nothing, so a double tap never counts twice.
    Returns whether the person now votes for the idea.
    """
    check_can_vote(idea, person)
    if want:
        changed = _insert_vote_once(idea.id, person.id, assisted_by.id if assisted_by else None)
        delta = 1
    else:
        changed = (
            db.session.execute(
                sa.delete(Vote).where(Vote.idea_id == idea.id, Vote.person_id == person.id)
            ).rowcount
            == 1
        )
        delta = -1
    if changed:
        db.session.execute(
            sa.update(Idea)
            .where(Idea.id == idea.id)
            .values(vote_count=Idea.vote_count + delta)
            .execution_options(synchronize_session=False)
        )
        if assisted_by:
            decision = Decision.ASSIST_VOTE if want else Decision.ASSIST_UNVOTE
            log_assisted(assisted_by, idea.area, decision, idea)
    db.session.commit()
    db.session.refresh(idea)
    return want


@dataclass
class CommentPage:
    """One page of an idea's top-level comments, oldest first, and every reply to them."""

    comments: list[Comment]
    replies: dict[int, list[Comment]]  # top-level comment id → its replies, oldest first
    page: int
    has_more: bool


def _top_level(idea_id: int):
    return sa.select(Comment).where(Comment.idea_id == idea_id, Comment.parent_id.is_(None))


def comment_page(idea: Idea, page: int = 1) -> CommentPage:
    """Top-level comments of one page with their authors, then their replies with theirs: two
    queries whatever the number of comments (none for the replies of an empty page).

    A page holds ``COMMENTS_PER_PAGE`` threads; the last one also takes up to
    ``COMMENT_ORPHANS`` more, so nobody taps "more" for a single comment.
    """
    rows = list(
        db.session.scalars(
            _top_level(idea.id)
            .options(sa.orm.joinedload(Comment.author))
            .order_by(Comment.id)
            .offset((page - 1) * COMMENTS_PER_PAGE)
            .limit(COMMENTS_PER_PAGE + COMMENT_ORPHANS + 1)
        )
    )
    has_more = len(rows) > COMMENTS_PER_PAGE + COMMENT_ORPHANS
    comments = rows[:COMMENTS_PER_PAGE] if has_more else rows
    replies: dict[int, list[Comment]] = {}
    if comments:
        # The page's threads are a run of ids: one range on the idea's comments finds them.
        for reply in db.session.scalars(
            sa.select(Comment)
            .where(
                Comment.idea_id == idea.id,
                Comment.parent_id.between(comments[0].id, comments[-1].id),
            )
            .options(sa.orm.joinedload(Comment.author))
            .order_by(Comment.id)
        ):
            replies.setdefault(reply.parent_id, []).append(reply)
    return CommentPage(comments=comments, replies=replies, page=page, has_more=has_more)


def page_of_comment(comment: Comment) -> int:
    """The page of ``comment_page`` that shows this comment (a reply: its thread), in one query."""
    top = comment.parent_id or comment.id
    before, total = db.session.execute(
        sa.select(
            sa.func.coalesce(sa.func.sum(sa.case((Comment.id < top, 1), else_=0)), 0),
            sa.func.count(),
        ).where(Comment.idea_id == comment.idea_id, Comment.parent_id.is_(None))
    ).one()
    page = before // COMMENTS_PER_PAGE + 1
    # The page before takes this one's threads when they are the last few (the orphans).
    if page > 1 and total - (page - 2) * COMMENTS_PER_PAGE <= COMMENTS_PER_PAGE + COMMENT_ORPHANS:
        page -= 1
    return page


def check_can_take_part(idea: Idea, person: Person) -> None:
    """Commenting and reporting: signed-in people on a published idea of any area they visit."""
    if idea.status not in LISTED:
        raise Refused(_l("This idea is not open for comments."), 409)


def add_comment(
    idea: Idea,
    author: Person,
    text: str,
    parent_id: int | None = None,
    assisted_by: Person | None = None,
    language: str | None = None,
) -> Comment:
    """``language``: what the comment is written in, by default the writer's own."""
    check_can_take_part(idea, author)
    if parent_id is not None:
        parent = db.session.get(Comment, parent_id)
        if parent is None or parent.idea_id != idea.id:
            raise Refused(_l("That comment does not exist."), 404)
        # One level of replies: a reply to a reply joins the same thread.
        parent_id = parent.parent_id or parent.id
    comment = Comment(
        idea_id=idea.id,
        author_id=author.id,
        text=text,
        language=language or author.locale,
        parent_id=parent_id,
        assisted_by_id=assisted_by.id if assisted_by else None,
    )
    db.session.add(comment)
    if assisted_by:
        db.session.flush()
        log_assisted(assisted_by, idea.area, Decision.ASSIST_COMMENT, idea, comment)
    db.session.execute(
        sa.update(Idea)
        .where(Idea.id == idea.id)
        .values(comment_count=Idea.comment_count + 1, last_activity_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return comment


def editable_comments(page: CommentPage, person: Person) -> set[int]:
    """Which comments of the page the person may still edit (their own, for a while)."""
    if not person.is_authenticated:
        return set()
    me = person.id
    everyone = [*page.comments, *(reply for replies in page.replies.values() for reply in replies)]
    return {c.id for c in everyone if c.author_id == me and can_edit_comment(c, person)}


def can_edit_comment(comment: Comment, person: Person) -> bool:
    return (
        person.is_authenticated
        and comment.author_id == person.id
        and comment.hidden_reason is None
        and utcnow() - comment.created_at <= COMMENT_EDIT_WINDOW
    )


def edit_comment(comment: Comment, person: Person, text: str, language: str | None = None) -> None:
    """The writer corrects the text, or the language it is written in (stale translations
    are made anew: they no longer match the text's hash)."""
    if not can_edit_comment(comment, person):
        raise Refused(_l("You can edit your own comment for 15 minutes after writing it."))
    comment.text = text
    comment.language = language or comment.language
    comment.edited_at = utcnow()
    db.session.commit()


def report(
    idea: Idea, reporter: Person, reason: ReportReason, note: str, comment: Comment | None = None
) -> Report:
    entry = Report(
        area_id=idea.area_id,
        idea_id=idea.id,
        comment_id=comment.id if comment else None,
        reporter_id=reporter.id,
        reason=reason,
        note=note,
    )
    db.session.add(entry)
    db.session.commit()
    return entry


_STATUS_EVENTS = {
    IdeaStatus.PUBLISHED: EventKind.PUBLISHED,
    IdeaStatus.HIDDEN: EventKind.HIDDEN,
    IdeaStatus.DUPLICATE: EventKind.DUPLICATE,
    IdeaStatus.NOT_FEASIBLE: EventKind.NOT_FEASIBLE,
    IdeaStatus.ON_AGENDA: EventKind.ON_AGENDA,
    IdeaStatus.IN_PROGRESS: EventKind.IN_PROGRESS,
    IdeaStatus.DONE: EventKind.DONE,
}


def change_status(idea: Idea, status: IdeaStatus, note: str = "", **links) -> None:
    """Move the idea on in its lifecycle: timeline entry and notices, in this transaction.

    The caller commits. Authors hear of publish, hide and every status change; voters hear
    when the idea is on the agenda or done.
    """
    now = utcnow()
    idea.status = status
    if status is IdeaStatus.PUBLISHED and idea.published_at is None:
        idea.published_at = now
    if status in (IdeaStatus.HIDDEN, IdeaStatus.NOT_FEASIBLE):
        idea.public_reason = note
    if status is IdeaStatus.HIDDEN:
        translations.forget("idea", idea.id)
    if status is IdeaStatus.DONE:
        idea.result_note = note
    add_event(idea, _STATUS_EVENTS[status], note, **links)
    author_kind = {
        IdeaStatus.PUBLISHED: NotificationKind.IDEA_PUBLISHED,
        IdeaStatus.HIDDEN: NotificationKind.IDEA_HIDDEN,
    }.get(status, NotificationKind.IDEA_STATUS)
    notify(idea.author_id, author_kind, idea.id, note or status.value)
    if status is IdeaStatus.ON_AGENDA:
        notify_voters(idea.id, NotificationKind.ON_AGENDA, note)
    elif status is IdeaStatus.DONE:
        notify_voters(idea.id, NotificationKind.IDEA_DONE, note)


def timeline(idea: Idea) -> list[IdeaEvent]:
    return list(
        db.session.scalars(
            sa.select(IdeaEvent)
            .where(IdeaEvent.idea_id == idea.id)
            .order_by(IdeaEvent.at, IdeaEvent.id)
        )
    )


def partner_badges(idea_ids: list[int]) -> dict[int, list]:
    """Partner links to show as badges, per idea (one query for the whole page)."""
    from app.models import LinkStatus, PartnerLink

    badges: dict[int, list] = {}
    if not idea_ids:
        return badges
    links = db.session.scalars(
        sa.select(PartnerLink)
        .where(PartnerLink.idea_id.in_(idea_ids), PartnerLink.status != LinkStatus.DECLINED)
        .options(sa.orm.joinedload(PartnerLink.partner))
        .order_by(PartnerLink.id)
    )
    for link in links:
        badges.setdefault(link.idea_id, []).append(link)
    return badges


def ideas_by(person: Person) -> list[Idea]:
    """The person's own ideas in every status, so they can follow moderation."""
    return list(
        db.session.scalars(
            sa.select(Idea)
            .where(Idea.author_id == person.id)
            .options(sa.orm.joinedload(Idea.area))
            .order_by(Idea.id.desc())
        )
    )
