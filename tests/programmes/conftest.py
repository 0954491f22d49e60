"""Fixtures shared by the tests of this domain."""

import pytest

from tests.programmes.factories import make_programme


@pytest.fixture
def programme(area, leader):
    return make_programme(area, leader)
