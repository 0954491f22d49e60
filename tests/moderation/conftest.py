"""Fixtures shared by the tests of this domain."""

import pytest

from app.models import (
    Role,
)
from tests.conftest import give_role, make_person


@pytest.fixture
def author(area):
    person = make_person("Amina Author")
    give_role(person, area, Role.RESIDENT, verified=True)
    return person
