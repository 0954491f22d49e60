from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from app.agreements import services
from app.extensions import db
from app.models import Notification, NotificationKind, PartnerKind
from app.models.agreements import (
    Agreement,
    AgreementPartner,
    AgreementStatus,
    Direction,
    Indicator,
    Measurement,
)
from app.notifications.messages import render
from app.refusals import Refused
from tests.agreements.factories import AGREEMENT_FORM, START, TODAY, indicator_of
from tests.conftest import count, make_person, post, sign_in_as
from tests.partners.factories import make_partner, make_rep


def test_leader_creates_agreement_with_two_partners(client, area, leader, housing, red_cross):
    sign_in_as(client, leader)
    response = post(
        client,
        f"/areas/{area.slug}/agreements/new",
        {
            **AGREEMENT_FORM,
            "partner": [str(housing.id), str(red_cross.id)],
            f"responsibilities-{housing.id}": "Lokaler",
            f"responsibilities-{red_cross.id}": "Läxhjälp",
        },
    )
    assert response.status_code == 302
    agreement = db.session.scalar(sa.select(Agreement))
    assert agreement.title == "Jobbvägen" and agreement.status is AgreementStatus.ACTIVE
    assert {p.responsibilities for p in agreement.parties} == {"Lokaler", "Läxhjälp"}
    page = client.get(response.location).get_data(as_text=True)
    assert "Jobbvägen" in page and "Läxhjälp" in page
    assert "shorter than five years" not in page


def test_one_partner_refused(client, area, leader, housing):
    sign_in_as(client, leader)
    response = post(
        client, f"/areas/{area.slug}/agreements/new", {**AGREEMENT_FORM, "partner": housing.id}
    )
    assert response.status_code == 422
    assert "at least two partners" in response.get_data(as_text=True)
    assert count(Agreement) == 0


def test_short_agreement_shows_warning(client, area, leader, agreement):
    agreement.ends_on = date(START.year + 3, 1, 1)
    db.session.commit()
    page = client.get(f"/agreements/{agreement.id}").get_data(as_text=True)
    assert "shorter than five years" in page
    assert "Shorter than five years" in client.get(f"/areas/{area.slug}/agreements").get_data(
        as_text=True
    )
    assert "shorter than five years" in client.get(f"/agreements/{agreement.id}/print").get_data(
        as_text=True
    )


def test_resident_cannot_create(client, area, resident, housing, red_cross):
    sign_in_as(client, resident)
    assert client.get(f"/areas/{area.slug}/agreements/new").status_code == 403
    response = post(
        client,
        f"/areas/{area.slug}/agreements/new",
        {**AGREEMENT_FORM, "partner": [housing.id, red_cross.id]},
    )
    assert response.status_code == 403
    assert count(Agreement) == 0


def test_other_areas_leader_forbidden(client, other_area, agreement):
    from app.models import Role
    from tests.conftest import give_role

    other = make_person("Other Leader")
    give_role(other, other_area, Role.LEADER)
    sign_in_as(client, other)
    assert client.get(f"/agreements/{agreement.id}/edit").status_code == 403
    assert post(client, f"/agreements/{agreement.id}/edit", AGREEMENT_FORM).status_code == 403
    assert (
        post(
            client,
            f"/indicators/{indicator_of(agreement).id}/measurements",
            {
                "m1-measured_on": TODAY.isoformat(),
                "m1-value": "5",
                "m1-source": "x",
            },
        ).status_code
        == 403
    )


def test_representative_cannot_edit_agreement(client, agreement, red_cross):
    rep = make_rep(red_cross, "Rep Röda")
    sign_in_as(client, rep)
    assert client.get(f"/agreements/{agreement.id}/edit").status_code == 403
    response = post(
        client,
        f"/agreements/{agreement.id}/edit",
        {**AGREEMENT_FORM, "partner": [p.partner_id for p in agreement.parties]},
    )
    assert response.status_code == 403
    assert db.session.get(Agreement, agreement.id).title == "Trygghet i Boden"
    response = post(
        client,
        f"/agreements/{agreement.id}/indicators",
        {"name": "x", "baseline_value": "1", "target_value": "2"},
    )
    assert response.status_code == 403


def test_representative_of_another_partner_cannot_measure(client, agreement, outsider):
    rep = make_rep(outsider, "Rep Studie")
    sign_in_as(client, rep)
    indicator = indicator_of(agreement)
    response = post(
        client,
        f"/indicators/{indicator.id}/measurements",
        {
            f"m{indicator.id}-measured_on": TODAY.isoformat(),
            f"m{indicator.id}-value": "50",
            f"m{indicator.id}-source": "Enkät",
        },
    )
    assert response.status_code == 403
    assert client.get(f"/agreements/{agreement.id}/edit").status_code == 403
    assert count(Measurement) == 0


def measure(client, indicator, value, when=TODAY, source="Trygghetsenkät", **kw):
    return post(
        client,
        f"/indicators/{indicator.id}/measurements",
        {
            f"m{indicator.id}-measured_on": when.isoformat(),
            f"m{indicator.id}-value": value,
            f"m{indicator.id}-source": source,
        },
        **kw,
    )


def test_representative_records_measurement_with_decimal_comma(client, agreement, red_cross):
    rep = make_rep(red_cross, "Rep Röda")
    sign_in_as(client, rep)
    indicator = indicator_of(agreement)
    response = measure(client, indicator, "55,5", TODAY - timedelta(days=3))
    assert response.status_code == 302
    measurement = db.session.scalar(sa.select(Measurement))
    assert measurement.value == 55.5 and measurement.entered_by_id == rep.id
    page = client.get(f"/agreements/{agreement.id}").get_data(as_text=True)
    assert "52 % of the way" in page  # (55.5 - 40) / (70 - 40)
    assert 'role="img"' in page and "<table" in page and "Trygghetsenkät" in page


def test_htmx_measurement_returns_the_indicator_section(client, agreement, leader):
    sign_in_as(client, leader)
    indicator = indicator_of(agreement)
    response = measure(client, indicator, "46", headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith("<section") and "<html" not in body
    assert "20 % of the way" in body


@pytest.mark.parametrize("value", ["tolv", "12,5,1", "", "1e5", "nan"])
def test_non_number_refused(client, agreement, leader, value):
    sign_in_as(client, leader)
    response = measure(client, indicator_of(agreement), value)
    assert response.status_code in (400, 422)
    assert count(Measurement) == 0
    if value:
        assert "Write a number" in response.get_data(as_text=True)


def test_date_before_agreement_refused(client, agreement, leader):
    sign_in_as(client, leader)
    response = measure(client, indicator_of(agreement), "50", START - timedelta(days=1))
    assert response.status_code == 422
    assert "before the agreement starts" in response.get_data(as_text=True)
    assert count(Measurement) == 0


def test_future_date_refused(client, agreement, leader):
    sign_in_as(client, leader)
    response = measure(client, indicator_of(agreement), "50", TODAY + timedelta(days=2))
    assert response.status_code == 422
    assert count(Measurement) == 0


INDICATOR_FORM = {
    "name": "Skadegörelse",
    "unit": "anmälningar per år",
    "baseline_value": "120",
    "baseline_on": START.isoformat(),
    "target_value": "60",
    "target_on": date(START.year + 4, 1, 1).isoformat(),
    "direction": "down",
}


def test_leader_adds_indicator_down_is_better(client, agreement, leader):
    sign_in_as(client, leader)
    response = post(client, f"/agreements/{agreement.id}/indicators", INDICATOR_FORM)
    assert response.status_code == 302
    indicator = db.session.scalar(sa.select(Indicator).where(Indicator.name == "Skadegörelse"))
    assert indicator.direction is Direction.DOWN
    services.record_measurement(indicator, leader, measured_on=TODAY, value="90", source="Polisen")
    assert services.progress(indicator).percent == 50


def test_target_date_before_baseline_refused(client, agreement, leader):
    sign_in_as(client, leader)
    response = post(
        client,
        f"/agreements/{agreement.id}/indicators",
        {**INDICATOR_FORM, "target_on": (START - timedelta(days=1)).isoformat()},
    )
    assert response.status_code == 422
    assert "target date cannot be before the baseline" in response.get_data(as_text=True)
    assert count(Indicator) == 1


def test_direction_must_match_target(client, agreement, leader):
    sign_in_as(client, leader)
    response = post(
        client, f"/agreements/{agreement.id}/indicators", {**INDICATOR_FORM, "direction": "up"}
    )
    assert response.status_code == 422
    assert count(Indicator) == 1


def test_edit_indicator(client, agreement, leader):
    sign_in_as(client, leader)
    indicator = indicator_of(agreement)
    assert client.get(f"/indicators/{indicator.id}/edit").status_code == 200
    response = post(
        client,
        f"/indicators/{indicator.id}/edit",
        {**INDICATOR_FORM, "target_on": (START - timedelta(days=1)).isoformat()},
    )
    assert response.status_code == 422
    response = post(client, f"/indicators/{indicator.id}/edit", INDICATOR_FORM)
    assert response.status_code == 302
    assert db.session.get(Indicator, indicator.id).target_value == 60


@pytest.mark.parametrize(
    "text,value", [("12,5", 12.5), ("12.5", 12.5), ("1 234,5", 1234.5), ("−3", -3.0), ("7", 7.0)]
)
def test_parse_number(text, value):
    assert services.parse_number(text) == value


def test_draft_is_hidden_from_the_public(client, area, agreement):
    agreement.status = AgreementStatus.DRAFT
    db.session.commit()
    assert client.get(f"/agreements/{agreement.id}").status_code == 404
    assert "Trygghet i Boden" not in client.get(f"/areas/{area.slug}/agreements").get_data(
        as_text=True
    )


def test_area_page_links_agreements(client, area, agreement):
    page = client.get(f"/areas/{area.slug}").get_data(as_text=True)
    assert f"/areas/{area.slug}/agreements" in page
    assert "Trygghet i Boden" in client.get(f"/areas/{area.slug}/agreements").get_data(as_text=True)


def test_print_version(client, agreement, leader):
    services.record_measurement(
        indicator_of(agreement), leader, measured_on=TODAY, value=55, source="Enkät"
    )
    response = client.get(f"/agreements/{agreement.id}/print")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "agreement-print.css" in page and "<svg" in page and "Enkät" in page


def test_follow_up_reminders_once_per_period(app, agreement, leader, red_cross, outsider):
    rep = make_rep(red_cross, "Rep Röda")
    make_rep(outsider, "Rep Studie")  # not in the agreement
    indicator = indicator_of(agreement)
    services.record_measurement(
        indicator, leader, measured_on=TODAY - timedelta(days=100), value=50, source="Enkät"
    )
    assert services.queue_follow_ups(TODAY - timedelta(days=20)) == 0
    assert services.queue_follow_ups(TODAY) == 2  # the leader and the Red Cross representative
    notices = db.session.scalars(sa.select(Notification)).all()
    assert {n.person_id for n in notices} == {leader.id, rep.id}
    assert all(n.kind is NotificationKind.AGREEMENT_FOLLOW_UP for n in notices)
    assert services.queue_follow_ups(TODAY) == 0
    assert services.queue_follow_ups(TODAY + timedelta(days=30)) == 0
    assert services.queue_follow_ups(TODAY + timedelta(days=91)) == 2  # next period
    with app.test_request_context():
        notice = render(notices[0])
    assert "Andel trygga" in notice.sentence and notice.url.endswith("/agreements/mine")


def test_follow_up_after_new_measurement_waits_a_full_period(app, agreement, leader):
    indicator = indicator_of(agreement)
    services.record_measurement(
        indicator, leader, measured_on=TODAY - timedelta(days=100), value=50, source="Enkät"
    )
    assert services.queue_follow_ups(TODAY) == 1
    services.record_measurement(indicator, leader, measured_on=TODAY, value=52, source="Enkät")
    assert services.queue_follow_ups(TODAY + timedelta(days=89)) == 0
    assert services.queue_follow_ups(TODAY + timedelta(days=91)) == 1


def test_follow_up_cli(runner, agreement, leader):
    result = runner.invoke(args=["send-agreement-follow-ups"])
    assert result.exit_code == 0, result.output
    assert count(Notification) == 1  # no measurement since the start two years ago


def test_mine_lists_agreements_for_leaders_and_representatives(client, agreement, red_cross):
    rep = make_rep(red_cross, "Rep Röda")
    sign_in_as(client, rep)
    assert "Trygghet i Boden" in client.get("/agreements/mine").get_data(as_text=True)
    sign_in_as(client, make_person("Nobody"))
    assert "Trygghet i Boden" not in client.get("/agreements/mine").get_data(as_text=True)


def test_agreement_page_query_count(client, agreement, leader):
    from tests.conftest import count as _  # noqa: F401

    indicator = indicator_of(agreement)
    for day in range(5):
        services.record_measurement(
            indicator, leader, measured_on=START + timedelta(days=day), value=41 + day, source="s"
        )

    def add(name, measure=None):
        services.save_indicator(
            None,
            agreement,
            leader,
            name=name,
            unit="",
            baseline_value=1,
            baseline_on=START,
            target_value=2,
            target_on=START,
            direction=Direction.UP,
            measure=measure,
            measured_from=START if measure else None,
        )

    add("Computed", "activities")  # one of each kind of count is asked once, whatever the number
    add("Computed people", "participants")
    from sqlalchemy import event

    statements = []

    def counter(*args):
        statements.append(1)

    event.listen(db.engine, "before_cursor_execute", counter)
    try:
        assert client.get(f"/agreements/{agreement.id}").status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", counter)
    few = len(statements)
    for n, measure in enumerate((None, "youth-activities", "youth-participants")):
        add(f"Extra {n}", measure)
    statements.clear()
    event.listen(db.engine, "before_cursor_execute", counter)
    try:
        assert client.get(f"/agreements/{agreement.id}").status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", counter)
    assert len(statements) == few
    assert count(AgreementPartner) == 2


def test_end_before_start_and_bad_follow_up_refused(client, area, leader, housing, red_cross):
    sign_in_as(client, leader)
    both = {"partner": [housing.id, red_cross.id]}
    response = post(
        client,
        f"/areas/{area.slug}/agreements/new",
        {**AGREEMENT_FORM, **both, "ends_on": START.isoformat()},
    )
    assert response.status_code == 422
    assert "must end after it starts" in response.get_data(as_text=True)
    for days in ("0", "tre", "5000"):
        response = post(
            client,
            f"/areas/{area.slug}/agreements/new",
            {**AGREEMENT_FORM, **both, "follow_up_days": days},
        )
        assert response.status_code == 422
    response = post(
        client, f"/areas/{area.slug}/agreements/new", {**AGREEMENT_FORM, **both, "starts_on": "x"}
    )
    assert response.status_code == 422
    assert count(Agreement) == 0


def test_partner_of_another_area_cannot_be_chosen(client, area, other_area, leader, housing):
    elsewhere = make_partner("Annan förening", PartnerKind.NGO, [other_area])
    sign_in_as(client, leader)
    response = post(
        client,
        f"/areas/{area.slug}/agreements/new",
        {**AGREEMENT_FORM, "partner": [housing.id, elsewhere.id]},
    )
    assert response.status_code == 422
    assert count(Agreement) == 0


def test_leader_edits_parties_and_responsibilities(client, area, leader, agreement, outsider):
    housing_id = agreement.parties[0].partner_id
    sign_in_as(client, leader)
    form = client.get(f"/agreements/{agreement.id}/edit").get_data(as_text=True)
    assert "Belysning" in form and "Trygghet i Boden" in form
    response = post(
        client,
        f"/agreements/{agreement.id}/edit",
        {
            **AGREEMENT_FORM,
            "title": "Trygghet i Boden 2",
            "partner": [housing_id, outsider.id],
            f"responsibilities-{housing_id}": "Belysning och lokaler",
            f"responsibilities-{outsider.id}": "Cirklar",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(Agreement, agreement.id)
    assert saved.title == "Trygghet i Boden 2"
    assert {(p.partner_id, p.responsibilities) for p in saved.parties} == {
        (housing_id, "Belysning och lokaler"),
        (outsider.id, "Cirklar"),
    }


def test_htmx_refusal_returns_the_section_with_the_message(client, agreement, leader):
    sign_in_as(client, leader)
    response = measure(client, indicator_of(agreement), "tolv", headers={"HX-Request": "true"})
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith("<section") and "Write a number" in body
    assert "<details open>" in body


@pytest.mark.parametrize(
    "change",
    [
        {"baseline_value": "abc"},
        {"target_value": "1,2,3"},
        {"target_value": "120"},  # equal to the baseline
        {"baseline_on": "not a date"},
        {"direction": "sideways"},
    ],
)
def test_bad_indicator_input_refused(client, agreement, leader, change):
    sign_in_as(client, leader)
    response = post(client, f"/agreements/{agreement.id}/indicators", {**INDICATOR_FORM, **change})
    assert response.status_code == 422
    assert count(Indicator) == 1


def test_leap_day_and_far_dates(area, leader, agreement):
    agreement.starts_on = date(2024, 2, 29)
    agreement.ends_on = date(2029, 2, 28)
    assert services.is_short(agreement)
    agreement.ends_on = date(2029, 3, 1)
    assert not services.is_short(agreement)
    agreement.starts_on, agreement.ends_on = date(9998, 1, 1), date(9999, 12, 31)
    assert not services.is_short(agreement)


def test_huge_number_refused():
    with pytest.raises(Refused):
        services.parse_number("99999999999999")
