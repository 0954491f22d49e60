"""Reminders the day before an activity: once per confirmed sign-up, through the outbox."""

from datetime import UTC, date, time, timedelta
from unittest import mock

import sqlalchemy as sa
from flask_babel import force_locale

from app.activities import services
from app.activities.reminders import queue_reminders
from app.clock import meeting_time
from app.extensions import db
from app.models import Notification, NotificationKind, Registration, RegistrationStatus
from app.notifications import messages
from tests.activities.factories import make_activity, people
from tests.conftest import count, make_person, notices
from tests.live import run_together

# Monday 9 March 2026, 10:00 in Stockholm; the services' clock is fixed to it where it matters.
NOW = meeting_time(date(2026, 3, 9), time(10, 0))


def at(day: date, clock: time) -> dict:
    """An activity starting at a Swedish date and clock time (for make_activity)."""
    return {"day": day, "clock": clock}


def activity_at(area, leader, *, when: dict, **fields):
    activity = make_activity(area, leader, **fields)
    activity.starts_at = meeting_time(when["day"], when["clock"])
    activity.ends_at = activity.starts_at + timedelta(hours=2)
    db.session.commit()
    return activity


def run(now=NOW) -> int:
    return queue_reminders(now)


def reminders() -> list[Notification]:
    return notices(NotificationKind.ACTIVITY_REMINDER)


def _sign_up_all(activity, persons):
    with mock.patch.object(services, "utcnow", return_value=NOW):
        for person in persons:
            services.sign_up(activity, person)


def test_tomorrow_is_reminded_not_today_or_the_day_after(area, leader):
    today = activity_at(area, leader, title="Today", when=at(date(2026, 3, 9), time(18)))
    early = activity_at(area, leader, title="Early", when=at(date(2026, 3, 10), time(0)))
    late = activity_at(area, leader, title="Late", when=at(date(2026, 3, 10), time(23, 30)))
    after = activity_at(area, leader, title="After", when=at(date(2026, 3, 11), time(0)))
    a, b, c, d = people(4)
    for activity, person in ((today, a), (early, b), (late, c), (after, d)):
        _sign_up_all(activity, [person])
    assert run() == 2
    assert {(n.person_id, n.activity_id) for n in reminders()} == {
        (b.id, early.id),
        (c.id, late.id),
    }


def test_running_again_reminds_nobody_twice(area, leader):
    activity = activity_at(area, leader, capacity=5, when=at(date(2026, 3, 10), time(17)))
    _sign_up_all(activity, people(3))
    assert run() == 3
    assert run() == 0
    assert run(NOW + timedelta(hours=5)) == 0
    assert len(reminders()) == 3
    assert count(Registration, Registration.reminded_at.is_(None)) == 0


def test_cancelled_waitlisted_and_offered_are_not_reminded(area, leader):
    activity = activity_at(area, leader, capacity=1, when=at(date(2026, 3, 10), time(17)))
    confirmed, waiting, gone = people(3)
    _sign_up_all(activity, [confirmed, waiting])
    other = activity_at(area, leader, capacity=3, when=at(date(2026, 3, 10), time(12)))
    _sign_up_all(other, [gone])
    db.session.execute(
        sa.update(Registration)
        .where(Registration.activity_id == other.id)
        .values(status=RegistrationStatus.CANCELLED)
    )
    db.session.commit()
    assert run() == 1
    (notice,) = reminders()
    assert notice.person_id == confirmed.id
    reg = db.session.scalar(sa.select(Registration).where(Registration.person_id == waiting.id))
    assert reg.status is RegistrationStatus.WAITLISTED and reg.reminded_at is None


def test_guardian_is_reminded_for_their_child(app, area, leader):
    activity = activity_at(
        area, leader, title="Pyssel", capacity=5, when=at(date(2026, 3, 10), time(15))
    )
    guardian = make_person("Guardian")
    with mock.patch.object(services, "utcnow", return_value=NOW):
        services.sign_up(activity, guardian, "Ali", 2019)
    assert run() == 1
    (notice,) = reminders()
    assert notice.person_id == guardian.id and notice.detail == "Ali"
    with app.test_request_context():
        notice_text = messages.render(notice)
    assert "Ali" in notice_text.sentence and "Pyssel" in notice_text.sentence
    assert notice_text.url == f"/activities/{activity.id}"


def test_sentence_names_activity_stockholm_time_and_place(app, area, leader):
    # 17:00 in Stockholm is 16:00 UTC in March.
    activity = activity_at(
        area, leader, title="Fotboll", capacity=5, when=at(date(2026, 3, 10), time(17))
    )
    assert activity.starts_at.astimezone(UTC).hour == 16
    person = make_person("Reader")
    _sign_up_all(activity, [person])
    run()
    (notice,) = reminders()
    with app.test_request_context(), force_locale("en"):
        text = messages.render(notice).sentence
    assert "Fotboll" in text and "17:00" in text and "Planen" in text and "tomorrow" in text
    assert "Tuesday, March 10, 2026" in text
    with app.test_request_context(), force_locale("sv"):
        text = messages.render(notice).sentence
    assert "i morgon" in text and "tisdag 10 mars 2026 klockan 17:00" in text


def test_reminder_is_delivered_by_the_outbox(runner, area, leader):
    activity = make_activity(area, leader, capacity=5, starts_in=timedelta(days=1))
    person = make_person("Outbox")
    services.sign_up(activity, person)
    with mock.patch.object(services, "utcnow", return_value=activity.starts_at - timedelta(days=1)):
        result = runner.invoke(args=["send-reminders"])
    assert result.exit_code == 0 and "Reminders queued: 1" in result.output
    result = runner.invoke(args=["send-outbox"])
    assert result.exit_code == 0 and "1 sent" in result.output
    (notice,) = reminders()
    assert notice.sent_at is not None and notice.person_id == person.id


def test_simultaneous_runs_remind_each_sign_up_once(app, area, leader):
    activity = activity_at(area, leader, capacity=10, when=at(date(2026, 3, 10), time(17)))
    _sign_up_all(activity, people(6))
    queued = run_together(app, [lambda: queue_reminders(NOW)] * 4)
    assert not [q for q in queued if isinstance(q, Exception)], queued
    assert sum(queued) == 6
    notices = reminders()
    assert len(notices) == 6 and len({n.person_id for n in notices}) == 6
