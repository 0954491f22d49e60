"""Shared builders for the tests of this domain."""

from datetime import date

import sqlalchemy as sa

from app.extensions import db
from app.models.agreements import (
    Indicator,
)

TODAY = date.today()

START = date(TODAY.year - 2, 1, 1)


def indicator_of(agreement) -> Indicator:
    return db.session.scalar(sa.select(Indicator).where(Indicator.agreement_id == agreement.id))


AGREEMENT_FORM = {
    "title": "Jobbvägen",
    "goal": "Fler i arbete.",
    "strategy": "",
    "starts_on": START.isoformat(),
    "ends_on": date(START.year + 5, 6, 1).isoformat(),
    "status": "active",
    "follow_up_days": "90",
}
