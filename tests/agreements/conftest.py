"""Fixtures shared by the tests of this domain."""

from datetime import date

import pytest

from app.agreements import services
from app.models import PartnerKind
from app.models.agreements import (
    AgreementStatus,
    Direction,
)
from tests.agreements.factories import START
from tests.partners.factories import make_partner


@pytest.fixture
def housing(area):
    return make_partner("Bostadsbolaget", PartnerKind.COMPANY, [area])


@pytest.fixture
def red_cross(area):
    return make_partner("Röda Korset", PartnerKind.NGO, [area])


@pytest.fixture
def outsider(area, other_area):
    return make_partner("Studieförbundet", PartnerKind.STUDY_ASSOCIATION, [area, other_area])


@pytest.fixture
def agreement(area, leader, housing, red_cross):
    agreement = services.save_agreement(
        None,
        area,
        leader,
        title="Trygghet i Boden",
        goal="Fler känner sig trygga.",
        strategy="Kvällsvandringar.",
        starts_on=START,
        ends_on=date(START.year + 6, 1, 1),
        status=AgreementStatus.ACTIVE,
        follow_up_days=90,
        parties=[
            services.Party(housing.id, "Belysning"),
            services.Party(red_cross.id, "Vandringar"),
        ],
    )
    services.save_indicator(
        None,
        agreement,
        leader,
        name="Andel trygga",
        unit="%",
        baseline_value=40,
        baseline_on=START,
        target_value=70,
        target_on=date(START.year + 5, 1, 1),
        direction=Direction.UP,
    )
    return agreement
