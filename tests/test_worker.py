"""The background worker: leases make each task run once however many workers run, a failing
task does not stop the others, the heartbeat is written, and SIGTERM stops it cleanly."""

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from app import worker
from app.extensions import db
from app.models.util import utcnow
from app.models.worker import TaskLease, WorkerBeat, last_beat

ROOT = Path(__file__).resolve().parents[1]


def counting(name="count", daily=False):
    calls = []
    task = worker.Task(
        name,
        lambda: calls.append(1) or f"ran {len(calls)}",
        every=None if daily else timedelta(seconds=30),
        at=(17, 0) if daily else None,
    )
    return task, calls


def test_an_interval_task_is_held_by_one_worker_at_a_time(app):
    task, _ = counting()
    assert worker.claim(task, "a")
    assert not worker.claim(task, "b")
    worker._release(task, "a", "done")
    assert worker.claim(task, "b")
    lease = db.session.get(TaskLease, task.name)
    assert lease.holder == "b"


def test_a_lease_left_by_a_worker_that_died_expires(app):
    task, _ = counting()
    assert worker.claim(task, "a", now=utcnow() - timedelta(hours=1))
    assert worker.claim(task, "b")  # a's lease ran out: it is not coming back


def test_a_daily_task_runs_once_a_day_whichever_worker_comes_first(app):
    task, _ = counting("daily", daily=True)
    now = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)  # 10:00 in Sweden
    assert worker.claim(task, "a", now)
    assert not worker.claim(task, "b", now)
    assert not worker.claim(task, "a", now + timedelta(hours=2))
    assert worker.claim(task, "b", now + timedelta(days=1))


def test_run_task_skips_what_another_worker_holds(app):
    task, calls = counting()
    assert worker.claim(task, "other")
    assert worker.run_task(app, task, "me") is None
    assert calls == []
    worker._release(task, "other", "done")
    assert worker.run_task(app, task, "me") == "ran 1"
    lease = db.session.get(TaskLease, task.name)
    assert lease.last_result == "ran 1" and lease.leased_until is None


def test_two_workers_at_once_run_a_daily_task_once(app):
    task, calls = counting("simultaneous", daily=True)
    results = []
    threads = [
        threading.Thread(target=lambda who=who: results.append(worker.run_task(app, task, who)))
        for who in ("a", "b", "c")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert calls == [1]
    assert results.count("ran 1") == 1 and results.count(None) == 2


def test_a_failing_task_is_logged_and_let_go(app):
    def broken():
        raise RuntimeError("the SMS service is down")

    seen = []
    handler = logging.Handler()
    handler.emit = lambda record: seen.append(record.getMessage())
    worker.log.addHandler(handler)
    try:
        task = worker.Task("broken", broken, every=timedelta(seconds=30))
        assert worker.run_task(app, task, "me") == "failed"
    finally:
        worker.log.removeHandler(handler)
    assert "task broken failed" in seen
    assert db.session.get(TaskLease, "broken").leased_until is None  # tried again next time


def test_every_task_is_scheduled_and_the_cron_commands_stay(app):
    names = {task.name for task in worker.TASKS}
    assert names == {
        "send-outbox",
        "expire-offers",
        "expire-guardian-holds",
        "count-results",
        "send-reminders",
        "send-agreement-follow-ups",
        "delete-expired-enrolments",
    }
    commands = set(app.cli.commands)
    assert names <= commands and "worker" in commands


def test_the_worker_runs_its_tasks_and_beats_until_stopped(app, monkeypatch):
    monkeypatch.setattr(worker, "HEARTBEAT_SECONDS", 1)
    stop = threading.Event()
    thread = threading.Thread(target=worker.run, args=(app, stop))
    thread.start()
    try:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            db.session.remove()
            ran = db.session.scalar(
                sa.select(TaskLease.last_run_at).where(TaskLease.name == "send-outbox")
            )
            if ran is not None and db.session.scalar(sa.select(sa.func.count(WorkerBeat.worker))):
                break
            time.sleep(0.2)
        assert ran is not None, "the outbox task did not run"
        assert last_beat() is not None
    finally:
        stop.set()
        thread.join(15)
    assert not thread.is_alive()


def test_sigterm_stops_the_worker_cleanly(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite'}",
        "GRANNLABB_ENV": "development",
        "FLASK_APP": "app",
    }
    env.pop("TEST_DATABASE_URL", None)
    flask = [sys.executable, "-m", "flask", "--app", "app"]
    subprocess.run([*flask, "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    process = subprocess.Popen(
        [*flask, "worker"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        lines = []
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            lines.append(line)
            if "started" in line:
                break
        assert any("started" in line for line in lines), lines
        process.send_signal(signal.SIGTERM)
        # A loaded CI machine may take a while to finish the tasks that run at start.
        output, _ = process.communicate(timeout=90)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
        process.stdout.close()
    assert process.returncode == 0, output
    assert "stopping" in output and "stopped" in output


def test_readyz_reports_the_database_and_the_workers_heartbeat(app, client):
    response = client.get("/readyz")
    assert response.status_code == 503  # no worker has beaten yet
    assert response.json["database"] is True and response.json["worker"] is False
    worker.beat(app, "w1", utcnow())
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json["status"] == "ready" and response.json["worker_heartbeat_age"] <= 5
    db.session.get(WorkerBeat, "w1").beat_at = utcnow() - timedelta(minutes=10)
    db.session.commit()
    assert client.get("/readyz").status_code == 503  # the worker stopped beating
    app.config["READY_WORKER_MAX_AGE"] = 0  # tasks from cron: no worker expected
    assert client.get("/readyz").status_code == 200
