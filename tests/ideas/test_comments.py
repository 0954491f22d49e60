"""An idea's comments come a page of threads at a time: a plain link, or htmx in place."""

import re

import pytest
import sqlalchemy as sa

from app.clock import STOCKHOLM
from app.extensions import db
from app.ideas import services
from app.ideas.services import COMMENT_ORPHANS, COMMENTS_PER_PAGE
from app.models import Comment, Idea, IdeaStatus, ReportReason, Role
from tests.conftest import give_role, make_person, post, sign_in_as
from tests.ideas.factories import new_idea
from tests.queries import queries

HTMX = {"HX-Request": "true"}
COMMENT_ID = re.compile(r'<li id="comment-(\d+)" class="comment">')


@pytest.fixture
def verified(area):
    person = make_person("Fatima")
    give_role(person, area, Role.RESIDENT, verified=True)
    return person


@pytest.fixture
def idea(area, resident):
    return new_idea(area, resident)


def add_comments(idea, author, n: int, replies: int = 0, text="Kommentar") -> list[int]:
    """``n`` top-level comments ("Kommentar 1", …) with ``replies`` replies each; their ids.
    ``idea`` and ``author`` may be objects or ids."""
    idea_id = getattr(idea, "id", idea)
    author_id = getattr(author, "id", author)
    tops = [Comment(idea_id=idea_id, author_id=author_id, text=f"{text} {k + 1}") for k in range(n)]
    db.session.add_all(tops)
    db.session.flush()
    db.session.add_all(
        Comment(idea_id=idea_id, author_id=author_id, parent_id=top.id, text=f"Svar {r} på {k + 1}")
        for k, top in enumerate(tops)
        for r in range(replies)
    )
    total = db.session.scalar(
        sa.select(sa.func.count()).select_from(Comment).where(Comment.idea_id == idea_id)
    )
    db.session.execute(sa.update(Idea).where(Idea.id == idea_id).values(comment_count=total))
    db.session.commit()
    return [top.id for top in tops]


def shown(html: str) -> list[int]:
    return [int(found) for found in COMMENT_ID.findall(html)]


def get(client, path, **kwargs) -> str:
    response = client.get(path, **kwargs)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_a_page_of_threads_then_a_plain_link_to_the_next(client, idea, resident):
    tops = add_comments(idea, resident, 70)
    first = get(client, f"/ideas/{idea.id}")
    assert shown(first) == tops[:30]
    assert "70 comments" in first  # the heading counts them all
    assert f'href="/ideas/{idea.id}?comments_page=2#comments"' in first
    assert f'hx-get="/ideas/{idea.id}?comments_page=2"' in first
    assert "Show earlier comments" not in first

    second = get(client, f"/ideas/{idea.id}?comments_page=2")
    assert "<html" in second and 'id="comments"' in second  # the whole page, without JavaScript
    assert shown(second) == tops[30:60]
    assert f'href="/ideas/{idea.id}#comments">Show earlier comments' in second
    assert f'href="/ideas/{idea.id}?comments_page=3#comments"' in second

    last = get(client, f"/ideas/{idea.id}?comments_page=3")
    assert shown(last) == tops[60:]
    assert 'id="comments-more"' not in last
    assert f'href="/ideas/{idea.id}?comments_page=2#comments">Show earlier comments' in last


def test_htmx_gets_only_the_next_comments_and_the_next_button(client, idea, resident):
    tops = add_comments(idea, resident, 70, replies=1)
    fragment = get(client, f"/ideas/{idea.id}?comments_page=2", headers=HTMX)
    assert "<html" not in fragment and "<h2" not in fragment and "<form" not in fragment
    assert "Bygg en grillplats" not in fragment  # not the idea again
    assert fragment.lstrip().startswith(f'<li id="comment-{tops[30]}"')
    assert [c for c in shown(fragment) if c in tops] == tops[30:60]
    # The button's container is what the next answer replaces.
    assert 'id="comments-more"' in fragment and 'hx-target="#comments-more"' in fragment
    assert 'hx-swap="outerHTML"' in fragment
    assert f'hx-get="/ideas/{idea.id}?comments_page=3"' in fragment
    last = get(client, f"/ideas/{idea.id}?comments_page=3", headers=HTMX)
    assert [c for c in shown(last) if c in tops] == tops[60:]
    assert "comments-more" not in last


def test_the_last_page_takes_the_last_few_comments(client, idea, resident):
    tops = add_comments(idea, resident, COMMENTS_PER_PAGE + COMMENT_ORPHANS)
    page = get(client, f"/ideas/{idea.id}")
    assert shown(page) == tops and "comments-more" not in page
    add_comments(idea, resident, 1)
    page = get(client, f"/ideas/{idea.id}")
    assert len(shown(page)) == COMMENTS_PER_PAGE and "comments-more" in page


def test_replies_show_under_their_own_comment_on_its_page(client, idea, resident, verified):
    tops = add_comments(idea, resident, 70)
    late = services.add_comment(idea, verified, "Ett sent svar", tops[44])  # after every top
    early = services.add_comment(idea, verified, "Ett tidigt svar", tops[2])
    first = get(client, f"/ideas/{idea.id}")
    assert "Ett sent svar" not in first
    assert re.search(
        rf'id="comment-{tops[2]}".*?</li>\s*<li><ul class="replies">\s*<li id="comment-{early.id}"',
        first,
        re.S,
    )
    for headers in ({}, HTMX):
        second = get(client, f"/ideas/{idea.id}?comments_page=2", headers=headers)
        assert "Ett tidigt svar" not in second
        assert re.search(
            rf'id="comment-{tops[44]}".*?</li>\s*<li><ul class="replies">\s*'
            rf'<li id="comment-{late.id}"',
            second,
            re.S,
        )
        # Nothing else between the comment and its reply.
        between = second.split(f'id="comment-{tops[44]}"')[1].split(f'id="comment-{late.id}"')[0]
        assert 'id="comment-' not in between


def test_hidden_comments_show_their_reason_and_keep_their_replies(client, idea, resident, leader):
    tops = add_comments(idea, resident, 3, replies=1)
    hidden = db.session.get(Comment, tops[1])
    hidden.hidden_reason = "Personangrepp."
    db.session.commit()
    sign_in_as(client, make_person("Reader"))
    page = get(client, f"/ideas/{idea.id}")
    assert "Kommentar 2" not in page
    assert "Hidden by moderation: Personangrepp." in page
    assert "Svar 0 på 2" in page  # the replies under it stay
    assert f"/comments/{tops[1]}/reply" not in page and f"/comments/{tops[0]}/reply" in page


@pytest.mark.parametrize(
    "value", ["abc", "-1", "0", "1.5", "²", "١", str(10**20), "9" * 5000, "", "%00"]
)
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_a_bad_page_value_never_breaks_the_page(client, idea, resident, value, headers):
    add_comments(idea, resident, 40)
    response = client.get(f"/ideas/{idea.id}?comments_page={value}", headers=headers)
    assert response.status_code == 200 or 400 <= response.status_code < 500
    response = client.get(f"/areas/boden/ideas?page={value}", headers=headers)
    assert response.status_code == 200 or 400 <= response.status_code < 500


def test_a_page_after_the_last_says_so_and_links_back(client, idea, resident):
    add_comments(idea, resident, 40)
    page = get(client, f"/ideas/{idea.id}?comments_page=9")
    assert shown(page) == [] and "There are no more comments." in page
    assert f'href="/ideas/{idea.id}#comments">Show earlier comments' in page
    assert get(client, f"/ideas/{idea.id}?comments_page=9", headers=HTMX).strip() == ""


def test_comments_of_a_hidden_idea_stay_hidden_in_fragments(client, area, resident):
    idea = new_idea(area, resident, status=IdeaStatus.HIDDEN, note="Fel forum.")
    add_comments(idea, resident, 3)
    assert shown(get(client, f"/ideas/{idea.id}?comments_page=1", headers=HTMX)) == []


def test_page_of_comment_agrees_with_the_pages(app, idea, resident):
    made = 0
    for total in (1, 30, 31, 35, 36, 59, 60, 65, 66, 91, 95, 96):
        tops = add_comments(idea, resident, total - made)
        made = total
        everyone = db.session.scalars(
            sa.select(Comment.id)
            .where(Comment.idea_id == idea.id, Comment.parent_id.is_(None))
            .order_by(Comment.id)
        ).all()
        pages = {}
        page = 1
        while True:
            thread = services.comment_page(idea, page)
            pages.update({c.id: page for c in thread.comments})
            if not thread.has_more:
                break
            page += 1
        assert sorted(pages) == list(everyone), total  # every comment on one page
        for comment_id in everyone:
            assert (
                services.page_of_comment(db.session.get(Comment, comment_id)) == pages[comment_id]
            ), (total, comment_id)
        reply = services.add_comment(idea, resident, "Svar", tops[-1])
        assert services.page_of_comment(reply) == pages[tops[-1]]


@pytest.mark.parametrize(("before", "page"), [(0, None), (30, None), (35, "2"), (70, "3")])
def test_a_new_comment_opens_the_page_that_shows_it(client, idea, resident, verified, before, page):
    add_comments(idea, resident, before)
    sign_in_as(client, verified)
    response = post(client, f"/ideas/{idea.id}/comments", {"text": "Min nya kommentar"})
    new = db.session.scalar(sa.select(Comment).where(Comment.text == "Min nya kommentar"))
    query = f"?comments_page={page}" if page else ""
    assert response.status_code == 302
    assert response.headers["Location"] == f"/ideas/{idea.id}{query}#comment-{new.id}"
    assert f'id="comment-{new.id}"' in get(client, response.headers["Location"])


def test_a_reply_and_an_edit_open_the_page_of_their_thread(client, idea, resident, verified):
    tops = add_comments(idea, resident, 70)
    sign_in_as(client, verified)
    response = post(
        client, f"/ideas/{idea.id}/comments", {"text": "Svar långt ner", "parent_id": tops[50]}
    )
    reply = db.session.scalar(sa.select(Comment).where(Comment.text == "Svar långt ner"))
    assert response.headers["Location"] == f"/ideas/{idea.id}?comments_page=2#comment-{reply.id}"
    response = post(client, f"/comments/{reply.id}/edit", {"text": "Svar, rättat"})
    assert response.headers["Location"] == f"/ideas/{idea.id}?comments_page=2#comment-{reply.id}"
    assert "Svar, rättat" in get(client, response.headers["Location"])


def test_a_lasting_link_finds_the_comment_on_its_page(client, area, idea, resident):
    tops = add_comments(idea, resident, 70)
    response = client.get(f"/comments/{tops[65]}")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/ideas/{idea.id}?comments_page=3#comment-{tops[65]}"
    assert client.get("/comments/999999").status_code == 404
    waiting = new_idea(area, resident, "Väntar", status=IdeaStatus.SUBMITTED)
    (on_waiting,) = add_comments(waiting, resident, 1)
    assert client.get(f"/comments/{on_waiting}").status_code == 404  # not for visitors


def test_reply_through_the_reply_page(client, idea, resident, verified):
    tops = add_comments(idea, resident, 40)
    path = f"/comments/{tops[35]}/reply"
    assert client.get(path).status_code == 302  # sign in first
    sign_in_as(client, verified)
    page = get(client, path)
    assert "Reply to Amina Resident" in page and "Kommentar 36" in page
    assert f'name="parent_id" type="hidden" value="{tops[35]}"' in page
    # A failed reply keeps what it answers.
    response = post(client, f"/ideas/{idea.id}/comments", {"text": " ", "parent_id": tops[35]})
    assert response.status_code == 422
    assert f'name="parent_id" type="hidden" value="{tops[35]}"' in response.get_data(as_text=True)
    response = post(client, f"/ideas/{idea.id}/comments", {"text": "Ja!", "parent_id": tops[35]})
    reply = db.session.scalar(sa.select(Comment).where(Comment.text == "Ja!"))
    assert reply.parent_id == tops[35]
    assert response.headers["Location"] == f"/ideas/{idea.id}?comments_page=2#comment-{reply.id}"
    assert client.get("/comments/999999/reply").status_code == 404


def test_reply_opens_in_place_with_htmx(client, idea, resident, verified):
    (top,) = add_comments(idea, resident, 1)
    sign_in_as(client, verified)
    page = get(client, f"/ideas/{idea.id}")
    assert f'hx-get="/comments/{top}/reply" hx-target="#reply-{top}"' in page
    assert f'<div id="reply-{top}"></div>' in page
    fragment = client.get(f"/comments/{top}/reply", headers={"HX-Request": "true"})
    html = fragment.get_data(as_text=True)
    assert fragment.status_code == 200 and "<html" not in html
    assert '<form method="post" class="reply-form"' in html
    assert f'name="parent_id" value="{top}"' in html
    assert f'<label for="reply-text-{top}">Your reply to Amina Resident</label>' in html
    assert 'id="comment-form"' not in html and 'id="text"' not in html  # no clash on the page
    response = post(client, f"/ideas/{idea.id}/comments", {"text": "Håller med", "parent_id": top})
    assert response.status_code == 302
    reply = db.session.scalar(sa.select(Comment).where(Comment.text == "Håller med"))
    assert reply.parent_id == top


def test_no_reply_page_where_comments_are_closed(client, area, resident, verified):
    idea = new_idea(area, resident, status=IdeaStatus.PUBLISHED)
    (top,) = add_comments(idea, resident, 1)
    idea.status = IdeaStatus.DUPLICATE
    db.session.commit()
    sign_in_as(client, verified)
    assert client.get(f"/comments/{top}/reply").status_code == 409


def _page_queries(client, path, **kwargs) -> list[str]:
    client.get(path, **kwargs).close()  # warm up
    status, statements = queries(client, "GET", path, **kwargs)
    assert status == 200
    return statements


@pytest.mark.parametrize("who", ["visitor", "resident"])
def test_queries_do_not_grow_with_the_comments(app, client, idea, resident, verified, who):
    if who == "resident":
        sign_in_as(client, verified)
    idea_id = idea.id
    people = [make_person(f"Granne {k}").id for k in range(12)]
    for k, person in enumerate(people[:5]):
        add_comments(idea_id, person, 1, replies=1, text=f"Liten {k}")  # 10 comments
    small = _page_queries(client, f"/ideas/{idea_id}")
    for k in range(100):  # to 310 comments by 12 authors, replies on every page
        add_comments(idea_id, people[k % 12], 1, replies=2, text=f"Stor {k}")
    large = _page_queries(client, f"/ideas/{idea_id}")
    assert len(small) == len(large), (small, large)
    assert len(large) <= 13  # with the menu's badge and its "Verify" check
    comments = [s for s in large if "FROM comment" in s]
    assert len(comments) == 2, comments  # the page's threads, then their replies
    fragment = _page_queries(client, f"/ideas/{idea_id}?comments_page=3", headers=HTMX)
    assert len([s for s in fragment if "FROM comment" in s]) == 2
    assert len(fragment) <= len(large)
    html = get(client, f"/ideas/{idea_id}")
    assert len(shown(html)) == 5 * 2 + 25 * 3  # 30 threads: 5 small ones, 25 with two replies


def test_moderation_links_to_the_comment_on_its_page(client, idea, resident, leader):
    tops = add_comments(idea, resident, 70)
    services.report(idea, resident, ReportReason.OFFENSIVE, "", db.session.get(Comment, tops[64]))
    sign_in_as(client, leader)
    assert f'href="/comments/{tops[64]}"' in get(client, "/areas/boden/moderation")
    assert f'href="/comments/{tops[64]}"' in get(client, f"/comments/{tops[64]}/moderate")
    response = post(
        client,
        f"/comments/{tops[64]}/moderate/hide",
        {"reason_code": "offensive", "reason": "Name-calling."},
    )
    assert response.headers["Location"] == f"/comments/{tops[64]}"
    landing = client.get(response.headers["Location"]).headers["Location"]
    assert landing == f"/ideas/{idea.id}?comments_page=3#comment-{tops[64]}"
    assert "Name-calling." in get(client, landing)


@pytest.mark.parametrize("lang", ["sv", "en", "ar", "so", "fa", "ti"])
def test_comment_times_read_as_datetimeformat_short_on_the_24_hour_clock(app, lang):
    from datetime import UTC, datetime, timedelta

    from babel import dates
    from flask_babel import get_locale

    def format_datetime(moment, _width):
        """Babel's short date and glue, the time on the 24-hour clock (app/clock.py)."""
        locale, here = get_locale(), moment.astimezone(STOCKHOLM)
        glue = dates.get_datetime_format("short", locale=locale).replace("'", "")
        day = dates.format_date(here.date(), "short", locale=locale)
        return glue.replace("{0}", dates.format_time(here, "HH:mm", locale=locale)).replace(
            "{1}", day
        )

    from app.i18n import short_datetimes

    with app.test_request_context("/", headers={"Cookie": f"lang={lang}"}):
        short = short_datetimes()
        # Around both changes of summer time, midnight and noon, in Stockholm.
        for start in (
            datetime(2026, 3, 28, 22, tzinfo=UTC),
            datetime(2026, 10, 24, 22, tzinfo=UTC),
        ):
            for hours in range(0, 30, 1):
                moment = start + timedelta(hours=hours, minutes=7)
                assert short(moment) == format_datetime(moment, "short"), moment


def test_each_comment_carries_its_links_and_the_form_is_a_tap_away(client, idea, resident, leader):
    from flask import url_for

    tops = add_comments(idea, resident, 40)
    own = services.add_comment(idea, leader, "Min egen", tops[0])
    sign_in_as(client, leader)
    page = get(client, f"/ideas/{idea.id}")
    with client.application.test_request_context():
        for endpoint in ("ideas.reply", "ideas.report", "moderation.comment"):
            assert f'href="{url_for(endpoint, comment_id=tops[29])}"' in page
        assert f'href="{url_for("ideas.edit_comment", comment_id=own.id)}"' in page
        assert url_for("ideas.edit_comment", comment_id=tops[0]) not in page  # not theirs
    assert 'href="#comment-form"' in page and '<form id="comment-form"' in page
    # The form is not boosted: the redirect's #comment-<id> must reach the browser.
    assert re.search(r'<form id="comment-form"[^>]*hx-boost="false"', page)
    visitor = get(client.application.test_client(), f"/ideas/{idea.id}")
    assert "/reply" not in visitor and "#comment-form" not in visitor
    assert visitor.count("/sign-in?next=") >= 2  # at the top of the comments and after them
