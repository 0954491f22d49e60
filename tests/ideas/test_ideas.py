import io
from datetime import timedelta

import pytest
import sqlalchemy as sa
from PIL import Image
from werkzeug.datastructures import FileStorage, MultiDict

from app.extensions import db
from app.ideas import services
from app.models import Comment, Idea, IdeaEvent, IdeaStatus, Report, Role, Vote
from app.models.ideas import Category
from app.models.util import utcnow
from tests.conftest import count, csrf_token, give_role, make_person, post, sign_in_as
from tests.ideas.factories import new_idea, propose_form


@pytest.fixture
def verified(area):
    person = make_person("Fatima", phone="+46701740607")
    give_role(person, area, Role.RESIDENT, verified=True)
    return person


def image_bytes(fmt="JPEG", size=(3000, 2000), exif=True):
    image = Image.new("RGB", size, (200, 100, 50))
    buffer = io.BytesIO()
    kwargs = {}
    if exif and fmt == "JPEG":
        data = Image.Exif()
        data[0x010F] = "SecretCamera"  # Make
        data[0x8825] = {1: "N", 2: (59.0, 20.0, 0.0)}  # GPS
        kwargs["exif"] = data.tobytes()
    image.save(buffer, fmt, **kwargs)
    return buffer.getvalue()


def post_multipart(client, path, data):
    """POST a multipart form from memory (the test client spools big bodies to temp files
    it never closes)."""
    from werkzeug.test import encode_multipart

    data = {**data, "csrf_token": csrf_token(client)}
    boundary, body = encode_multipart(MultiDict(data))
    return client.post(path, data=body, content_type=f"multipart/form-data; boundary={boundary}")


# Propose


def test_resident_proposes_and_sees_status(client, area, resident):
    sign_in_as(client, resident)
    response = post(client, "/areas/boden/ideas/new", propose_form())
    assert response.status_code == 302
    idea = db.session.scalar(sa.select(Idea))
    assert (idea.status, idea.language, idea.author_id) == (IdeaStatus.SUBMITTED, "sv", resident.id)
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Waiting for moderation" in page
    assert 'lang="sv" dir="auto"' in page
    assert "Waiting for moderation" in client.get("/ideas/mine").get_data(as_text=True)
    assert db.session.scalar(sa.select(IdeaEvent.kind)).value == "submitted"


def test_submitted_idea_is_not_public(client, area, resident, leader):
    idea = new_idea(area, resident, status=IdeaStatus.SUBMITTED)
    assert client.get(f"/ideas/{idea.id}").status_code == 404
    assert "Grillplats" not in client.get("/areas/boden/ideas").get_data(as_text=True)
    sign_in_as(client, make_person("Other"))
    assert client.get(f"/ideas/{idea.id}").status_code == 404
    sign_in_as(client, leader)
    assert client.get(f"/ideas/{idea.id}").status_code == 200


def test_non_resident_is_asked_to_join_first(client, area):
    sign_in_as(client, make_person("Visitor"))
    response = client.get("/areas/boden/ideas/new")
    assert response.status_code == 403
    assert "I live here" in response.get_data(as_text=True)
    assert post(client, "/areas/boden/ideas/new", propose_form()).status_code == 403
    assert count(Idea) == 0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Write a title"),
        ({"title": "   "}, "Write a title"),
        ({"title": "x" * 121}, "at most 120 characters"),
        ({"text": ""}, "Describe your idea"),
        ({"text": "x" * 4001}, "at most 4000 characters"),
        ({"category": "weapons"}, "Not a valid choice"),
        ({"language": "xx"}, "Not a valid choice"),
    ],
)
def test_propose_bad_input(client, area, resident, overrides, message):
    sign_in_as(client, resident)
    response = post(client, "/areas/boden/ideas/new", propose_form(**overrides))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert count(Idea) == 0


def test_markup_shows_as_text(client, area, resident, verified):
    idea = new_idea(
        area,
        resident,
        title="<script>alert(1)</script>",
        text="<b>bold</b><img src=x onerror=alert(1)>",
    )
    services.add_comment(idea, verified, "<script>steal()</script>")
    for path in [f"/ideas/{idea.id}", "/areas/boden/ideas"]:
        page = client.get(path).get_data(as_text=True)
        assert (
            "<script>alert(1)</script>" not in page
            and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        )
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "<img src=x" not in page and "<script>steal()" not in page


def test_photo_is_resized_reencoded_and_stripped(app, client, area, resident):
    sign_in_as(client, resident)
    data = propose_form(
        photo=FileStorage(io.BytesIO(image_bytes()), "camera.jpg", content_type="image/jpeg")
    )
    response = post_multipart(client, "/areas/boden/ideas/new", data)
    assert response.status_code == 302
    idea = db.session.scalar(sa.select(Idea))
    assert idea.photo.endswith(".webp")
    from app.ideas.photos import photo_path

    with Image.open(photo_path(idea.photo)) as stored:
        assert stored.format == "WEBP"
        assert max(stored.size) == 1280
        assert not stored.getexif()
    raw = photo_path(idea.photo).read_bytes()
    assert b"SecretCamera" not in raw
    # Only the author and leaders see the photo before publication.
    visitor = app.test_client()

    def status(who):
        with who.get(f"/media/ideas/{idea.photo}") as response:
            return response.status_code

    assert status(visitor) == 404
    assert status(client) == 200
    services.change_status(idea, IdeaStatus.PUBLISHED)
    db.session.commit()
    assert status(visitor) == 200
    services.change_status(idea, IdeaStatus.HIDDEN, "Personal data")
    db.session.commit()
    assert status(visitor) == 404


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"this is not an image", "not a photo we can read"),
        (b"GIF89a" + b"\x00" * 100, "not a photo we can read"),
        (image_bytes("GIF", (20, 20), exif=False), "JPEG, PNG or WebP"),
        (b"\xff\xd8\xff" + b"\x00" * (20 * 1024 * 1024), "at most 5 MB"),
    ],
)
def test_bad_photo_is_refused(client, area, resident, payload, message):
    sign_in_as(client, resident)
    data = propose_form(photo=FileStorage(io.BytesIO(payload), "x.jpg", content_type="image/jpeg"))
    response = post_multipart(client, "/areas/boden/ideas/new", data)
    assert response.status_code in (413, 422)
    if response.status_code == 422:
        assert message in response.get_data(as_text=True)
    assert count(Idea) == 0


def test_photo_route_refuses_made_up_names(client):
    assert client.get("/media/ideas/..%2F..%2Fsecret_key").status_code == 404
    assert client.get("/media/ideas/" + "a" * 32 + ".webp").status_code == 404


# List


def test_list_sorts_by_votes_and_filters(client, area, resident, leader):
    new_idea(area, resident, "Lowest idea", vote_count=1)
    new_idea(area, resident, "Highest idea", vote_count=9, category=Category.SAFETY)
    new_idea(area, resident, "Finished idea", status=IdeaStatus.DONE, vote_count=3)
    new_idea(area, resident, "Hidden one", status=IdeaStatus.HIDDEN, vote_count=50)
    page = client.get("/areas/boden/ideas").get_data(as_text=True)
    assert page.index("Highest idea") < page.index("Finished idea") < page.index("Lowest idea")
    assert "Hidden one" not in page
    page = client.get("/areas/boden/ideas?category=safety").get_data(as_text=True)
    assert "Highest idea" in page and "Lowest idea" not in page
    page = client.get("/areas/boden/ideas?status=done").get_data(as_text=True)
    assert "Finished idea" in page and "Highest idea" not in page
    page = client.get("/areas/boden/ideas?sort=newest").get_data(as_text=True)
    assert page.index("Finished idea") < page.index("Lowest idea")
    # Unknown values fall back to the defaults instead of failing.
    assert (
        client.get("/areas/boden/ideas?sort=x&category=y&status=hidden&page=-3").status_code == 200
    )


def test_list_shows_only_its_area(client, area, other_area, resident):
    new_idea(other_area, resident, "Portalen idea")
    assert "Portalen idea" not in client.get("/areas/boden/ideas").get_data(as_text=True)


def test_show_more_is_a_link_and_an_htmx_fragment(client, area, resident):
    for n in range(services.PER_PAGE + 3):
        new_idea(area, resident, f"Idea number {n:02d}", vote_count=100 - n)
    page = client.get("/areas/boden/ideas").get_data(as_text=True)
    assert "Idea number 19" in page and "Idea number 20" not in page
    assert 'href="/areas/boden/ideas?sort=votes&amp;page=2"' in page
    assert 'hx-get="/areas/boden/ideas?sort=votes&amp;page=2"' in page
    full = client.get("/areas/boden/ideas?page=2")
    assert "<html" in full.get_data(as_text=True) and "Idea number 22" in full.get_data(
        as_text=True
    )
    fragment = client.get("/areas/boden/ideas?page=2", headers={"HX-Request": "true"})
    text = fragment.get_data(as_text=True)
    assert "<html" not in text and "Idea number 20" in text and "Idea number 19" not in text
    assert 'id="more"' not in text
    assert "HX-Request" in fragment.headers["Vary"]


def test_unknown_area_and_idea_are_404(client):
    assert client.get("/areas/nowhere/ideas").status_code == 404
    assert client.get("/ideas/999999").status_code == 404


# Vote


def test_verified_resident_votes_with_plain_form(client, area, resident, verified):
    idea = new_idea(area, resident)
    sign_in_as(client, verified)
    response = post(client, f"/ideas/{idea.id}/vote", {"vote": "1", "next": "/areas/boden/ideas"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/areas/boden/ideas"
    db.session.refresh(idea)
    assert idea.vote_count == 1 == count(Vote)
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Remove my vote" in page and 'aria-pressed="true"' in page


def test_vote_in_place_with_htmx(client, area, resident, verified):
    from tests.conftest import csrf_token

    idea = new_idea(area, resident)
    sign_in_as(client, verified)
    token = csrf_token(client)
    headers = {"HX-Request": "true", "X-CSRFToken": token}
    response = client.post(f"/ideas/{idea.id}/vote", data={"vote": "1"}, headers=headers)
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert text.lstrip().startswith(f'<div class="vote" id="vote-{idea.id}">')
    assert "<strong>1</strong> vote" in text and "Remove my vote" in text
    response = client.post(f"/ideas/{idea.id}/vote", data={"vote": "0"}, headers=headers)
    assert "<strong>0</strong> votes" in response.get_data(as_text=True)
    assert count(Vote) == 0


def test_double_submit_counts_once_and_unvote_twice_is_harmless(client, area, resident, verified):
    idea = new_idea(area, resident)
    sign_in_as(client, verified)
    post(client, f"/ideas/{idea.id}/vote", {"vote": "1"})
    post(client, f"/ideas/{idea.id}/vote", {"vote": "1"})
    db.session.refresh(idea)
    assert idea.vote_count == 1 == count(Vote)
    post(client, f"/ideas/{idea.id}/vote", {"vote": "0"})
    post(client, f"/ideas/{idea.id}/vote", {"vote": "0"})
    db.session.refresh(idea)
    assert idea.vote_count == 0 == count(Vote)


def test_unverified_resident_gets_403_with_explanation(client, area, resident):
    idea = new_idea(area, resident)
    sign_in_as(client, resident)
    response = post(client, f"/ideas/{idea.id}/vote", {"vote": "1"})
    assert response.status_code == 403
    text = response.get_data(as_text=True)
    assert "Only verified residents of Boden can vote" in text and "invite code" in text
    assert count(Vote) == 0
    response = post(client, f"/ideas/{idea.id}/vote", {"vote": "1"}, headers={"HX-Request": "true"})
    assert response.status_code == 403
    assert "Only verified residents" in response.get_data(as_text=True)


def test_resident_of_another_area_cannot_vote(client, area, other_area, resident):
    idea = new_idea(area, resident)
    outsider = make_person("Outsider")
    give_role(outsider, other_area, Role.RESIDENT, verified=True)
    sign_in_as(client, outsider)
    assert post(client, f"/ideas/{idea.id}/vote", {"vote": "1"}).status_code == 403
    assert count(Vote) == 0


@pytest.mark.parametrize(
    "status", [IdeaStatus.HIDDEN, IdeaStatus.DONE, IdeaStatus.NOT_FEASIBLE, IdeaStatus.DUPLICATE]
)
def test_closed_idea_cannot_be_voted(client, area, resident, verified, status):
    idea = new_idea(area, resident, status=status)
    sign_in_as(client, verified)
    response = post(client, f"/ideas/{idea.id}/vote", {"vote": "1"})
    assert response.status_code == 409
    assert "not open for votes" in response.get_data(as_text=True)
    assert count(Vote) == 0


def test_vote_bad_input(client, area, resident, verified):
    idea = new_idea(area, resident)
    sign_in_as(client, verified)
    assert post(client, f"/ideas/{idea.id}/vote", {"vote": "2"}).status_code == 400
    assert post(client, "/ideas/424242/vote", {"vote": "1"}).status_code == 404
    assert client.post(f"/ideas/{idea.id}/vote", data={"vote": "1"}).status_code == 400  # no CSRF
    assert count(Vote) == 0


def test_vote_needs_sign_in(client, area, resident):
    idea = new_idea(area, resident)
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Sign in to vote" in page
    assert post(client, f"/ideas/{idea.id}/vote", {"vote": "1"}).status_code == 302


# Comments and reports


def test_comment_and_one_level_of_replies(client, area, resident, verified):
    idea = new_idea(area, resident)
    sign_in_as(client, verified)
    assert post(client, f"/ideas/{idea.id}/comments", {"text": "Bra idé!"}).status_code == 302
    first = db.session.scalar(sa.select(Comment))
    post(client, f"/ideas/{idea.id}/comments", {"text": "Håller med", "parent_id": first.id})
    reply = db.session.scalar(sa.select(Comment).where(Comment.parent_id.is_not(None)))
    post(client, f"/ideas/{idea.id}/comments", {"text": "Svar på svar", "parent_id": reply.id})
    nested = db.session.scalar(sa.select(Comment).where(Comment.text == "Svar på svar"))
    assert nested.parent_id == first.id  # a reply to a reply joins the same thread
    db.session.refresh(idea)
    assert idea.comment_count == 3
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert page.index("Bra idé!") < page.index("Håller med")
    assert 'class="replies"' in page


@pytest.mark.parametrize(("text", "status"), [("", 422), ("   ", 422), ("x" * 2001, 422)])
def test_comment_bad_input(client, area, resident, verified, text, status):
    idea = new_idea(area, resident)
    sign_in_as(client, verified)
    assert post(client, f"/ideas/{idea.id}/comments", {"text": text}).status_code == status
    assert count(Comment) == 0


def test_reply_to_comment_of_another_idea_is_404(client, area, resident, verified):
    one, two = new_idea(area, resident, "One"), new_idea(area, resident, "Two")
    other = services.add_comment(one, verified, "On one")
    sign_in_as(client, verified)
    response = post(client, f"/ideas/{two.id}/comments", {"text": "x", "parent_id": other.id})
    assert response.status_code == 404


def test_cannot_comment_on_hidden_idea(client, area, resident, verified):
    idea = new_idea(area, resident, status=IdeaStatus.HIDDEN)
    sign_in_as(client, verified)
    assert post(client, f"/ideas/{idea.id}/comments", {"text": "x"}).status_code == 409


def test_edit_own_comment_within_15_minutes(client, area, resident, verified):
    idea = new_idea(area, resident)
    comment = services.add_comment(idea, verified, "Frist")
    sign_in_as(client, verified)
    assert post(client, f"/comments/{comment.id}/edit", {"text": "First"}).status_code == 302
    db.session.refresh(comment)
    assert comment.text == "First" and comment.edited_at is not None
    assert "edited" in client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    comment.created_at = utcnow() - timedelta(minutes=16)
    db.session.commit()
    assert post(client, f"/comments/{comment.id}/edit", {"text": "Late"}).status_code == 403
    sign_in_as(client, resident)
    comment.created_at = utcnow()
    db.session.commit()
    assert post(client, f"/comments/{comment.id}/edit", {"text": "Not mine"}).status_code == 403
    db.session.refresh(comment)
    assert comment.text == "First"


def test_report_idea_and_comment(client, area, resident, verified):
    idea = new_idea(area, resident)
    comment = services.add_comment(idea, resident, "Ring mig på 070-1234567")
    sign_in_as(client, verified)
    assert (
        post(client, f"/ideas/{idea.id}/report", {"reason": "spam", "note": ""}).status_code == 302
    )
    response = post(
        client, f"/comments/{comment.id}/report", {"reason": "personal_data", "note": "Nummer"}
    )
    assert response.status_code == 302
    reports = db.session.scalars(sa.select(Report).order_by(Report.id)).all()
    assert [(r.reason.value, r.comment_id) for r in reports] == [
        ("spam", None),
        ("personal_data", comment.id),
    ]
    assert all(r.area_id == area.id and r.reporter_id == verified.id for r in reports)


def test_report_bad_input(client, area, resident, verified):
    idea = new_idea(area, resident)
    sign_in_as(client, verified)
    assert post(client, f"/ideas/{idea.id}/report", {"reason": "boring"}).status_code == 422
    assert (
        post(client, f"/ideas/{idea.id}/report", {"reason": "other", "note": "x" * 501}).status_code
        == 422
    )
    assert post(client, "/comments/999/report", {"reason": "spam"}).status_code == 404
    assert count(Report) == 0


def test_hidden_idea_shows_reason_in_place(client, area, resident):
    idea = new_idea(area, resident, title="Secret title", text="Secret text")
    services.change_status(idea, IdeaStatus.HIDDEN, "Contained personal data")
    db.session.commit()
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Contained personal data" in page
    assert "Secret title" not in page and "Secret text" not in page


def test_deleted_author_shows_as_former_resident(client, area, resident):
    from app.account.services import delete_account

    idea = new_idea(area, resident)
    delete_account(resident)
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Proposed by former resident" in page
