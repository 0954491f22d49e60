"""The results' counts kept for a few minutes: shown with when they were counted, counted afresh
by the worker, when too old or from another day, and for an indicator added since."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from app import worker
from app.clock import local
from app.extensions import db
from app.models import Area, Audience
from app.models.agreements import Agreement, AgreementStatus, Indicator
from app.models.results import ResultSummary
from app.models.util import utcnow
from app.results import measures, services, summaries
from tests.queries import queries
from tests.results.factories import came, held, youth

LAST_YEAR = utcnow().year - 1


@pytest.fixture
def kept(app):
    """Counts kept ten minutes, as in production."""
    app.config["RESULTS_MAX_AGE"] = 600
    yield
    app.config["RESULTS_MAX_AGE"] = 0


def _youth_activity(area, n=1):
    for _ in range(n):
        held(area, date(LAST_YEAR, 3, 1), Audience.YOUTH)
    db.session.commit()


def _held(area, now=None) -> int:
    return services.compute(area, now).activities[str(LAST_YEAR)]["youth"]


def _kept() -> dict[str, ResultSummary]:
    db.session.expire_all()
    return {s.scope: s for s in db.session.scalars(sa.select(ResultSummary))}


def test_a_view_keeps_its_counts_and_shows_when_they_were_counted(client, area, kept):
    _youth_activity(area)
    page = client.get(f"/areas/{area.slug}/results").get_data(as_text=True)
    assert "Activities and participants counted" in page
    summary = _kept()[f"area-{area.id}"]
    assert summary.area_id == area.id
    assert summary.figures["activities"][str(LAST_YEAR)]["youth"] == 1
    _youth_activity(area)
    area = db.session.get(Area, area.id)
    assert _held(area) == 1  # kept: not counted again yet
    assert services.refresh_summaries() == 2  # the area and all areas together
    assert _held(area) == 2
    assert _kept()["all"].figures["activities"][str(LAST_YEAR)]["youth"] == 2


def test_counts_older_than_the_limit_are_counted_again(area, kept):
    now = utcnow()
    _youth_activity(area)
    assert _held(area, now) == 1
    _youth_activity(area)
    assert _held(area, now + timedelta(minutes=9)) == 1
    assert _held(area, now + timedelta(minutes=11)) == 2


def test_counts_from_yesterday_are_counted_again_however_young(app, area, kept):
    app.config["RESULTS_MAX_AGE"] = 2 * 24 * 3600
    midnight = measures.midnight(local(utcnow()).date() + timedelta(days=1))
    before = midnight - timedelta(minutes=1)
    _youth_activity(area)
    summaries.keep(area, before, services.count(area, before))
    _youth_activity(area)
    assert _held(area, before + timedelta(seconds=30)) == 1
    assert _held(area, midnight + timedelta(minutes=1)) == 2
    assert _kept()[f"area-{area.id}"].counted_at == midnight + timedelta(minutes=1)


def test_without_a_limit_every_view_counts_live_and_keeps_nothing(area):
    _youth_activity(area)
    assert _held(area) == 1
    _youth_activity(area)
    assert _held(area) == 2
    assert _kept() == {}


def test_keeping_twice_leaves_one_row_per_page(app, area, kept):
    now = utcnow()
    summaries.keep(area, now, {"activities": {}, "participants": {}, "measures": []})
    summaries.keep(area, now + timedelta(seconds=1), services.count(area, now))
    rows = _kept()
    assert list(rows) == [f"area-{area.id}"]
    assert rows[f"area-{area.id}"].figures["activities"]


def test_an_indicator_added_after_counting_is_counted_at_once_and_agrees(client, area, kept):
    today = utcnow().date()
    for days in range(1, 11):
        held(area, today - timedelta(days=days), Audience.YOUTH)
    db.session.commit()
    assert client.get(f"/areas/{area.slug}/results").status_code == 200  # counted and kept
    agreement = Agreement(
        area_id=area.id,
        title="Fler aktiviteter",
        starts_on=today - timedelta(days=800),
        ends_on=today + timedelta(days=800),
        status=AgreementStatus.ACTIVE,
    )
    db.session.add(agreement)
    db.session.flush()
    indicator = Indicator(
        agreement_id=agreement.id,
        name="Ungdomsaktiviteter",
        baseline_value=0,
        baseline_on=today - timedelta(days=800),
        target_value=100,
        target_on=today + timedelta(days=700),
        measure="youth-activities",
        measured_from=today - timedelta(days=800),
    )
    db.session.add(indicator)
    db.session.commit()
    results = services.compute(db.session.get(Area, area.id))
    latest = results.readings[indicator.id][-1]
    assert latest.value == results.activities[services.LAST_12_MONTHS]["youth"] == 10


def test_a_kept_page_does_not_count_participants_again(client, area, leader, kept):
    activity = held(area, date(LAST_YEAR, 2, 1))
    for person in youth(6, LAST_YEAR):
        came(activity, person)
    db.session.commit()
    path = f"/areas/{area.slug}/results"
    _, counting = queries(client, "GET", path)
    status, kept_page = queries(client, "GET", path)
    assert status == 200
    distinct = [q for q in counting if "count(DISTINCT" in q]
    assert distinct and not [q for q in kept_page if "count(DISTINCT" in q]
    assert len(kept_page) < len(counting)


def test_the_worker_and_the_cron_command_count_every_page(app, area, other_area, kept):
    _youth_activity(area)
    assert worker.BY_NAME["count-results"].run() == "results pages counted: 3"
    assert set(_kept()) == {"all", f"area-{area.id}", f"area-{other_area.id}"}
    result = CliRunner().invoke(app.cli, ["count-results"])
    assert result.exit_code == 0 and "Results pages counted: 3" in result.output
