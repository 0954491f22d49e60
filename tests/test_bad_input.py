"""Bad input anywhere in the app gets a 4xx with a translated message, never a 500."""

import pytest
from flask_babel import force_locale, gettext
from werkzeug.routing import IntegerConverter

from app.converters import MAX_ID
from app.models import Role
from tests.conftest import csrf_token, give_role, make_person, post, sign_in_as

HUGE_IDS = [3_000_000_000, 10**20, 10**25]


def _int_rules(app):
    """Every rule with an ``<int:…>`` argument, with the methods it answers."""
    for rule in app.url_map.iter_rules():
        ints = [n for n, conv in rule._converters.items() if isinstance(conv, IntegerConverter)]
        if ints:
            yield rule, ints


def _url(rule, ints, value) -> str:
    """The rule's path with ``value`` for each int argument and a plain word for the others."""
    parts = []
    for is_dynamic, piece in rule._trace:
        if not is_dynamic:
            parts.append(piece)
        else:
            parts.append(str(value) if piece in ints else "x")
    return "".join(parts).split("|", 1)[1]


@pytest.fixture
def admin_client(client, area):
    person = make_person("Ada Admin", admin=True)
    give_role(person, area, Role.LEADER)
    sign_in_as(client, person)
    return client


def test_int_converter_is_bounded(app):
    assert app.url_map.converters["int"].__name__ == "BoundedIntegerConverter"
    rules = list(_int_rules(app))
    # Many blueprints have id routes; each of them is bounded.
    blueprints = {rule.endpoint.split(".")[0] for rule, _ in rules}
    assert {"activities", "associations", "premises", "ideas", "shifts"} <= blueprints
    for rule, _ints in rules:
        for name in _ints:
            assert rule._converters[name].max == MAX_ID


@pytest.mark.parametrize("value", HUGE_IDS + [MAX_ID])
def test_huge_ids_in_every_url_are_4xx(app, admin_client, value):
    token = csrf_token(admin_client)
    checked = 0
    for rule, ints in _int_rules(app):
        url = _url(rule, ints, value)
        if "GET" in rule.methods:
            response = admin_client.get(url)
            assert response.status_code < 500, (url, response.status_code)
            checked += 1
        if "POST" in rule.methods:
            response = admin_client.post(url, data={"csrf_token": token})
            assert response.status_code < 500, (url, response.status_code)
            checked += 1
    assert checked > 50


@pytest.mark.parametrize(
    "url",
    [
        "/activities/3000000000",
        "/associations/3000000000",
        "/premises/3000000000",
        "/ideas/3000000000",
        "/activities/100000000000000000000",
    ],
)
def test_huge_id_is_a_translated_404(admin_client, url):
    response = admin_client.get(url)
    assert response.status_code == 404
    assert "We could not find that page." in response.get_data(as_text=True)


def test_huge_id_post_is_404(admin_client):
    token = csrf_token(admin_client)
    response = admin_client.post("/bookings/3000000000/approve", data={"csrf_token": token})
    assert response.status_code == 404


# The 500 page after a database error


def _failing_route(app):
    """A test-only route whose query fails: PostgreSQL then aborts the whole transaction."""
    import sqlalchemy as sa
    from flask_login import current_user

    from app.extensions import db

    def broken():
        assert current_user.is_authenticated  # the person is loaded before the failure
        db.session.execute(sa.text("SELECT no_such_column FROM no_such_table"))
        return "unreachable"

    app.add_url_rule("/test-only/broken", "test_only_broken", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False


def test_database_error_renders_the_translated_500_page(app, client, resident):
    _failing_route(app)
    sign_in_as(client, resident)
    response = client.get("/test-only/broken")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Something went wrong on our side." in page
    assert "Error code 500" in page  # the full template, with the signed-in header
    assert "Notices" in page


def test_database_error_page_is_swedish_on_a_swedish_page(app, client, resident):
    _failing_route(app)
    resident.locale = "sv"
    from app.extensions import db

    db.session.commit()
    sign_in_as(client, resident)
    response = client.get("/test-only/broken")
    assert response.status_code == 500
    assert 'lang="sv"' in response.get_data(as_text=True)


def test_500_page_renders_without_templates_or_database(app, client, monkeypatch):
    _failing_route(app)
    import app.security as security

    def no_template(*args, **kwargs):
        raise RuntimeError("template or database unavailable")

    monkeypatch.setattr(security, "render_template", no_template)
    response = client.get("/test-only/broken")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Something went wrong on our side. Try again in a little while." in page
    assert 'lang="en"' in page


# WTForms' own messages come from our catalogue


def _all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


def test_every_form_uses_our_translations(app):
    import flask_wtf

    from app import forms as app_forms

    forms = [f for f in _all_subclasses(flask_wtf.FlaskForm) if f.__module__.startswith("app.")]
    assert len(forms) > 40
    strays = [
        f"{f.__module__}.{f.__name__}" for f in forms if not issubclass(f, app_forms.FlaskForm)
    ]
    assert strays == [], "forms must subclass app.forms.FlaskForm"
    with app.test_request_context("/"):
        for form_class in forms:
            # The form's meta combines every Meta along its bases, as WTForms does.
            metas = [c.Meta for c in form_class.__mro__ if "Meta" in c.__dict__]
            meta = type("Meta", tuple(metas), {})()
            assert meta.get_translations(None) is app_forms.translations, form_class


class _Tagged:
    """A stand-in for our catalogue once the translator has filled in WTForms' ids."""

    def ugettext(self, string):
        return "[so] " + string

    def ungettext(self, singular, plural, n):
        return "[so] " + (singular if n == 1 else plural)


def test_wtforms_messages_come_from_our_catalogue(client, area, leader, monkeypatch):
    import flask_babel

    monkeypatch.setattr(flask_babel, "get_translations", lambda: _Tagged())
    sign_in_as(client, leader)
    response = post(client, f"/areas/{area.slug}/invites", {"count": "many", "valid_days": "60"})
    assert response.status_code == 422
    assert "[so] Not a valid integer value." in response.get_data(as_text=True)


def test_wtforms_plural_messages_come_from_our_catalogue(client, resident, monkeypatch):
    import flask_babel

    monkeypatch.setattr(flask_babel, "get_translations", lambda: _Tagged())
    sign_in_as(client, resident)
    response = post(client, "/verify", {"code": "X" * 30})
    assert response.status_code == 422
    assert "[so] Field cannot be longer than 20 characters." in response.get_data(as_text=True)


def test_wtforms_messages_fall_back_to_wtforms_catalogue(client, area, leader):
    """Until the translator fills our ids, Swedish keeps WTForms' own Swedish text."""
    leader.locale = "sv"
    from app.extensions import db

    db.session.commit()
    sign_in_as(client, leader)
    response = post(client, f"/areas/{area.slug}/invites", {"count": "many", "valid_days": "60"})
    assert response.status_code == 422
    assert "Inte ett giltigt heltal" in response.get_data(as_text=True)


def test_wtforms_messages_on_a_tigrinya_page_do_not_fail(client, area, leader):
    leader.locale = "ti"
    from app.extensions import db

    db.session.commit()
    sign_in_as(client, leader)
    response = post(client, f"/areas/{area.slug}/invites", {"count": "many", "valid_days": "60"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    with force_locale("ti"):
        tigrinya = gettext("Not a valid integer value.")
    assert tigrinya != "Not a valid integer value." and tigrinya in page


# Numbers and ids typed (or forged) into forms


def test_every_number_field_has_a_bounded_range(app):
    """An IntegerField without a max lets 10**25 reach a column that cannot hold it."""
    import flask_wtf
    from wtforms import DecimalField, FloatField, IntegerField
    from wtforms.fields.core import UnboundField
    from wtforms.validators import NumberRange

    checked = []
    for form_class in _all_subclasses(flask_wtf.FlaskForm):
        if not form_class.__module__.startswith("app."):
            continue
        for name in dir(form_class):
            field = getattr(form_class, name, None)
            if not isinstance(field, UnboundField):
                continue
            if not issubclass(field.field_class, (IntegerField, DecimalField, FloatField)):
                continue
            ranges = [v for v in field.kwargs.get("validators", []) if isinstance(v, NumberRange)]
            where = f"{form_class.__module__}.{form_class.__name__}.{name}"
            assert any(r.max is not None and r.max <= MAX_ID for r in ranges), where
            assert all(r.message for r in ranges), f"{where}: give the range a translated message"
            checked.append(where)
    assert len(checked) >= 15


def _association_with_founder(client, area, kind="nonprofit"):
    from tests.associations.factories import residents, start, the_association

    (amina,) = residents(area, "Amina A")
    sign_in_as(client, amina)
    assert start(client, area, kind).status_code == 302
    return the_association()


@pytest.mark.parametrize("person_id", ["3000000000", "100000000000000000000", "-1", "0"])
def test_huge_person_id_for_a_founder_is_refused(client, area, person_id):
    association = _association_with_founder(client, area)
    response = post(client, f"/associations/{association.id}/founders", {"person_id": person_id})
    assert response.status_code == 400


@pytest.mark.parametrize("field", ["fee", "member_contribution"])
@pytest.mark.parametrize("value", ["3000000000", "10000000000000000000000000", "1000001"])
def test_huge_amounts_in_statutes_answers_are_refused(client, area, field, value):
    from app.models.associations import StatutesVersion
    from tests.conftest import count

    association = _association_with_founder(client, area, "cooperative")
    answers = {
        "seat": "Boden",
        "fee": "50",
        "member_contribution": "100",
        "board_size": "3",
        "financial_year_start": "1",
        "annual_meeting_month": "3",
        field: value,
    }
    response = post(client, f"/associations/{association.id}/statutes/answers", answers)
    assert response.status_code == 422
    assert "Write an amount between 0 and 1000000 kronor." in response.get_data(as_text=True)
    assert count(StatutesVersion) == 0


def test_huge_premises_capacity_says_what_is_allowed(client, area, leader):
    sign_in_as(client, leader)
    response = post(
        client,
        f"/areas/{area.slug}/premises/new",
        {"name": "Room", "capacity": str(10**25), "max_minutes": "60", "max_days_ahead": "5"},
    )
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "The capacity must be between 1 and 10000 people." in text
    assert "must be at least 1." not in text


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"capacity": str(10**25)}, "At most 10000 places."),
        ({"min_age": "3000000000"}, "Ages must be between 0 and 120."),
        ({"max_age": str(10**20)}, "Ages must be between 0 and 120."),
    ],
)
def test_huge_numbers_in_an_activity_are_refused(client, area, leader, changes, message):
    from tests.activities.factories import form_data

    sign_in_as(client, leader)
    response = post(client, f"/areas/{area.slug}/activities/new", form_data(**changes))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)


def test_forged_huge_comment_parent_is_refused(client, area, resident):
    from tests.ideas.factories import new_idea

    idea = new_idea(area, resident)
    sign_in_as(client, resident)
    response = post(
        client, f"/ideas/{idea.id}/comments", {"text": "Hej", "parent_id": "3000000000"}
    )
    assert response.status_code == 422


@pytest.mark.parametrize("field", ["places", "min_age", "max_age"])
def test_huge_numbers_in_a_job_are_refused(client, area, leader, field):
    from tests.jobs.factories import form

    sign_in_as(client, leader)
    response = post(client, f"/areas/{area.slug}/jobs/new", {**form(), field: str(10**25)})
    assert response.status_code == 422
    assert "Write a whole number." in response.get_data(as_text=True)


def test_huge_duplicate_of_is_refused(client, area, leader):
    from app.models import IdeaStatus
    from tests.moderation.factories import decide, make_idea

    author = make_person("Amina Author")
    copy = make_idea(area, author, "Grill i parken", status=IdeaStatus.SUBMITTED)
    sign_in_as(client, leader)
    response = decide(client, copy, "duplicate", {"duplicate_of": "3000000000"})
    assert response.status_code == 422
    assert "Write the number of the original idea." in response.get_data(as_text=True)


@pytest.mark.parametrize("field", ["capacity", "min_age"])
def test_huge_numbers_in_a_shift_are_refused(client, area, leader, field):
    from datetime import timedelta

    from tests.shifts.factories import make_workplace, school_week

    workplace = make_workplace(area)
    day = school_week() + timedelta(days=5)
    sign_in_as(client, leader)
    data = {
        "starts_at": f"{day.isoformat()}T10:00",
        "ends_at": f"{day.isoformat()}T13:00",
        "capacity": "3",
        "role": "kitchen",
        "min_age": "13",
        field: str(10**25),
    }
    response = post(client, f"/workplaces/{workplace.id}/shifts/new", data)
    assert response.status_code == 422
    assert "Write a whole number." in response.get_data(as_text=True)
