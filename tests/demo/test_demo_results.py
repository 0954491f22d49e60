"""After seed-demo the results pages show the seeds' figures, computed from individual records."""

import re

import pytest
import sqlalchemy as sa

from app.demo.loader import seed_demo
from app.extensions import db
from app.models import Activity, Area, Audience
from app.models.programmes import Enrolment, ProgrammeOutcome
from app.models.util import utcnow
from app.results import services


@pytest.fixture
def demo(app):
    seed_demo()


def _page(client, slug):
    response = client.get(f"/areas/{slug}/results")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _cells(page, heading):
    """The text of the table rows whose header cell is ``heading``."""
    rows = re.findall(r"<tr>(.*?)</tr>", page, flags=re.S)
    return [
        [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        for row in rows
        if f">{heading}<" in row
    ]


def test_portalen_15_of_22_and_6_of_22_planning_a_cooperative(client, demo):
    page = _page(client, "portalen")
    rows = _cells(page, "Vägen till arbete")
    assert ["Vägen till arbete", "Work, internship, studies or own business", "15 of 22"] in rows
    assert ["Vägen till arbete", "Planning a cooperative", "6 of 22"] in rows
    assert "15 of 22 into work, an internship, studies or their own business" in page
    # From individual records: 22 consented enrolments, each with dated outcomes.
    assert db.session.scalar(sa.select(sa.func.count(Enrolment.id))) == 32
    assert db.session.scalar(sa.select(sa.func.count(ProgrammeOutcome.id))) > 32


def test_boden_9_of_10(client, demo):
    rows = _cells(_page(client, "boden"), "Vägledning för nyanlända")
    assert [
        "Vägledning för nyanlända",
        "Work, internship, studies or own business",
        "9 of 10",
    ] in rows


def test_rannebergen_over_100_youth_activities_in_12_months(client, demo):
    page = _page(client, "rannebergen")
    (row,) = _cells(page, "Last 12 months")[:1]
    assert int(row[2].replace(",", "")) > 100  # Period, Held, For youth, Walk-in visits
    assert "youth activities held in the last 12 months" in page
    assert (
        db.session.scalar(
            sa.select(sa.func.count(Activity.id)).where(Activity.audience == Audience.YOUTH)
        )
        > 100
    )


def test_lina_hage_80_percent_more_youth(client, demo):
    page = _page(client, "lina-hage")
    area = db.session.scalar(sa.select(Area).where(Area.slug == "lina-hage"))
    figures = services.compute(area).participants
    year = utcnow().year
    assert (figures[str(year - 2)]["youth"], figures[str(year - 1)]["youth"]) == (20, 36)
    (row,) = _cells(page, str(year - 1))[1:2]  # the participants table
    assert row == [str(year - 1), "36", "+80%", "36", "+80%"]
    assert "+80%" in page


def test_all_areas_together(client, demo):
    page = client.get("/results").get_data(as_text=True)
    assert "15 of 22" in page and "9 of 10" in page
