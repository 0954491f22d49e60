"""Page numbers from the query string: anything but a plain page number is the first page,
never a 500 (superscript and other Unicode digits included)."""

import pytest

from app.pagination import LAST_PAGE, page_number
from tests.conftest import sign_in_as


@pytest.mark.parametrize(
    ("value", "page"),
    [
        ("3", 3),
        ("1", 1),
        ("0", 1),
        ("-2", 1),
        ("abc", 1),
        ("²", 1),
        ("٣", 1),
        ("３", 1),
        ("", 1),
        (str(LAST_PAGE), LAST_PAGE),
        (str(LAST_PAGE + 1), 1),
        ("9" * 5000, 1),
    ],
)
def test_page_number(app, value, page):
    with app.test_request_context(f"/?page={value}"):
        assert page_number() == page


@pytest.mark.parametrize("value", ["²", "٣", "9" * 5000])
def test_lists_answer_the_first_page_for_odd_numbers(client, area, resident, value):
    assert client.get(f"/areas/boden/moderation-log?page={value}").status_code == 200
    assert client.get(f"/areas/boden/ideas?page={value}").status_code == 200
    sign_in_as(client, resident)
    assert client.get(f"/notifications?page={value}").status_code == 200
