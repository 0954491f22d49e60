"""Shared builders for the tests of this domain."""

from datetime import date, timedelta

import sqlalchemy as sa

from app.extensions import db
from app.models import Role
from app.models.associations import (
    Association,
    StatutesVersion,
)
from tests.conftest import give_role, make_person, post, sign_in_as


def start(client, area, kind="nonprofit", name="Lina Hage Ungdom"):
    return post(
        client,
        f"/areas/{area.slug}/associations/new",
        {"kind": kind, "name": name, "purpose": "Fritid för unga i området.", "idea": ""},
    )


def residents(area, *names):
    people = []
    for name in names:
        person = make_person(name, phone=f"+4670{abs(hash(name)) % 10**7:07d}")
        give_role(person, area, Role.RESIDENT, verified=True)
        people.append(person)
    return people


def the_association() -> Association:
    return db.session.scalar(sa.select(Association).order_by(Association.id.desc()))


def found_together(client, area, kind="nonprofit"):
    """Three residents start, invite, write statutes and fill the minutes (not yet recorded)."""
    amina, bilal, cecilia = residents(area, "Amina A", "Bilal B", "Cecilia C")
    sign_in_as(client, amina)
    assert start(client, area, kind).status_code == 302
    association = the_association()
    aid = association.id
    # Bilal by name search, Cecilia by link.
    page = client.get(f"/associations/{aid}/founders?q=bil").get_data(as_text=True)
    assert "Bilal B" in page and bilal.phone not in page
    assert post(client, f"/associations/{aid}/founders", {"person_id": bilal.id}).status_code == 302
    sign_in_as(client, bilal)
    assert post(client, f"/associations/{aid}/accept").status_code == 302
    sign_in_as(client, cecilia)
    link = f"/associations/{aid}/join/{association.invite_token}"
    assert client.get(link).status_code == 200
    assert post(client, link).status_code == 302
    answers = {
        "seat": "Södertälje",
        "open_membership": "y",
        "fee": "50",
        "member_contribution": "200",
        "board_size": "3",
        "financial_year_start": "1",
        "annual_meeting_month": "3",
    }
    assert post(client, f"/associations/{aid}/statutes/answers", answers).status_code == 302
    day = date.today() + timedelta(days=7)
    when = {"day": day.isoformat(), "time": "18:00", "place": "Samlingslokalen"}
    assert post(client, f"/associations/{aid}/meeting/when", when).status_code == 302
    version = db.session.scalar(
        sa.select(StatutesVersion).where(StatutesVersion.association_id == aid)
    )
    minutes = {
        "opened_at": "18:05",
        "meeting_chair_id": amina.id,
        "meeting_secretary_id": bilal.id,
        "checker_1_id": cecilia.id,
        "checker_2_id": amina.id,
        "decided_to_form": "y",
        "statutes_version_id": version.id,
        "board_chair_id": amina.id,
        "board_treasurer_id": bilal.id,
        "board_secretary_id": cecilia.id,
        "auditor": "Doris Revisor",
        "fee": "50",
        "other_notes": "",
    }
    assert post(client, f"/associations/{aid}/minutes", minutes).status_code == 302
    return aid, (amina, bilal, cecilia), minutes
