"""Assisted mode at the meeting place: a leader registers a resident without a phone, finds
residents by name, and proposes, votes and comments for the one they help — each act recorded
with the leader and shown by role in the public log; the limits hold (one vote per person,
only residents of the leader's own area, only leaders)."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from app.assisted import services
from app.extensions import db
from app.models import (
    AreaRole,
    AuditEntry,
    Comment,
    Decision,
    Idea,
    ModerationDecision,
    Person,
    Role,
    Vote,
)
from app.models.util import utcnow
from tests.conftest import count, give_role, make_person, post, sign_in_as
from tests.ideas.factories import new_idea, propose_form


def register(client, area, **overrides):
    data = {"display_name": "Faduma Ali", "birth_year": "1958", "locale": "so", "present": "y"}
    data.update(overrides)
    return post(client, f"/areas/{area.slug}/meeting-place/residents", data)


def help_(client, area, person):
    return post(client, f"/areas/{area.slug}/meeting-place/help/{person.id}")


def log_entries(client, area) -> str:
    """The entries of the area's public moderation log, as anyone reads them."""
    page = client.get(f"/areas/{area.slug}/moderation-log").get_data(as_text=True)
    return page.split('<ul class="cards">', 1)[1].split("</ul>", 1)[0]


def decisions(area, decision):
    return count(
        ModerationDecision,
        ModerationDecision.area_id == area.id,
        ModerationDecision.decision == decision,
    )


@pytest.fixture
def verified(area):
    person = make_person("Hodan Warsame")
    give_role(person, area, Role.RESIDENT, verified=True)
    return person


def test_leader_registers_a_resident_without_contact_data(client, area, leader):
    sign_in_as(client, leader)
    response = register(client, area)
    assert response.status_code == 302
    person = db.session.scalar(sa.select(Person).where(Person.display_name == "Faduma Ali"))
    assert (person.email, person.phone, person.birth_year, person.locale) == (
        None,
        None,
        1958,
        "so",
    )
    role = db.session.scalar(sa.select(AreaRole).where(AreaRole.person_id == person.id))
    assert role.role is Role.RESIDENT and role.verified and role.verified_by_id == leader.id
    assert decisions(area, Decision.ASSIST_REGISTER) == 1
    assert count(AuditEntry, AuditEntry.action == "assist_register") == 1
    # and the leader is now helping her
    page = client.get(f"/areas/{area.slug}/meeting-place").get_data(as_text=True)
    assert "You are helping Faduma Ali at the meeting place" in page
    assert "Helping Faduma Ali" in page


def test_the_public_log_shows_the_registration_by_role_without_the_name(client, area, leader):
    sign_in_as(client, leader)
    register(client, area)
    page = log_entries(client, area)
    assert "A resident registered at the meeting place" in page
    assert "Process leader" in page and "Faduma" not in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"display_name": ""}, "Write a name."),
        ({"display_name": "x" * 61}, "at most 60 characters"),
        ({"birth_year": "19"}, "for example 1990"),
        ({"birth_year": "1800"}, "Check the year born."),
        ({"birth_year": str(utcnow().year - 8)}, "You need to be 13"),
        ({"present": ""}, "only when they are here and agree"),
        ({"locale": "xx"}, "Not a valid choice"),
    ],
)
def test_bad_registration_is_a_clear_422_and_makes_no_one(client, area, leader, overrides, message):
    sign_in_as(client, leader)
    before = count(Person)
    response = register(client, area, **overrides)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert count(Person) == before


def test_a_second_registration_under_the_same_name_needs_a_tick(client, area, leader, verified):
    sign_in_as(client, leader)
    response = register(client, area, display_name="hodan  warsame")
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "already registered here" in page and "another person with the same name" in page
    assert count(Person, Person.display_name.ilike("hodan%")) == 1
    assert (
        register(client, area, display_name="Hodan Warsame", another_person="y").status_code == 302
    )
    assert count(Person, Person.display_name == "Hodan Warsame") == 2


def test_only_the_areas_leaders_reach_the_meeting_place(client, area, other_area, resident):
    sign_in_as(client, resident)
    assert client.get(f"/areas/{area.slug}/meeting-place").status_code == 403
    assert register(client, area).status_code == 403
    other_leader = make_person("Olle Leader")
    give_role(other_leader, other_area, Role.LEADER)
    sign_in_as(client, other_leader)
    assert client.get(f"/areas/{area.slug}/meeting-place").status_code == 403
    assert register(client, area).status_code == 403
    assert help_(client, area, resident).status_code == 403
    assert count(Person, Person.display_name == "Faduma Ali") == 0


def test_search_finds_residents_by_name_and_shows_no_contact_data(client, area, leader, resident):
    outsider = make_person("Amina Outside")  # not a resident of the area
    sign_in_as(client, leader)
    page = client.get(f"/areas/{area.slug}/meeting-place?q=amina").get_data(as_text=True)
    assert "Amina Resident" in page and "Amina Outside" not in page
    assert resident.phone not in page and "0701740605" not in page
    fragment = client.get(f"/areas/{area.slug}/meeting-place?q=ami", headers={"HX-Request": "true"})
    html = fragment.get_data(as_text=True)
    assert html.lstrip().startswith('<div id="found"') and "<html" not in html
    assert "Amina Resident" in html
    empty = client.get(f"/areas/{area.slug}/meeting-place?q=%25_").get_data(as_text=True)
    assert "Nobody found" in empty  # % and _ are not wildcards
    assert outsider.id not in {p.id for p in services.search(area, "amina")}


def test_helping_only_a_resident_of_the_area(client, area, other_area, leader):
    elsewhere = make_person("Elsewhere Person")
    give_role(elsewhere, other_area, Role.RESIDENT, verified=True)
    sign_in_as(client, leader)
    assert help_(client, area, elsewhere).status_code == 404
    assert post(client, f"/areas/{area.slug}/meeting-place/help/999999").status_code == 404
    assert help_(client, area, leader).status_code == 404  # not a resident
    give_role(leader, area, Role.RESIDENT, verified=True)
    assert help_(client, area, leader).status_code == 409  # not oneself
    assert "You are helping" not in client.get("/").get_data(as_text=True)


def test_propose_for_a_resident_records_the_leader(client, area, leader, verified):
    sign_in_as(client, leader)
    help_(client, area, verified)
    response = post(client, f"/areas/{area.slug}/ideas/new", propose_form(title="Bänk vid torget"))
    assert response.status_code == 302
    idea = db.session.scalar(sa.select(Idea).where(Idea.title == "Bänk vid torget"))
    assert (idea.author_id, idea.assisted_by_id) == (verified.id, leader.id)
    assert decisions(area, Decision.ASSIST_IDEA) == 1
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "registered at the meeting place by a process leader" in page


def test_the_propose_form_starts_in_the_residents_language(client, area, leader, verified):
    verified.locale = "ar"
    db.session.commit()
    sign_in_as(client, leader)
    help_(client, area, verified)
    page = client.get(f"/areas/{area.slug}/ideas/new").get_data(as_text=True)
    assert '<option lang="ar" selected value="ar">' in page


def test_vote_for_a_resident_counts_once_and_is_theirs(client, area, leader, verified):
    idea = new_idea(area, make_person("Author"))
    sign_in_as(client, leader)
    help_(client, area, verified)
    for _ in range(2):  # a double tap never counts twice
        assert post(client, f"/ideas/{idea.id}/vote", {"vote": "1"}).status_code == 302
    db.session.refresh(idea)
    assert idea.vote_count == 1
    vote = db.session.scalar(sa.select(Vote).where(Vote.idea_id == idea.id))
    assert (vote.person_id, vote.assisted_by_id) == (verified.id, leader.id)
    assert decisions(area, Decision.ASSIST_VOTE) == 1
    # the page shows her vote, not the leader's
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert 'name="vote" value="0"' in page
    # the log names the idea and the role, never her
    log = log_entries(client, area)
    assert "Vote registered at the meeting place" in log and "Hodan" not in log
    # withdrawing is recorded too
    assert post(client, f"/ideas/{idea.id}/vote", {"vote": "0"}).status_code == 302
    db.session.refresh(idea)
    assert idea.vote_count == 0
    assert decisions(area, Decision.ASSIST_UNVOTE) == 1


def test_no_second_vote_when_she_already_voted_on_her_own(client, area, leader, verified):
    idea = new_idea(area, make_person("Author"))
    sign_in_as(client, verified)
    post(client, f"/ideas/{idea.id}/vote", {"vote": "1"})
    sign_in_as(client, leader)
    help_(client, area, verified)
    post(client, f"/ideas/{idea.id}/vote", {"vote": "1"})
    db.session.refresh(idea)
    assert idea.vote_count == 1
    assert count(Vote, Vote.idea_id == idea.id) == 1
    assert decisions(area, Decision.ASSIST_VOTE) == 0


def test_an_unverified_resident_cannot_vote_through_a_leader(client, area, leader, resident):
    idea = new_idea(area, make_person("Author"))
    sign_in_as(client, leader)
    help_(client, area, resident)  # registered, not verified
    response = post(client, f"/ideas/{idea.id}/vote", {"vote": "1"})
    assert response.status_code == 403
    assert count(Vote) == 0


def test_helping_in_one_area_refuses_acts_in_another(client, area, other_area, leader, verified):
    give_role(leader, other_area, Role.LEADER)
    there = new_idea(other_area, make_person("Author"))
    sign_in_as(client, leader)
    help_(client, area, verified)
    response = post(client, f"/ideas/{there.id}/vote", {"vote": "1"})
    assert response.status_code == 409
    assert "Stop helping first" in response.get_data(as_text=True)
    assert count(Vote) == 0
    response = post(client, f"/areas/{other_area.slug}/ideas/new", propose_form())
    assert response.status_code == 409
    assert count(Idea, Idea.area_id == other_area.id) == 1


def test_comment_for_a_resident_is_theirs_and_marked(client, area, leader, verified):
    idea = new_idea(area, make_person("Author"))
    sign_in_as(client, leader)
    help_(client, area, verified)
    response = post(client, f"/ideas/{idea.id}/comments", {"text": "Bra idé!", "parent_id": ""})
    assert response.status_code == 302
    comment = db.session.scalar(sa.select(Comment).where(Comment.idea_id == idea.id))
    assert (comment.author_id, comment.assisted_by_id) == (verified.id, leader.id)
    assert decisions(area, Decision.ASSIST_COMMENT) == 1
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Hodan Warsame" in page and "at the meeting place" in page


def test_stop_helping_and_the_leader_acts_as_themselves(client, area, leader, verified):
    idea = new_idea(area, make_person("Author"))
    give_role(leader, area, Role.RESIDENT, verified=True)
    sign_in_as(client, leader)
    help_(client, area, verified)
    response = post(client, "/meeting-place/stop", {"next": f"/ideas/{idea.id}"})
    assert response.status_code == 302 and response.location.endswith(f"/ideas/{idea.id}")
    post(client, f"/ideas/{idea.id}/vote", {"vote": "1"})
    vote = db.session.scalar(sa.select(Vote))
    assert (vote.person_id, vote.assisted_by_id) == (leader.id, None)


def test_help_ends_by_itself(client, area, leader, verified, monkeypatch):
    sign_in_as(client, leader)
    help_(client, area, verified)
    later = utcnow() + services.HELP_LASTS + timedelta(minutes=1)
    monkeypatch.setattr(services, "utcnow", lambda: later)
    assert "You are helping" not in client.get("/").get_data(as_text=True)


def test_help_ends_when_the_leader_is_no_longer_a_leader(client, area, leader, verified):
    sign_in_as(client, leader)
    help_(client, area, verified)
    db.session.execute(sa.delete(AreaRole).where(AreaRole.person_id == leader.id))
    db.session.commit()
    assert "You are helping" not in client.get("/").get_data(as_text=True)


def test_another_person_in_the_same_browser_never_acts_for_her(client, area, leader, verified):
    sign_in_as(client, leader)
    help_(client, area, verified)
    other = make_person("Someone Else")
    give_role(other, area, Role.RESIDENT, verified=True)
    sign_in_as(client, other)  # the session still carries the help, for another leader
    idea = new_idea(area, make_person("Author"))
    post(client, f"/ideas/{idea.id}/vote", {"vote": "1"})
    vote = db.session.scalar(sa.select(Vote))
    assert (vote.person_id, vote.assisted_by_id) == (other.id, None)


def test_a_garbled_help_in_the_session_is_ignored(client, area, leader):
    sign_in_as(client, leader)
    with client.session_transaction() as session:
        session[services.SESSION_KEY] = {"person": "x", "area": None}
    assert client.get("/").status_code == 200
