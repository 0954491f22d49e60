from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import segno
import sqlalchemy as sa

from app import clock
from app.agendas import services
from app.extensions import db
from app.ideas import services as ideas
from app.models import (
    Agenda,
    AgendaItem,
    AuditEntry,
    EventKind,
    Idea,
    IdeaEvent,
    IdeaStatus,
    Notification,
    NotificationKind,
    Role,
    Vote,
)
from app.models.util import utcnow
from tests.conftest import count, give_role, make_person, post, sign_in_as
from tests.live import run_together
from tests.partners.factories import make_idea

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def next_year():
    return utcnow().year + 1


def meeting_data(**changes):
    data = {
        "title": "Stormöte i Boden",
        "day": f"{next_year()}-07-01",
        "clock": "18:30",
        "place": "Träffpunkten, Kyrkgatan 3",
        "idea_count": "3",
    }
    data.update(changes)
    return data


def make_agenda(area, leader, idea_count=3, title="Stormöte"):
    return services.create_meeting(
        area,
        leader,
        title=title,
        meeting_at=utcnow() + timedelta(days=14),
        place="Träffpunkten",
        idea_count=idea_count,
    )


def cut(client, agenda_id):
    return post(client, f"/agendas/{agenda_id}/cut")


def add_votes(idea, n):
    """Votes by n new residents, with the stored count kept in step."""
    for _ in range(n):
        voter = make_person("Voter")
        db.session.add(Vote(idea_id=idea.id, person_id=voter.id))
    idea.vote_count += n
    db.session.commit()


# Creating meetings


def test_leader_creates_meeting_in_swedish_time(client, leader, area):
    sign_in_as(client, leader)
    page = client.get("/areas/boden/meetings").get_data(as_text=True)
    assert 'action="/areas/boden/meetings"' in page
    response = post(client, "/areas/boden/meetings", meeting_data())
    assert response.status_code == 302
    agenda = db.session.scalar(sa.select(Agenda))
    assert response.headers["Location"].endswith(f"/agendas/{agenda.id}")
    # 18:30 in Stockholm in July (summer time, UTC+2) is 16:30 UTC.
    assert agenda.meeting_at == datetime(next_year(), 7, 1, 16, 30, tzinfo=UTC)
    assert (agenda.title, agenda.place, agenda.idea_count) == (
        "Stormöte i Boden",
        "Träffpunkten, Kyrkgatan 3",
        3,
    )
    assert agenda.cut_at is None and agenda.created_by_id == leader.id
    assert db.session.scalar(sa.select(AuditEntry.action)) == "create_meeting"
    listing = client.get("/areas/boden/meetings").get_data(as_text=True)
    assert "Stormöte i Boden" in listing


def test_winter_time_is_one_hour_ahead_of_utc():
    at = clock.meeting_time(datetime(2030, 1, 15).date(), datetime(2030, 1, 15, 18).time())
    assert at == datetime(2030, 1, 15, 17, 0, tzinfo=UTC)
    assert clock.local_label(at) == "2030-01-15 18:00"


def test_area_page_links_meetings(client, area):
    assert 'href="/areas/boden/meetings"' in client.get("/areas/boden").get_data(as_text=True)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"day": f"{utcnow().year - 1}-07-01"}, "must be in the future"),
        (
            {"day": (utcnow() - timedelta(days=1)).astimezone(STOCKHOLM).date().isoformat()},
            "future",
        ),
        ({"idea_count": "0"}, "between 1 and 30"),
        ({"idea_count": "31"}, "between 1 and 30"),
        ({"idea_count": ""}, "between 1 and 30"),
        ({"idea_count": "fem"}, 'class="error"'),
        ({"title": "  "}, "Write a title"),
        ({"place": ""}, "Write where the meeting is"),
        ({"day": ""}, "Choose the date"),
        ({"day": "1 juli"}, 'class="error"'),
        ({"clock": "25:00"}, 'class="error"'),
        ({"clock": ""}, "Choose the time"),
        ({"title": "x" * 121}, "120"),
    ],
)
def test_meeting_bad_input(client, leader, area, changes, message):
    sign_in_as(client, leader)
    response = post(client, "/areas/boden/meetings", meeting_data(**changes))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert count(Agenda) == 0


def test_meeting_earlier_today_is_in_the_past(client, leader, area):
    past = (utcnow() - timedelta(minutes=5)).astimezone(STOCKHOLM)
    sign_in_as(client, leader)
    response = post(
        client,
        "/areas/boden/meetings",
        meeting_data(day=past.date().isoformat(), clock=past.strftime("%H:%M")),
    )
    assert response.status_code == 422
    assert count(Agenda) == 0


def test_create_meeting_permissions(client, area, other_area, resident):
    other_leader = make_person("Other Leader")
    give_role(other_leader, other_area, Role.LEADER)
    assert post(client, "/areas/boden/meetings", meeting_data()).status_code == 302  # sign in
    for person in (other_leader, resident):
        sign_in_as(client, person)
        assert post(client, "/areas/boden/meetings", meeting_data()).status_code == 403
        page = client.get("/areas/boden/meetings").get_data(as_text=True)
        assert 'action="/areas/boden/meetings"' not in page
    assert post(client, "/areas/nowhere/meetings", meeting_data()).status_code == 404
    assert count(Agenda) == 0


# Cutting the agenda


@pytest.fixture
def ranked(area, resident):
    """Five published ideas with votes 5, 9, 5, 0, 2, plus ideas that must not be picked."""
    made = {}
    for title, votes in [("A", 5), ("B", 9), ("C", 5), ("D", 0), ("E", 2)]:
        made[title] = make_idea(area, resident, title, votes=votes)
    make_idea(area, resident, "Waiting", IdeaStatus.SUBMITTED, votes=50)
    make_idea(area, resident, "Already going", IdeaStatus.IN_PROGRESS, votes=40)
    make_idea(area, resident, "Hidden", IdeaStatus.HIDDEN, votes=30)
    return made


def test_cut_freezes_top_published_ideas_in_order(client, leader, area, ranked, other_area):
    elsewhere = make_idea(other_area, make_person("Elsewhere"), "Other area", votes=100)
    agenda = make_agenda(area, leader, idea_count=3)
    sign_in_as(client, leader)
    before = client.get(f"/agendas/{agenda.id}").get_data(as_text=True)
    assert "If the agenda were cut now" in before and "Cut the agenda now" in before
    response = cut(client, agenda.id)
    assert response.status_code == 302
    db.session.expire_all()
    items = db.session.scalars(sa.select(AgendaItem).order_by(AgendaItem.position)).all()
    # Most votes first; A and C tie on 5 and A, the older idea, comes first.
    assert [(i.position, i.idea.title, i.votes_at_cut) for i in items] == [
        (1, "B", 9),
        (2, "A", 5),
        (3, "C", 5),
    ]
    assert agenda.cut_at is not None
    for title in "BAC":
        idea = ranked[title]
        assert idea.status is IdeaStatus.ON_AGENDA
        event = db.session.scalar(
            sa.select(IdeaEvent).where(
                IdeaEvent.idea_id == idea.id, IdeaEvent.kind == EventKind.ON_AGENDA
            )
        )
        assert event.agenda_id == agenda.id and "Stormöte" in event.note
    assert ranked["E"].status is IdeaStatus.PUBLISHED
    assert elsewhere.status is IdeaStatus.PUBLISHED
    # Each voter of an idea on the agenda hears of it.
    assert count(Notification, Notification.kind == NotificationKind.ON_AGENDA) == 0
    assert (
        count(
            Notification,
            Notification.kind == NotificationKind.IDEA_STATUS,
            Notification.idea_id.in_([ranked[t].id for t in "BAC"]),
        )
        == 3
    )
    assert "cut_agenda" in set(db.session.scalars(sa.select(AuditEntry.action)))
    page = client.get(f"/agendas/{agenda.id}").get_data(as_text=True)
    assert page.index(">B<") < page.index(">A<") < page.index(">C<")
    assert "9 votes at the cut" in page


def test_voters_are_told_the_idea_is_on_the_agenda(client, leader, area, resident):
    idea = make_idea(area, resident, "Popular")
    add_votes(idea, 3)
    agenda = make_agenda(area, leader, idea_count=1)
    sign_in_as(client, leader)
    assert cut(client, agenda.id).status_code == 302
    assert count(Notification, Notification.kind == NotificationKind.ON_AGENDA) == 3


def test_votes_after_the_cut_do_not_change_the_agenda(client, leader, area, ranked):
    agenda = make_agenda(area, leader, idea_count=2)
    sign_in_as(client, leader)
    assert cut(client, agenda.id).status_code == 302
    # Votes move afterwards: C overtakes everything, B gains more.
    add_votes(ranked["B"], 1)
    add_votes(ranked["C"], 20)
    db.session.expire_all()
    items = db.session.scalars(sa.select(AgendaItem).order_by(AgendaItem.position)).all()
    assert [(i.idea.title, i.votes_at_cut) for i in items] == [("B", 9), ("A", 5)]
    assert ranked["B"].vote_count == 10  # the idea itself still counts votes
    page = client.get(f"/agendas/{agenda.id}").get_data(as_text=True)
    assert "9 votes at the cut" in page and "5 votes at the cut" in page
    assert ">C<" not in page


def test_second_cut_is_409(client, leader, area, ranked):
    agenda = make_agenda(area, leader, idea_count=2)
    sign_in_as(client, leader)
    assert cut(client, agenda.id).status_code == 302
    make_idea(area, make_person("New"), "F", votes=99)
    response = cut(client, agenda.id)
    assert response.status_code == 409
    assert "already cut" in response.get_data(as_text=True)
    assert count(AgendaItem) == 2
    assert "Cut the agenda now" not in client.get(f"/agendas/{agenda.id}").get_data(as_text=True)


def test_cut_with_no_published_ideas_gives_an_empty_agenda(client, leader, area):
    agenda = make_agenda(area, leader)
    sign_in_as(client, leader)
    assert cut(client, agenda.id).status_code == 302
    page = client.get(f"/agendas/{agenda.id}").get_data(as_text=True)
    assert "no published ideas" in page
    assert cut(client, agenda.id).status_code == 409


def test_cut_permissions(client, area, other_area, leader, resident, ranked):
    agenda = make_agenda(area, leader)
    other_leader = make_person("Other Leader")
    give_role(other_leader, other_area, Role.LEADER)
    assert cut(client, agenda.id).status_code == 302  # sign in first
    for person in (other_leader, resident):
        sign_in_as(client, person)
        assert cut(client, agenda.id).status_code == 403
        assert "Cut the agenda now" not in client.get(f"/agendas/{agenda.id}").get_data(
            as_text=True
        )
    assert cut(client, 999).status_code == 404
    db.session.expire_all()
    assert agenda.cut_at is None and count(AgendaItem) == 0


def test_unknown_ids_are_404(client):
    for path in ("/agendas/999", "/agendas/999/print", "/ideas/999/poster", "/areas/x/meetings"):
        assert client.get(path).status_code == 404


def test_simultaneous_cuts_make_one_agenda(app, leader, area, ranked):
    agenda_id = make_agenda(area, leader, idea_count=3).id
    leader_id = leader.id

    def go():
        with app.test_request_context():
            agenda = db.session.get(Agenda, agenda_id)
            return len(services.cut(agenda, db.session.get(type(leader), leader_id)))

    results = run_together(app, [go for _ in range(4)])
    assert results.count(3) == 1, results
    assert all(isinstance(r, ideas.Refused) and r.status == 409 for r in results if r != 3)
    db.session.expire_all()
    positions = db.session.scalars(sa.select(AgendaItem.position)).all()
    assert sorted(positions) == [1, 2, 3]
    assert count(IdeaEvent, IdeaEvent.kind == EventKind.ON_AGENDA) == 3


def test_simultaneous_cuts_of_two_meetings_never_share_an_idea(app, leader, area, ranked):
    ids = [make_agenda(area, leader, idea_count=3, title=f"M{n}").id for n in range(2)]
    leader_id = leader.id

    def go(agenda_id):
        def run():
            with app.test_request_context():
                agenda = db.session.get(Agenda, agenda_id)
                return [
                    i.idea_id for i in services.cut(agenda, db.session.get(type(leader), leader_id))
                ]

        return run

    first, second = run_together(app, [go(i) for i in ids])
    assert not isinstance(first, Exception) and not isinstance(second, Exception)
    assert not set(first) & set(second)
    assert len(first) + len(second) == 5  # all five published ideas, none twice
    assert count(IdeaEvent, IdeaEvent.kind == EventKind.ON_AGENDA) == 5


# Print views and posters


def test_print_view_lists_ideas_with_qr_codes(client, leader, area, ranked):
    agenda = make_agenda(area, leader, idea_count=2)
    services.cut(agenda, leader)
    response = client.get(f"/agendas/{agenda.id}/print")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "agenda-print.css" in page and "style.css" not in page  # own sheet, no base layout
    assert "<script" not in page and "<style" not in page and "style=" not in page
    for title in ("B", "A"):
        url = f"http://localhost/ideas/{ranked[title].id}"
        assert url in page  # printed beneath the code for people without a scanner
        assert str(services.qr_svg(url)) in page  # the code encodes exactly this address
    assert page.count("<svg") == 2
    assert page.index("9 votes") < page.index("5 votes")


def test_qr_svg_encodes_the_address():
    url = "http://localhost/ideas/7"
    svg = str(services.qr_svg(url))
    expected = segno.make(url, error="m").svg_inline(
        scale=1, border=4, omitsize=True, svgclass="qr", lineclass=None
    )
    assert svg.replace(f'role="img" aria-label="{url}" ', "") == expected
    assert svg.startswith('<svg role="img" aria-label="http://localhost/ideas/7"')


def test_print_view_uses_base_url(make_app, area, leader, resident):
    idea = make_idea(area, resident, "Lampor")
    agenda = make_agenda(area, leader, idea_count=1)
    services.cut(agenda, leader)
    other = make_app(BASE_URL="https://grannlabb.example.se/")
    with other.app_context():
        page = other.test_client().get(f"/agendas/{agenda.id}/print").get_data(as_text=True)
    assert f"https://grannlabb.example.se/ideas/{idea.id}" in page


def test_print_before_the_cut(client, leader, area):
    agenda = make_agenda(area, leader)
    page = client.get(f"/agendas/{agenda.id}/print").get_data(as_text=True)
    assert "not cut yet" in page and "<svg" not in page


def test_poster_for_published_idea(client, area, resident):
    idea = make_idea(area, resident, "Grillplats vid sjön")
    idea.text = "Ord " * 400
    add_votes(idea, 4)
    response = client.get(f"/ideas/{idea.id}/poster")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    url = f"http://localhost/ideas/{idea.id}"
    assert "Grillplats vid sjön" in page and "4 votes" in page
    assert url in page and str(services.qr_svg(url)) in page
    assert "agenda-print.css" in page and "<script" not in page
    assert "…" in page and page.count("Ord") < 400  # only the first part of the text
    idea_page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert f'href="/ideas/{idea.id}/poster"' in idea_page


@pytest.mark.parametrize("status", [IdeaStatus.SUBMITTED, IdeaStatus.HIDDEN, IdeaStatus.DUPLICATE])
def test_no_poster_for_ideas_not_public(client, area, resident, leader, status):
    idea = make_idea(area, resident, status=status)
    for person in (None, resident, leader):
        if person:
            sign_in_as(client, person)
        assert client.get(f"/ideas/{idea.id}/poster").status_code == 404
    assert "/poster" not in client.get(f"/ideas/{idea.id}").get_data(as_text=True)


def test_excerpt():
    assert services.excerpt("  short  ") == "short"
    long = "word " * 200
    cut_text = services.excerpt(long, 50)
    assert cut_text.endswith("…") and len(cut_text) <= 51 and not cut_text[:-1].endswith(" ")


def test_meeting_list_is_public_and_shows_state(client, leader, area, ranked):
    first = make_agenda(area, leader, title="Vårmöte")
    make_agenda(area, leader, title="Höstmöte")
    services.cut(first, leader)
    past = Agenda(
        area_id=area.id,
        title="Förra året",
        meeting_at=utcnow() - timedelta(days=300),
        place="Träffpunkten",
        idea_count=3,
    )
    soon = Agenda(
        area_id=area.id,
        title="Snart",
        meeting_at=utcnow() + timedelta(days=2),
        place="Träffpunkten",
        idea_count=3,
    )
    db.session.add_all([past, soon])
    db.session.commit()
    page = client.get("/areas/boden/meetings").get_data(as_text=True)
    assert "Agenda ready" in page
    # Coming meetings soonest first, then past ones.
    assert page.index("Snart") < page.index("Vårmöte") < page.index("Förra året")
    assert page.index("Höstmöte") < page.index("Förra året")
    agenda_page = client.get(f"/agendas/{first.id}").get_data(as_text=True)
    assert f'href="/agendas/{first.id}/print"' in agenda_page
    assert "Cut the agenda now" not in agenda_page


def test_idea_only_published_counts_not_other_statuses(app, leader, area, resident):
    """Ideas already on an agenda or in progress are not taken again by the next cut."""
    idea = make_idea(area, resident, "Once", votes=3)
    first = make_agenda(area, leader, idea_count=5, title="Först")
    services.cut(first, leader)
    second = make_agenda(area, leader, idea_count=5, title="Sedan")
    assert services.cut(second, leader) == []
    assert count(AgendaItem, AgendaItem.idea_id == idea.id) == 1
    assert db.session.get(Idea, idea.id).status is IdeaStatus.ON_AGENDA
