"""Worked hours: only arrived shifts count; the certificate is one's own; the leaders' table
and CSV (with spreadsheet formulas neutralised) are for the area's leaders only."""

from datetime import time, timedelta

import pytest

from app.csvfile import safe_cell
from app.extensions import db
from app.models import Area, Person, Role, ShiftSignup, SignupStatus, Workplace
from app.shifts import hours
from tests.conftest import csv_rows, give_role, make_person, sign_in_as
from tests.queries import queries
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
    assert "Total: 6.5 hours" in page and "3.5 h" in page


def test_my_hours_write_hours_the_swedish_way_in_swedish(client, setup):
    setup["amir"].locale = "sv"
    db.session.commit()
    sign_in_as(client, setup["amir"])
    page = client.get("/my/hours").get_data(as_text=True)
    assert "6,5" in page and "3,5" in page and "6.5" not in page


def test_certificate_is_swedish_by_default_for_a_swedish_employer(client, setup, area):
    sign_in_as(client, setup["amir"])  # Amir reads the site in English
    response = client.get("/my/hours/certificate")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'lang="sv" dir="ltr"' in page
    assert "certificate.css" in page
    assert "Arbetsintyg" in page and "Certificate of work" not in page
    assert "Amir" in page and "Bea" not in page
    assert "<strong>6,5</strong>" in page
    assert area.name in page and "Kiosken" in page and "Sara" in page and "counter" in page
    assert f"Grannlabb {area.name}, {area.municipality}" in page


@pytest.mark.parametrize(
    ("code", "direction", "heading"),
    [("en", "ltr", "Certificate of work"), ("ar", "rtl", None), ("so", "ltr", None)],
)
def test_certificate_in_a_chosen_language(client, setup, code, direction, heading):
    sign_in_as(client, setup["amir"])
    response = client.get(f"/my/hours/certificate?lang={code}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'lang="{code}" dir="{direction}"' in page
    assert "Arbetsintyg" not in page
    if heading:
        assert heading in page and "<strong>6.5</strong>" in page
    # every language can be chosen from the certificate, the chosen one marked
    for other in ("sv", "en", "ar", "so", "fa", "ti"):
        assert f'href="/my/hours/certificate?lang={other}"' in page
    assert f'lang="{code}" hreflang="{code}" aria-current="page"' in page
    # the account's own language is not changed by printing in another one
    assert setup["amir"].locale == "en"


@pytest.mark.parametrize("code", ["xx", "", "sv-SE", "<script>"])
def test_certificate_refuses_a_language_not_offered(client, setup, code):
    sign_in_as(client, setup["amir"])
    response = client.get("/my/hours/certificate", query_string={"lang": code})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "That language is not offered." in page
    assert "<script>" not in page


def test_certificate_names_the_leader_who_confirmed_arrival(client, area, leader):
    """The signing leader is whoever of the area's leaders marked the latest arrival; a
    supervisor's mark does not make them the signer; without a mark, the first leader."""
    cafe = make_workplace(area, "Ungdomscaféet")
    youth = make_person("Dana", birth_year=2010)
    second = make_person("Nils Leader")
    give_role(second, area, Role.LEADER)
    helper = make_person("Supervisor Sune")
    day = school_week()
    first = worked(make_shift(cafe, day=day), youth)
    assert hours.my_hours(youth).organisers[0].leader == "Karin Leader"  # no mark recorded
    first.arrival_marked_by_id = second.id
    later = worked(make_shift(cafe, day=day + timedelta(days=1)), youth)
    later.arrival_marked_by_id = helper.id
    db.session.commit()
    (organiser,) = hours.my_hours(youth).organisers
    assert (organiser.area, organiser.municipality, organiser.leader) == (
        area.name,
        area.municipality,
        "Nils Leader",
    )
    sign_in_as(client, youth)
    page = client.get("/my/hours/certificate?lang=en").get_data(as_text=True)
    assert "Name in print: <bdi>Nils Leader</bdi>, process leader" in page
    assert "Supervisor Sune" not in page


def test_certificate_has_one_organiser_and_signer_per_area(client, area, other_area, leader):
    youth = make_person("Dana", birth_year=2010)
    other_leader = make_person("Olle Leader")
    give_role(other_leader, other_area, Role.LEADER)
    day = school_week()
    worked(make_shift(make_workplace(area, "Ungdomscaféet"), day=day), youth)
    worked(make_shift(make_workplace(other_area, "Kiosken"), day=day + timedelta(days=1)), youth)
    assert [(o.area, o.leader) for o in hours.my_hours(youth).organisers] == [
        (area.name, "Karin Leader"),
        (other_area.name, "Olle Leader"),
    ]
    sign_in_as(client, youth)
    page = client.get("/my/hours/certificate?lang=en").get_data(as_text=True)
    assert page.count('class="signature"') == 2


def test_certificate_without_worked_shifts(client, area):
    youth = make_person("Dana", birth_year=2010)
    sign_in_as(client, youth)
    response = client.get("/my/hours/certificate?lang=en")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "No worked shifts yet." in page and 'class="signature"' not in page


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
    rows = csv_rows(response)
    assert rows[0] == ["Youth", "Workplace", "Shifts", "Hours"]
    assert ["Amir", "Kiosken", "1", "1"] in rows
    assert ["Amir", "Ungdomscaféet", "2", "5.5"] in rows
    assert ["Bea", "Ungdomscaféet", "1", "2"] in rows
    assert len(rows) == 4


def test_area_hours_csv_opens_in_swedish_excel(client, setup, area, leader):
    """In Swedish: semicolons between cells and a decimal comma, read back in the Excel
    dialect as Swedish Excel does."""
    leader.locale = "sv"
    db.session.commit()
    sign_in_as(client, leader)
    response = client.get(f"/areas/{area.slug}/hours.csv")
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeffUngdom;Arbetsplats;Arbetspass;Timmar\r\n")
    rows = csv_rows(response)
    assert ["Amir", "Ungdomscaféet", "2", "5,5"] in rows
    assert all(len(row) == 4 for row in rows)


def test_csv_neutralises_spreadsheet_formulas(client, area, leader):
    workplace = make_workplace(area, "@SUM(A1:A9)")
    for n, name in enumerate(['=HYPERLINK("http://evil")', "+1+2", "-3", "@cmd"]):
        person = make_person(name, email=f"evil{n}@test.example", birth_year=2000)
        shift = make_shift(workplace, day=school_week() + timedelta(days=n))
        worked(shift, person)
    sign_in_as(client, leader)
    rows = csv_rows(client.get(f"/areas/{area.slug}/hours.csv"))
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


def test_certificate_queries_do_not_grow_with_shifts_or_areas(client, area, other_area, leader):
    youth = make_person("Dana", birth_year=2010)
    other_area_id = other_area.id
    cafe = make_workplace(area, "Ungdomscaféet")
    worked(make_shift(cafe, day=school_week()), youth)
    youth_id, cafe_id = youth.id, cafe.id
    sign_in_as(client, youth)
    status, small = queries(client, "GET", "/my/hours/certificate")
    assert status == 200
    other_area, youth = db.session.get(Area, other_area_id), db.session.get(Person, youth_id)
    cafe = db.session.get(Workplace, cafe_id)
    kiosk = make_workplace(other_area, "Kiosken")
    give_role(make_person("Olle Leader"), other_area, Role.LEADER)
    for n in range(1, 12):
        worked(make_shift(cafe if n % 2 else kiosk, day=school_week() + timedelta(days=n)), youth)
    status, large = queries(client, "GET", "/my/hours/certificate")
    assert status == 200
    assert len(large) == len(small) <= 4, large
