import sqlalchemy as sa

from app.agreements import services
from app.demo.loader import seed_demo
from app.demo.rows.agreements import PROFILES
from app.extensions import db
from app.models import Area
from app.models.agreements import Agreement, Indicator, Measurement
from tests.conftest import count


def test_demo_agreements_in_every_area_with_measurements_and_a_short_one(app, client):
    seed_demo()
    agreements = db.session.scalars(sa.select(Agreement).options(*services._loaded())).all()
    areas = {area.id for area in db.session.scalars(sa.select(Area))}
    assert {a.area_id for a in agreements} == areas
    for agreement in agreements:
        assert len(agreement.parties) >= 3
        assert 2 <= len(agreement.indicators) <= 3
        for indicator in agreement.indicators:
            assert len(indicator.measurements) >= 2
            assert services.progress(indicator).percent is not None
    assert any(services.is_short(a) for a in agreements)
    short = next(a for a in agreements if services.is_short(a))
    page = client.get(f"/agreements/{short.id}").get_data(as_text=True)
    assert "shorter than five years" in page
    from app.models import Partner

    partners = db.session.scalars(sa.select(Partner)).all()
    assert all(p.offers and p.logo for p in partners if p.name in PROFILES)
    logos = {p.id: p.logo for p in partners}
    measured = count(Measurement)
    seed_demo()
    assert count(Agreement) == len(agreements) and count(Measurement) == measured
    assert count(Indicator) == sum(len(a.indicators) for a in agreements)
    assert {p.id: p.logo for p in db.session.scalars(sa.select(Partner))} == logos
