"""Text typed into any form: control characters never reach the database (nor a 500 page),
and a form's errors read as one translated sentence."""

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.models import Comment, Idea, Person
from app.textinput import one_line, without_controls
from tests.activities.factories import make_activity
from tests.conftest import count, make_person, post, sign_in_as
from tests.ideas.factories import new_idea, propose_form


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("Amina\x00", "Amina"),
        ("a\x01b\x1bc\x7fd\x85e", "abcde"),
        ("line one\nline two\ttab\r\n", "line one\nline two\ttab\r\n"),
        ("ﷺ سلام 👩🏽‍🍳 می‌خواهم", "ﷺ سلام 👩🏽‍🍳 می‌خواهم"),  # ZWJ and ZWNJ are letters' glue
        ("\ufffe\uffff", ""),
    ],
)
def test_without_controls(raw, cleaned):
    assert without_controls(raw) == cleaned


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("Amina\nHassan", "Amina Hassan"),
        ("a\t\tb", "a b"),
        ("\u202eevil\u202c name", "evil name"),
        ("\u2067isolate\u2069", "isolate"),
        ("Ali \u200fعلي\u200e", "Ali \u200fعلي\u200e"),  # direction marks stay
        ("x\x00y", "xy"),
    ],
)
def test_one_line(raw, cleaned):
    assert one_line(raw) == cleaned


def test_nul_in_display_name_is_removed(client, resident):
    sign_in_as(client, resident)
    response = post(client, "/account", {"display_name": "Am\x00ina\u202e\n", "locale": "en"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Person, resident.id).display_name == "Amina"


def test_a_name_of_only_control_characters_is_empty_and_refused(client, resident):
    sign_in_as(client, resident)
    response = post(client, "/account", {"display_name": "\x00\x01\x02", "locale": "en"})
    assert response.status_code == 422
    db.session.expire_all()
    assert db.session.get(Person, resident.id).display_name == "Amina Resident"


def test_nul_in_idea_title_and_text(client, area, resident):
    sign_in_as(client, resident)
    data = propose_form(title="Läx\x00hjälp\tnu", text="Rad ett\x00\nRad två")
    assert post(client, "/areas/boden/ideas/new", data).status_code == 302
    idea = db.session.scalar(sa.select(Idea))
    assert (idea.title, idea.text) == ("Läxhjälp nu", "Rad ett\nRad två")


def test_nul_in_comment_and_in_query_strings_and_paths(client, area, resident):
    idea = new_idea(area, resident)
    sign_in_as(client, resident)
    assert post(client, f"/ideas/{idea.id}/comments", {"text": "Bra\x00 idé"}).status_code == 302
    assert db.session.scalar(sa.select(Comment.text)) == "Bra idé"
    assert client.get("/areas/boden/ideas?sort=\x00&category=%00&page=%00").status_code < 500
    assert client.get("/areas/boden/associations/search?q=%00abc").status_code < 500
    assert client.get("/guardian/abc%00def").status_code in (404, 410)


def test_child_sign_up_with_missing_name_and_year_is_422(client, area, leader):
    activity = make_activity(area, leader, capacity=3)
    sign_in_as(client, make_person("Mamma"))
    response = post(client, f"/activities/{activity.id}/sign-up", {"child": "1"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Write the child" in page or "This field is required" in page
    from app.models import Registration

    assert count(Registration) == 0


def test_programme_outcome_without_a_date_is_422(client, area, leader, resident):
    from app.models.programmes import ProgrammeOutcome
    from app.programmes import services
    from tests.programmes.factories import make_programme

    programme = make_programme(area, leader)
    enrolment = services.enrol_self(programme, resident, True)
    sign_in_as(client, leader)
    response = post(client, f"/enrolments/{enrolment.id}/outcome", {"outcome": "work"})
    assert response.status_code == 422
    assert count(ProgrammeOutcome) == 0


def test_assisted_enrolment_without_anything_is_422(client, area, leader):
    from app.models.programmes import Enrolment
    from tests.programmes.factories import make_programme

    programme = make_programme(area, leader)
    sign_in_as(client, leader)
    response = post(client, f"/programmes/{programme.id}/enrol-assisted", {"new_name": "x" * 999})
    assert response.status_code == 422
    assert count(Enrolment) == 0
