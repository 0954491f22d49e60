"""Reminders the day before a café shift: once per confirmed sign-up, through the outbox, by
the same ``send-reminders`` command as activities."""

from datetime import date, time, timedelta
from unittest import mock

from flask_babel import force_locale

from app.clock import meeting_time
from app.extensions import db
from app.models import Notification, NotificationKind, ShiftSignup, SignupStatus
from app.notifications import messages
from app.shifts import services
from tests.conftest import make_person, notices
from tests.live import run_together
from tests.shifts.factories import make_shift

# Monday 9 March 2026, 10:00 in Stockholm.
NOW = meeting_time(date(2026, 3, 9), time(10, 0))


def shift_on(workplace, day: date, start: time = time(17), capacity=10):
    return make_shift(workplace, day, start, time(start.hour + 2), capacity=capacity)


def add(shift, name, status=SignupStatus.CONFIRMED) -> ShiftSignup:
    person = make_person(name, birth_year=1990)
    signup = ShiftSignup(shift_id=shift.id, person_id=person.id, status=status)
    db.session.add(signup)
    db.session.commit()
    return signup


def reminders() -> list[Notification]:
    return notices(NotificationKind.SHIFT_REMINDER)


def test_tomorrow_confirmed_only_once(workplace):
    tomorrow = shift_on(workplace, date(2026, 3, 10))
    today = shift_on(workplace, date(2026, 3, 9), time(18))
    after = shift_on(workplace, date(2026, 3, 11), time(0))
    yes = add(tomorrow, "Bekräftad")
    add(tomorrow, "Väntar", SignupStatus.WAITLISTED)
    add(tomorrow, "Förälder", SignupStatus.AWAITING_GUARDIAN)
    add(tomorrow, "Avbokad", SignupStatus.CANCELLED)
    add(today, "Idag")
    add(after, "Sedan")
    assert services.queue_reminders(NOW) == 1
    (notice,) = reminders()
    assert notice.person_id == yes.person_id and notice.shift_id == tomorrow.id
    assert services.queue_reminders(NOW) == 0
    assert len(reminders()) == 1


def test_sentence_names_workplace_and_stockholm_time(app, workplace):
    shift = shift_on(workplace, date(2026, 3, 10))
    add(shift, "Läsare")
    services.queue_reminders(NOW)
    (notice,) = reminders()
    with app.test_request_context(), force_locale("en"):
        rendered = messages.render(notice)
    assert "Ungdomscaféet" in rendered.sentence and "tomorrow" in rendered.sentence
    assert "Tuesday, March 10, 2026" in rendered.sentence and "17:00" in rendered.sentence
    assert rendered.url == f"/shifts/{shift.id}"


def test_command_queues_and_outbox_delivers(runner, workplace):
    shift = make_shift(workplace, capacity=2)
    signup = add(shift, "Utkorg")
    day_before = shift.starts_at - timedelta(days=1)
    with mock.patch.object(services, "utcnow", return_value=day_before):
        result = runner.invoke(args=["send-reminders"])
    assert result.exit_code == 0 and "Reminders queued: 1" in result.output
    result = runner.invoke(args=["send-outbox"])
    assert result.exit_code == 0 and "1 sent" in result.output
    (notice,) = reminders()
    assert notice.sent_at is not None and notice.person_id == signup.person_id
    db.session.refresh(signup)
    assert signup.reminded_at is not None


def test_simultaneous_runs_remind_each_sign_up_once(app, workplace):
    shift = shift_on(workplace, date(2026, 3, 10))
    for k in range(5):
        add(shift, f"Person {k}")
    queued = run_together(app, [lambda: services.queue_reminders(NOW)] * 3)
    assert not [q for q in queued if isinstance(q, Exception)], queued
    assert sum(queued) == 5
    assert len({n.person_id for n in reminders()}) == 5 == len(reminders())
