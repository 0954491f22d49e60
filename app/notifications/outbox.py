"""The outbox worker: delivers queued notices by email or SMS, in each person's language.

Run by ``flask --app app send-outbox`` (from cron or a systemd timer). Each notice is committed
as soon as it is handed over, so a second run never sends it again; a failed one is retried on
the next run and given up after ``MAX_ATTEMPTS``.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale

from app.extensions import db
from app.i18n import DEFAULT_LOCALE, is_supported
from app.models import Notification
from app.models.util import utcnow
from app.notifications import messages
from app.senders import SendError, sender_for

MAX_ATTEMPTS = 5
BATCH_SIZE = 100
ERROR_MAX = 300


@dataclass
class OutboxResult:
    sent: int = 0
    failed: int = 0
    gave_up: int = 0
    skipped: int = 0

    def summary(self) -> str:
        return (
            f"Outbox: {self.sent} sent, {self.failed} failed (retried next run), "
            f"{self.gave_up} given up after {MAX_ATTEMPTS} attempts, "
            f"{self.skipped} skipped (no address)."
        )


def _claim(notification_id: int) -> Notification | None:
    """Lock one unsent notice (PostgreSQL skips rows another worker holds; SQLite has one
    writer anyway), reloaded so a notice sent meanwhile is not sent twice."""
    return db.session.scalar(
        sa.select(Notification)
        .where(Notification.id == notification_id, Notification.sent_at.is_(None))
        .options(
            sa.orm.joinedload(Notification.person),
            *messages.load_options(),
        )
        .with_for_update(skip_locked=True, of=Notification)
        .execution_options(populate_existing=True)
    )


def _deliver(notification: Notification, status_kind, result: OutboxResult) -> None:
    person = notification.person
    address = person.address
    if person.deleted_at is not None or not address:
        notification.sent_at = utcnow()
        notification.last_error = "skipped: the account has no address"
        result.skipped += 1
        return
    locale = person.locale if is_supported(person.locale) else DEFAULT_LOCALE
    with force_locale(locale):
        notice = messages.render(notification, status_kind, external=True)
        email = "@" in address
        body = notice.email_body(messages.dated(notification)) if email else notice.sms_body()
    try:
        sender_for(address).send(address, notice.subject, body)
    except SendError as error:
        notification.attempts += 1
        notification.last_error = str(error)[:ERROR_MAX] or "send error"
        if notification.attempts >= MAX_ATTEMPTS:
            result.gave_up += 1
        else:
            result.failed += 1
        return
    notification.sent_at = utcnow()
    notification.last_error = None
    result.sent += 1


def deliver_outbox(batch_size: int = BATCH_SIZE) -> OutboxResult:
    """Deliver every unsent notice once, in batches; links are absolute under BASE_URL."""
    app = current_app._get_current_object()
    result = OutboxResult()
    last_id = 0
    with app.test_request_context(base_url=app.config["BASE_URL"]):
        while True:
            batch = db.session.scalars(
                sa.select(Notification)
                .where(
                    Notification.sent_at.is_(None),
                    Notification.attempts < MAX_ATTEMPTS,
                    Notification.id > last_id,
                )
                .options(
                    sa.orm.joinedload(Notification.person),
                    *messages.load_options(),
                )
                .order_by(Notification.id)
                .limit(batch_size)
            ).all()
            if not batch:
                break
            last_id = batch[-1].id
            kinds = messages.status_events(batch)
            for candidate in batch:
                notification = _claim(candidate.id)
                if notification is not None and notification.attempts < MAX_ATTEMPTS:
                    _deliver(notification, kinds.get(notification.id), result)
                db.session.commit()
    return result
