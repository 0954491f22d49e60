"""Simultaneous follow-up runs and simultaneous acceptances of one invitation link, on SQLite
and PostgreSQL: each overdue indicator reminds each person once, and a link makes exactly one
representative."""

from datetime import date, timedelta

import sqlalchemy as sa

from app.agreements import services
from app.extensions import db
from app.models import NotificationKind, PartnerRepresentative, Role
from app.models.partners import PartnerInvitation
from app.partners import invitations
from tests.agreements.factories import indicator_of
from tests.conftest import give_role, make_person, notices
from tests.live import credentials, fire, run_together
from tests.partners.factories import make_rep


def test_simultaneous_follow_up_runs_remind_once(app, area, leader, agreement, red_cross):
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
    queued = run_together(app, [services.queue_follow_ups] * 4)
    assert not [q for q in queued if isinstance(q, Exception)], queued
    assert sum(queued) == 3
    follow_ups = notices(NotificationKind.AGREEMENT_FOLLOW_UP)
    assert len(follow_ups) == 3 and len({n.person_id for n in follow_ups}) == 3


def test_one_invitation_link_accepted_at_once_by_six_makes_one_representative(
    app,
    area,
    leader,
    red_cross,
    server,
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
