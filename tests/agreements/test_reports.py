"""Reports that must agree and stay small: withdrawal on every results
view and CSV, every CSV of the app through app/csvfile.py, the page budget of the results and
agreement pages in Swedish and Arabic, and a partner editing someone else's agreement."""

import re
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.agreements import services as agreements
from app.budgets import PAGE_BUDGET, page_weight
from app.demo.loader import seed_demo
from app.extensions import db
from app.models import Area, AreaRole, Person, Role
from app.models.agreements import Agreement, Indicator, Measurement
from app.models.programmes import Outcome
from app.programmes import services as programmes
from tests.agreements.factories import AGREEMENT_FORM
from tests.conftest import csv_rows, give_role, make_person, post, sign_in_as
from tests.partners.factories import make_rep
from tests.programmes.factories import make_programme

APP = Path(__file__).resolve().parents[2] / "app"


def _rows(client, path):
    response = client.get(path)
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/csv")
    return csv_rows(response)


def _enrolled(rows):
    """The programme's rows (the all-areas CSV names the area after the programme)."""
    return [row[1:3] for row in rows if row[0].startswith("Vägen till arbete")]


def test_withdrawal_is_no_longer_counted_on_any_results_view_or_csv(client, area, leader):
    programme = make_programme(area, leader, name="Vägen till arbete")
    people = []
    for i in range(6):
        person = make_person(f"Deltagare {i}")
        give_role(person, area, Role.RESIDENT)
        enrolment = programmes.enrol_self(programme, person, True)
        programmes.record_outcome(enrolment, leader, Outcome.WORK, date(2024, 6, 1))
        people.append((person, enrolment))
    views = [f"/areas/{area.slug}/results", "/results", f"/areas/{area.slug}/results/print"]
    views.append("/results/print")
    csvs = [f"/areas/{area.slug}/results/programmes.csv", "/results/programmes.csv"]
    for path in views:
        assert "6 of 6" in client.get(path).get_data(as_text=True), path
    for path in csvs:
        assert ["Enrolled with consent", "6"] in _enrolled(_rows(client, path))

    person, enrolment = people[-1]
    sign_in_as(client, person)
    assert post(client, f"/enrolments/{enrolment.id}/withdraw").status_code == 302
    for path in views:
        page = client.get(path).get_data(as_text=True)
        assert "5 of 5" in page and "6 of 6" not in page, path
    for path in csvs:
        rows = _rows(client, path)
        assert ["Enrolled with consent", "5"] in _enrolled(rows), path
        assert not any(row[2] == "6" or row[-1].endswith("of 6") for row in rows[1:]), path


def test_every_csv_download_goes_through_csvfile(app):
    """Only app/csvfile.py writes CSV; every .csv address is one of the guarded downloads."""
    writers = [
        path.relative_to(APP).as_posix()
        for path in APP.rglob("*.py")
        if re.search(r"^\s*(import csv|from csv import)", path.read_text(), re.M)
    ]
    assert writers == ["csvfile.py"]
    csv_views = {rule.endpoint for rule in app.url_map.iter_rules() if rule.rule.endswith(".csv")}
    assert csv_views == {
        "leader.area_hours_csv",
        "results.all_results_csv",
        "results.area_results_csv",
        "rounds.result_csv",
    }
    for module in ("shifts/hours.py", "results/routes.py", "rounds/routes.py"):
        assert "from app.csvfile import spreadsheet_csv" in (APP / module).read_text()


def test_indicator_names_are_neutralised_in_the_all_areas_csv(client, area, leader, agreement):
    agreement_row = db.session.get(Agreement, agreement.id)
    indicator = agreement_row.indicators[0]
    indicator.name = "@SUM(A1:A9)"
    agreement_row.title = "=HYPERLINK(1)"
    db.session.add(
        Measurement(indicator_id=indicator.id, measured_on=date.today(), value=50, source="-x")
    )
    db.session.commit()
    for path in (f"/areas/{area.slug}/results/indicators.csv", "/results/indicators.csv"):
        cells = [cell for row in _rows(client, path)[1:] for cell in row]
        assert cells, path
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells), cells
        assert any(cell.startswith("'@SUM") or cell.startswith("'=HYPERLINK") for cell in cells)


def test_a_representative_cannot_edit_an_agreement_their_partner_is_not_in(
    client, agreement, outsider
):
    rep = make_rep(outsider, "Rep Studie")
    sign_in_as(client, rep)
    assert client.get(f"/agreements/{agreement.id}/edit").status_code == 403
    response = post(
        client,
        f"/agreements/{agreement.id}/edit",
        {**AGREEMENT_FORM, "partner": [p.partner_id for p in agreement.parties]},
    )
    assert response.status_code == 403
    indicator = agreement.indicators[0]
    assert client.get(f"/indicators/{indicator.id}/edit").status_code == 403
    assert post(client, f"/agreements/{agreement.id}/indicators", {"name": "x"}).status_code == 403
    db.session.expire_all()
    assert db.session.get(Agreement, agreement.id).title == "Trygghet i Boden"
    assert len(db.session.get(Agreement, agreement.id).indicators) == 1


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_results_and_agreement_pages_fit_the_page_budget(app, lang):
    seed_demo()
    # The agreement with the most measurements, seen by a visitor and by its area's leader
    # (who also gets the forms and the correction links).
    agreement = max(
        db.session.scalars(sa.select(Agreement).options(*agreements._loaded())),
        key=lambda a: sum(len(i.measurements) for i in a.indicators),
    )
    leader_id = db.session.scalar(
        sa.select(AreaRole.person_id).where(
            AreaRole.area_id == agreement.area_id, AreaRole.role == Role.LEADER
        )
    )
    visitor, leader = app.test_client(), app.test_client()
    for client in (visitor, leader):
        client.set_cookie("lang", lang)
    sign_in_as(leader, db.session.get(Person, leader_id))
    slugs = list(db.session.scalars(sa.select(Area.slug)))
    pages = ["/results", "/results/print"]
    pages += [f"/areas/{slug}/results" for slug in slugs]
    pages += [f"/areas/{slug}/results/print" for slug in slugs]
    pages += [f"/agreements/{agreement.id}", f"/agreements/{agreement.id}/print"]
    for client in (visitor, leader):
        for path in pages:
            weight = page_weight(app, path, client)
            assert 0 < weight["total"] <= PAGE_BUDGET, weight
    indicator = db.session.scalar(
        sa.select(Indicator).where(Indicator.agreement_id == agreement.id).limit(1)
    )
    measurement = db.session.scalar(
        sa.select(Measurement).where(Measurement.indicator_id == indicator.id).limit(1)
    )
    weight = page_weight(app, f"/measurements/{measurement.id}/edit", leader)
    assert 0 < weight["total"] <= PAGE_BUDGET, weight


def test_the_agreement_print_view_has_every_indicator_and_no_forms(client, agreement, leader):
    agreements.record_measurement(
        agreement.indicators[0], leader, measured_on=date.today(), value=55, source="Enkät"
    )
    sign_in_as(client, leader)
    response = client.get(f"/agreements/{agreement.id}/print")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "agreement-print.css" in page and 'role="img"' in page and "<table" in page
    for words in ("Trygghet i Boden", "Fler känner sig trygga.", "Bostadsbolaget", "Röda Korset"):
        assert words in page
    assert "Andel trygga" in page and "Enkät" in page and "50 %" in page
    assert "<form" not in page and "Correct or delete" not in page
