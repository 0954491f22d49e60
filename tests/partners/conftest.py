"""Fixtures shared by the tests of this domain."""

import pytest

from tests.partners.factories import make_idea, make_partner


@pytest.fixture
def partner(area):
    return make_partner(areas=[area])


@pytest.fixture
def idea(area, resident):
    return make_idea(area, resident)
