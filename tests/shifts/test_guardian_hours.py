"""The guardian's page writes the shift's hours the way the reader's language writes numbers."""

from datetime import time

import pytest

from app.shifts import guardians, services
from tests.shifts.factories import make_shift, make_workplace, youth


@pytest.mark.parametrize(
    ("lang", "end", "shown", "not_shown"),
    [
        ("en", time(12), "<dd>2</dd>", "2.0"),
        ("en", time(12, 30), "<dd>2.5</dd>", "2,5"),
        ("sv", time(12, 30), "<dd>2,5</dd>", "2.5"),
    ],
)
def test_hours_in_the_readers_number_format(client, area, lang, end, shown, not_shown):
    shift = make_shift(make_workplace(area), start=time(10), end=end)
    signup = services.sign_up(shift, youth(age=16))
    token = guardians.request_consent(signup, "guardian@test.example")
    client.set_cookie("lang", lang)
    page = client.get(f"/guardian/{token}").get_data(as_text=True)
    assert shown in page and f"<dd>{not_shown}</dd>" not in page
