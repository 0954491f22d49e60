"""A fair order while voting is open: random per visitor and day, paginated without repeats,
chosen by the area's leaders and shown, until the agenda is cut; most votes by default."""

import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.ideas import ordering
from app.ideas import services as ideas
from app.models import Area, Category, Decision, Idea, IdeaStatus, ModerationDecision, Role
from app.models.agendas import Agenda
from app.models.util import utcnow
from tests.conftest import give_role, make_person, post, sign_in_as
from tests.queries import queries

HTMX = {"HX-Request": "true"}


def make_ideas(area, author, n, status=IdeaStatus.PUBLISHED, votes=lambda i: i):
    made = []
    for i in range(n):
        idea = ideas.propose(area, author, f"Idé {status.value} {i}", "Text", Category.SAFETY, "sv")
        ideas.change_status(idea, status)
        idea.vote_count = votes(i)
        made.append(idea)
    db.session.commit()
    return [idea.id for idea in made]


def listed(client, slug="boden", **params) -> list[int]:
    """Every idea id of the list, page after page, in the order shown."""
    found, page = [], 1
    while True:
        response = client.get(f"/areas/{slug}/ideas", query_string={**params, "page": page})
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        found += [int(n) for n in re.findall(r'href="/ideas/(\d+)"', html)]
        if f"page={page + 1}" not in html:
            return list(dict.fromkeys(found)) if len(found) != len(set(found)) else found
        page += 1


def choose_random(client, area, leader):
    sign_in_as(client, leader)
    assert post(client, f"/areas/{area.slug}/idea-order", {"order": "random"}).status_code == 302
    client.get("/")  # the session stays; the leader's own order from here


@pytest.fixture
def many(area, resident):
    return make_ideas(area, resident, 45)


def test_most_votes_is_the_default(client, area, many):
    assert not ordering.is_random(area)
    assert listed(client) == sorted(many, key=lambda i: -db.session.get(Idea, i).vote_count)
    page = client.get(f"/areas/{area.slug}/ideas").get_data(as_text=True)
    assert "Most votes" in page and "random order" not in page


def test_random_order_is_stable_for_a_visitor_and_never_repeats_across_pages(
    app, client, area, leader, many
):
    choose_random(client, area, leader)
    first = listed(client)
    assert sorted(first) == sorted(many) and len(first) == len(set(first)) == 45
    assert first != sorted(many, key=lambda i: -db.session.get(Idea, i).vote_count)
    assert listed(client) == first  # the same all day
    assert listed(client, sort="votes") == first  # most votes is not offered meanwhile
    page = client.get(f"/areas/{area.slug}/ideas").get_data(as_text=True)
    assert "shown in random order" in page and '<option value="votes"' not in page
    # another person, and a visitor without an account, see other orders
    sign_in_as(client, make_person("Someone else"))
    assert listed(client) != first
    with app.test_client() as visitor:
        theirs = listed(visitor)
        assert sorted(theirs) == sorted(many) and theirs != first
        assert listed(visitor) == theirs


def test_the_order_changes_from_one_day_to_the_next(area):
    today = date(2026, 12, 4)
    assert ordering.seed("person:1", area, today) == ordering.seed("person:1", area, today)
    assert ordering.seed("person:1", area, today) != ordering.seed(
        "person:1", area, today + timedelta(days=1)
    )
    assert ordering.seed("person:1", area, today) != ordering.seed("person:2", area, today)


def test_open_ideas_come_first_then_the_others(client, area, leader, resident):
    open_ideas = make_ideas(area, resident, 6)
    done = make_ideas(area, resident, 4, IdeaStatus.DONE, votes=lambda i: 100)
    choose_random(client, area, leader)
    shown = listed(client)
    assert set(shown[:6]) == set(open_ideas) and set(shown[6:]) == set(done)


def test_the_newest_and_active_sorts_still_work(client, area, leader, many):
    choose_random(client, area, leader)
    assert listed(client, sort="newest") == sorted(many, reverse=True)


def test_cutting_the_agenda_brings_most_votes_back(client, area, leader, many):
    choose_random(client, area, leader)
    assert ordering.is_random(db.session.get(Area, area.id))
    db.session.add(
        Agenda(
            area_id=area.id,
            title="Stormöte",
            meeting_at=utcnow() + timedelta(days=7),
            place="Lokalen",
            cut_at=utcnow(),
        )
    )
    db.session.commit()
    assert not ordering.is_random(db.session.get(Area, area.id))
    assert listed(client) == sorted(many, key=lambda i: -db.session.get(Idea, i).vote_count)
    # choosing random again starts the next round
    choose_random(client, area, leader)
    assert ordering.is_random(db.session.get(Area, area.id))


def test_the_choice_is_in_the_public_moderation_log(client, area, leader):
    choose_random(client, area, leader)
    post(client, f"/areas/{area.slug}/idea-order", {"order": "random"})  # no change: no entry
    post(client, f"/areas/{area.slug}/idea-order", {"order": "votes"})
    decisions = db.session.scalars(
        sa.select(ModerationDecision.decision).order_by(ModerationDecision.id)
    ).all()
    assert decisions == [Decision.ORDER_RANDOM, Decision.ORDER_VOTES]
    log = client.get(f"/areas/{area.slug}/moderation-log").get_data(as_text=True)
    assert "Ideas listed in random order while voting is open" in log
    assert "Ideas listed by most votes" in log and "Karin Leader" not in log


def test_only_the_areas_leaders_choose(client, area, other_area, resident):
    sign_in_as(client, resident)
    assert client.get(f"/areas/{area.slug}/idea-order").status_code == 403
    assert post(client, f"/areas/{area.slug}/idea-order", {"order": "random"}).status_code == 403
    stranger = make_person("Leader elsewhere")
    give_role(stranger, other_area, Role.LEADER)
    sign_in_as(client, stranger)
    assert post(client, f"/areas/{area.slug}/idea-order", {"order": "random"}).status_code == 403
    assert db.session.get(Area, area.id).idea_order == "votes"


@pytest.mark.parametrize("data", [{"order": "chaos"}, {}])
def test_bad_input_is_refused(client, area, leader, data):
    sign_in_as(client, leader)
    response = post(client, f"/areas/{area.slug}/idea-order", data)
    assert response.status_code == 422
    assert db.session.get(Area, area.id).idea_order == "votes"


def test_the_random_list_asks_a_fixed_number_of_queries(client, area, leader, resident):
    area_id, resident_id = area.id, resident.id
    make_ideas(area, resident, 3)
    choose_random(client, area, leader)
    _, few = queries(client, "GET", "/areas/boden/ideas")
    area = db.session.get(Area, area_id)
    make_ideas(area, db.session.get(type(resident), resident_id), 40)
    status, more = queries(client, "GET", "/areas/boden/ideas?page=2")
    assert status == 200 and len(more) == len(few)


def test_every_idea_is_first_about_as_often_across_visitors():
    """A uniform shuffle: no visitor's seed gives back the ranked (or any fixed) order."""
    from collections import Counter
    from types import SimpleNamespace

    area = SimpleNamespace(id=367)
    ids = list(range(577, 587))
    firsts = Counter(
        ordering.shuffled(ids, ordering.seed(f"person:{n}", area, date(2026, 12, 4)))[0]
        for n in range(1000)
    )
    assert set(firsts) == set(ids)
    assert max(firsts.values()) < 150 and min(firsts.values()) > 60  # about 100 each
    assert ordering.shuffled(ids, 1) == ordering.shuffled(list(reversed(ids)), 1)
