"""The words of a notice, in whatever language is active when it is rendered.

The one place that turns a ``Notification`` row into a sentence: the in-app list renders it in
the reader's language, and the outbox worker wraps it in ``force_locale(person.locale)`` for
email and SMS, so a notice reads the same everywhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from flask import url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.clock import date_label, span_label, time_label
from app.extensions import db
from app.i18n import is_supported, kronor, language_name
from app.models import EventKind, IdeaEvent, IdeaStatus, Notification, NotificationKind, Shift

# change_status() stores the status value as the detail when it has no note to pass on.
_STATUS_VALUES = frozenset(status.value for status in IdeaStatus)
_STATUS_EVENTS = frozenset(
    {
        EventKind.PUBLISHED,
        EventKind.HIDDEN,
        EventKind.DUPLICATE,
        EventKind.NOT_FEASIBLE,
        EventKind.ON_AGENDA,
        EventKind.IN_PROGRESS,
        EventKind.DONE,
    }
)


def load_options() -> tuple:
    """Everything ``render`` reads besides the notice itself, loaded with the notices.

    The one list used by the in-app page and the outbox worker, so a page or batch of notices
    costs the same number of queries whatever ideas, activities, shifts or associations they
    name. Booking, agreement and partner-invitation notices carry their words in ``detail``.
    """
    return (
        sa.orm.joinedload(Notification.idea),
        sa.orm.joinedload(Notification.activity),
        sa.orm.joinedload(Notification.shift).joinedload(Shift.workplace),
        sa.orm.joinedload(Notification.association),
    )


@dataclass(frozen=True)
class Notice:
    sentence: str
    subject: str
    url: str | None
    link_label: str = ""  # what the link opens: "Open the shift", "Open the idea"…

    def email_body(self, date: str) -> str:
        lines = [self.sentence, ""]
        if self.url:
            lines += [_("Read more: %(url)s", url=self.url), ""]
        lines.append(f"Grannlabb · {date}")
        return "\n".join(lines)

    def sms_body(self) -> str:
        return f"{self.sentence}\n{self.url}" if self.url else self.sentence


def status_events(notifications: Iterable[Notification]) -> dict[int, EventKind]:
    """Which status an "idea status" notice tells of, read from the idea's timeline.

    The timeline entry is written in the same transaction just before the notice, so it is the
    idea's last status entry not later than the notice. One query for a whole page or batch.
    """
    pending = [n for n in notifications if n.kind is NotificationKind.IDEA_STATUS and n.idea_id]
    if not pending:
        return {}
    events: dict[int, list] = defaultdict(list)
    for row in db.session.execute(
        sa.select(IdeaEvent.idea_id, IdeaEvent.kind, IdeaEvent.at)
        .where(
            IdeaEvent.idea_id.in_({n.idea_id for n in pending}),
            IdeaEvent.kind.in_(_STATUS_EVENTS),
        )
        .order_by(IdeaEvent.at, IdeaEvent.id)
    ):
        events[row.idea_id].append(row)
    found: dict[int, EventKind] = {}
    for notice in pending:
        for row in events[notice.idea_id]:
            if row.at <= notice.created_at:
                found[notice.id] = row.kind
    return found


def _title(notification: Notification) -> str:
    """The idea's title; once hidden by moderation, only its author still sees it named."""
    idea = notification.idea
    if idea is None:
        return ""
    if idea.status is IdeaStatus.HIDDEN and notification.person_id != idea.author_id:
        return _("a hidden idea")
    return idea.title


def _status_sentence(kind: EventKind | None, title: str, detail: str) -> str:
    if kind is EventKind.ON_AGENDA:
        return _("Your idea “%(title)s” is on the agenda of the residents' meeting.", title=title)
    if kind is EventKind.IN_PROGRESS:
        if detail:
            return _("Your idea “%(title)s” is now in progress: %(note)s", title=title, note=detail)
        return _("Your idea “%(title)s” is now in progress.", title=title)
    if kind is EventKind.DONE:
        return _("Your idea “%(title)s” is done. Result: %(result)s", title=title, result=detail)
    if kind is EventKind.NOT_FEASIBLE:
        return _(
            "Your idea “%(title)s” is not feasible. Reason: %(reason)s", title=title, reason=detail
        )
    if kind is EventKind.DUPLICATE:
        if detail:
            return _(
                "Your idea “%(title)s” was marked as a duplicate of “%(original)s”.",
                title=title,
                original=detail,
            )
        return _("Your idea “%(title)s” was marked as a duplicate.", title=title)
    if detail:
        return _("News about your idea “%(title)s”: %(detail)s", title=title, detail=detail)
    return _("There is news about your idea “%(title)s”.", title=title)


def _reminder_sentence(notification: Notification) -> str:
    """Tomorrow's activity, its Swedish date and time, and its place."""
    activity = notification.activity
    if activity is None:
        return _("Reminder: you have an activity tomorrow.")
    # Flask-Babel formats in BABEL_DEFAULT_TIMEZONE, Europe/Stockholm.
    when = _(
        "%(day)s at %(time)s",
        day=date_label(activity.starts_at),
        time=time_label(activity.starts_at),
    )
    if notification.detail:  # a child's sign-up: the notice goes to the guardian
        return _(
            "Reminder: %(child)s is signed up for “%(title)s” tomorrow, %(when)s, at %(place)s.",
            child=notification.detail,
            title=activity.title,
            when=when,
            place=activity.place,
        )
    return _(
        "Reminder: you are signed up for “%(title)s” tomorrow, %(when)s, at %(place)s.",
        title=activity.title,
        when=when,
        place=activity.place,
    )


def _shift_sentence(notification: Notification) -> str:
    """Reminders, swaps and places offered for a café shift: its workplace, Swedish date and time."""
    shift = notification.shift
    workplace = shift.workplace.name if shift is not None else ""
    when = (
        _(
            "%(day)s at %(time)s",
            day=date_label(shift.starts_at),
            time=time_label(shift.starts_at),
        )
        if shift is not None
        else ""
    )
    kind = notification.kind
    if kind is NotificationKind.SHIFT_REMINDER:
        return _(
            "Reminder: you have a shift at %(workplace)s tomorrow, %(when)s.",
            workplace=workplace,
            when=when,
        )
    if kind is NotificationKind.GUARDIAN_CONSENTED:
        return _(
            "Your guardian consented: your place on the shift at %(workplace)s on %(when)s is "
            "confirmed.",
            workplace=workplace,
            when=when,
        )
    if kind is NotificationKind.GUARDIAN_DECLINED:
        return _(
            "Your guardian did not consent to the shift at %(workplace)s on %(when)s, so the "
            "place is given up.",
            workplace=workplace,
            when=when,
        )
    if kind is NotificationKind.GUARDIAN_WITHDREW:
        return _(
            "Your guardian withdrew the consent to the shift at %(workplace)s on %(when)s, so "
            "the place is given up.",
            workplace=workplace,
            when=when,
        )
    if kind is NotificationKind.SHIFT_CANCELLED:
        if notification.detail:
            return _(
                "The shift at %(workplace)s on %(when)s is cancelled. Reason: %(reason)s",
                workplace=workplace,
                when=when,
                reason=notification.detail,
            )
        return _(
            "The shift at %(workplace)s on %(when)s is cancelled.", workplace=workplace, when=when
        )
    if kind is NotificationKind.SHIFT_CHANGED and shift is not None:
        span = span_label(shift.starts_at, shift.ends_at)
        if shift.role:
            return _(
                "The shift at %(workplace)s has changed: it is now %(when)s, as %(role)s.",
                workplace=workplace,
                when=span,
                role=shift.role,
            )
        return _(
            "The shift at %(workplace)s has changed: it is now %(when)s.",
            workplace=workplace,
            when=span,
        )
    if kind is NotificationKind.SHIFT_TAKEN_OVER:
        return _(
            "Someone took over your shift at %(workplace)s on %(when)s: you are released from it.",
            workplace=workplace,
            when=when,
        )
    return _(
        "A place opened up for you on the shift at %(workplace)s on %(when)s. Confirm it on "
        "the shift's page within 24 hours (sooner if the shift is close), or it passes to "
        "the next on the waiting list.",
        workplace=workplace,
        when=when,
    )


_SHIFT_KINDS = frozenset(
    {
        NotificationKind.SHIFT_REMINDER,
        NotificationKind.SHIFT_TAKEN_OVER,
        NotificationKind.SHIFT_PLACE_GIVEN,
        NotificationKind.SHIFT_CANCELLED,
        NotificationKind.SHIFT_CHANGED,
    }
)
_GUARDIAN_KINDS = frozenset(
    {
        NotificationKind.GUARDIAN_CONSENTED,
        NotificationKind.GUARDIAN_DECLINED,
        NotificationKind.GUARDIAN_WITHDREW,
    }
)


def _job_answer_sentence(notification: Notification) -> str:
    """A guardian's answer about a summer job (the detail names the employer and workplace)."""
    job = notification.detail
    if notification.kind is NotificationKind.GUARDIAN_CONSENTED:
        return _("Your guardian consented: the summer job at %(job)s is yours.", job=job)
    if notification.kind is NotificationKind.GUARDIAN_DECLINED:
        return _(
            "Your guardian did not consent to the summer job at %(job)s, so the place is given up.",
            job=job,
        )
    return _(
        "Your guardian withdrew the consent to the summer job at %(job)s, so the place and "
        "its shifts still to come are given up.",
        job=job,
    )


_ASSOCIATION_KINDS = frozenset(
    {
        NotificationKind.ASSOCIATION_MESSAGE,
        NotificationKind.ASSOCIATION_JOIN_REQUEST,
        NotificationKind.ASSOCIATION_FOUNDER_INVITE,
    }
)


def _association_sentence(notification: Notification) -> str:
    """A message to the board, a join request or a founder invitation (display names only)."""
    name = notification.association.name if notification.association else ""
    if notification.kind is NotificationKind.ASSOCIATION_MESSAGE:
        sender, _sep, message = notification.detail.partition("\n")
        return _(
            "%(sender)s wrote to the board of %(association)s: %(message)s",
            sender=sender,
            association=name,
            message=message,
        )
    if notification.kind is NotificationKind.ASSOCIATION_JOIN_REQUEST:
        return _(
            "%(person)s asks to become a member of %(association)s.",
            person=notification.detail,
            association=name,
        )
    return _(
        "%(person)s invites you to found %(association)s together.",
        person=notification.detail,
        association=name,
    )


def _job_placed(notification: Notification) -> tuple[str, str]:
    """A placement notice's detail: "minor" or "adult", the job's id, the job's name."""
    age, _sep, rest = notification.detail.partition("\n")
    _job_id, _sep, job = rest.partition("\n")
    return age, job


def sentence(notification: Notification, status_kind: EventKind | None = None) -> str:
    """One sentence naming the idea and the reason or detail, in the active language."""
    if notification.kind in _ASSOCIATION_KINDS:
        return _association_sentence(notification)
    if notification.kind in _SHIFT_KINDS or (
        notification.kind in _GUARDIAN_KINDS and notification.shift_id is not None
    ):
        return _shift_sentence(notification)
    if notification.kind in _GUARDIAN_KINDS:
        return _job_answer_sentence(notification)
    if notification.kind is NotificationKind.JOB_PLACED:
        age, job = _job_placed(notification)
        if age == "minor":
            return _(
                "You have a place at the summer job at %(job)s. It is yours once your guardian "
                "consents: name your guardian on the job's page.",
                job=job,
            )
        return _("You have a place at the summer job at %(job)s.", job=job)
    if notification.kind is NotificationKind.PARTNER_ASKED:
        return _(
            "A process leader asks %(partner)s to take on the idea “%(title)s”. Accept or "
            "decline on the partner's requests page.",
            partner=notification.detail,
            title=_title(notification),
        )
    if notification.kind is NotificationKind.PLACE_OFFERED:
        return _(
            "A place opened up for you at “%(title)s”. Confirm it within 24 hours, or it "
            "passes to the next on the waiting list.",
            title=notification.activity.title if notification.activity else "",
        )
    if notification.kind is NotificationKind.ACTIVITY_REMINDER:
        return _reminder_sentence(notification)
    if notification.kind is NotificationKind.AGREEMENT_FOLLOW_UP:
        return _(
            "Time to follow up the agreement %(detail)s: no measurement for a while. "
            "Record the latest figures.",
            detail=notification.detail,
        )
    if notification.kind is NotificationKind.PARTNER_INVITATION:
        return _(
            "You are invited to represent %(partner)s on Grannlabb. Open the link to accept.",
            partner=notification.detail,
        )
    if notification.kind is NotificationKind.ROLE_ENDED:
        role, _sep, area = notification.detail.partition("\n")
        if role == "leader":
            return _("You are no longer a process leader in %(area)s.", area=area)
        return _("You are no longer a partner representative in %(area)s.", area=area)
    if notification.kind is NotificationKind.BOOKING_APPROVED:
        return _("Your booking is confirmed: %(what)s.", what=notification.detail)
    if notification.kind is NotificationKind.BOOKING_REQUESTED:
        return _("A booking awaits your approval: %(what)s.", what=notification.detail)
    if notification.kind is NotificationKind.BOOKING_DECLINED:
        what, _sep, reason = notification.detail.partition("\n")
        return _(
            "Your booking was not accepted: %(what)s. Reason: %(reason)s", what=what, reason=reason
        )
    if notification.kind is NotificationKind.BOOKING_CANCELLED:
        # Only the leader's own words are stored; the sentence is the reader's language.
        what, _sep, reason = notification.detail.partition("\n")
        if reason:
            return _(
                "A process leader cancelled your booking: %(what)s. Reason: %(reason)s",
                what=what,
                reason=reason,
            )
        return _("A process leader cancelled your booking: %(what)s.", what=what)
    if notification.kind is NotificationKind.ACTIVITY_PLACE_LOST:
        return _(
            "The booking of %(premises)s for your activity “%(title)s” was cancelled: the "
            "activity no longer has a booked place. Change its place or cancel it.",
            premises=notification.detail,
            title=notification.activity.title if notification.activity else "",
        )
    title = _title(notification)
    detail = "" if notification.detail in _STATUS_VALUES else (notification.detail or "")
    kind = notification.kind
    if kind is NotificationKind.IDEA_PUBLISHED:
        return _("Your idea “%(title)s” is published and open for votes.", title=title)
    if kind is NotificationKind.IDEA_HIDDEN:
        return _(
            "Your idea “%(title)s” was hidden by moderation. Reason: %(reason)s",
            title=title,
            reason=detail,
        )
    if kind is NotificationKind.PHOTO_HIDDEN:
        return _(
            "The photo with your idea “%(title)s” was removed by moderation; the idea stays. "
            "Reason: %(reason)s",
            title=title,
            reason=detail,
        )
    if kind is NotificationKind.BUDGET_CHECKED:
        verdict, _sep, rest = detail.partition("\n")
        cost, _sep, reason = rest.partition("\n")
        if verdict == "feasible":
            checked = _(
                "Your idea “%(title)s” is checked for the budget round: feasible, at %(cost)s.",
                title=title,
                cost=kronor(int(cost)) if cost.isdecimal() else cost,
            )
            return f"{checked} {reason}".strip()
        return _(
            "Your idea “%(title)s” was checked for the budget round and is not feasible. "
            "Reason: %(reason)s",
            title=title,
            reason=reason,
        )
    if kind is NotificationKind.BUDGET_PAPER_COUNTED:
        return _(
            "The paper ballot you handed in for the budget round “%(round)s” is entered and "
            "confirmed by two process leaders: it counts. If you did not hand one in, tell a "
            "process leader.",
            round=detail.partition("\n")[2],
        )
    if kind in (NotificationKind.BUDGET_FUNDED, NotificationKind.BUDGET_NOT_FUNDED):
        cost, _sep, round_title = detail.partition("\n")
        if kind is NotificationKind.BUDGET_FUNDED:
            return _(
                "Your idea “%(title)s” is funded in the budget round “%(round)s” with %(cost)s. "
                "It is now in progress.",
                title=title,
                round=round_title,
                cost=kronor(int(cost)) if cost.isdecimal() else cost,
            )
        return _(
            "The votes in the budget round “%(round)s” are counted: your idea “%(title)s” was "
            "not funded this time. The result says why.",
            title=title,
            round=round_title,
        )
    if kind is NotificationKind.TRANSLATION_CORRECTED:
        what, _sep, language = detail.partition(":")
        if what == "comment":
            return _(
                "A process leader corrected the translation of your comment on “%(title)s” "
                "into %(language)s.",
                title=title,
                language=language_name(language) if is_supported(language) else language,
            )
        return _(
            "A process leader corrected the translation of your idea “%(title)s” into "
            "%(language)s.",
            title=title,
            language=language_name(language) if is_supported(language) else language,
        )
    if kind is NotificationKind.COMMENT_HIDDEN:
        return _(
            "Your comment on “%(title)s” was hidden by moderation. Reason: %(reason)s",
            title=title,
            reason=detail,
        )
    if kind is NotificationKind.ON_AGENDA:
        return _(
            "“%(title)s”, an idea you voted for, is on the agenda of the residents' meeting.",
            title=title,
        )
    if kind is NotificationKind.IDEA_DONE:
        return _(
            "“%(title)s”, an idea you voted for, is done. Result: %(result)s",
            title=title,
            result=detail,
        )
    if kind is NotificationKind.PARTNER_ANSWERED:
        return _(
            "A partner answered about your idea “%(title)s”: %(detail)s", title=title, detail=detail
        )
    return _status_sentence(status_kind, title, detail)


# Notices whose link is a page of the reader's own: the endpoint and what it opens.
_OWN_PAGES = {
    NotificationKind.AGREEMENT_FOLLOW_UP: ("agreements.mine", _l("Open my agreements")),
    NotificationKind.PARTNER_INVITATION: ("partners.invitations", _l("Open the invitation")),
    NotificationKind.BOOKING_APPROVED: ("premises.my_bookings", _l("Open my bookings")),
    NotificationKind.BOOKING_DECLINED: ("premises.my_bookings", _l("Open my bookings")),
    NotificationKind.BOOKING_CANCELLED: ("premises.my_bookings", _l("Open my bookings")),
    NotificationKind.BOOKING_REQUESTED: ("premises.requests", _l("Open the booking requests")),
    NotificationKind.ROLE_ENDED: ("account.account", _l("Open my account")),
    # A guardian's answer about a summer job: the youth's sign-ups show the job.
    NotificationKind.GUARDIAN_CONSENTED: ("shifts.my_signups", _l("Open my sign-ups")),
    NotificationKind.GUARDIAN_DECLINED: ("shifts.my_signups", _l("Open my sign-ups")),
    NotificationKind.GUARDIAN_WITHDREW: ("shifts.my_signups", _l("Open my sign-ups")),
    # A leader's question to a partner: the representative's requests.
    NotificationKind.PARTNER_ASKED: ("partners.mine", _l("Open the requests")),
}


def render(
    notification: Notification, status_kind: EventKind | None = None, external: bool = False
) -> Notice:
    """The notice's sentence, a subject naming the idea, and a link to it."""
    if notification.kind in _ASSOCIATION_KINDS and notification.association is not None:
        association = notification.association
        endpoint = (
            "associations.members"
            if notification.kind is NotificationKind.ASSOCIATION_JOIN_REQUEST
            else "associations.association"
        )
        return Notice(
            sentence=sentence(notification, status_kind),
            subject=_("Grannlabb: “%(title)s”", title=association.name),
            url=url_for(endpoint, association_id=association.id, _external=external),
            link_label=_("Open the association"),
        )
    shift = notification.shift if notification.shift_id else None
    if shift is not None:
        return Notice(
            sentence=sentence(notification, status_kind),
            subject=_("Grannlabb: “%(title)s”", title=shift.workplace.name),
            url=url_for("shifts.shift", shift_id=shift.id, _external=external),
            link_label=_("Open the shift"),
        )
    activity = notification.activity if notification.activity_id else None
    if activity is not None:
        return Notice(
            sentence=sentence(notification, status_kind),
            subject=_("Grannlabb: “%(title)s”", title=activity.title),
            url=url_for("activities.activity", activity_id=activity.id, _external=external),
            link_label=_("Open the activity"),
        )
    if notification.kind is NotificationKind.JOB_PLACED:
        job_id = notification.detail.split("\n")[1]
        return Notice(
            sentence=sentence(notification, status_kind),
            subject=_("Grannlabb: a summer job"),
            url=url_for("jobs.job_page", job_id=int(job_id), _external=external),
            link_label=_("Open the summer job"),
        )
    if notification.kind is NotificationKind.BUDGET_PAPER_COUNTED:
        round_id = notification.detail.partition("\n")[0]
        return Notice(
            sentence=sentence(notification, status_kind),
            subject=_("Grannlabb: a budget round"),
            url=url_for("rounds.budget_round", round_id=int(round_id), _external=external),
            link_label=_("Open the budget round"),
        )
    own = _OWN_PAGES.get(notification.kind)
    if own is not None:
        endpoint, label = own
        return Notice(
            sentence=sentence(notification, status_kind),
            subject=_("Grannlabb"),
            url=url_for(endpoint, _external=external),
            link_label=str(label),
        )
    idea = notification.idea
    return Notice(
        sentence=sentence(notification, status_kind),
        subject=_("Grannlabb: “%(title)s”", title=_title(notification)) if idea else _("Grannlabb"),
        url=url_for("ideas.idea", idea_id=idea.id, _external=external) if idea else None,
        link_label=_("Open the idea"),
    )


def dated(notification: Notification) -> str:
    """The notice's date, written the way the active language writes dates."""
    return format_date(notification.created_at, "long")
