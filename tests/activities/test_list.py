"""The activities list: pages of 30 in the order they start, in sections (today, this week,
later), "Show more" with htmx and as a plain link, the filter kept, queries constant."""

import re
from datetime import timedelta

import pytest

from app.activities import services
from app.extensions import db
from app.models import Area, Audience
from tests.activities.factories import make_activity
from tests.queries import queries

HTMX = {"HX-Request": "true"}


def _later(area, n, start=0, **fields):
    for i in range(start, start + n):
        make_activity(
            area, title=f"Senare {i:02d}", starts_in=timedelta(days=40, hours=i), **fields
        )


def _titles(page: str) -> list[str]:
    return re.findall(r">(Senare \d\d)<", page)


def test_the_list_shows_thirty_then_a_link_to_the_next_page(client, area):
    _later(area, services.PER_PAGE + 5)
    first = client.get(f"/areas/{area.slug}/activities").get_data(as_text=True)
    assert _titles(first) == [f"Senare {i:02d}" for i in range(30)]
    assert "Nothing planned." in first  # nothing today, said under the heading
    assert first.index("Today") < first.index("Later")
    more = f"/areas/{area.slug}/activities?page=2"
    assert f'href="{more}"' in first and f'hx-get="{more}"' in first
    assert "Show more activities" in first
    second = client.get(more).get_data(as_text=True)  # without JavaScript: a whole page
    assert _titles(second) == [f"Senare {i:02d}" for i in range(30, 35)]
    assert "<h2>Later</h2>" in second and "<html" in second
    assert "Back to the first activities" in second
    assert "Show more activities" not in second


def test_the_next_page_with_htmx_continues_its_section_without_a_new_heading(client, area):
    make_activity(area, title="Idag", starts_in=timedelta(minutes=1))
    _later(area, services.PER_PAGE + 2)
    response = client.get(f"/areas/{area.slug}/activities?page=2", headers=HTMX)
    part = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in part
    assert _titles(part) == ["Senare 29", "Senare 30", "Senare 31"]
    assert "<h2>" not in part  # still "Later", as on the page above it
    agenda = services.upcoming(db.session.get(Area, area.id), page=2)
    assert [s.key for s in agenda.sections] == ["later"] and agenda.sections[0].continued
    first = services.upcoming(db.session.get(Area, area.id))
    assert [a.title for a in first.today] == ["Idag"] and not first.sections[0].continued


def test_the_audience_filter_is_kept_on_the_next_page(client, area):
    _later(area, services.PER_PAGE + 1, audience=Audience.YOUTH)
    _later(area, 3, start=50)
    page = client.get(f"/areas/{area.slug}/activities?audience=youth").get_data(as_text=True)
    assert f"/areas/{area.slug}/activities?audience=youth&amp;page=2" in page
    second = client.get(f"/areas/{area.slug}/activities?audience=youth&page=2").get_data(
        as_text=True
    )
    assert _titles(second) == ["Senare 30"]


@pytest.mark.parametrize("page", ["99", "abc", "-1", "²", "1" * 30])
def test_odd_page_numbers_give_a_page_not_an_error(client, area, page):
    _later(area, 2)
    response = client.get(f"/areas/{area.slug}/activities?page={page}")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    if page == "99":
        assert "No more activities." in text and not _titles(text)
    else:
        assert _titles(text) == ["Senare 00", "Senare 01"]


def test_an_empty_list_says_nothing_is_planned(client, area):
    page = client.get(f"/areas/{area.slug}/activities").get_data(as_text=True)
    assert page.count("Nothing planned.") == 1 and "Show more" not in page


def test_the_number_of_queries_does_not_grow_with_the_activities(client, area):
    area_id = area.id
    _later(area, 3)
    path = f"/areas/{area.slug}/activities"
    _, small = queries(client, "GET", path)
    _later(db.session.get(Area, area_id), 60, start=3)
    status, large = queries(client, "GET", path)
    assert status == 200 and len(large) == len(small)
    status, second = queries(client, "GET", path + "?page=2")
    assert status == 200 and len(second) == len(small)
