"""The background worker: ``flask --app app worker`` delivers the outbox continuously and runs
the other tasks on their schedules, until SIGTERM or SIGINT stops it cleanly.

Scheduling is APScheduler's (a kept library: interval and cron triggers in Swedish time,
missed runs coalesced); what makes several workers safe is in the database, not in the
scheduler. Each task run first claims the task's lease (``task_lease``) with one conditional
UPDATE: an interval task while no other worker holds it, a daily task once per Swedish
calendar day. The outbox additionally locks each notice (SKIP LOCKED on PostgreSQL), so two
workers never send a notice twice. Every run is logged; every worker writes a heartbeat that
``/readyz`` reads. The cron commands (``send-outbox``…) keep working and take the same leases.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from flask import Flask
from sqlalchemy.exc import IntegrityError

from app.clock import STOCKHOLM, local
from app.extensions import db
from app.models.util import utcnow
from app.models.worker import TaskLease, WorkerBeat

log = logging.getLogger("grannlabb.worker")
HEARTBEAT_SECONDS = 30


def _outbox() -> str:
    from app.notifications.outbox import deliver_outbox

    return deliver_outbox().summary()


def _offers() -> str:
    from app.activities.offers import expire_all_offers
    from app.shifts.services import expire_offers

    return f"expired offers: {expire_all_offers() + expire_offers()}"


def _guardian_holds() -> str:
    from app.shifts.guardians import expire_holds

    return f"expired holds: {expire_holds()}"


def _reminders() -> str:
    from app.activities.reminders import queue_reminders
    from app.shifts.services import queue_reminders as queue_shift_reminders

    return f"reminders queued: {queue_reminders() + queue_shift_reminders()}"


def _follow_ups() -> str:
    from app.agreements.services import queue_follow_ups

    return f"follow-up notices queued: {queue_follow_ups()}"


def _retention() -> str:
    from app.programmes.services import delete_expired

    return f"enrolments past their retention period: {delete_expired()}"


def _results() -> str:
    from app.results.services import refresh_summaries

    return f"results pages counted: {refresh_summaries()}"


@dataclass(frozen=True)
class Task:
    name: str
    run: Callable[[], str]
    every: timedelta | None = None  # an interval task
    at: tuple[int, int] | None = None  # a daily task: (hour, minute) in Swedish time

    @property
    def daily(self) -> bool:
        return self.at is not None

    def trigger(self):
        if self.daily:
            return CronTrigger(hour=self.at[0], minute=self.at[1], timezone=STOCKHOLM)
        return IntervalTrigger(seconds=self.every.total_seconds())


# Every task the worker runs; a task added later goes here.
TASKS = [
    Task("send-outbox", _outbox, every=timedelta(seconds=30)),
    Task("expire-offers", _offers, every=timedelta(minutes=5)),
    Task("expire-guardian-holds", _guardian_holds, every=timedelta(hours=1)),
    Task("count-results", _results, every=timedelta(minutes=5)),
    Task("send-reminders", _reminders, at=(17, 0)),
    Task("send-agreement-follow-ups", _follow_ups, at=(7, 0)),
    Task("delete-expired-enrolments", _retention, at=(3, 0)),
]
BY_NAME = {task.name: task for task in TASKS}
LEASE_MARGIN = timedelta(minutes=10)  # an interval task's lease outlasts a run this long


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _ensure_lease_row(name: str) -> None:
    if db.session.get(TaskLease, name) is None:
        db.session.add(TaskLease(name=name))
        try:
            db.session.commit()
        except IntegrityError:  # another worker made it first
            db.session.rollback()


def claim(task: Task, holder: str, now: datetime | None = None) -> bool:
    """Take the task's lease with one conditional UPDATE: True for exactly one claimant."""
    now = now or utcnow()
    _ensure_lease_row(task.name)
    lease = TaskLease.__table__
    if task.daily:
        today = local(now).date()
        free = sa.or_(lease.c.ran_on.is_(None), lease.c.ran_on < today)
        values = {"holder": holder, "ran_on": today, "leased_until": now + LEASE_MARGIN}
    else:
        free = sa.or_(lease.c.leased_until.is_(None), lease.c.leased_until < now)
        values = {"holder": holder, "leased_until": now + task.every + LEASE_MARGIN}
    claimed = db.session.execute(
        sa.update(lease).where(lease.c.name == task.name, free).values(**values)
    ).rowcount
    db.session.commit()
    return bool(claimed)


def _release(task: Task, holder: str, result: str) -> None:
    lease = TaskLease.__table__
    values = {"last_run_at": utcnow(), "last_result": result[:300]}
    if not task.daily:
        values["leased_until"] = None  # the next run may be anyone's
    db.session.execute(
        sa.update(lease).where(lease.c.name == task.name, lease.c.holder == holder).values(**values)
    )
    db.session.commit()


def run_task(app: Flask, task: Task, holder: str) -> str | None:
    """Run the task if its lease is ours; returns its summary, or None when another worker
    has it. A failure is logged and the lease let go; the worker goes on."""
    with app.app_context():
        try:
            if not claim(task, holder):
                log.info("task %s: held by another worker, skipped", task.name)
                return None
            started = time.monotonic()
            try:
                result = task.run()
            except Exception:
                db.session.rollback()
                log.exception("task %s failed", task.name)
                _release(task, holder, "failed")
                return "failed"
            _release(task, holder, result)
            log.info("task %s: %s (%.2f s)", task.name, result, time.monotonic() - started)
            return result
        finally:
            db.session.remove()


def beat(app: Flask, holder: str, started_at: datetime) -> None:
    with app.app_context():
        row = db.session.get(WorkerBeat, holder)
        if row is None:
            db.session.add(WorkerBeat(worker=holder, beat_at=utcnow(), started_at=started_at))
        else:
            row.beat_at = utcnow()
        db.session.commit()
        db.session.remove()


def run(app: Flask, stop: threading.Event | None = None) -> None:
    """Schedule every task and the heartbeat; block until ``stop`` is set (SIGTERM/SIGINT)."""
    stop = stop or threading.Event()
    holder = worker_id()
    started_at = utcnow()
    scheduler = BackgroundScheduler(
        timezone=STOCKHOLM, job_defaults={"coalesce": True, "max_instances": 1}
    )
    for task in TASKS:
        # Interval tasks run at once, then every interval; daily ones at their hour.
        first = {} if task.daily else {"next_run_time": datetime.now(STOCKHOLM)}
        scheduler.add_job(run_task, task.trigger(), args=(app, task, holder), id=task.name, **first)
    scheduler.add_job(
        beat,
        IntervalTrigger(seconds=HEARTBEAT_SECONDS),
        args=(app, holder, started_at),
        id="heartbeat",
        next_run_time=datetime.now(STOCKHOLM),
    )

    def _stop(signum, _frame) -> None:
        log.info("worker %s: signal %s, stopping", holder, signum)
        stop.set()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
    scheduler.start()
    log.info("worker %s started: %s", holder, ", ".join(t.name for t in TASKS))
    stop.wait()
    scheduler.shutdown(wait=True)  # lets a running task finish
    log.info("worker %s stopped", holder)
