"""The statutes on paper (A4, attached to the minutes) and the board seats the founding
meeting elects."""

import sqlalchemy as sa

from app.extensions import db
from app.models.associations import Association, Founder, MemberRole, Membership
from app.models.util import utcnow
from tests.associations.factories import found_together, residents
from tests.conftest import post, sign_in_as

# --- Statutes on A4 -----------------------------------------------------------------------------


def test_statutes_version_prints_on_a4_and_is_attached_to_the_minutes(client, area):
    aid, (amina, bilal, _c), _ = found_together(client, area)
    sign_in_as(client, amina)
    url = f"/associations/{aid}/statutes/1/print"
    page = client.get(f"/associations/{aid}/statutes").get_data(as_text=True)
    assert url in page
    assert url in client.get(f"/associations/{aid}/statutes/1").get_data(as_text=True)
    printed = client.get(url).get_data(as_text=True)
    assert "minutes.css" in printed and "Statutes of the association" in printed
    assert "Version 1" in printed and "Adopted at the founding meeting" not in printed
    assert bilal.phone not in printed
    assert client.get(f"/associations/{aid}/statutes/9/print").status_code == 404
    # A draft is for the founders only.
    (stranger,) = residents(area, "Stranger S")
    sign_in_as(client, stranger)
    assert client.get(url).status_code == 403
    # Once founded the statutes are public, marked as adopted, and the minutes carry them.
    sign_in_as(client, amina)
    assert post(client, f"/associations/{aid}/record").status_code == 302
    sign_in_as(client, stranger)
    printed = client.get(url).get_data(as_text=True)
    assert "Adopted at the founding meeting on" in printed
    sign_in_as(client, amina)
    minutes = client.get(f"/associations/{aid}/minutes").get_data(as_text=True)
    assert "version 1, attached" in minutes
    assert "Attachment to the minutes of the founding meeting" in minutes
    assert "Statutes of the association" in minutes and 'class="minutes attachment"' in minutes


# --- Board seats up to the statutes' board size -------------------------------------------------


def test_founding_meeting_elects_the_whole_board_of_the_statutes(client, area):
    aid, (amina, bilal, cecilia), minutes = found_together(client, area)
    dana, erik = residents(area, "Dana D", "Erik E")
    association = db.session.get(Association, aid)
    for person in (dana, erik):
        db.session.add(Founder(association_id=aid, person_id=person.id, accepted_at=utcnow()))
    association.board_size = 5
    db.session.commit()
    sign_in_as(client, amina)
    page = client.get(f"/associations/{aid}/meeting").get_data(as_text=True)
    assert "Other board members" in page and "choose 2 more among the founders" in page
    # Too few: recording is refused with the reason.
    response = post(client, f"/associations/{aid}/record")
    assert response.status_code == 422 and "elect 2 board members" in response.get_data(
        as_text=True
    )
    # Too many, or someone outside the founders: refused.
    (stranger,) = residents(area, "Stranger S")
    url = f"/associations/{aid}/minutes"
    three = {**minutes, "board_member_ids": [dana.id, erik.id, bilal.id]}
    assert post(client, url, three).status_code == 422
    assert post(client, url, {**minutes, "board_member_ids": [stranger.id]}).status_code == 422
    # An officer chosen again is not an extra seat.
    twice = {**minutes, "board_member_ids": [dana.id, bilal.id]}
    assert post(client, url, twice).status_code == 302
    response = post(client, f"/associations/{aid}/record")
    assert response.status_code == 422 and "on the board already" in response.get_data(as_text=True)
    # The whole board: the two become board members.
    full = {**minutes, "board_member_ids": [dana.id, erik.id]}
    assert post(client, url, full).status_code == 302
    page = client.get(f"/associations/{aid}/meeting").get_data(as_text=True)
    assert page.count("checked") >= 2
    printed = client.get(f"/associations/{aid}/minutes").get_data(as_text=True)
    assert "Other board members" in printed and "Dana D" in printed and "Erik E" in printed
    assert post(client, f"/associations/{aid}/record").status_code == 302
    roles = {
        m.person_id: m.role
        for m in db.session.scalars(sa.select(Membership).where(Membership.association_id == aid))
    }
    assert roles[dana.id] is MemberRole.BOARD and roles[erik.id] is MemberRole.BOARD
    assert roles[amina.id] is MemberRole.CHAIR
    board = [m for m in db.session.scalars(sa.select(Membership)) if m.on_board]
    assert len(board) == 5


def test_three_member_board_needs_no_extra_seats(client, area):
    aid, _people, minutes = found_together(client, area)
    page = client.get(f"/associations/{aid}/meeting").get_data(as_text=True)
    assert "Other board members" not in page
    response = post(client, f"/associations/{aid}/minutes", {**minutes, "board_member_ids": []})
    assert response.status_code == 302
    extra = post(client, f"/associations/{aid}/minutes", {**minutes, "board_member_ids": [1]})
    assert extra.status_code == 422
