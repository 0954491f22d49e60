"""Worked hours: only arrived shifts count; the certificate is one's own; the leaders' table
and CSV (with spreadsheet formulas neutralised) are for the area's leaders only."""

import csv
import io
from datetime import time, timedelta

import pytest

from app.csvfile import safe_cell
from app.extensions import db
from app.models import Role, ShiftSignup, SignupStatus
from app.shifts import hours
from tests.conftest import give_role, make_person, sign_in_as
from tests.shifts.factories import make_shift, make_workplace, school_week


def worked(shift, person, arrived=True, status=SignupStatus.CONFIRMED):
    signup = ShiftSignup(shift_id=shift.id, person_id=person.id, status=status, arrived=arrived)
    db.session.add(signup)
    db.session.commit()
    return signup


@pytest.fixture
def setup(area):
    cafe = make_workplace(area, "Ungdomscaféet")
    kiosk = make_workplace(area, "Kiosken")
    day = school_week()
    amir = make_person("Amir", birth_year=2010)
    bea = make_person("Bea", birth_year=2009)
    s1 = make_shift(cafe, day=day, start=time(10), end=time(12), role="counter")  # 2 h
    s2 = make_shift(cafe, day=day + timedelta(days=1), start=time(9), end=time(12, 30))  # 3.5
    s3 = make_shift(kiosk, day=day + timedelta(days=2), start=time(13), end=time(14))  # 1 h
    s4 = make_shift(kiosk, day=day + timedelta(days=3), start=time(13), end=time(17))  # 4 h
    worked(s1, amir)
    worked(s2, amir)
    worked(s3, amir)
    worked(s4, amir, arrived=False)  # no-show: not counted
    worked(s1, bea)
    worked(s4, bea, arrived=None)  # not marked: not counted
    worked(s3, bea, status=SignupStatus.CANCELLED)  # cancelled: not counted
    return {"amir": amir, "bea": bea}


def test_my_hours_only_counts_arrived_shifts(client, setup):
    result = hours.my_hours(setup["amir"])
    assert len(result.shifts) == 3
    assert result.total == pytest.approx(6.5)
    assert result.workplaces == ["Kiosken", "Ungdomscaféet"]
    sign_in_as(client, setup["amir"])
    page = client.get("/my/hours").get_data(as_text=True)
    assert "6.5" in page


def test_certificate_shows_own_hours_on_a4(client, setup, area):
    sign_in_as(client, setup["amir"])
    response = client.get("/my/hours/certificate")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "certificate.css" in page
    assert "Certificate of work" in page
    assert "Amir" in page and "Bea" not in page
    assert "6.5" in page
    assert area.name in page and "Kiosken" in page and "Sara" in page and "counter" in page


def test_certificate_needs_sign_in(client, setup):
    response = client.get("/my/hours/certificate")
    assert response.status_code in (302, 401)


def test_area_hours_per_youth_and_workplace(client, setup, area, leader):
    table = hours.area_hours(area)
    assert [(t.name, t.shifts, t.hours) for t in table.youth] == [("Amir", 3, 6.5), ("Bea", 1, 2)]
    assert [(t.name, t.hours) for t in table.workplaces] == [
        ("Kiosken", 1),
        ("Ungdomscaféet", 7.5),
    ]
    assert table.total == pytest.approx(8.5)
    sign_in_as(client, leader)
    response = client.get(f"/areas/{area.slug}/hours")
    assert response.status_code == 200
    assert "Amir" in response.get_data(as_text=True)


def test_area_hours_csv(client, setup, area, leader):
    sign_in_as(client, leader)
    response = client.get(f"/areas/{area.slug}/hours.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["Youth", "Workplace", "Shifts", "Hours"]
    assert ["Amir", "Kiosken", "1", "1.00"] in rows
    assert ["Amir", "Ungdomscaféet", "2", "5.50"] in rows
    assert ["Bea", "Ungdomscaféet", "1", "2.00"] in rows
    assert len(rows) == 4


def test_csv_neutralises_spreadsheet_formulas(client, area, leader):
    workplace = make_workplace(area, "@SUM(A1:A9)")
    for n, name in enumerate(['=HYPERLINK("http://evil")', "+1+2", "-3", "@cmd"]):
        person = make_person(name, email=f"evil{n}@test.example", birth_year=2000)
        shift = make_shift(workplace, day=school_week() + timedelta(days=n))
        worked(shift, person)
    sign_in_as(client, leader)
    rows = list(
        csv.reader(io.StringIO(client.get(f"/areas/{area.slug}/hours.csv").get_data(as_text=True)))
    )
    for row in rows[1:]:
        assert row[0].startswith("'") and row[1] == "'@SUM(A1:A9)"
    assert {row[0] for row in rows[1:]} == {'\'=HYPERLINK("http://evil")', "'+1+2", "'-3", "'@cmd"}


def test_safe_cell():
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("Amir") == "Amir"
    assert safe_cell(None) == ""


@pytest.mark.parametrize("path", ["/areas/boden/hours", "/areas/boden/hours.csv"])
def test_area_hours_refused_to_others(client, setup, area, other_area, resident, path):
    sign_in_as(client, resident)
    assert client.get(path).status_code == 403
    other_leader = make_person("Other Leader")
    give_role(other_leader, other_area, Role.LEADER)
    sign_in_as(client, other_leader)
    assert client.get(path).status_code == 403
    sign_in_as(client, setup["amir"])
    assert client.get(path).status_code == 403
