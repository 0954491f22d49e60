"""Moderation from a phone: the leader sees the photo before publishing and can take down just
the photo (the author is told why); a duplicate is picked from a title search of the area's
public ideas, with htmx or as a plain search without JavaScript."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.ideas import photos
from app.models import Decision, IdeaStatus, ModerationDecision, NotificationKind, Role
from tests.conftest import count, give_role, make_person, notices, post, sign_in_as
from tests.ideas.factories import stored_photo
from tests.moderation.factories import make_idea


@pytest.fixture
def author(area):
    person = make_person("Amal Author")
    give_role(person, area, Role.RESIDENT, verified=True)
    return person


@pytest.fixture
def with_photo(area, author):
    return make_idea(area, author, "Lekplats", status=IdeaStatus.SUBMITTED, photo=stored_photo())


def hide_photo(client, idea, **data):
    return post(client, f"/ideas/{idea.id}/photo/hide", data)


def test_the_queue_and_the_moderation_page_show_the_photo(client, area, leader, with_photo):
    sign_in_as(client, leader)
    src = f'src="/media/ideas/{with_photo.photo}"'
    assert src in client.get(f"/areas/{area.slug}/moderation").get_data(as_text=True)
    page = client.get(f"/ideas/{with_photo.id}/moderate").get_data(as_text=True)
    assert src in page and "Remove only the photo" in page
    served = client.get(f"/media/ideas/{with_photo.photo}")
    assert served.status_code == 200
    served.close()


def test_removing_only_the_photo(client, area, leader, author, with_photo):
    name = with_photo.photo
    path = photos.photo_path(name)
    sign_in_as(client, leader)
    response = hide_photo(client, with_photo, reason_code="personal_data", reason="Ansikten syns")
    assert response.status_code == 302
    db.session.refresh(with_photo)
    assert with_photo.photo is None and with_photo.status is IdeaStatus.SUBMITTED
    assert "Ansikten syns" in with_photo.photo_hidden_reason
    assert not path.exists()  # the file is gone, not just unlinked from the idea
    assert client.get(f"/media/ideas/{name}").status_code == 404
    (notice,) = notices(NotificationKind.PHOTO_HIDDEN)
    assert notice.person_id == author.id and "Ansikten syns" in notice.detail
    logged = db.session.scalar(
        sa.select(ModerationDecision).where(ModerationDecision.decision == Decision.HIDE_PHOTO)
    )
    assert logged.idea_id == with_photo.id and logged.actor_role == "process_leader"
    # published later, the idea shows why its photo is missing
    post(client, f"/ideas/{with_photo.id}/moderate/publish", {})
    page = client.get(f"/ideas/{with_photo.id}").get_data(as_text=True)
    assert "The photo was removed by moderation" in page and "Ansikten syns" in page


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({}, 422),
        ({"reason_code": "nonsense"}, 422),
        ({"reason_code": "spam", "reason": "x" * 1001}, 422),
    ],
)
def test_a_bad_removal_keeps_the_photo(client, leader, with_photo, data, status):
    sign_in_as(client, leader)
    response = hide_photo(client, with_photo, **data)
    assert response.status_code == status
    db.session.refresh(with_photo)
    assert with_photo.photo is not None and photos.photo_path(with_photo.photo).exists()


def test_no_photo_to_remove(client, area, leader, author):
    idea = make_idea(area, author)
    sign_in_as(client, leader)
    response = hide_photo(client, idea, reason_code="spam")
    assert response.status_code == 409
    assert "This idea has no photo." in response.get_data(as_text=True)


def test_only_the_areas_leaders_remove_a_photo(client, other_area, author, with_photo):
    for person, role_area in ((author, None), (make_person("Other Leader"), other_area)):
        if role_area:
            give_role(person, role_area, Role.LEADER)
        sign_in_as(client, person)
        assert hide_photo(client, with_photo, reason_code="spam").status_code == 403
    db.session.refresh(with_photo)
    assert with_photo.photo is not None
    assert count(ModerationDecision) == 0


@pytest.fixture
def ideas_to_pick(area, other_area, author):
    return {
        "new": make_idea(area, author, "Grillplats i parken", status=IdeaStatus.SUBMITTED),
        "original": make_idea(area, author, "Grillplats vid lekparken"),
        "hidden": make_idea(area, author, "Grillplats bakom skolan", status=IdeaStatus.HIDDEN),
        "elsewhere": make_idea(other_area, author, "Grillplats i Portalen"),
        "percent": make_idea(area, author, "Rabatt 50% på kaffe"),
    }


def test_the_picker_finds_public_ideas_of_the_area_by_title(client, leader, ideas_to_pick):
    new, original = ideas_to_pick["new"], ideas_to_pick["original"]
    sign_in_as(client, leader)
    response = client.get(
        f"/ideas/{new.id}/moderate/originals?original_q=grill", headers={"HX-Request": "true"}
    )
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith('<div id="originals"') and "<html" not in html
    assert "Grillplats vid lekparken" in html
    for other in ("Grillplats i parken", "bakom skolan", "Portalen"):  # itself, hidden, elsewhere
        assert other not in html
    assert f'name="duplicate_of" value="{original.id}"' in html
    by_number = client.get(
        f"/ideas/{new.id}/moderate/originals?original_q=%23{original.id}",
        headers={"HX-Request": "true"},
    ).get_data(as_text=True)
    assert "Grillplats vid lekparken" in by_number
    literal = client.get(
        f"/ideas/{new.id}/moderate/originals?original_q=%25", headers={"HX-Request": "true"}
    ).get_data(as_text=True)
    assert "Rabatt 50%" in literal and "Grillplats" not in literal


def test_the_picker_without_javascript_reloads_the_page(client, leader, ideas_to_pick):
    new = ideas_to_pick["new"]
    sign_in_as(client, leader)
    response = client.get(f"/ideas/{new.id}/moderate/originals?original_q=lekpark")
    assert response.status_code == 302
    assert response.location.endswith(f"/ideas/{new.id}/moderate?original_q=lekpark")
    page = client.get(response.location).get_data(as_text=True)
    assert "Grillplats vid lekparken" in page and 'value="lekpark"' in page


def test_picking_the_original_marks_the_duplicate_and_tells_the_author(
    client, leader, author, ideas_to_pick
):
    new, original = ideas_to_pick["new"], ideas_to_pick["original"]
    sign_in_as(client, leader)
    response = post(client, f"/ideas/{new.id}/moderate/duplicate", {"duplicate_of": original.id})
    assert response.status_code == 302
    db.session.refresh(new)
    assert new.status is IdeaStatus.DUPLICATE and new.duplicate_of_id == original.id
    told = notices(NotificationKind.IDEA_STATUS)
    assert [n.person_id for n in told] == [author.id]


def test_picking_an_idea_of_another_area_is_refused(client, leader, ideas_to_pick):
    new, elsewhere = ideas_to_pick["new"], ideas_to_pick["elsewhere"]
    sign_in_as(client, leader)
    response = post(client, f"/ideas/{new.id}/moderate/duplicate", {"duplicate_of": elsewhere.id})
    assert response.status_code == 422
    assert "belongs to another area" in response.get_data(as_text=True)


def test_a_resident_cannot_search_for_originals(client, author, ideas_to_pick):
    sign_in_as(client, author)
    new = ideas_to_pick["new"]
    assert client.get(f"/ideas/{new.id}/moderate/originals?original_q=grill").status_code == 403
