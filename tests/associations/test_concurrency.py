"""Simultaneous clicks on an association, through a running server, on SQLite and PostgreSQL:
the founding meeting is recorded once, and a join request is decided once."""

import sqlalchemy as sa

from app.extensions import db
from app.models.associations import Association, AssociationStatus, Membership, MembershipStatus
from tests.associations.factories import found_together, residents
from tests.conftest import count, post, sign_in_as
from tests.live import credentials, fire


def test_three_founders_record_the_meeting_at_once(app, client, area, server):
    aid, people, _ = found_together(client, area)
    requests = [(f"/associations/{aid}/record", *credentials(app, p)) for p in people]
    db.session.remove()
    statuses = fire(server, requests)
    assert sorted(statuses) == [302, 409, 409], statuses
    db.session.remove()
    association = db.session.get(Association, aid)
    assert association.status is AssociationStatus.FOUNDED
    assert count(Membership, Membership.association_id == aid) == 3


def test_two_board_members_decide_one_request_at_once(app, client, area, server):
    aid, (amina, bilal, cecilia), _ = found_together(client, area)
    post(client, f"/associations/{aid}/record")
    (dana,) = residents(area, "Dana D")
    sign_in_as(client, dana)
    post(client, f"/associations/{aid}/membership")
    membership_id = db.session.scalar(
        sa.select(Membership.id).where(Membership.person_id == dana.id)
    )
    requests = [
        (f"/memberships/{membership_id}/approve", *credentials(app, amina)),
        (f"/memberships/{membership_id}/decline", *credentials(app, bilal)),
    ]
    db.session.remove()
    statuses = fire(server, requests)
    assert sorted(statuses) == [302, 409], statuses
    db.session.remove()
    status = db.session.get(Membership, membership_id).status
    assert status in (MembershipStatus.MEMBER, MembershipStatus.DECLINED)
