"""Simultaneous follow-up runs and simultaneous acceptances of one invitation link, on SQLite
and PostgreSQL: each overdue indicator reminds each person once, and a link makes exactly one
representative."""

import threading
from datetime import date, timedelta

import sqlalchemy as sa

from app.agreements import services
from app.extensions import db
from app.models import Notification, NotificationKind, PartnerRepresentative, Role
from app.models.partners import PartnerInvitation
from app.partners import invitations
from tests.conftest import give_role, make_person
from tests.test_activities_concurrency import credentials, fire, server  # noqa: F401
from tests.test_agreements import agreement, housing, indicator_of, make_rep, red_cross  # noqa: F401


def test_simultaneous_follow_up_runs_remind_once(app, area, leader, agreement, red_cross):  # noqa: F811
    make_rep(red_cross, "Rep Röda")
    second = make_person("Second Leader")
    give_role(second, area, Role.LEADER)
    services.record_measurement(
        indicator_of(agreement),
        leader,
        measured_on=date.today() - timedelta(days=200),
        value=45,
        source="Enkät",
    )
    runs = 4
    barrier = threading.Barrier(runs)
    queued = [0] * runs
    errors = []

    def run_in_thread(index):
        with app.app_context():
            try:
                barrier.wait()
                queued[index] = services.queue_follow_ups()
            except Exception as error:  # pragma: no cover - reported below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run_in_thread, args=(k,)) for k in range(runs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sum(queued) == 3
    notices = db.session.scalars(
        sa.select(Notification).where(Notification.kind == NotificationKind.AGREEMENT_FOLLOW_UP)
    ).all()
    assert len(notices) == 3 and len({n.person_id for n in notices}) == 3


def test_one_invitation_link_accepted_at_once_by_six_makes_one_representative(
    app,
    area,
    leader,
    red_cross,  # noqa: F811
    server,  # noqa: F811
):
    token = invitations.invite_by_link(red_cross, leader)
    people = [make_person(f"Person {k}") for k in range(6)]
    requests = [(f"/partners/join/{token}", *credentials(app, person)) for person in people]
    statuses = fire(server, requests)
    assert sorted(statuses) == [302, 410, 410, 410, 410, 410], statuses
    db.session.expire_all()
    reps = db.session.scalars(
        sa.select(PartnerRepresentative.person_id).where(
            PartnerRepresentative.partner_id == red_cross.id
        )
    ).all()
    invitation = db.session.scalar(sa.select(PartnerInvitation))
    assert reps == [invitation.accepted_by_id]
