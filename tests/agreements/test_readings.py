"""Indicators computed from the app's records: one number per question, wherever it is asked."""

import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from app.agreements import services
from app.agreements.readings import computed_dates, readings
from app.clock import local
from app.extensions import db
from app.models import Audience, Notification
from app.models.agreements import Direction, Indicator, Measurement
from app.models.util import utcnow
from app.refusals import Refused
from app.results import services as results
from tests.agreements.factories import START, indicator_of
from tests.conftest import make_person, post, sign_in_as
from tests.partners.factories import make_rep
from tests.results.factories import came, held, youth

FROM = START + timedelta(days=40)  # the area began recording here
TODAY = local(utcnow()).date()  # the Swedish date, as the readings count (not the UTC one)


def computed(agreement, leader, measure="youth-activities", measured_from=FROM) -> Indicator:
    return services.save_indicator(
        None,
        agreement,
        leader,
        name="Ungdomsaktiviteter per år",
        unit="aktiviteter",
        baseline_value=40,
        baseline_on=START,
        target_value=250,
        target_on=date(START.year + 5, 1, 1),
        direction=Direction.UP,
        measure=measure,
        measured_from=measured_from,
    )


YOUTH_DAYS = [10, 100, 300, 400, 500]  # days ago


@pytest.fixture
def youth_activities(area, other_area):
    for days in YOUTH_DAYS:
        held(area, TODAY - timedelta(days=days), Audience.YOUTH)
    held(area, TODAY - timedelta(days=20))  # for everyone
    held(area, TODAY + timedelta(days=2), Audience.YOUTH)  # not held yet
    held(other_area, TODAY - timedelta(days=5), Audience.YOUTH)  # another area
    db.session.commit()


def _in_12_months(day: date) -> int:
    """Counted by hand: youth activities in the 365 days ending with ``day``."""
    return sum(
        1 for days in YOUTH_DAYS if day - timedelta(days=364) <= TODAY - timedelta(days=days) <= day
    )


def test_the_indicator_and_the_results_page_give_one_number(
    app, client, area, agreement, leader, youth_activities
):
    indicator = computed(agreement, leader)
    with app.test_request_context(), force_locale("en"):
        (row,) = [
            r for r in readings([indicator], utcnow())[indicator.id] if r.measured_on == TODAY
        ]
        figures = results.compute(area)
    assert figures.activities[results.LAST_12_MONTHS]["youth"] == 3 == row.value
    assert row.computed and "Computed by Grannlabb" in row.source

    page = client.get(f"/agreements/{agreement.id}").get_data(as_text=True)
    assert "Computed by Grannlabb from its records since" in page
    assert "Youth activities held in the last 12 months" in page
    result_page = client.get(f"/areas/{area.slug}/results").get_data(as_text=True)
    assert "3 youth activities held in the last 12 months." in result_page
    table = figures.table("indicators")
    (indicator_row,) = [r for r in table.rows if "Ungdomsaktiviteter" in str(r[0])]
    assert indicator_row[2].value == 3
    note = table.notes[indicator_row[0].notes[0] - 1]
    assert "computed by Grannlabb from its records since" in note
    assert "An activity is held when its end time has passed" in note


def test_computed_at_each_quarters_end_from_twelve_months_of_records(
    area, agreement, leader, youth_activities
):
    indicator = computed(agreement, leader)
    values = readings([indicator], utcnow())[indicator.id]
    days = [r.measured_on for r in values]
    assert days == computed_dates(indicator, TODAY)
    assert days[0] >= FROM + timedelta(days=364) and days[-1] == TODAY
    assert all((d.month, d.day) in {(3, 31), (6, 30), (9, 30), (12, 31)} for d in days[:-1])
    for reading in values:
        assert reading.value == _in_12_months(reading.measured_on), reading.measured_on


def test_no_computed_value_before_twelve_months_are_recorded(client, agreement, leader):
    indicator = computed(agreement, leader, measured_from=TODAY - timedelta(days=30))
    assert readings([indicator], utcnow())[indicator.id] == []
    page = client.get(f"/agreements/{agreement.id}").get_data(as_text=True)
    assert "The first value is computed on" in page


def test_hand_measurements_before_the_date_are_kept_and_after_it_refused(
    client, agreement, leader, youth_activities
):
    indicator = computed(agreement, leader)
    services.record_measurement(
        indicator, leader, measured_on=START + timedelta(days=10), value=45, source="Närvarolistor"
    )
    with pytest.raises(Refused) as refused:
        services.record_measurement(indicator, leader, measured_on=TODAY, value=9, source="x")
    assert refused.value.status == 422
    sign_in_as(client, leader)
    response = post(
        client,
        f"/indicators/{indicator.id}/measurements",
        {
            f"m{indicator.id}-measured_on": FROM.isoformat(),
            f"m{indicator.id}-value": "7",
            f"m{indicator.id}-source": "Papper",
        },
    )
    assert response.status_code == 422
    assert "a measurement from that date on cannot be entered" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Measurement.id))) == 1
    values = readings([db.session.get(Indicator, indicator.id)], utcnow())[indicator.id]
    assert values[0].value == 45 and not values[0].computed
    assert all(r.computed for r in values[1:])
    # correcting a hand measurement into the computed period is refused too
    (measurement,) = db.session.scalars(sa.select(Measurement)).all()
    with pytest.raises(Refused):
        services.correct_measurement(
            measurement, leader, measured_on=FROM, value=45, source="Närvarolistor"
        )


def _edit_form(indicator, **changes):
    return {
        "name": indicator.name,
        "unit": indicator.unit,
        "baseline_value": "40",
        "baseline_on": START.isoformat(),
        "target_value": "70",
        "target_on": date(START.year + 5, 1, 1).isoformat(),
        "direction": "up",
        **changes,
    }


def test_leader_makes_an_indicator_computed(client, agreement, leader):
    indicator = indicator_of(agreement)
    sign_in_as(client, leader)
    page = client.get(f"/indicators/{indicator.id}/edit").get_data(as_text=True)
    assert 'name="measure"' in page and 'name="measured_from"' in page
    response = post(
        client,
        f"/indicators/{indicator.id}/edit",
        _edit_form(indicator, measure="participants", measured_from=FROM.isoformat()),
    )
    assert response.status_code == 302
    saved = db.session.get(Indicator, indicator.id)
    assert (saved.measure, saved.measured_from) == ("participants", FROM)
    # and back to entered by hand
    post(client, f"/indicators/{indicator.id}/edit", _edit_form(indicator, measure=""))
    saved = db.session.get(Indicator, indicator.id)
    assert (saved.measure, saved.measured_from) == (None, None)


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"measure": "everything"}, "Not a valid choice"),
        ({"measure": "activities"}, "Choose the date from which Grannlabb counts it."),
        ({"measure": "activities", "measured_from": "31/02"}, "Not a valid date value"),
    ],
)
def test_bad_computed_input_refused(client, agreement, leader, changes, message):
    indicator = indicator_of(agreement)
    sign_in_as(client, leader)
    response = post(client, f"/indicators/{indicator.id}/edit", _edit_form(indicator, **changes))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.session.get(Indicator, indicator.id).measure is None


def test_switching_refused_while_hand_measurements_would_be_hidden(client, agreement, leader):
    indicator = indicator_of(agreement)
    services.record_measurement(
        indicator, leader, measured_on=TODAY - timedelta(days=5), value=50, source="Enkät"
    )
    sign_in_as(client, leader)
    response = post(
        client,
        f"/indicators/{indicator.id}/edit",
        _edit_form(indicator, measure="activities", measured_from=FROM.isoformat()),
    )
    assert response.status_code == 422
    assert "1 measurement entered by hand is dated on or after that date" in response.get_data(
        as_text=True
    )
    assert db.session.get(Indicator, indicator.id).measure is None


def test_only_the_areas_leaders_make_an_indicator_computed(
    client, agreement, red_cross, other_area
):
    indicator = indicator_of(agreement)
    form = _edit_form(indicator, measure="activities", measured_from=FROM.isoformat())
    sign_in_as(client, make_rep(red_cross, "Rep Röda"))
    assert post(client, f"/indicators/{indicator.id}/edit", form).status_code == 403
    from app.models import Role
    from tests.conftest import give_role

    stranger = make_person("Leader elsewhere")
    give_role(stranger, other_area, Role.LEADER)
    sign_in_as(client, stranger)
    assert post(client, f"/indicators/{indicator.id}/edit", form).status_code == 403
    assert db.session.get(Indicator, indicator.id).measure is None


def test_computed_indicators_need_no_follow_up(agreement, leader):
    indicator = indicator_of(agreement)
    indicator.measure, indicator.measured_from = "activities", FROM
    db.session.commit()
    assert services.queue_follow_ups(TODAY) == 0
    assert db.session.scalar(sa.select(sa.func.count(Notification.id))) == 0
    indicator.measure, indicator.measured_from = None, None
    db.session.commit()
    assert services.queue_follow_ups(TODAY) == 1


def test_counts_of_people_below_five_are_not_shown(client, area, agreement, leader):
    indicator = computed(agreement, leader, measure="youth-participants")
    activity = held(area, TODAY - timedelta(days=3), Audience.YOUTH)
    for person in youth(3, TODAY.year):
        came(activity, person)
    db.session.commit()
    latest = readings([indicator], utcnow())[indicator.id][-1]
    assert latest.value is None
    page = client.get(f"/agreements/{agreement.id}").get_data(as_text=True)
    assert "The latest count is of fewer than 5 people and is not shown." in page
    for person in youth(2, TODAY.year, "More"):
        came(activity, person)
    db.session.commit()
    latest = readings([db.session.get(Indicator, indicator.id)], utcnow())[indicator.id][-1]
    figures = results.compute(area)
    assert latest.value == 5 == figures.participants[results.LAST_12_MONTHS]["youth"]


def test_every_figure_on_the_results_page_carries_its_definition(
    client, area, agreement, leader, youth_activities
):
    computed(agreement, leader)
    page = client.get(f"/areas/{area.slug}/results").get_data(as_text=True)
    notes = set(re.findall(r'<li id="(note-[a-z]+-\d+)"', page))
    described = re.findall(r'aria-describedby="([^"]+)"', page)
    for key in ("ideas", "activities", "participants", "programmes", "indicators"):
        assert f"note-{key}-1" in notes
    for ids in described:
        assert set(ids.split()) <= notes, ids
    assert sum(len(ids.split()) for ids in described) >= 12
    assert 'href="#note-activities-' in page  # the headline links its definition
