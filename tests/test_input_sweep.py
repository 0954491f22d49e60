"""Bad input through every form the app renders, as each demo role: never a 5xx, and a
refused submit (4xx) commits nothing.

The demo data (plus a few states the demo does not reach by itself, :func:`_stage`) is
seeded once per worker and kept as a snapshot (``tests/sweep.py``). For each role the
sweep signs in, crawls every page the URL map and the rendered links lead to, and collects
every ``<form method="post">``; each form is then submitted from the snapshot's state with
its own values and one field at a time replaced by a bad value chosen by the field's type
(``tests.sweep.values_for``), once without and once with a wrong CSRF token, once with
only the token, and once posted to another area's object. Every page it saw is also asked
for with bad query strings. ``test_every_post_rule_is_reached`` fails when a rule that
takes POST is reached by no rendered form and is not in the commented allow-list.

Run alone: ``.venv/bin/pytest -n 2 -q tests/test_input_sweep.py``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import time
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
import werkzeug.test
from sqlalchemy import event

from app import create_app
from app.extensions import db, limiter
from app.models import AreaRole, Person
from app.models.util import utcnow
from tests import sweep
from tests.conftest import CSRF_META, sign_in_as
from tests.ideas.factories import stored_photo

# Who the sweep signs in as (display names of app/demo/data.py), and why each is there.
ROLES = {
    "visitor": None,  # signed out; has a sign-in code pending and a guardian's link
    "resident": "Hodan Abdi",  # not verified in Portalen; founder of the cooperative
    "verified": "Amina Hassan",  # verified in Boden; a partner invitation, an offered place
    "youth": "Samir Khalil",  # 15; café shifts, a job application, awaiting a guardian
    "minor": "Helen Tekle",  # 17, not verified, no guardian anywhere
    "invited": "Hawa Ali",  # invited as a founder of the cooperative; has its invite link
    "partner": "Lena Berg",  # represents Röda korset
    "leader": "Sara Nilsson",  # process leader of Rannebergen (café, shifts, a meeting)
    "jobs_leader": "Ibrahim Yusuf",  # process leader of Lina Hage (summer jobs, applicants)
    "admin": "Grannlabb admin",
    "board": "Gabriel Aho",  # chair of Lina Hage Unga; a membership request to decide
    "supervisor": "Erik Johansson",  # the café's supervisor; a shift offered to take over
}

# POST rules no rendered form targets, with the reason (a new form must be reachable).
NOT_FORMS = {
    # The confirm/decline buttons of a booking live on pages of bookings whose state the
    # sweep cannot reach in the demo data: listed when the crawl shows they are reached.
    #
    # Shown only while a leader helps a resident (a state of the leader's session, which the
    # crawl does not enter); neither form has a field but the CSRF token, and
    # tests/assisted checks who may post them and what a refused one answers.
    "assisted.card": "only while helping a resident without contact data",
    "assisted.stop": "only while helping a resident",
    # Shown only under a machine translation, which needs a translation service (the sweep
    # runs with none); tests/translations checks who may post it and its bad input.
    "translations.correct": "only under a machine translation",
}

# Tables a refused submit may still write to, by endpoint, with the reason.
REFUSAL_WRITES = {
    # A wrong code counts as one of the five tries (then 422): that write is the point.
    "auth.enter_code": {"login_code"},
}

# 5xx the lead is fixing at the same time; listed here until their commits land.
EXPECTED_5XX: set[tuple[str, str]] = set()


# --- the demo world, once per worker -----------------------------------------------------


def _person(name: str) -> Person:
    return db.session.scalar(sa.select(Person).where(Person.display_name == name))


def _stage() -> dict[str, list[str]]:
    """States the demo data does not reach by itself, made through the services, so every
    form has a role that sees it. Returns extra start URLs per role (secret links)."""
    from app.activities import services as activities
    from app.agendas.services import create_meeting
    from app.associations.founding import new_invite_link
    from app.associations.meetings import MinutesInput, save_minutes
    from app.auth.services import create_login_link
    from app.ideas.services import report as report_idea
    from app.jobs import services as jobs
    from app.models import (
        Activity,
        Area,
        Audience,
        Category,
        Idea,
        IdeaStatus,
        Job,
        Partner,
        ReportReason,
        Shift,
        ShiftSignup,
        SignupStatus,
    )
    from app.models.associations import Association, StatutesVersion
    from app.partners import invitations
    from app.shifts import guardians
    from app.shifts import services as shifts

    start: dict[str, list[str]] = {role: [] for role in ROLES}
    area = {a.slug: a for a in db.session.scalars(sa.select(Area))}
    now = utcnow()

    # A residents' meeting to cut in the leader's area, and a report in its queue.
    sara, layla = _person("Sara Nilsson"), _person("Layla Mahmoud")
    create_meeting(
        area["rannebergen"],
        sara,
        title="Stormöte i Rannebergen",
        meeting_at=now + timedelta(days=20),
        place="Rannebergens mötesplats",
        idea_count=3,
    )
    idea = db.session.scalar(
        sa.select(Idea)
        .where(Idea.area_id == area["rannebergen"].id, Idea.status == IdeaStatus.PUBLISHED)
        .order_by(Idea.id)
    )
    report_idea(idea, layla, ReportReason.SPAM, "Reklam")
    idea.photo = stored_photo()  # so the leader sees "remove only the photo"
    start["leader"].append(f"/ideas/{idea.id}/moderate")

    # Röda korset invites Amina by name and by a link.
    amina, karin = _person("Amina Hassan"), _person("Karin Lindström")
    red_cross = db.session.scalar(sa.select(Partner).where(Partner.name == "Röda korset"))
    invitations.invite_person(red_cross, amina, karin)
    start["verified"].append(f"/partners/join/{invitations.invite_by_link(red_cross, karin)}")

    # Amina is offered a freed place: a one-place activity in Boden, Tesfay cancels.
    tesfay = _person("Tesfay Gebremariam")
    day = date.today() + timedelta(days=6)
    (small,) = activities.create(
        area["boden"],
        karin,
        activities.ActivityInput(
            title="Syjunta",
            description="Vi syr tillsammans.",
            category=Category.CULTURE_LEISURE,
            audience=Audience.EVERYONE,
            place="Mötesplatsen",
            day=day,
            start=datetime.strptime("17:00", "%H:%M").time(),
            end=datetime.strptime("19:00", "%H:%M").time(),
            capacity=1,
            min_age=None,
            max_age=None,
            partner_id=None,
        ),
    )
    held = activities.sign_up(small, tesfay)
    activities.sign_up(db.session.get(Activity, small.id), amina)
    activities.cancel(held, tesfay)
    start["verified"].append(f"/activities/{small.id}")

    # The cooperative: its invite link for Hawa, and minutes complete enough to record.
    coop = db.session.scalar(
        sa.select(Association).where(Association.area_id == area["portalen"].id)
    )
    fatima, maryam, hodan = (_person(n) for n in ("Fatima Al-Sayed", "Maryam Rahimi", "Hodan Abdi"))
    new_invite_link(coop, fatima)
    start["invited"].append(f"/associations/{coop.id}/join/{coop.invite_token}")
    version = db.session.scalar(
        sa.select(StatutesVersion.id)
        .where(StatutesVersion.association_id == coop.id)
        .order_by(StatutesVersion.number.desc())
    )
    save_minutes(
        coop,
        fatima,
        MinutesInput(
            opened_at="17.30",
            meeting_chair_id=fatima.id,
            meeting_secretary_id=maryam.id,
            checker_1_id=hodan.id,
            checker_2_id=maryam.id,
            decided_to_form=True,
            statutes_version_id=version,
            board_chair_id=fatima.id,
            board_treasurer_id=maryam.id,
            board_secretary_id=hodan.id,
            auditor="Revisor",
            fee=100,
            other_notes="",
        ),
    )

    # Samir: a job application, a place in the café offered to others (Erik may take it
    # over), a place from the waiting list to confirm, a guardian's link for the visitor.
    samir = _person("Samir Khalil")
    for job in db.session.scalars(sa.select(Job).order_by(Job.id)):
        try:
            jobs.apply(job, samir, "Jag vill gärna jobba i sommar.")
        except Exception:  # noqa: BLE001  (refused: past its deadline, other ages)
            db.session.rollback()
            continue
        start["youth"].append(f"/jobs/{job.id}")
        break
    mine = db.session.scalars(
        sa.select(ShiftSignup)
        .join(Shift)
        .where(ShiftSignup.person_id == samir.id, Shift.starts_at > now)
        .order_by(Shift.starts_at)
    ).all()
    for signup in mine:
        if signup.status is SignupStatus.CONFIRMED:
            shifts.offer(signup, samir)
            start["supervisor"].append(f"/shifts/{signup.shift_id}")
            start["youth"].append(f"/shifts/{signup.shift_id}")
            break
    for signup in mine:
        if signup.status is SignupStatus.AWAITING_GUARDIAN:
            token = guardians.request_consent(signup, "+46701740695")
            start["visitor"].append(f"/guardian/{token}")
            start["youth"].append(f"/shifts/{signup.shift_id}")
            break
    taken = {
        s.shift_id
        for s in db.session.scalars(sa.select(ShiftSignup).where(ShiftSignup.person_id == samir.id))
    }
    free = db.session.scalar(
        sa.select(Shift)
        .where(Shift.starts_at > now + timedelta(days=1), Shift.id.not_in(taken))
        .order_by(Shift.starts_at)
    )
    if free is not None:  # as the waiting list leaves it when a place is freed
        db.session.add(
            ShiftSignup(
                shift_id=free.id,
                person_id=samir.id,
                status=SignupStatus.OFFERED,
                hold_until=now + timedelta(hours=24),
            )
        )
        db.session.commit()
        start["youth"].append(f"/shifts/{free.id}")

    # Budget rounds in Rannebergen in every phase with a form: ideas still entering (one
    # costed, to check), all checked (to open voting), voting closed (to count); in the demo's
    # voting round a paper ballot another leader entered (to confirm or remove), and the
    # paper form with a resident found.
    _stage_rounds(area["rannebergen"], sara, start)

    # A single-use sign-in link (as `flask login-link` prints) for the visitor.
    start["visitor"].append(f"/sign-in/link/{create_login_link(tesfay)}")
    return start


def _stage_rounds(area, leader: Person, start: dict[str, list[str]]) -> None:
    from app.models import Idea, IdeaStatus
    from app.models.rounds import Ballot, BallotChannel, BudgetRound, CostedIdea
    from app.rounds import services as rounds

    today = date.today()
    idea = db.session.scalar(
        sa.select(Idea)
        .where(Idea.area_id == area.id, Idea.status == IdeaStatus.PUBLISHED)
        .order_by(Idea.id)
    )
    for title, ideas_until, voting_from, voting_until, frozen in (
        ("Idéer tas emot", today + timedelta(days=3), today + timedelta(days=9), 20, False),
        ("Granskad", today - timedelta(days=3), today, 9, False),
        ("Stängd", today - timedelta(days=20), today - timedelta(days=10), -1, True),
    ):
        budget_round = BudgetRound(
            area_id=area.id,
            title=title,
            amount=50_000,
            categories=[],
            ideas_until=ideas_until,
            voting_from=voting_from,
            voting_until=today + timedelta(days=voting_until),
            frozen_at=utcnow() if frozen else None,
        )
        db.session.add(budget_round)
        db.session.flush()
        db.session.add(
            CostedIdea(
                round_id=budget_round.id,
                idea_id=idea.id,
                estimate=1000,
                cost=None if title == "Idéer tas emot" else 1000,
                feasible=None if title == "Idéer tas emot" else True,
            )
        )
        start["leader"].append(f"/budget/{budget_round.id}")
    voting = db.session.scalar(
        sa.select(BudgetRound).where(BudgetRound.frozen_at.is_not(None)).order_by(BudgetRound.id)
    )
    layla = _person("Layla Mahmoud")
    db.session.add(
        Ballot(
            round_id=voting.id, person_id=_person("Samir Khalil").id, channel=BallotChannel.PAPER
        )
    )
    db.session.commit()
    assert rounds.voting_open(voting), voting.title
    start["leader"].append(f"/budget/{voting.id}/paper?q={layla.display_name.split()[0]}")


class World:
    def __init__(self, snapshot, areas, start, seconds):
        self.snapshot, self.areas, self.start, self.seconds = snapshot, areas, start, seconds


def _no_fsync_per_commit(engine) -> None:
    """PostgreSQL: commits do not wait for the disk (the sweep commits thousands of times
    and a crash loses nothing a test needs)."""
    if engine.dialect.name != "postgresql":
        return

    def connected(dbapi_connection, _record):
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")
        dbapi_connection.commit()

    engine.dispose()
    event.listen(engine, "connect", connected)


@pytest.fixture(scope="session")
def world(test_config, _schema):
    """The seeded demo (and :func:`_stage`) as a snapshot; the tables are left empty."""
    from app.demo.loader import seed_demo

    began = time.monotonic()
    app = create_app(test_config)
    with app.app_context():
        _no_fsync_per_commit(db.engine)
        seed_demo()
        start = _stage()
        snapshot = sweep.Snapshot()
        areas = sweep.Areas.read()
        db.session.remove()
        with db.engine.begin() as conn:
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())
        db.engine.dispose()
    return World(snapshot, areas, start, time.monotonic() - began)


@pytest.fixture
def sweep_app(app, world, monkeypatch):
    """The test's app on the snapshot, without rate limits (they would answer most submits
    with 429 before the view sees the value)."""
    monkeypatch.setattr(limiter, "enabled", False)
    _no_fsync_per_commit(db.engine)
    # Bodies in memory, not in temporary files a failing request would leave open.
    monkeypatch.setattr(
        werkzeug.test,
        "stream_encode_multipart",
        functools.partial(werkzeug.test.stream_encode_multipart, threshold=1 << 30),
    )
    world.snapshot.restore()
    log = sweep.WriteLog(db.engine)
    yield app, log
    log.close()


def _reached_dir(tmp_path_factory, worker_id) -> Path:
    base = tmp_path_factory.getbasetemp()
    path = (base if worker_id == "master" else base.parent) / "input-sweep"
    path.mkdir(exist_ok=True)
    return path


# --- signing in, submitting, checking ------------------------------------------------------


def _client(app, role, log):
    client = app.test_client()
    name = ROLES[role]
    if name is not None:
        sign_in_as(client, _person(name))
    else:
        with client.session_transaction() as session:
            # A sign-in code asked for, and an unknown address whose code was right.
            session["sign_in_address"] = "+46701740698"
            session["new_address"] = "+46701740699"
    db.session.remove()
    log.take()
    return client


def _token(client) -> str:
    return CSRF_META.search(client.get("/").get_data(as_text=True)).group(1)


def _crawl(app, role, world, log):
    client = _client(app, role, log)
    plain, filled = sweep.url_map_pages(app)
    own = set()
    if ROLES[role] is not None:
        own = set(
            db.session.scalars(
                sa.select(AreaRole.area_id).where(AreaRole.person_id == _person(ROLES[role]).id)
            )
        )

    def home_area(url):
        area = world.areas.of_url(app, url)
        return area is None or not own or area in own

    crawled = sweep.crawl(app, client, [*world.start[role], *plain], filled, home_area)
    db.session.remove()
    return crawled


def _record(tmp_path_factory, worker_id, role, crawled) -> None:
    reached = sorted({form.endpoint for form in crawled.forms})
    path = _reached_dir(tmp_path_factory, worker_id) / f"{role}.json"
    path.write_text(json.dumps(reached))


def _post(client, form: sweep.Form, sub: sweep.Submission, token: str):
    headers = {"HX-Request": "true"} if form.htmx else {}
    kwargs = {"data": sweep.encode(sub, token), "headers": headers}
    if form.multipart or sub.files:
        kwargs["content_type"] = "multipart/form-data"
    return client.post(sub.url, **kwargs)


def _first(directory: Path, key) -> bool:
    """Whether this test is the first of the run (on any worker) to claim ``key``."""
    claims = directory / "claims"
    claims.mkdir(exist_ok=True)
    name = hashlib.sha1(repr(key).encode()).hexdigest()
    try:
        os.close(os.open(claims / name, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True


def _sweep_form(app, role, form, world, log, problems, full=True) -> Counter:
    client = _client(app, role, log)
    token = _token(client)
    log.take()
    log.touched = set()  # signing in is not the form's doing
    count = Counter()
    one_each = None if full else list(ROLES).index(role)
    for sub in sweep.bad_submissions(form, app, world.areas, one_each):
        where = f"{role}: POST {sub.url} ({form.endpoint}, form on {form.page}) with {sub.label}"
        try:
            response = _post(client, form, sub, token)
        except Exception as error:  # noqa: BLE001  (TESTING propagates what would be a 500)
            db.session.rollback()
            log.take()
            count["5xx"] += 1
            if (form.endpoint, type(error).__name__) not in EXPECTED_5XX:
                problems.append(f"{where}: 500 ({type(error).__name__}: {str(error)[:300]})")
            continue
        written = set(log.take())
        status = response.status_code
        count[f"{status // 100}xx"] += 1
        if status >= 500:
            problems.append(f"{where}: {status}")
        if sub.csrf != "session" and status != 400:
            problems.append(f"{where}: {status}, not 400")
        if 400 <= status < 500:
            unexpected = written - REFUSAL_WRITES.get(form.endpoint, set())
            if unexpected:
                problems.append(f"{where}: refused ({status}) but wrote {sorted(unexpected)}")
        if sweep.is_offsite(response.headers.get("Location")):
            problems.append(f"{where}: redirects off the site to {response.headers['Location']}")
        response.close()  # and the request's body, a temporary file when large
        db.session.remove()
    return count


def _sweep_queries(app, role, crawled, log, problems, directory) -> int:
    client = _client(app, role, log)
    count = 0
    done = set()
    for url, endpoint in crawled.pages.items():
        if endpoint in done or not _first(directory, ("GET", endpoint)):
            continue
        done.add(endpoint)
        for bad in sweep.bad_queries(url, crawled.query_names.get(endpoint, set()))[:2]:
            count += 1
            try:
                response = client.get(bad)
            except Exception as error:  # noqa: BLE001
                db.session.rollback()
                problems.append(f"{role}: GET {bad[:200]}: 500 ({type(error).__name__}: {error})")
                continue
            if response.status_code >= 500:
                problems.append(f"{role}: GET {bad[:200]}: {response.status_code}")
            if sweep.is_offsite(response.headers.get("Location")):
                problems.append(f"{role}: GET {bad[:200]} redirects off the site")
    db.session.remove()
    return count


# --- the tests ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", list(ROLES))
def test_bad_input_in_every_form(sweep_app, world, role, tmp_path_factory, worker_id):
    app, log = sweep_app
    directory = _reached_dir(tmp_path_factory, worker_id)
    began = time.monotonic()
    crawled = _crawl(app, role, world, log)
    _record(tmp_path_factory, worker_id, role, crawled)
    crawl_seconds = time.monotonic() - began
    problems = list(f"{role}: {e}" for e in crawled.errors)
    submits, restores = Counter(), 0
    restore_seconds = 0.0
    for form in crawled.forms:
        if log.touched:
            t = time.monotonic()
            world.snapshot.restore(log.touched)
            restore_seconds += time.monotonic() - t
            restores += 1
        log.touched = set()
        full = _first(directory, form.key)
        submits += _sweep_form(app, role, form, world, log, problems, full)
    t = time.monotonic()
    queries = _sweep_queries(app, role, crawled, log, problems, directory)
    stats = {
        "pages": len(crawled.statuses),
        "forms": len(crawled.forms),
        "submits": sum(submits.values()),
        "answers": dict(sorted(submits.items())),
        "queries": queries,
        "restores": restores,
        "crawl_s": round(crawl_seconds, 1),
        "restore_s": round(restore_seconds, 1),
        "query_s": round(time.monotonic() - t, 1),
        "all_s": round(time.monotonic() - began, 1),
        "seed_s": round(world.seconds, 1),
    }
    (directory / f"{role}.stats").write_text(json.dumps(stats))
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:80])


def test_every_post_rule_is_reached(sweep_app, world, tmp_path_factory, worker_id):
    """Every rule taking POST is the action of a form some role sees, or in ``NOT_FORMS``."""
    app, log = sweep_app
    directory = _reached_dir(tmp_path_factory, worker_id)
    reached = set()
    for role in ROLES:
        path = directory / f"{role}.json"
        if not path.exists():
            world.snapshot.restore()
            crawled = _crawl(app, role, world, log)
            _record(tmp_path_factory, worker_id, role, crawled)
        reached |= set(json.loads(path.read_text()))
    posts = {r.endpoint for r in app.url_map.iter_rules() if "POST" in r.methods}
    missing = sorted(posts - reached - set(NOT_FORMS))
    assert not missing, (
        "No demo role sees a form that posts to these rules: make the sweep reach them "
        "(a role, a state in _stage) or list them in NOT_FORMS with the reason: "
        + ", ".join(missing)
    )
    stale = sorted(set(NOT_FORMS) & reached)
    assert not stale, f"NOT_FORMS lists rules that forms reach now: {stale}"
