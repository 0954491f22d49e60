"""Queries per request do not grow with the data (DESIGN.md §6: no N+1).

Each page is measured at a small size (3 ideas, a few votes and comments), then the data
grows (60 ideas, many votes, comments and replies by many different authors, several partner
links and timeline events) and the page is measured again: the count must be the same, and
small. Every measured request starts with a fresh database session, as in production.
"""

from dataclasses import dataclass, field

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import (
    Comment,
    EventKind,
    Idea,
    IdeaEvent,
    IdeaStatus,
    LinkStatus,
    Partner,
    PartnerKind,
    PartnerLink,
    Person,
    Role,
    Vote,
)
from app.models.ideas import Category
from app.models.util import utcnow
from tests.conftest import csrf_token, give_role, make_person, sign_in_as
from tests.queries import queries

# Upper bounds on the absolute numbers (the equality across sizes is the main rule).
MAX_LIST = 8  # 6 for the list, +1 COUNT for the unread-notices badge, +1 for the menu's "Verify"
MAX_IDEA = 13  # 9 for the idea itself (its comments in two), the partner section adds 2, the menu 1
MAX_VOTE = 7


@dataclass
class World:
    """An area's ideas, grown in steps; ids only (objects expire between requests)."""

    area_id: int
    viewer_id: int
    leader_id: int
    focus_id: int
    other_ids: list[int] = field(default_factory=list)
    people: list[int] = field(default_factory=list)
    partners: int = 0


def _idea(area_id: int, author_id: int, n: int, votes: int = 0) -> Idea:
    now = utcnow()
    return Idea(
        area_id=area_id,
        author_id=author_id,
        title=f"Idé nummer {n}",
        text="En bänk vid busshållplatsen. " * 3,
        language="sv",
        category=list(Category)[n % len(Category)],
        status=IdeaStatus.PUBLISHED,
        vote_count=votes,
        published_at=now,
        last_activity_at=now,
    )


def _people(n: int, start: int) -> list[int]:
    people = [
        Person(display_name=f"Granne {i}", email=f"granne{i}@test.example", locale="sv")
        for i in range(start, start + n)
    ]
    db.session.add_all(people)
    db.session.flush()
    return [p.id for p in people]


def _add_votes(idea_id: int, person_ids: list[int]) -> None:
    db.session.add_all(Vote(idea_id=idea_id, person_id=p) for p in person_ids)
    db.session.execute(
        sa.update(Idea)
        .where(Idea.id == idea_id)
        .values(vote_count=Idea.vote_count + len(person_ids))
    )


def _add_comments(idea_id: int, author_ids: list[int], replies_per_comment: int) -> None:
    for author_id in author_ids:
        comment = Comment(idea_id=idea_id, author_id=author_id, text=f"Bra idé, säger {author_id}")
        db.session.add(comment)
        db.session.flush()
        for k in range(replies_per_comment):
            replier = author_ids[(author_ids.index(author_id) + k + 1) % len(author_ids)]
            db.session.add(
                Comment(idea_id=idea_id, author_id=replier, parent_id=comment.id, text="Håller med")
            )
    count = db.session.scalar(
        sa.select(sa.func.count()).select_from(Comment).where(Comment.idea_id == idea_id)
    )
    db.session.execute(sa.update(Idea).where(Idea.id == idea_id).values(comment_count=count))


def _add_partners(world: World, idea_id: int, n: int) -> None:
    statuses = list(LinkStatus)
    for k in range(world.partners, world.partners + n):
        partner = Partner(name=f"Partner {k}", kind=list(PartnerKind)[k % len(PartnerKind)])
        db.session.add(partner)
        db.session.flush()
        db.session.add(
            PartnerLink(
                idea_id=idea_id,
                partner_id=partner.id,
                status=statuses[k % len(statuses)],
                created_by_id=world.leader_id,
            )
        )
        db.session.add(
            IdeaEvent(idea_id=idea_id, kind=EventKind.PARTNER_LINKED, partner_id=partner.id)
        )
    world.partners += n


def _add_events(idea_id: int, kinds: list[EventKind]) -> None:
    db.session.add_all(IdeaEvent(idea_id=idea_id, kind=kind, note="") for kind in kinds)


def build_small(area) -> World:
    """3 ideas, a couple of votes, a comment with a reply, one partner link, two events."""
    leader = make_person("Karin Leader")
    give_role(leader, area, Role.LEADER)
    viewer = make_person("Fatima Viewer")
    give_role(viewer, area, Role.RESIDENT, verified=True)
    people = _people(3, 0)
    ideas = [_idea(area.id, people[n % 3], n) for n in range(3)]
    db.session.add_all(ideas)
    db.session.flush()
    world = World(area.id, viewer.id, leader.id, ideas[0].id, [i.id for i in ideas[1:]], people)
    _add_votes(world.focus_id, people[:2])
    _add_votes(world.other_ids[0], [viewer.id])
    _add_comments(world.focus_id, people[1:2], 1)  # not the author
    _add_partners(world, world.focus_id, 1)
    _add_partners(world, world.other_ids[0], 1)
    _add_events(world.focus_id, [EventKind.SUBMITTED, EventKind.PUBLISHED])
    db.session.commit()
    return world


def grow(world: World) -> None:
    """To 60 ideas with many votes; the focus idea gets many comments, partners and events."""
    people = _people(60, len(world.people))
    world.people += people
    ideas = [_idea(world.area_id, people[n % 60], n) for n in range(3, 60)]
    db.session.add_all(ideas)
    db.session.flush()
    world.other_ids += [i.id for i in ideas]
    for n, idea_id in enumerate(world.other_ids):
        _add_votes(idea_id, world.people[2 : 2 + (n * 7) % 60])
        if n % 3 == 0:
            _add_partners(world, idea_id, 2)
        if n % 2 == 0 and idea_id != world.other_ids[0]:
            _add_votes(idea_id, [world.viewer_id])
    _add_votes(world.focus_id, world.people[2:50])
    _add_comments(world.focus_id, world.people[3:33], 2)
    _add_partners(world, world.focus_id, 4)
    _add_events(
        world.focus_id,
        [EventKind.ON_AGENDA, EventKind.PARTNER_ACCEPTED, EventKind.PARTNER_DELIVERED],
    )
    db.session.commit()


@pytest.fixture
def world(app, area) -> World:
    return build_small(area)


def _report(name: str, small: list[str], large: list[str]) -> str:
    lines = [f"{name}: {len(small)} queries at the small size, {len(large)} at the large size"]
    for label, statements in (("small", small), ("large", large)):
        lines.append(f"-- {label}:")
        lines += [f"   {s[:160]}" for s in statements]
    return "\n".join(lines)


def _client(app, world: World, who: str):
    client = app.test_client()
    client.set_cookie("lang", "en")
    if who == "resident":
        sign_in_as(client, db.session.get(Person, world.viewer_id))
    return client


def _check(name, small, large, limit):
    message = _report(name, small, large)
    print(message)
    assert len(small) == len(large), message
    assert len(large) <= limit, message


def _measure_get(client, path):
    client.get(path).close()  # warm up: templates, translations, the first connection
    status, statements = queries(client, "GET", path)
    assert status == 200
    return statements


@pytest.mark.parametrize("who", ["resident", "visitor"])
def test_idea_list_queries_do_not_grow(app, world, who):
    path = "/areas/boden/ideas"
    client = _client(app, world, who)
    small = _measure_get(client, path)
    grow(world)
    large = _measure_get(client, path)
    _check(f"idea list ({who})", small, large, MAX_LIST)


@pytest.mark.parametrize("who", ["resident", "visitor"])
def test_idea_list_next_page_fragment_queries_do_not_grow(app, world, who):
    client = _client(app, world, who)
    small = _measure_get(client, "/areas/boden/ideas?page=1")
    # The full page's menu counts unread notices and asks whether to offer "Verify"; a
    # fragment has no menu.
    small = [
        s for s in small if "FROM notification" not in s and "verified_at IS NOT NULL OR" not in s
    ]
    grow(world)
    client.get("/areas/boden/ideas?page=2", headers={"HX-Request": "true"}).close()
    status, large = queries(
        client, "GET", "/areas/boden/ideas?page=2", headers={"HX-Request": "true"}
    )
    assert status == 200
    _check(f"idea list, htmx page 2 ({who})", small, large, MAX_LIST)


@pytest.mark.parametrize("who", ["resident", "visitor"])
def test_idea_page_queries_do_not_grow(app, world, who):
    path = f"/ideas/{world.focus_id}"
    client = _client(app, world, who)
    small = _measure_get(client, path)
    grow(world)
    large = _measure_get(client, path)
    page = client.get(path).get_data(as_text=True)
    assert page.count('class="comment"') == 92  # 1 + 1 reply, then 30 with 2 replies each
    _check(f"idea page ({who})", small, large, MAX_IDEA)


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_vote_queries_do_not_grow(app, world, htmx):
    client = _client(app, world, "resident")
    token = csrf_token(client)
    headers = {"HX-Request": "true"} if htmx else {}
    path = f"/ideas/{world.focus_id}/vote"

    def vote(value: str) -> list[str]:
        data = {"csrf_token": token, "vote": value, "next": "/areas/boden/ideas"}
        status, statements = queries(client, "POST", path, data=data, headers=headers)
        assert status == (200 if htmx else 302)
        return statements

    small_on, small_off = vote("1"), vote("0")
    grow(world)
    large_on, large_off = vote("1"), vote("0")
    name = "vote (htmx)" if htmx else "vote (plain form)"
    _check(f"{name}, voting", small_on, large_on, MAX_VOTE)
    _check(f"{name}, removing the vote", small_off, large_off, MAX_VOTE)
    assert db.session.get(Idea, world.focus_id).vote_count == 50  # 2 + 48, back where it was


def test_visitor_vote_is_sent_to_sign_in_without_queries(app, world):
    client = _client(app, world, "visitor")
    token = csrf_token(client)
    data = {"csrf_token": token, "vote": "1"}
    status, statements = queries(client, "POST", f"/ideas/{world.focus_id}/vote", data=data)
    assert status == 302
    assert statements == []
