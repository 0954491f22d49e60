"""Guardian consent for a minor's shift sign-up or summer-job placement.

The youth names a guardian's phone or email; the guardian gets a link ``/guardian/<token>``
(the token is the secret, stored only as a keyed hash like sign-in links), sees exactly what
was signed up for and consents or declines; consent can later be withdrawn through the same
link. Each decision is kept as a dated :class:`GuardianDecision`. An unanswered request runs
out with the sign-up's 72-hour hold; expired holds are cancelled (by ``flask
expire-guardian-holds``, and whenever the shift is read) and the place moves up the list.

A summer-job placement of someone under 18 is consented to once, for the whole placement,
through the same link, page and decision history: consent places the applicant and confirms
the placement's shifts awaiting the guardian; a decline, a withdrawal or an unanswered
request withdraws the application and cancels its shifts still to come, freeing the places.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import force_locale, format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from app.auth.services import InvalidAddress, normalize_address
from app.clock import date_label, local, moment_label, span_label
from app.extensions import db
from app.i18n import DEFAULT_LOCALE, LANGUAGES, is_supported
from app.jobs.statuses import STATUS_LABELS as APPLICATION_LABELS
from app.locking import lock_row
from app.models import (
    ApplicationStatus,
    ConsentDecision,
    GuardianConsent,
    GuardianDecision,
    Job,
    JobApplication,
    NotificationKind,
    Shift,
    ShiftSignup,
    SignupStatus,
    Workplace,
)
from app.models.util import utcnow
from app.notifications.services import notify
from app.refusals import Refused
from app.senders import SendError, sender_for
from app.shifts import places
from app.tokens import digest

DECISION_LABELS = {
    ConsentDecision.PENDING: _l("Waiting for your answer"),
    ConsentDecision.CONSENTED: _l("You consented"),
    ConsentDecision.DECLINED: _l("You declined"),
    ConsentDecision.WITHDRAWN: _l("You withdrew your consent"),
}


# The notice each answer sends the youth (in the youth's language, when delivered).
ANSWER_NOTICES = {
    ConsentDecision.CONSENTED: NotificationKind.GUARDIAN_CONSENTED,
    ConsentDecision.DECLINED: NotificationKind.GUARDIAN_DECLINED,
    ConsentDecision.WITHDRAWN: NotificationKind.GUARDIAN_WITHDREW,
}


def consent_for(signup: ShiftSignup) -> GuardianConsent | None:
    return db.session.scalar(
        sa.select(GuardianConsent).where(GuardianConsent.signup_id == signup.id)
    )


def consent_for_application(application: JobApplication) -> GuardianConsent | None:
    return db.session.scalar(
        sa.select(GuardianConsent).where(GuardianConsent.job_application_id == application.id)
    )


def _store(consent: GuardianConsent | None, new: GuardianConsent, address: str) -> str:
    """Store (or renew) an open request with a fresh token and return the token."""
    token = secrets.token_urlsafe(32)
    if consent is None:
        consent = new
        db.session.add(consent)
    elif consent.decision is not ConsentDecision.PENDING:
        raise Refused(_l("The guardian has already answered."), 409)
    consent.guardian_address = address
    consent.token_hash = digest(f"guardian:{token}")
    consent.expires_at = new.expires_at
    try:
        db.session.commit()
    except IntegrityError:  # the same request sent twice at once: the other one is stored
        db.session.rollback()
        raise Refused(
            _l("Your guardian has just been asked; the link is on its way."), 409
        ) from None
    return token


def request_application_consent(application: JobApplication, address: str) -> str:
    """As :func:`request_consent`, for a placement awaiting a guardian (held 72 hours)."""
    if application.status is not ApplicationStatus.AWAITING_GUARDIAN:
        raise Refused(_l("This placement is not waiting for a guardian's consent."), 409)
    new = GuardianConsent(
        job_application_id=application.id,
        decision=ConsentDecision.PENDING,
        expires_at=utcnow() + timedelta(hours=places.GUARDIAN_HOLD_HOURS),
    )
    return _store(consent_for_application(application), new, address)


def request_consent(signup: ShiftSignup, address: str) -> str:
    """Store (or renew) the request for the sign-up awaiting a guardian and return the new
    token; the address is already normalised. The caller sends the link."""
    if signup.status is not SignupStatus.AWAITING_GUARDIAN or signup.hold_until is None:
        raise Refused(_l("This sign-up is not waiting for a guardian's consent."), 409)
    new = GuardianConsent(
        signup_id=signup.id, decision=ConsentDecision.PENDING, expires_at=signup.hold_until
    )
    return _store(consent_for(signup), new, address)


def guardian_language(address: str) -> str | None:
    """The language this guardian last chose on a guardian page, for any youth."""
    return db.session.scalar(
        sa.select(GuardianConsent.language)
        .where(GuardianConsent.guardian_address == address, GuardianConsent.language.is_not(None))
        .order_by(GuardianConsent.id.desc())
        .limit(1)
    )


def message_language(address: str, youth) -> str:
    """A message to a guardian is in the language they chose, else in the youth's."""
    chosen = guardian_language(address)
    if is_supported(chosen):
        return chosen
    return youth.locale if is_supported(youth.locale) else DEFAULT_LOCALE


def page_language(consent: GuardianConsent, cookie: str | None) -> str:
    """The guardian page's language: the one the guardian chose, else this device's choice,
    else the youth's (the language the link was sent in)."""
    for code in (consent.language, guardian_language(consent.guardian_address), cookie):
        if is_supported(code):
            return code
    youth = consent.application.person if consent.application else consent.signup.person
    return youth.locale if is_supported(youth.locale) else DEFAULT_LOCALE


def choose_language(consent: GuardianConsent, code: str | None) -> None:
    """Remember the guardian's language for this page and later messages to them."""
    if not is_supported(code):
        raise Refused(_l("Choose one of the languages shown."), 422)
    consent.language = code
    db.session.commit()


def page(consent: GuardianConsent) -> dict:
    """What the guardian page shows for a sign-up or a placement."""
    shown = {"consent": consent, "decisions": DECISION_LABELS, "languages": LANGUAGES}
    application = consent.application
    if application is not None:
        coming = application_to_come(application)
        return shown | {
            "application": application,
            "job": application.job,
            "subject_field": "application",
            "subject_id": application.id,
            "waiting": application.status is ApplicationStatus.AWAITING_GUARDIAN,
            "holds": application.status is ApplicationStatus.PLACED and coming is not None,
            "coming": coming,
            "status_label": APPLICATION_LABELS[application.status],
        }
    signup = consent.signup
    shift = signup.shift
    return shown | {
        "signup": signup,
        "shift": shift,
        "hours": format_decimal(round((shift.ends_at - shift.starts_at).total_seconds() / 3600, 2)),
        "subject_field": "signup",
        "subject_id": signup.id,
        "waiting": signup.status is SignupStatus.AWAITING_GUARDIAN,
        "holds": signup.status is SignupStatus.CONFIRMED and shift_to_come(shift),
        "status_label": places.STATUS_LABELS[signup.status],
    }


DECISION_CHOICES = {
    "consent": ConsentDecision.CONSENTED,
    "decline": ConsentDecision.DECLINED,
    "withdraw": ConsentDecision.WITHDRAWN,
}


def expire(consent: GuardianConsent) -> None:
    """An unanswered request past its hold: give the place up (sign-up or placement)."""
    if consent.application is not None:
        expire_application(consent)
    else:
        expire_holds(consent.signup.shift)


def send_link(signup: ShiftSignup, address: str, token: str) -> None:
    """Send the guardian the link, in the guardian's language; raises SendError."""
    shift = signup.shift
    link = current_app.config["BASE_URL"].rstrip("/") + url_for("shifts.guardian", token=token)
    with force_locale(message_language(address, signup.person)):
        subject = _("Grannlabb: your consent is asked for a shift")
        body = _(
            "%(name)s has signed up for a shift at %(workplace)s on %(when)s and needs your "
            "consent as guardian. Read what it is and answer here: %(link)s",
            name=signup.person.display_name,
            workplace=shift.workplace.name,
            when=moment_label(shift.starts_at),
            link=link,
        )
    sender_for(address).send(address, str(subject), str(body))


def send_application_link(application: JobApplication, address: str, token: str) -> None:
    """Send the guardian the link for a summer-job placement; raises SendError."""
    job = application.job
    link = current_app.config["BASE_URL"].rstrip("/") + url_for("shifts.guardian", token=token)
    with force_locale(message_language(address, application.person)):
        subject = _("Grannlabb: your consent is asked for a summer job")
        body = _(
            "%(name)s has been offered a summer job at %(workplace)s (%(employer)s) from "
            "%(start)s to %(end)s and needs your consent as guardian. Read what it is and "
            "answer here: %(link)s",
            name=application.person.display_name,
            workplace=job.workplace,
            employer=job.employer,
            start=date_label(job.starts_on, "medium"),
            end=date_label(job.ends_on, "medium"),
            link=link,
        )
    sender_for(address).send(address, str(subject), str(body))


# Links made while places moved up, sent once the transaction is committed.
_QUEUED_LINKS = "guardian_links"


def known_guardian(person_id: int) -> str | None:
    """The guardian address the person named most recently, for a shift or a summer job."""
    return db.session.scalar(
        sa.select(GuardianConsent.guardian_address)
        .outerjoin(ShiftSignup, ShiftSignup.id == GuardianConsent.signup_id)
        .outerjoin(JobApplication, JobApplication.id == GuardianConsent.job_application_id)
        .where(sa.or_(ShiftSignup.person_id == person_id, JobApplication.person_id == person_id))
        .order_by(GuardianConsent.id.desc())
        .limit(1)
    )


def ask_known_guardian(signup: ShiftSignup) -> bool:
    """For a sign-up just moved up to *awaiting guardian*: open the request to the guardian
    named before, in the caller's transaction; :func:`send_queued_links` sends it after the
    commit. False when no guardian is known (the youth is asked to name one)."""
    address = known_guardian(signup.person_id)
    if address is None or signup.hold_until is None or consent_for(signup) is not None:
        return False
    token = secrets.token_urlsafe(32)
    db.session.add(
        GuardianConsent(
            signup_id=signup.id,
            guardian_address=address,
            token_hash=digest(f"guardian:{token}"),
            expires_at=signup.hold_until,
            decision=ConsentDecision.PENDING,
        )
    )
    db.session.info.setdefault(_QUEUED_LINKS, []).append((address, token))
    return True


def send_queued_links() -> int:
    """Send the links queued by :func:`ask_known_guardian` whose request was committed and is
    still open; a failed send is logged (the youth can send the link again from the shift)."""
    sent = 0
    for address, token in db.session.info.pop(_QUEUED_LINKS, []):
        consent = find(token)
        if consent is None or consent.decision is not ConsentDecision.PENDING:
            continue
        try:
            send_link(consent.signup, address, token)
            sent += 1
        except SendError as error:
            current_app.logger.warning(
                "guardian link for sign-up %s not sent: %s", consent.signup_id, error
            )
    return sent


# What a guardian is told without being asked anything, queued in the caller's transaction
# and sent once it is committed (in the guardian's language, :func:`message_language`).
YOUTH_CANCELLED = "youth_cancelled"
SHIFT_CANCELLED = "shift_cancelled"
SHIFT_CHANGED = "shift_changed"
YOUTH_WITHDREW_JOB = "youth_withdrew_job"
_QUEUED_NOTES = "guardian_notes"
_STILL_CONCERNED = (ConsentDecision.PENDING, ConsentDecision.CONSENTED)


def tell_guardian(consent: GuardianConsent | None, what: str) -> None:
    """Queue a note to the guardian asked about (or consenting to) a place that ends."""
    if consent is not None and consent.decision in _STILL_CONCERNED:
        db.session.info.setdefault(_QUEUED_NOTES, []).append((consent.id, what))


def tell_guardian_of_signup(signup: ShiftSignup, what: str) -> None:
    tell_guardian(consent_for(signup), what)


def _note(consent: GuardianConsent, what: str) -> tuple[str, str]:
    """The subject and text of a note, in the active language."""
    if what == YOUTH_WITHDREW_JOB:
        application = consent.application
        job = application.job
        return _("Grannlabb: a summer job is given up"), _(
            "%(name)s has given up the summer job at %(workplace)s (%(employer)s). Nothing "
            "more is needed from you.",
            name=application.person.display_name,
            workplace=job.workplace,
            employer=job.employer,
        )
    signup = consent.signup
    shift = signup.shift
    values = {
        "name": signup.person.display_name,
        "workplace": shift.workplace.name,
        "when": moment_label(shift.starts_at),
    }
    if what == SHIFT_CHANGED:
        return _("Grannlabb: a shift has changed"), _(
            "The shift at %(workplace)s that %(name)s signed up for has changed: it is now "
            "%(span)s. If it no longer suits, answer or withdraw your consent with the link "
            "you were sent earlier.",
            span=span_label(shift.starts_at, shift.ends_at),
            **values,
        )
    if what == SHIFT_CANCELLED:
        if shift.cancel_reason:
            return _("Grannlabb: a shift is cancelled"), _(
                "The shift at %(workplace)s on %(when)s that %(name)s signed up for is "
                "cancelled. Reason: %(reason)s. Nothing more is needed from you.",
                reason=shift.cancel_reason,
                **values,
            )
        return _("Grannlabb: a shift is cancelled"), _(
            "The shift at %(workplace)s on %(when)s that %(name)s signed up for is cancelled. "
            "Nothing more is needed from you.",
            **values,
        )
    return _("Grannlabb: a sign-up is cancelled"), _(
        "%(name)s has cancelled the sign-up for the shift at %(workplace)s on %(when)s. "
        "Nothing more is needed from you.",
        **values,
    )


def send_queued_notes() -> int:
    """Send the notes queued by :func:`tell_guardian` once committed; a failed send is
    logged (the place has ended whether or not the guardian hears of it)."""
    sent = 0
    for consent_id, what in db.session.info.pop(_QUEUED_NOTES, []):
        consent = db.session.get(GuardianConsent, consent_id)
        if consent is None:
            continue
        youth = consent.application.person if consent.application else consent.signup.person
        address = consent.guardian_address
        with force_locale(message_language(address, youth)):
            subject, text = _note(consent, what)
        try:
            sender_for(address).send(address, str(subject), str(text))
            sent += 1
        except SendError as error:
            current_app.logger.warning("guardian note %s not sent: %s", consent_id, error)
    return sent


def find(token: str) -> GuardianConsent | None:
    return db.session.scalar(
        sa.select(GuardianConsent)
        .where(GuardianConsent.token_hash == digest(f"guardian:{token}"))
        .options(
            sa.orm.joinedload(GuardianConsent.signup).joinedload(ShiftSignup.person),
            sa.orm.joinedload(GuardianConsent.signup).joinedload(ShiftSignup.shift),
            sa.orm.joinedload(GuardianConsent.application).joinedload(JobApplication.job),
        )
    )


def is_expired(consent: GuardianConsent) -> bool:
    """An unanswered request past the hold (a decided one stays readable)."""
    return consent.decision is ConsentDecision.PENDING and consent.expires_at <= utcnow()


_WITHDRAW_TOO_LATE = _l(
    "Nothing is left to come: withdrawing would change nothing, and worked shifts stay on record."
)


def shift_to_come(shift: Shift, now=None) -> bool:
    """A withdrawal only reaches a shift that has not started (worked hours stay)."""
    return shift.starts_at > (now or utcnow())


def application_to_come(application: JobApplication, now=None) -> int | None:
    """How many of the placement's shifts are still to come, or ``None`` when the job is
    over and none is left: then a withdrawal would change nothing."""
    now = now or utcnow()
    coming = len(placement_signups(application, now))
    if coming == 0 and application.job.ends_on < local(now).date():
        return None
    return coming


def decide(consent: GuardianConsent, decision: ConsentDecision) -> None:
    """Consent or decline an open request, or withdraw a consent; each decision is recorded."""
    if consent.job_application_id is not None:
        _decide_application(consent, decision)
        return
    signup = consent.signup
    shift = signup.shift
    now = utcnow()
    places.lock_shift(shift.id)
    db.session.refresh(consent)
    db.session.refresh(signup)
    if decision is ConsentDecision.WITHDRAWN:
        allowed = consent.decision is ConsentDecision.CONSENTED
    else:
        allowed = (
            consent.decision is ConsentDecision.PENDING
            and signup.status is SignupStatus.AWAITING_GUARDIAN
            and consent.expires_at > now
        )
    if not allowed or (signup.status is SignupStatus.CANCELLED):
        db.session.rollback()
        raise Refused(_l("This has already been answered; the page shows what holds now."), 409)
    if decision is ConsentDecision.WITHDRAWN and not shift_to_come(shift, now):
        db.session.rollback()
        raise Refused(_WITHDRAW_TOO_LATE, 409)
    consent.decision = decision
    db.session.add(GuardianDecision(consent_id=consent.id, decision=decision, decided_at=now))
    notify(signup.person_id, ANSWER_NOTICES[decision], shift_id=shift.id)
    if decision is ConsentDecision.CONSENTED:
        signup.status, signup.hold_until = SignupStatus.CONFIRMED, None
    else:
        signup.status, signup.hold_until, signup.cancelled_at = SignupStatus.CANCELLED, None, now
        db.session.flush()
        places.fill_free_places(shift, now)
    db.session.commit()
    send_queued_links()


def expire_holds(shift: Shift | None = None) -> int:
    """Cancel sign-ups whose guardian did not answer in time (of one shift, or all) and give
    the places to the waiting list. Returns how many were cancelled."""
    now = utcnow()
    query = sa.select(ShiftSignup.shift_id).where(
        ShiftSignup.status == SignupStatus.AWAITING_GUARDIAN, ShiftSignup.hold_until <= now
    )
    if shift is not None:
        query = query.where(ShiftSignup.shift_id == shift.id)
    shift_ids = sorted(set(db.session.scalars(query)))
    expired = 0
    for shift_id in shift_ids:
        places.lock_shift(shift_id)
        expired += db.session.execute(
            sa.update(ShiftSignup)
            .where(
                ShiftSignup.shift_id == shift_id,
                ShiftSignup.status == SignupStatus.AWAITING_GUARDIAN,
                ShiftSignup.hold_until <= now,
            )
            .values(status=SignupStatus.CANCELLED, cancelled_at=now, hold_until=None)
            .execution_options(synchronize_session=False)
        ).rowcount
        places.fill_free_places(db.session.get(Shift, shift_id), now)
        db.session.commit()
        send_queued_links()
    if shift_ids:
        db.session.expire_all()
    return expired


def _allowed(consent: GuardianConsent, decision: ConsentDecision, waiting: bool) -> bool:
    if decision is ConsentDecision.WITHDRAWN:
        return consent.decision is ConsentDecision.CONSENTED
    return consent.decision is ConsentDecision.PENDING and waiting and consent.expires_at > utcnow()


def _decide_application(consent: GuardianConsent, decision: ConsentDecision) -> None:
    application = consent.application
    now = utcnow()
    lock_row(Job, application.job_id, Job.version)
    db.session.refresh(consent)
    db.session.refresh(application)
    waiting = application.status is ApplicationStatus.AWAITING_GUARDIAN
    if application.status is ApplicationStatus.WITHDRAWN or not _allowed(
        consent, decision, waiting
    ):
        db.session.rollback()
        raise Refused(_l("This has already been answered; the page shows what holds now."), 409)
    if decision is ConsentDecision.WITHDRAWN and application_to_come(application, now) is None:
        db.session.rollback()
        raise Refused(_WITHDRAW_TOO_LATE, 409)
    consent.decision = decision
    db.session.add(GuardianDecision(consent_id=consent.id, decision=decision, decided_at=now))
    job = application.job
    notify(
        application.person_id, ANSWER_NOTICES[decision], detail=f"{job.employer}, {job.workplace}"
    )
    if decision is ConsentDecision.CONSENTED:
        application.status = ApplicationStatus.PLACED
        for signup in placement_signups(application, now):
            if signup.status is SignupStatus.AWAITING_GUARDIAN:
                signup.status, signup.hold_until = SignupStatus.CONFIRMED, None
        db.session.commit()
    else:
        end_placement(application, now)


def end_placement(application: JobApplication, now) -> None:
    """Withdraw the application and cancel its shifts still to come; commits."""
    application.status = ApplicationStatus.WITHDRAWN
    shifts = []
    for signup in placement_signups(application, now):
        signup.status, signup.hold_until, signup.cancelled_at = SignupStatus.CANCELLED, None, now
        shifts.append(signup.shift)
    db.session.flush()
    for shift in shifts:
        places.fill_free_places(shift, now)
    db.session.commit()
    send_queued_links()


def placement_signups(application: JobApplication, now) -> list[ShiftSignup]:
    """The applicant's active sign-ups for the placement's shifts that have not begun."""
    job = application.job
    return list(
        db.session.scalars(
            sa.select(ShiftSignup)
            .join(Shift, Shift.id == ShiftSignup.shift_id)
            .join(Workplace, Workplace.id == Shift.workplace_id)
            .where(
                ShiftSignup.person_id == application.person_id,
                ShiftSignup.status.in_([SignupStatus.CONFIRMED, SignupStatus.AWAITING_GUARDIAN]),
                Workplace.area_id == job.area_id,
                Workplace.name == job.workplace,
                Shift.starts_at > now,
            )
        )
    )


def expire_application(consent: GuardianConsent) -> None:
    """An unanswered placement request past its time: withdraw the placement."""
    application = consent.application
    lock_row(Job, application.job_id, Job.version)
    db.session.refresh(consent)
    db.session.refresh(application)
    if not is_expired(consent) or application.status is not ApplicationStatus.AWAITING_GUARDIAN:
        db.session.commit()
        return
    end_placement(application, utcnow())


def guardian_address(raw: str) -> str:
    """The guardian's phone or email as typed, normalised; a clear 422 when it is not one."""
    try:
        return normalize_address(raw)
    except InvalidAddress as error:
        raise Refused(
            _("Your guardian's phone or email: %(problem)s", problem=str(error)), 422
        ) from None


def needs_guardian(shift: Shift, person) -> bool:
    """A signed-in person who is a minor on the shift's date names a guardian when taking a
    place (their place waits for the guardian's consent)."""
    return (
        person.is_authenticated
        and person.birth_year is not None
        and places.is_minor(shift, person.birth_year)
    )


def named_guardian(shift: Shift, person, raw: str | None) -> str | None:
    """The guardian's address a minor typed when signing up (Refused, 422, if it is not a
    phone number or email), or the guardian named before when the field is left empty;
    None for someone who needs no guardian."""
    if not needs_guardian(shift, person):
        return None
    if not (raw or "").strip():
        known = known_guardian(person.id)
        if known is not None:
            return known
    return guardian_address(raw or "")


def to_ask(signup: ShiftSignup, guardian: str | None) -> bool:
    """Whether the guardian just named is to be asked now: the place waits for a guardian and
    nobody has been asked for it yet."""
    return (
        guardian is not None
        and signup.status is SignupStatus.AWAITING_GUARDIAN
        and consent_for(signup) is None
    )
